"""Tortoise's SQLite engine whose transactions take the write lock when they begin.

Tortoise opens a transaction with a plain (deferred) `BEGIN`: it reads from a snapshot and asks
for the write lock at its first write. In WAL mode, when another process has committed since
that snapshot, SQLite cannot let the transaction write (its reads would be stale) and answers
"database is locked" at once, without waiting out `busy_timeout`: two workers on one file
failed a clerk's accept that way. `BEGIN IMMEDIATE` waits for the lock (up to `busy_timeout`)
before the first read, so a transaction reads what it then writes over. `backend.db` names this
module as the engine of a SQLite connection.

Each statement is counted in the metrics where tortoise takes the connection for it (every
`execute_*` takes it once), in and out of transactions.
"""

from __future__ import annotations

import sqlite3

from tortoise.backends.base.client import ConnectionWrapper, TransactionContext
from tortoise.backends.sqlite.client import (
    SqliteClient,
    SqliteTransactionContext,
    SqliteTransactionWrapper,
)
from tortoise.exceptions import TransactionManagementError

from backend.infra.metrics import SQLITE_STATEMENTS


class ImmediateTransaction(SqliteTransactionWrapper):
    def acquire_connection(self) -> ConnectionWrapper:  # type: ignore[type-arg]
        SQLITE_STATEMENTS.inc()
        return super().acquire_connection()

    async def begin(self) -> None:
        try:
            await self._connection.commit()
            await self._connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise TransactionManagementError(exc) from exc


class ImmediateSqliteClient(SqliteClient):
    def acquire_connection(self) -> ConnectionWrapper:  # type: ignore[type-arg]
        SQLITE_STATEMENTS.inc()
        return super().acquire_connection()

    def _in_transaction(self) -> TransactionContext:
        return SqliteTransactionContext(ImmediateTransaction(self), self._lock)


client_class = ImmediateSqliteClient
