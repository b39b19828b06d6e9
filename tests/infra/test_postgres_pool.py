"""The PostgreSQL pool serves waiting requests in order (backend/infra/postgres.py): a request
that arrives while another waits for a connection does not take the next one freed."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from support import BACKENDS, POSTGRES_URL

from backend.infra.postgres import FairPool

pytestmark = pytest.mark.skipif(
    "postgres" not in BACKENDS, reason="needs DATABASE_URL with PostgreSQL (CI always sets it)"
)


async def order_served(pool: Any, plain: Any) -> list[str]:
    """One connection: a request waits for it; another comes in the very turn it is freed."""
    served: list[str] = []
    held = await pool.acquire()

    async def take(name: str) -> None:
        connection = await pool.acquire()
        served.append(name)
        await pool.release(connection)

    async def arrive_as_it_is_freed() -> None:
        while plain.get_idle_size() == 0:  # a turn of the loop each time, ahead of the waiter's
            await asyncio.sleep(0)
        await take("arrived after")

    waiting = asyncio.create_task(take("waited"))
    await asyncio.sleep(0.05)  # it is queued for the connection
    arriving = asyncio.create_task(arrive_as_it_is_freed())
    await pool.release(held)
    await asyncio.gather(waiting, arriving)
    return served


async def test_a_waiting_request_is_served_before_one_that_arrives_later() -> None:
    import asyncpg  # type: ignore[import-untyped]

    plain = await asyncpg.create_pool(POSTGRES_URL, min_size=1, max_size=1)
    try:
        unfair = await order_served(plain, plain)
        fair = await order_served(FairPool(plain, 1), plain)
    finally:
        await plain.close()

    assert unfair == ["arrived after", "waited"]  # asyncpg's own pool lets the newcomer barge in
    assert fair == ["waited", "arrived after"]
