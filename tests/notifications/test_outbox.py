"""The outbox: each step is published once, in order, and its notice retried until the gateway
takes it, once, whichever of several dispatchers claims it."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import Counter

import httpx
import orjson
from notices_support import (
    APPLICATION,
    TOKEN,
    CountingGateway,
    a_citizen,
    add_notices,
    free_port,
    serving,
)

from backend.infra.bus import LocalBus
from backend.notifications.models import Outbox
from backend.notifications.service import (
    Dispatcher,
    Gateway,
    LoggingNotifier,
    MiniProgramNotifier,
    SmsNotifier,
    channel,
    now,
)

OTHER_APPLICATION = "0190a8f2-0000-7000-8000-000000000002"


async def wait_until_due(entry_id: int) -> None:
    """Until the entry's backoff has run out, as the database says."""
    entry = await Outbox.get(id=entry_id)
    assert entry.next_attempt_at is not None
    await asyncio.sleep(max(0.0, (entry.next_attempt_at - now()).total_seconds()))


async def test_each_entry_is_published_once_and_a_subscription_message_sent_after_retries(
    connected: None,
) -> None:
    gateway = CountingGateway(failures=2)
    [entry_id] = await add_notices(await a_citizen(), 1)
    bus = LocalBus()
    with serving(gateway, free_port()) as url:
        async with httpx.AsyncClient() as http:
            notifier = MiniProgramNotifier(Gateway(url, TOKEN, http))
            dispatcher = Dispatcher(bus, notifier, "test")
            async with bus.subscribe(channel("test", APPLICATION)) as messages:
                assert await dispatcher.publish_pending() == 1
                assert await dispatcher.publish_pending() == 0  # never twice
                assert orjson.loads(await anext(messages))["zh"] == "通知 0"
            sent = []
            for _ in range(3):  # the gateway fails twice; each retry is due at once for the test
                await Outbox.filter(id=entry_id).update(next_attempt_at=None)
                sent.append(await dispatcher.notify_due())

    entry = await Outbox.get(id=entry_id)
    assert sent == [0, 0, 1]
    assert (entry.attempts, entry.notified_at is not None) == (3, True)
    [(key, message)] = gateway.accepted
    assert key == f"test:outbox:{entry_id}"
    assert (message["touser"], message["data"]) == (
        "development:demo-1",
        {"thing1": {"value": "通知 0"}, "phrase2": {"value": "accepted"}},
    )


async def test_an_sms_goes_to_the_verified_mobile_number(connected: None) -> None:
    gateway = CountingGateway()
    await add_notices(await a_citizen(), 1)
    with serving(gateway, free_port()) as url:
        async with httpx.AsyncClient() as http:
            dispatcher = Dispatcher(LocalBus(), SmsNotifier(Gateway(url, TOKEN, http)), "test")
            assert await dispatcher.notify_due() == 1
    assert [body for _, body in gateway.accepted] == [
        {"phone": "13805710001", "sign": "浙里办", "content": "通知 0"}
    ]


async def test_two_dispatchers_claiming_at_the_same_time_send_each_notice_once(
    connected: None,
) -> None:
    gateway = CountingGateway()
    ids = await add_notices(await a_citizen(), 60)
    with serving(gateway, free_port()) as url:
        async with httpx.AsyncClient() as http:
            notifier = SmsNotifier(Gateway(url, TOKEN, http))
            first, second = (Dispatcher(LocalBus(), notifier, "test") for _ in "ab")
            await first.publish_pending()
            for _ in range(10):  # each round sends up to two batches
                await asyncio.gather(first.notify_due(), second.notify_due())

    assert gateway.contents() == Counter({f"通知 {n}": 1 for n in range(60)})
    assert sorted(key or "" for key, _ in gateway.accepted) == sorted(
        f"test:outbox:{i}" for i in ids
    )


