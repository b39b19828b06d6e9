"""Guards for what the ORM turns into SQL."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path
from typing import Any

import pytest
from support import make_settings
from tortoise import connections
from tortoise.models import Model

from backend import db
from backend.db import MODEL_MODULES
from backend.infra.postgres import FairPool


def models() -> list[type[Model]]:
    found = []
    for name in MODEL_MODULES:
        module = importlib.import_module(name)
        found += [
            m
            for _, m in inspect.getmembers(module, inspect.isclass)
            if issubclass(m, Model) and m.__module__ == name
        ]
    return found


@pytest.mark.parametrize("model", models(), ids=lambda m: m.__name__)
def test_no_table_comment_holds_a_semicolon_because_sqlite_migrations_split_on_it(
    model: type[Model],
) -> None:
    comment = (
        (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else ""
    )  # what Tortoise writes
    assert ";" not in comment, f"{model.__name__}: {comment!r}"


async def test_sqlite_waits_for_another_process_writer_and_keeps_wal(tmp_path: Path) -> None:
    settings = make_settings(f"sqlite://{tmp_path / 'x.sqlite3'}")
    await db.init(settings)
    try:
        connection = connections.get("sqlite")
        [[busy]] = (await connection.execute_query("PRAGMA busy_timeout"))[1]
        [[journal]] = (await connection.execute_query("PRAGMA journal_mode"))[1]
    finally:
        await db.close()
    assert (busy, journal) == (30_000, "wal")


async def test_postgresql_connections_come_from_the_fair_pool(database_url: str) -> None:
    if not database_url.startswith("postgres"):
        pytest.skip("PostgreSQL only")
    await db.init(make_settings(database_url))
    try:
        connection = connections.get("postgres")
        await connection.execute_query("SELECT 1")
        pool = connection._pool  # type: ignore[attr-defined]
    finally:
        await db.close()
    assert isinstance(pool, FairPool)


def declared_indexes(model: type[Model]) -> set[tuple[str, ...]]:
    """The column sets the model asks to be indexed (an index or a unique constraint)."""
    meta = model._meta
    column = dict(meta.fields_db_projection)  # a foreign key by its column (subject_id)
    column |= {n: meta.fields_map[n].source_field for n in meta.fk_fields | meta.o2o_fields}
    found = {
        (column[n],)
        for n in meta.fields_db_projection
        if meta.fields_map[n].index or meta.fields_map[n].unique
    }
    found |= {tuple(column[n] for n in index) for index in meta.unique_together}
    for index in meta.indexes:
        names = index.fields if hasattr(index, "fields") else index
        found.add(tuple(column[n] for n in names))
    return {cols for cols in found if cols != (meta.pk_attr,)}


async def indexed_columns(connection: Any, table: str) -> set[tuple[str, ...]]:
    """The column sets indexed on the table, as the database reports them."""
    if connection.capabilities.dialect == "sqlite":
        _, listed = await connection.execute_query(f'PRAGMA index_list("{table}")')
        found = set()
        for index in listed:
            _, columns = await connection.execute_query(f'PRAGMA index_info("{index["name"]}")')
            found.add(tuple(c["name"] for c in columns))
        return found
    _, rows = await connection.execute_query(
        "SELECT array_agg(a.attname ORDER BY k.n) AS columns FROM pg_index i"
        " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)"
        " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
        " WHERE i.indrelid = $1::regclass AND k.n <= i.indnkeyatts"  # keys, not INCLUDEd
        " GROUP BY i.indexrelid",
        [table],
    )
    return {tuple(r["columns"]) for r in rows}


async def test_every_declared_index_is_made_by_the_migrations(database_url: str) -> None:
    """What the models declare, the migrated database has: Tortoise's AddField leaves a new
    column's db_index out, and SQLite removes or alters a column by copying its table, which
    leaves the table's indexes behind (0013 makes the ones lost so)."""
    await db.init(make_settings(database_url))
    try:
        connection = connections.get("sqlite" if database_url.startswith("sqlite") else "postgres")
        missing = {}
        for model in models():
            table = model._meta.db_table
            if lost := declared_indexes(model) - await indexed_columns(connection, table):
                missing[table] = sorted(lost)
    finally:
        await db.close()
    assert missing == {}
