"""Accepted applications delivered to the department's own system: once, signed, retried with
backoff while it is down or answers wrongly, given up after its attempts (counted, redelivered
by an operator), and claimed by one of two dispatchers, or by another after a lease ran out."""

from __future__ import annotations

import asyncio
import datetime as dt

import httpx
from handing import (
    POLICE,
    accepted_id_card,
    declared,
    deliverer,
    handed_over,
    received,
    reviewed_in_own_system,
)
from support import ID_CARD_ANSWERS, Registry, free_port

from backend.backoffice.models import ReviewTask
from backend.exchange import service as exchange
from backend.exchange.models import Delivery
from backend.infra import metrics
from backend.settings import Settings


async def pass_backoff(d: exchange.Deliverer) -> None:
    """Wait out the deliveries' next attempt (backoff_max at most)."""
    await asyncio.sleep(d.backoff_max + 0.05)


async def test_an_accepted_application_is_delivered_once_with_a_valid_signature(
    client: httpx.AsyncClient, settings: Settings, registry: Registry
) -> None:
    _, app, task_id, key_id = await handed_over(client, registry)
    task = await ReviewTask.get(id=task_id)
    assert task.with_system and task.department_code == POLICE
    async with httpx.AsyncClient() as http:
        d = deliverer(settings, http)
        first, again = await d.deliver_due(), await d.deliver_due()

    delivery = await Delivery.get(task_id=task_id)
    [kept] = await received(registry.url, key_id)  # the stand-in checked the signature
    assert (first, again) == (1, 0)
    assert delivery.status == "delivered" and delivery.attempts == 1
    assert delivery.acknowledged_id == kept["ack_id"] and kept["posts"] == 1
    assert kept["idempotency_key"] == str(delivery.id)
    body = kept["body"]
    assert body["task_id"] == task_id and body["application"]["id"] == app
    assert body["answers"]["applicant_mobile"] == ID_CARD_ANSWERS["applicant_mobile"]
    assert body["applicant"]["name"] == "陈浩然" and "mobile" not in body["applicant"]


async def test_a_workbench_matter_hands_nothing_over(
    client: httpx.AsyncClient, registry: Registry
) -> None:
    _, _, task_id = await accepted_id_card(client)

    assert not (await ReviewTask.get(id=task_id)).with_system
    assert not await Delivery.exists(task_id=task_id)


async def test_a_system_down_is_retried_with_backoff_and_nothing_is_lost(
    client: httpx.AsyncClient, settings: Settings, registry: Registry
) -> None:
    _, _, task_id, key_id = await handed_over(client, registry)
    registry.set(fail="error", sources=["department"])
    async with httpx.AsyncClient() as http:
        d = deliverer(settings, http, max_attempts=10)
        assert await d.deliver_due() == 0
        failed = await Delivery.get(task_id=task_id)
        assert await d.deliver_due() == 0  # not before its next attempt is due
        await pass_backoff(d)
        assert await d.deliver_due() == 0
        registry.set(fail="none")
        await pass_backoff(d)
        assert await d.deliver_due() == 1

    delivered = await Delivery.get(task_id=task_id)
    assert failed.status == "pending" and failed.attempts == 1
    assert failed.last_error == "HTTP 500" and failed.next_attempt_at is not None
    assert failed.next_attempt_at > failed.created_at
    assert delivered.status == "delivered" and delivered.attempts == 3
    assert [k["posts"] for k in await received(registry.url, key_id)] == [1]


async def test_a_connection_refused_is_retried_until_the_system_answers(
    client: httpx.AsyncClient, settings: Settings, registry: Registry
) -> None:
    key_id = await reviewed_in_own_system()
    await declared(f"http://127.0.0.1:{free_port()}/inbox", key_id)  # nothing listens there
    _, _, task_id = await accepted_id_card(client)
    async with httpx.AsyncClient() as http:
        d = deliverer(settings, http)
        refused = await d.deliver_due()
        error = (await Delivery.get(task_id=task_id)).last_error
        await declared(f"{registry.url}/department/inbox", key_id)  # the operator fixes it
        await pass_backoff(d)
        delivered = await d.deliver_due()

    assert (refused, delivered) == (0, 1)
    assert error and error.startswith("ConnectError")


