"""Keyword search is answered from the gram index on both databases, not by scanning matters."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from tortoise import Tortoise
from tortoise.transactions import in_transaction

from backend import db
from backend.catalog import service
from backend.settings import Settings


@pytest.fixture
async def connected(settings: Settings) -> AsyncIterator[str]:
    await db.init(settings)
    yield settings.database_url.split(":", 1)[0]
    await db.close()


async def test_keyword_search_uses_the_gram_index(connected: str) -> None:
    qs = service.matters_query(service.MatterFilter(region="330106", keyword="二手房"))
    qs.sql()  # builds the query; Tortoise's explain() cannot inline the subqueries' parameters
    sql, params = qs.query.get_parameterized_sql()
    conn = Tortoise.get_connection(connected)
    if connected == "sqlite":
        _, rows = await conn.execute_query(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " | ".join(str(r["detail"]) for r in rows)
        assert "matter_gram USING COVERING INDEX" in plan, plan
    else:
        async with in_transaction(connected) as tx:  # one connection for the SET and the EXPLAIN
            await tx.execute_script(
                "SET LOCAL enable_seqscan = off"
            )  # tiny tables: can an index serve?
            _, rows = await tx.execute_query(f"EXPLAIN {sql}", params)
        plan = " | ".join(r["QUERY PLAN"] for r in rows)
        assert "Index Only Scan using uid_matter_gra" in plan, plan
        assert "Seq Scan on matter_gram" not in plan, plan
