"""A worker with Redis shuts down every time: redis-py can swallow the cancellation of the
catalog follower while it subscribes, and the lifespan then waited for it forever (about one
shutdown in four hung until the test timed out)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from private_redis import PrivateRedis
from support import app_client

from backend.settings import Settings


@pytest.mark.timeout(120)
async def test_a_worker_with_redis_starts_and_stops_twenty_times_in_a_row(
    settings: Settings, private_redis: PrivateRedis
) -> None:
    with_redis = replace(settings, redis_url=private_redis.url)
    for _ in range(20):
        async with app_client(with_redis) as client:
            assert (await client.get("/healthz")).status_code == 200
