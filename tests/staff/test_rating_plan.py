"""The public satisfaction figures are one aggregate read from rated_matter's covering index on
both databases, and migration 0021 gives the ratings given before it their rated matters."""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator

import httpx
import pytest
from rating_support import RATE, rejected
from support import gql
from tortoise import Tortoise
from tortoise.transactions import in_transaction

from backend.ratings import scores
from backend.ratings.models import RatedMatter
from backend.ratings.sql import positional


@pytest.fixture
async def dialect(client: httpx.AsyncClient) -> AsyncIterator[str]:
    yield RatedMatter._meta.db.capabilities.dialect


async def plan(dialect: str, level: str) -> str:
    sqlite = dialect == "sqlite"
    values: dict[str, object] = {"lo": "3301", "hi": "3302", "minimum": scores.MINIMUM}
    sql, params = positional(scores.SQL[level], values, sqlite)
    conn = RatedMatter._meta.db
    if sqlite:
        _, rows = await conn.execute_query(f"EXPLAIN QUERY PLAN {sql}", params)
        return " | ".join(str(r["detail"]) for r in rows)
    async with in_transaction(conn.connection_name) as tx:  # one connection for SET and EXPLAIN
        await tx.execute_script(
            "SET LOCAL enable_seqscan = off"
        )  # tiny tables: can the index serve?
        _, rows = await tx.execute_query(f"EXPLAIN {sql}", params)
    return " | ".join(r["QUERY PLAN"] for r in rows)


@pytest.mark.parametrize("level", scores.LEVELS)
async def test_each_level_is_one_aggregate_over_the_covering_index(
    dialect: str, level: str
) -> None:
    found = await plan(dialect, level)
    if dialect == "sqlite":
        assert "rated_matter USING COVERING INDEX" in found, found
    else:
        # an index-only scan once vacuum has marked the pages visible; a bitmap scan before
        assert "on idx_rated_matte_region_" in found, found
        assert "Seq Scan on rated_matter" not in found, found


async def test_the_migration_gives_earlier_ratings_their_rated_matters(
    client: httpx.AsyncClient,
) -> None:
    citizen, parent = await rejected(client)
    await gql(client, RATE, {"id": parent, "score": 3}, citizen)
    columns = "SELECT rating_id, matter_id, department_code, region_code, score FROM rated_matter"
    conn = Tortoise.get_connection(RatedMatter._meta.db.connection_name)
    _, given = await conn.execute_query(f"{columns} ORDER BY matter_id")
    await RatedMatter.all().delete()

    fill = importlib.import_module("backend.migrations.0021_rating_follow_up_loop").FILL
    for column in ("id", "parent_id"):
        await conn.execute_script(fill.format(column=column))

    _, filled = await conn.execute_query(f"{columns} ORDER BY matter_id")
    assert len(given) == 3 and [dict(r) for r in filled] == [dict(r) for r in given]
