"""The rate limit shared between workers (backend/infra/middleware.py RateLimit): exact for one
worker, a round trip to the shared count only now and then far from the limit, and several
workers together over the limit by at most a batch each."""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from typing import Any, TypeVar

import pytest
from starlette.types import Receive, Scope, Send
from support import REDIS_URL

from backend.infra import kv
from backend.infra.middleware import RateLimit

T = TypeVar("T")
KINDS = ["local"] + (["redis"] if REDIS_URL else [])


async def ok(scope: Scope, receive: Receive, send: Send) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"{}"})


async def hit(limit: RateLimit, client: str, path: str = "/graphql") -> int:
    statuses: list[int] = []

    async def send(message: MutableMapping[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    scope = {
        "type": "http",
        "client": (client, 5000),
        "method": "POST",
        "headers": [],
        "path": path,
    }
    await limit(scope, receive, send)
    return statuses[0]


async def in_one_window(run: Callable[[], Awaitable[T]]) -> T:
    """A run that straddles a minute boundary (the counts start again) is repeated once."""
    window = int(time.time() // 60)
    result = await run()
    return result if int(time.time() // 60) == window else await run()


def limiter(store: kv.KeyValue, per_minute: int, prefix: str | None = None) -> RateLimit:
    prefix = prefix or f"test-{uuid.uuid4()}"
    return RateLimit(ok, kv=lambda: store, per_minute=per_minute, prefix=prefix)


@pytest.fixture(params=KINDS)
async def store(request: pytest.FixtureRequest) -> AsyncIterator[kv.KeyValue]:
    s = await kv.connect(REDIS_URL if request.param == "redis" else None)
    yield s
    await s.close()


async def test_one_worker_admits_exactly_the_limit(store: kv.KeyValue) -> None:
    async def run() -> list[int]:
        limit = limiter(store, per_minute=100)
        return [await hit(limit, "10.0.0.1") for _ in range(120)]

    assert await in_one_window(run) == [200] * 100 + [429] * 20


async def test_a_load_balancers_probes_are_never_limited(store: kv.KeyValue) -> None:
    async def run() -> list[int]:
        limit = limiter(store, per_minute=10)
        return [await hit(limit, "10.0.0.9", path) for path in ["/healthz", "/readyz"] * 30]

    assert await in_one_window(run) == [200] * 60


async def test_far_from_the_limit_hits_are_shared_in_batches(store: kv.KeyValue) -> None:
    async def run() -> tuple[int, int]:
        limit = limiter(store, per_minute=1000)  # a batch is 50 hits
        for _ in range(30):
            await hit(limit, "10.0.0.2")
        shared = f"{limit.prefix}:rate:10.0.0.2:{limit.window}"
        after_30 = await store.incr_window(shared, 60, 0)
        for _ in range(30):
            await hit(limit, "10.0.0.2")
        return after_30, await store.incr_window(shared, 60, 0)

    assert await in_one_window(run) == (1, 51)  # the first hit, then a batch of 50


async def test_workers_sharing_a_count_exceed_the_limit_by_at_most_a_batch_each() -> None:
    if not REDIS_URL:
        pytest.skip("needs REDIS_URL: workers share the count through Redis (CI sets it)")
    one, two = await kv.connect(REDIS_URL), await kv.connect(REDIS_URL)

    async def run() -> list[int]:
        prefix = f"test-{uuid.uuid4()}"
        workers = [limiter(one, 100, prefix), limiter(two, 100, prefix)]
        return [await hit(workers[n % 2], "10.0.0.3") for n in range(300)]

    try:
        codes = await in_one_window(run)
    finally:
        await one.close()
        await two.close()

    assert 100 <= codes.count(200) <= 110  # a batch is 5 hits
