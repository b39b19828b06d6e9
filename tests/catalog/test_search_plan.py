"""Keyword search is answered from the gram index on both databases, not by scanning matters."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from tortoise import Tortoise
from tortoise.transactions import in_transaction

from backend import db
from backend.catalog import ranking, service
from backend.regions.service import ancestors
from backend.settings import Settings


@pytest.fixture
async def connected(settings: Settings) -> AsyncIterator[str]:
    await db.init(settings)
    yield settings.database_url.split(":", 1)[0]
    await db.close()


async def explain(dialect: str, sql: str, params: list[Any]) -> str:
    conn = Tortoise.get_connection(dialect)
    if dialect == "sqlite":
        _, rows = await conn.execute_query(f"EXPLAIN QUERY PLAN {sql}", params)
        return " | ".join(str(r["detail"]) for r in rows)
    async with in_transaction(dialect) as tx:  # one connection for the SET and the EXPLAIN
        await tx.execute_script(
            "SET LOCAL enable_seqscan = off"
        )  # tiny tables: can an index serve?
        _, rows = await tx.execute_query(f"EXPLAIN {sql}", params)
    return " | ".join(r["QUERY PLAN"] for r in rows)


async def test_a_search_in_a_region_reads_each_word_from_the_gram_index(connected: str) -> None:
    # 二手房: found by its first gram, checked by the other; 房产: one gram, in page order
    wanted = ranking.Wanted(["二手房", "房产"], ancestors("330106"))
    plan = await explain(connected, *ranking.page_sql(connected == "sqlite", wanted, 20, None))
    if connected == "sqlite":
        assert plan.count("(gram=? AND region_code=?)") == 6, plan
        assert "(gram=? AND matter_id=?)" in plan, plan
        scanned = [s for s in plan.split(" | ") if s.startswith("SCAN")]
        assert scanned == ["SCAN x", "SCAN s"], plan  # the page's few rows, not a table
    else:
        assert "matter_gram" in plan and "Seq Scan" not in plan, plan


async def test_a_search_without_a_region_uses_the_gram_index(connected: str) -> None:
    qs = service.matters_query(service.MatterFilter(keyword="二手房"))
    qs.sql()  # builds the query; Tortoise's explain() cannot inline the subqueries' parameters
    plan = await explain(connected, *qs.query.get_parameterized_sql())
    if connected == "sqlite":
        assert "matter_gram USING COVERING INDEX" in plan, plan
    else:
        assert "Index Only Scan using uid_matter_gra" in plan, plan
        assert "Seq Scan on matter_gram" not in plan, plan
