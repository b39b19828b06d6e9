"""Keyword search is answered from the gram index on both databases, not by scanning matters."""

from __future__ import annotations

import importlib
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from support import BACKENDS, POSTGRES_URL, admin_sql, with_database
from tortoise import Tortoise
from tortoise.migrations.api import migrate as run_migrations
from tortoise.transactions import in_transaction

from backend import db
from backend.catalog import ranking, service
from backend.catalog.search import Relevance, readings, synonyms
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


async def test_the_migration_gives_existing_grams_the_region_and_tier_a_publish_gives(
    connected: str,
) -> None:
    fill = importlib.import_module("backend.migrations.0015_search_grams_by_region_and_tier").FILL
    conn = Tortoise.get_connection(connected)
    columns = "SELECT gram, matter_id, region_code, tier FROM matter_gram ORDER BY gram, matter_id"
    _, published = await conn.execute_query(columns)
    await conn.execute_script("UPDATE matter_gram SET region_code = '', tier = 9")

    await conn.execute_script(fill[connected])

    _, filled = await conn.execute_query(columns)
    assert [dict(r) for r in filled] == [dict(r) for r in published]
    assert {r["tier"] for r in published} == {0, 1, 2}


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_database_indexed_before_the_tiers_migrates_and_fills_them(
    backend: str, tmp_path: Path
) -> None:
    """Upgrading a deployment: grams written before migration 0015 get their region and tier
    (a new NOT NULL column needs its default in the database: SQLite refused it without)."""
    name = f"zerorun_upgrade_{uuid.uuid4().hex[:8]}"
    url = f"sqlite://{tmp_path / 'old.sqlite3'}"
    if backend == "postgres":
        await admin_sql(f'CREATE DATABASE "{name}"')
        url = with_database(POSTGRES_URL, name)
    config = db.tortoise_config(url)
    try:
        await run_migrations(config=config, target="models.0014_county_search_synonyms")
        conn = Tortoise.get_connection(backend)
        await conn.execute_script(
            "INSERT INTO matter (id, code, region_code, department_code, department_name, kind,"
            " audience, name_zh, name_en, status, search_text, updated_at) VALUES (1,"
            " '330106-ZJ-900', '330106', 'D', 'D', 'license', 'citizen', '户口迁移', 'Hukou',"
            " 'published', '户口迁移\x1f迁入\x1f公安', '2026-01-01 00:00:00+08:00');"
            " INSERT INTO matter_gram (gram, matter_id) VALUES ('户口', 1), ('迁入', 1), ('公安', 1)"
        )
        await Tortoise.close_connections()

        await run_migrations(config=config)

        conn = Tortoise.get_connection(backend)
        _, rows = await conn.execute_query(
            "SELECT gram, region_code, tier FROM matter_gram ORDER BY tier"
        )
        assert [dict(r) for r in rows] == [
            {"gram": "户口", "region_code": "330106", "tier": 0},
            {"gram": "迁入", "region_code": "330106", "tier": 1},
            {"gram": "公安", "region_code": "330106", "tier": 2},
        ]
    finally:
        await Tortoise.close_connections()
        if backend == "postgres":
            await admin_sql(f'DROP DATABASE IF EXISTS "{name}"')


async def test_a_ranked_search_pages_through_what_the_listing_query_ranks_in_the_same_order(
    connected: str,
) -> None:
    # the citizens' cases, every word the province's dictionary widens, single characters, a
    # word found nowhere, and letters with spaces apart (no gram holds them)
    keywords = ["生孩子", "hukou", "sfz", "戶口", "户籍", "房", "证", "杭州", "申请", "a b c"]
    keywords += list(synonyms())
    for keyword in keywords:
        f = service.MatterFilter(region="330106", keyword=keyword)
        words = readings(keyword)
        listed = (
            service.matters_query(f, words)
            .annotate(relevance=Relevance(words))
            .order_by("relevance", "id")
        )
        expected = [(m.id, m.relevance) for m in await listed]
        paged: list[tuple[int, int]] = []
        after = None
        while True:
            rows, more = await service.list_matters(f, 2, after)
            paged += [(m.id, m.relevance) for m in rows]
            if not more:
                break
            after = service.encode_cursor(rows[-1])
        assert paged == expected, keyword
