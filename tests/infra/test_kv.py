"""Rate-limit counters: the in-process one, and Redis shared between workers."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from support import REDIS_URL

from backend.infra import kv

KINDS = ["local"] + (["redis"] if REDIS_URL else [])


@pytest.fixture(params=KINDS)
async def store(request: pytest.FixtureRequest) -> AsyncIterator[kv.KeyValue]:
    s = await kv.connect(REDIS_URL if request.param == "redis" else None)
    yield s
    await s.close()


async def test_window_counts_each_hit(store: kv.KeyValue) -> None:
    key = f"test:{uuid.uuid4()}"
    assert [await store.incr_window(key, 60) for _ in range(3)] == [1, 2, 3]


async def test_keys_count_separately(store: kv.KeyValue) -> None:
    a, b = f"test:{uuid.uuid4()}", f"test:{uuid.uuid4()}"
    await store.incr_window(a, 60)
    assert await store.incr_window(b, 60) == 1


@pytest.mark.skipif(not REDIS_URL, reason="needs REDIS_URL (CI always sets it)")
async def test_two_workers_share_one_redis_counter() -> None:
    key = f"test:{uuid.uuid4()}"
    one, two = await kv.connect(REDIS_URL), await kv.connect(REDIS_URL)
    try:
        await one.incr_window(key, 60)
        assert await two.incr_window(key, 60) == 2
        assert 0 < await one.redis.ttl(key) <= 60  # type: ignore[attr-defined]  # the window ends
    finally:
        await one.close()
        await two.close()


async def test_an_unreachable_redis_at_start_up_leaves_the_worker_on_its_own() -> None:
    store = await kv.connect("redis://127.0.0.1:1/0")  # nothing listens there
    try:
        counts = [await store.incr_window("k", 60) for _ in range(2)]
        await store.set("v", b"kept here", 60)
        value = await store.get("v")
    finally:
        await store.close()

    assert counts == [1, 2] and value == b"kept here"


async def test_cached_values_are_read_back_until_deleted(store: kv.KeyValue) -> None:
    key = f"test:{uuid.uuid4()}"
    assert await store.get(key) is None
    await store.set(key, b"\x00value", 60)
    assert await store.get(key) == b"\x00value"
    await store.delete(key)
    assert await store.get(key) is None


async def test_cached_values_expire(store: kv.KeyValue) -> None:
    key = f"test:{uuid.uuid4()}"
    await store.set(key, b"v", 0 if isinstance(store, kv.LocalKeyValue) else 1)
    if isinstance(store, kv.RedisKeyValue):
        await store.redis.pexpire(key, 1)  # expire now rather than wait for a clock
        while await store.redis.exists(key):
            pass
    assert await store.get(key) is None


async def test_a_window_starts_with_its_first_hit_and_then_ends(store: kv.KeyValue) -> None:
    key = f"test:{uuid.uuid4()}"
    assert [await store.incr_window(key, 1) for _ in range(2)] == [1, 2]
    await asyncio.sleep(1.2)  # the window of the first hit is over, whatever the clock's minute
    assert await store.incr_window(key, 1) == 1


@pytest.mark.skipif(not REDIS_URL, reason="needs REDIS_URL (CI always sets it)")
async def test_a_redis_counter_expires_when_its_first_hits_come_together() -> None:
    key = f"test:{uuid.uuid4()}"
    store = await kv.connect(REDIS_URL)
    try:
        assert await store.incr_window(key, 60, hits=5) == 5  # the first hit is not 1
        assert 0 < await store.redis.ttl(key) <= 60  # type: ignore[attr-defined]
    finally:
        await store.close()
