"""The catalog rows a worker keeps for signed-in reads (backend/catalog/rows.py)."""

from __future__ import annotations

import asyncio

import httpx
from support import QueryCount

from backend.catalog.models import Matter
from backend.catalog.rows import CatalogRows

CODE = "330106-ZJ-006"


async def name(rows: CatalogRows) -> str | None:
    [matter] = await rows.matters([CODE])
    return matter.name_zh if matter else None


async def test_rows_are_kept_until_forgotten_and_an_absent_one_is_kept_as_absent(
    client: httpx.AsyncClient,
) -> None:
    rows = CatalogRows(ttl_seconds=600)
    first = await name(rows)
    [absent] = await rows.matters(["330106-NO-SUCH"])
    await Matter.filter(code=CODE).update(name_zh="改过的名字")
    kept = await name(rows)
    rows.forget()

    assert (first, absent, kept) == ("社会保障卡申领", None, "社会保障卡申领")
    assert await name(rows) == "改过的名字"


async def test_rows_expire_after_their_time(client: httpx.AsyncClient) -> None:
    rows = CatalogRows(ttl_seconds=0)
    await name(rows)
    await Matter.filter(code=CODE).update(name_zh="改过的名字")

    assert await name(rows) == "改过的名字"


async def test_rows_read_across_a_change_are_served_but_not_kept(client: httpx.AsyncClient) -> None:
    rows = CatalogRows(ttl_seconds=600)
    reading = asyncio.create_task(name(rows))
    await asyncio.sleep(0)  # the read has started and waits for the database
    rows.forget()  # the catalog changes meanwhile
    read = await reading
    await Matter.filter(code=CODE).update(name_zh="改过的名字")

    assert read == "社会保障卡申领"
    assert await name(rows) == "改过的名字"  # what the read found was not kept


async def test_one_batch_asks_only_for_the_rows_not_kept(client: httpx.AsyncClient) -> None:
    rows = CatalogRows(ttl_seconds=600)
    await rows.matters([CODE, "330106-ZJ-001"])
    with QueryCount() as q:
        again = await rows.matters(["330106-ZJ-001", CODE, "330106-ZJ-002", CODE])

    assert [m.code if m else None for m in again] == [
        "330106-ZJ-001",
        CODE,
        "330106-ZJ-002",
        CODE,
    ]
    assert q.count == 1