async def test_a_gateway_that_is_down_then_failing_then_back_gets_the_notice_once_after_backoff(
    connected: None,
) -> None:
    port = free_port()  # nothing listens there yet: the gateway is down
    gateway = CountingGateway(failures=1)
    [entry_id] = await add_notices(await a_citizen(), 1)
    async with httpx.AsyncClient() as http:
        url = f"http://127.0.0.1:{port}/notify"
        dispatcher = Dispatcher(LocalBus(), SmsNotifier(Gateway(url, TOKEN, http)), "test")
        before = now()
        assert await dispatcher.notify_due() == 0
        down = await Outbox.get(id=entry_id)
        assert (down.attempts, down.notified_at, down.notify_lease_until) == (1, None, None)
        assert down.next_attempt_at and down.next_attempt_at > before  # backing off

        with serving(gateway, port):
            await wait_until_due(entry_id)
            assert await dispatcher.notify_due() == 0  # answered 503
            await wait_until_due(entry_id)
            assert await dispatcher.notify_due() == 1
            assert await dispatcher.notify_due() == 0

    entry = await Outbox.get(id=entry_id)
    assert (entry.attempts, gateway.refused, gateway.contents()) == (3, 1, {"通知 0": 1})


async def test_a_dispatcher_that_stops_leaves_its_claimed_notices_to_the_others_at_once(
    connected: None,
) -> None:
    ids = await add_notices(await a_citizen(), 3)
    stopping = Dispatcher(LocalBus(), LoggingNotifier(), "test")
    stopping.stopping.set()
    assert await stopping.notify_due() == 0
    assert {e.notify_lease_until for e in await Outbox.filter(id__in=ids)} == {None}
    assert await Dispatcher(LocalBus(), LoggingNotifier(), "test").notify_due() == 3


async def test_a_step_claimed_by_a_worker_that_died_is_published_by_another_after_its_lease(
    connected: None,
) -> None:
    [entry_id] = await add_notices(await a_citizen(), 1)
    # what a worker that claimed the entry and died before publishing it leaves behind
    await Outbox.filter(id=entry_id).update(
        publish_claim="gone:4242:abcdef", publish_lease_until=now() + dt.timedelta(hours=1)
    )
    bus = LocalBus()
    dispatcher = Dispatcher(bus, LoggingNotifier(), "test")
    async with bus.subscribe(channel("test", APPLICATION)) as messages:
        assert await dispatcher.publish_pending() == 0  # the claim holds
        await Outbox.filter(id=entry_id).update(publish_lease_until=now() - dt.timedelta(seconds=1))
        assert await dispatcher.publish_pending() == 1
        assert orjson.loads(await anext(messages))["zh"] == "通知 0"

    entry = await Outbox.get(id=entry_id)
    assert entry.published_at and entry.publish_claim == dispatcher.worker


async def test_an_application_steps_wait_for_an_earlier_one_another_worker_holds_then_go_in_order(
    connected: None,
) -> None:
    citizen = await a_citizen()
    [held, later] = await add_notices(citizen, 2)
    [other] = await add_notices(citizen, 1, OTHER_APPLICATION)
    await Outbox.filter(id=held).update(
        publish_claim="busy:4242:abcdef", publish_lease_until=now() + dt.timedelta(hours=1)
    )
    bus = LocalBus()
    dispatcher = Dispatcher(bus, LoggingNotifier(), "test")
    async with (
        bus.subscribe(channel("test", APPLICATION)) as messages,
        bus.subscribe(channel("test", OTHER_APPLICATION)) as other_messages,
    ):
        assert await dispatcher.publish_pending() == 1  # the other application's step only
        assert orjson.loads(await anext(other_messages))["zh"] == "通知 0"
        assert (await Outbox.get(id=later)).published_at is None

        await Outbox.filter(id=held).update(publish_lease_until=now() - dt.timedelta(seconds=1))
        assert await dispatcher.publish_pending() == 2
        steps = [orjson.loads(await anext(messages))["zh"] for _ in range(2)]
    assert steps == ["通知 0", "通知 1"]
    assert other and {e.published_at is not None for e in await Outbox.all()} == {True}
