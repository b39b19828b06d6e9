"""Guards for what the ORM turns into SQL."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

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
