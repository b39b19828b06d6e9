"""Redis is optional in truth: with the test's own redis-server killed, the real app answers
without a 5xx (the rate limit, caches and events fall back to the worker's own), says so once
and on /readyz; when Redis is back, every worker resubscribes and hears catalog changes again."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack
from dataclasses import replace
from types import SimpleNamespace

import httpx
import orjson
import pytest
from private_redis import PrivateRedis
from support import admin_sql, app_client, gql, sign_in

from backend.api.applications.subscriptions import steps
from backend.api.catalog_changes import channel as catalog_channel
from backend.api.services import Services
from backend.applications import service as applications
from backend.applications.models import Application
from backend.catalog import service as catalog
from backend.infra import kv
from backend.infra.bus import connect as connect_bus
from backend.notifications.models import Outbox
from backend.notifications.service import channel as application_channel
from backend.settings import Settings

MATTER = "query($c: String!) { matter(code: $c) { code } }"
START = 'mutation { startApplication(matterCode: "330106-ZJ-002") { ... on Application { id } } }'
HOUSE = "330106-ZJ-002"
SECONDS = 20.0  # "within seconds": the backoff reaches 5 s; a loaded CI machine is slower


async def eventually(condition: Callable[[], object], what: str) -> None:
    """Wait for `condition()` to hold, looking again every 50 ms; fail after SECONDS."""
    deadline = time.monotonic() + SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"not within {SECONDS} s: {what}"
        await asyncio.sleep(0.05)


async def subscribers(redis: PrivateRedis, name: str) -> int:
    with redis.client() as c:
        [(_, count)] = c.pubsub_numsub(name)
    return int(count)


async def wait_for_subscribers(redis: PrivateRedis, name: str, count: int) -> None:
    deadline = time.monotonic() + SECONDS
    while await subscribers(redis, name) != count:
        assert time.monotonic() < deadline, f"{count} subscribers to {name} not within {SECONDS} s"
        await asyncio.sleep(0.05)


@pytest.fixture
def on_redis(settings: Settings, private_redis: PrivateRedis) -> Settings:
    """The settings, on the test's own redis-server."""
    return replace(settings, redis_url=private_redis.url)