async def test_a_wrong_answer_is_a_failure_and_is_retried(
    client: httpx.AsyncClient, settings: Settings, registry: Registry
) -> None:
    _, _, task_id, _ = await handed_over(client, registry)
    registry.set(fail="garbage", sources=["department"])
    async with httpx.AsyncClient() as http:
        d = deliverer(settings, http)
        wrong = await d.deliver_due()
        error = (await Delivery.get(task_id=task_id)).last_error
        registry.set(fail="none")
        await pass_backoff(d)
        right = await d.deliver_due()

    assert (wrong, right) == (0, 1)
    assert error == "wrong answer: not JSON"


async def test_a_slow_system_is_cut_at_the_timeout_and_retried(
    client: httpx.AsyncClient, settings: Settings, registry: Registry
) -> None:
    _, _, task_id, _ = await handed_over(client, registry)
    registry.set(delay_ms=3000, sources=["department"])
    async with httpx.AsyncClient() as http:
        d = deliverer(settings, http, timeout_seconds=0.3)
        slow = await d.deliver_due()
        error = (await Delivery.get(task_id=task_id)).last_error
        registry.set(delay_ms=0)
        await pass_backoff(d)
        answered = await d.deliver_due()

    assert (slow, answered) == (0, 1)
    assert error == "TimeoutError"


async def test_a_delivery_is_given_up_after_its_attempts_counted_and_redelivered(
    client: httpx.AsyncClient, settings: Settings, registry: Registry
) -> None:
    _, _, task_id, _ = await handed_over(client, registry)
    registry.set(fail="error", sources=["department"])
    dead_before = metrics.DELIVERY_DEAD._value.get()
    async with httpx.AsyncClient() as http:
        d = deliverer(settings, http, max_attempts=2)
        for _ in range(2):
            await d.deliver_due()
            await pass_backoff(d)
        dead = await Delivery.get(task_id=task_id)
        backlog = await exchange.backlog()
        scraped = (await client.get("/metrics")).text  # where the operator's alert reads it
        registry.set(fail="none")
        still_dead = await d.deliver_due()
        again = await exchange.redeliver(dead.id)
        delivered = await d.deliver_due()

    assert dead.status == "dead" and dead.attempts == 2
    assert metrics.DELIVERY_DEAD._value.get() == dead_before + 1
    assert (backlog.dead, backlog.pending) == (1, 0)
    assert 'zerorun_exchange_backlog{side="dead"} 1.0' in scraped
    assert (still_dead, again, delivered) == (0, True, 1)
    assert not await exchange.redeliver(dead.id)  # delivered now: nothing dead to redeliver


async def test_two_dispatchers_on_one_database_deliver_once(
    client: httpx.AsyncClient, settings: Settings, registry: Registry
) -> None:
    key_id = await reviewed_in_own_system()
    await declared(f"{registry.url}/department/inbox", key_id)
    await accepted_id_card(client)
    async with httpx.AsyncClient() as http:
        one, two = deliverer(settings, http), deliverer(settings, http)
        counts = await asyncio.gather(one.deliver_due(), two.deliver_due())

    assert sorted(counts) == [0, 1]
    assert [k["posts"] for k in await received(registry.url, key_id)] == [1]


async def test_a_claim_of_a_dispatcher_that_died_is_delivered_by_another_after_the_lease(
    client: httpx.AsyncClient, settings: Settings, registry: Registry
) -> None:
    _, _, task_id, _ = await handed_over(client, registry)
    # A worker claimed it and died before delivering: its claim holds until the lease ends.
    lease = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=0.5)
    await Delivery.filter(task_id=task_id).update(claim="dead-worker", lease_until=lease)
    async with httpx.AsyncClient() as http:
        other = deliverer(settings, http)
        during = await other.deliver_due()
        await asyncio.sleep(0.6)
        after = await other.deliver_due()

    assert (during, after) == (0, 1)
    assert (await Delivery.get(task_id=task_id)).claim == other.worker
