"""Two processes writing one SQLite file (backend/infra/sqlite.py): a transaction that reads and
then writes, while another connection commits in between, waits for its turn instead of failing
with "database is locked" (Tortoise's deferred BEGIN fails it at once)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from tortoise.backends.sqlite.client import SqliteClient

from backend.infra.sqlite import ImmediateSqliteClient


async def read_then_write_while_another_commits(engine: type[SqliteClient], file: Path) -> int:
    """Connection A reads a counter and writes it back plus one; connection B adds ten in the
    middle of A's transaction. Returns the counter at the end."""
    a = engine(str(file), connection_name="a", busy_timeout=10_000)
    b = engine(str(file), connection_name="b", busy_timeout=10_000)
    await a.create_connection(with_db=True)
    await b.create_connection(with_db=True)
    try:
        await a.execute_script("CREATE TABLE counter (n INTEGER); INSERT INTO counter VALUES (0)")
        # The engine's transaction, begun and committed as Tortoise's context does it.
        transaction = a._in_transaction().connection
        await transaction.begin()
        [row] = await transaction.execute_query_dict("SELECT n FROM counter")
        other = asyncio.create_task(b.execute_query("UPDATE counter SET n = n + 10"))
        await asyncio.sleep(0.2)  # B commits now, or waits for A's lock
        try:
            await transaction.execute_query("UPDATE counter SET n = ?", [row["n"] + 1])
        finally:
            await transaction.commit()
            await other
        [row] = await a.execute_query_dict("SELECT n FROM counter")
        return int(row["n"])
    finally:
        await a.close()
        await b.close()


async def test_a_transaction_waits_for_the_write_lock_instead_of_failing(tmp_path: Path) -> None:
    assert await read_then_write_while_another_commits(ImmediateSqliteClient, tmp_path / "i.db") == 11


async def test_tortoise_alone_fails_the_same_transaction(tmp_path: Path) -> None:
    """The fault the engine exists for: without it the transaction's write is refused."""
    with pytest.raises(Exception, match="database is locked"):
        await read_then_write_while_another_commits(SqliteClient, tmp_path / "d.db")