def redis_log(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    return [
        r.getMessage() for r in caplog.records if r.name == "zerorun.redis" and r.levelno == level
    ]


async def test_reads_with_redis_killed_answer_without_a_5xx_and_say_so_once(
    on_redis: Settings, private_redis: PrivateRedis, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="zerorun.redis")
    # A limit low enough that every request adds its hit to the count in Redis (a batch is one).
    async with app_client(replace(on_redis, rate_limit_per_minute=20)) as client:
        private_redis.kill()
        statuses = [
            (
                await client.post("/graphql", json={"query": MATTER, "variables": {"c": HOUSE}})
            ).status_code
            for _ in range(12)
        ]
        health = await client.get("/healthz")
        ready = await client.get("/readyz")

    assert statuses == [200] * 12
    assert health.status_code == 200
    assert (ready.status_code, ready.json()) == (200, {"database": "ok", "redis": "degraded"})
    assert len(redis_log(caplog, logging.WARNING)) == 1  # once, not a line per request


async def test_readyz_says_ok_with_redis_and_off_without_it(
    on_redis: Settings, settings: Settings
) -> None:
    async with app_client(on_redis) as client:
        with_redis = (await client.get("/readyz")).json()
    async with app_client(replace(settings, redis_url=None)) as client:
        without = (await client.get("/readyz")).json()

    assert with_redis == {"database": "ok", "redis": "ok"}
    assert without == {"database": "ok", "redis": "off"}


async def test_a_worker_started_while_redis_is_down_serves_and_joins_when_it_is_back(
    on_redis: Settings, private_redis: PrivateRedis, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="zerorun.redis")
    private_redis.kill()
    async with app_client(on_redis) as client:
        alone = await client.post("/graphql", json={"query": MATTER, "variables": {"c": HOUSE}})
        ready_alone = (await client.get("/readyz")).json()
        private_redis.start()
        name = catalog_channel(on_redis.cache_prefix)
        await wait_for_subscribers(private_redis, name, 1)  # the catalog follower is back
        ready_back = (await client.get("/readyz")).json()

    assert alone.status_code == 200 and alone.json()["data"]["matter"] == {"code": HOUSE}
    assert ready_alone["redis"] == "degraded" and ready_back["redis"] == "ok"
    assert len(redis_log(caplog, logging.WARNING)) == 1
    assert len(redis_log(caplog, logging.INFO)) == 1


async def test_after_redis_is_back_a_catalog_change_on_one_worker_is_seen_on_the_other(
    on_redis: Settings, private_redis: PrivateRedis
) -> None:
    name = catalog_channel(on_redis.cache_prefix)
    async with AsyncExitStack() as stack:
        one = app_client(on_redis)
        a = await stack.enter_async_context(one)
        other = app_client(on_redis)
        b = await stack.enter_async_context(other)
        await wait_for_subscribers(private_redis, name, 2)
        private_redis.kill()
        await gql(a, MATTER, {"c": HOUSE})  # served through the outage
        private_redis.start()
        await wait_for_subscribers(private_redis, name, 2)  # both followers subscribed again
        before = (await gql(b, MATTER, {"c": HOUSE}))["data"]["matter"]  # B keeps this answer

        await catalog.retire(HOUSE)  # as the staff retirement does on worker A
        await services_of(one).catalog_changed()

        seen: list[object] = []

        async def b_sees_it_retired() -> None:
            deadline = time.monotonic() + SECONDS
            while (await gql(b, MATTER, {"c": HOUSE}))["data"]["matter"] is not None:
                assert time.monotonic() < deadline, "worker B still shows the retired matter"
                await asyncio.sleep(0.05)
            seen.append(True)

        await b_sees_it_retired()

    assert before == {"code": HOUSE} and seen == [True]


def services_of(client: app_client) -> Services:
    services: Services = client.app.state.services
    return services


async def a_started_application(client: httpx.AsyncClient) -> Application:
    token = await sign_in(client, "demo-1")
    started = await gql(client, START, token=token)
    return await Application.get(id=started["data"]["startApplication"]["id"])


async def test_a_subscription_keeps_hearing_this_workers_events_while_redis_is_down(
    on_redis: Settings, private_redis: PrivateRedis
) -> None:
    one = app_client(on_redis)
    async with one as client:
        app = await a_started_application(client)
        bus = services_of(one).bus
        async with bus.subscribe(application_channel(on_redis.cache_prefix, str(app.id))) as steps:
            private_redis.kill()
            await applications.add_event(app, "noted", "已记录", "Noted")  # the outbox publishes it
            kinds = []
            while "noted" not in kinds:  # the start's own step may come first
                kinds.append(orjson.loads(await asyncio.wait_for(anext(steps), SECONDS))["kind"])

    assert kinds[-1] == "noted"


async def test_a_subscriber_on_another_worker_gets_the_steps_it_missed_while_redis_was_lost(
    on_redis: Settings, private_redis: PrivateRedis
) -> None:
    one = app_client(on_redis)
    async with one as client:
        app = await a_started_application(client)
        name = application_channel(on_redis.cache_prefix, str(app.id))
        other = await connect_bus(private_redis.url)  # worker B: no dispatcher, its own Redis link
        stream = steps(SimpleNamespace(bus=other, settings=on_redis), app.id)
        try:
            first = asyncio.ensure_future(anext(stream))
            await wait_for_subscribers(private_redis, name, 1)
            private_redis.kill()
            await applications.add_event(app, "noted", "已记录", "Noted")
            deadline = time.monotonic() + SECONDS
            while not await Outbox.filter(kind="noted", published_at__isnull=False).exists():
                assert time.monotonic() < deadline, "worker A did not publish the step"
                await asyncio.sleep(0.05)
            assert not first.done()  # B did not hear it: Redis was down
            private_redis.start()

            step = await asyncio.wait_for(first, SECONDS)  # read from the outbox after the gap
        finally:
            await stream.aclose()
            await other.close()

    assert step["kind"] == "noted"


async def test_a_worker_hears_its_own_message_once_and_another_hears_it_through_redis(
    private_redis: PrivateRedis,
) -> None:
    one, two = await connect_bus(private_redis.url), await connect_bus(private_redis.url)
    try:
        async with one.subscribe("ch") as mine, two.subscribe("ch") as theirs:
            await wait_for_subscribers(private_redis, "ch", 2)
            await one.publish("ch", b"first")
            await one.publish("ch", b"second")
            heard_here = [await asyncio.wait_for(anext(mine), SECONDS) for _ in range(2)]
            heard_there = [await asyncio.wait_for(anext(theirs), SECONDS) for _ in range(2)]
            await one.publish("ch", b"third")
            assert await asyncio.wait_for(anext(mine), SECONDS) == b"third"  # not "first" again
    finally:
        await one.close()
        await two.close()

    assert heard_here == heard_there == [b"first", b"second"]


async def test_a_key_deleted_while_redis_was_lost_is_deleted_there_once_it_is_back(
    private_redis: PrivateRedis,
) -> None:
    store = await kv.connect(private_redis.url)
    assert isinstance(store, kv.RedisKeyValue)
    try:
        await store.set("consented-data", b"kept", 60)
        with private_redis.client() as c:
            c.save()  # Redis comes back from this snapshot, the key in it
        private_redis.kill()
        await store.delete("consented-data")  # a consent revoked during the outage
        private_redis.start()
        await eventually(store.link.usable, "the link to see Redis again")
        after = await store.get("consented-data")
    finally:
        await store.close()

    assert after is None


@pytest.fixture
async def two_stores(private_redis: PrivateRedis) -> AsyncIterator[tuple[kv.KeyValue, kv.KeyValue]]:
    one, two = await kv.connect(private_redis.url), await kv.connect(private_redis.url)
    yield one, two
    await one.close()
    await two.close()


async def test_counts_fall_back_to_the_worker_and_are_shared_again_when_redis_is_back(
    private_redis: PrivateRedis, two_stores: tuple[kv.KeyValue, kv.KeyValue]
) -> None:
    one, two = two_stores
    await one.incr_window("k", 60)
    private_redis.kill()
    alone = [await one.incr_window("k", 60) for _ in range(3)]
    private_redis.start()
    assert isinstance(one, kv.RedisKeyValue)
    await eventually(one.link.usable, "the link to see Redis again")
    shared = [await one.incr_window("k", 60), await two.incr_window("k", 60)]

    assert alone == [1, 2, 3]  # this worker's own count (the server's was lost with it)
    assert shared == [1, 2]


async def test_readyz_answers_503_when_the_database_does_not_answer(
    settings: Settings, database_url: str
) -> None:
    if not database_url.startswith("postgres"):
        pytest.skip("SQLite is a file in the process: it cannot stop answering SELECT 1")
    name = database_url.rsplit("/", 1)[1]
    async with app_client(settings) as client:
        before = await client.get("/readyz")
        await admin_sql(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        await admin_sql(
            f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
        )
        try:
            refused = await client.get("/readyz")
            alive = await client.get("/healthz")
        finally:
            await admin_sql(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')

    assert before.status_code == 200
    assert (refused.status_code, refused.json()["database"]) == (503, "failed")
    assert alive.status_code == 200  # liveness does not ask the database
