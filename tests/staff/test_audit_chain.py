"""The audit log is append-only in the database itself (triggers: an UPDATE, DELETE or, on
PostgreSQL, TRUNCATE fails whoever sends it) and a hash chain: `zerorun audit verify` walks it
and names the first entry changed behind the triggers' back (docs/adr/0019)."""

from __future__ import annotations

import asyncio
import importlib
import os
import sqlite3
import subprocess
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from support import admin_sql, make_settings, with_database, zerorun

from backend import db
from backend.backoffice import chain
from backend.backoffice.models import AuditChain, AuditEntry
from backend.backoffice.service import record_staff_change, verify_audit_log

AFTERS: list[Any] = [
    {"role": "window_clerk", "region": "330106"},
    {"fee": 12.5, "count": 3, "whole": 2.0, "nested": {"b": [1, "二", None], "a": True}},
    None,
    {"name": "王建国", "note": 'quote " and \\ backslash'},
]
COPIES: list[str] = []  # PostgreSQL databases a test copied, dropped after it


@pytest.fixture
async def audit_db(database_url: str) -> AsyncIterator[str]:
    """The test's database, open, with four entries of the log written through the app."""
    await db.init(make_settings(database_url))
    try:
        for n, after in enumerate(AFTERS):
            await record_staff_change("cli:root", "staff.changed", f"staff:s{n}", None, after)
        yield database_url
    finally:
        await db.close()
        for copy in COPIES:
            await admin_sql(f'DROP DATABASE IF EXISTS "{copy}"')
        COPIES.clear()


async def raw(statement: str) -> None:
    await AuditEntry._meta.db.execute_script(statement)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_entry SET actor = 'staff:someone-else'",
        "DELETE FROM audit_entry WHERE id = (SELECT MIN(id) FROM audit_entry)",
        "DELETE FROM audit_entry",
        "DELETE FROM audit_chain",
    ],
)
async def test_raw_sql_cannot_change_or_delete_an_audit_entry(
    audit_db: str, statement: str
) -> None:
    with pytest.raises(Exception, match=r"append-only|keeps its head"):
        await raw(statement)

    assert await AuditEntry.all().count() == len(AFTERS)
    assert await AuditEntry.filter(actor="staff:someone-else").count() == 0


async def test_postgres_refuses_truncating_the_audit_log(audit_db: str) -> None:
    if not audit_db.startswith("postgres"):
        pytest.skip("SQLite has no TRUNCATE; its DELETE is refused above")

    with pytest.raises(Exception, match="append-only: TRUNCATE refused"):
        await raw("TRUNCATE audit_entry")


async def test_each_entry_links_to_the_one_before_and_the_chain_holds(audit_db: str) -> None:
    entries = await AuditEntry.all().order_by("id")

    assert entries[0].prev_hash == chain.GENESIS
    assert [e.prev_hash for e in entries[1:]] == [e.hash for e in entries[:-1]]
    assert (await AuditChain.get(id=1)).hash == entries[-1].hash
    assert await verify_audit_log(lambda n: None) is None


async def test_concurrent_writers_never_fork_the_chain(audit_db: str) -> None:
    await asyncio.gather(
        *(
            record_staff_change("cli:root", "staff.changed", f"staff:c{n}", None, {})
            for n in range(8)
        )
    )

    links = [e.prev_hash for e in await AuditEntry.all()]
    assert len(set(links)) == len(links)
    assert await verify_audit_log(lambda n: None) is None


async def test_the_migration_chains_old_entries_as_the_app_does(audit_db: str) -> None:
    """The migration's copy of the canonical form (it imports nothing of the app's) gives the
    hashes the app gave, on each kind of value the log holds."""
    migration = _migration()
    rows = await AuditEntry.all().order_by("id").values("id", "hash", *chain.FIELDS)
    _, raw_rows = await AuditEntry._meta.db.execute_query(
        "SELECT id, actor, action, subject_id, subject, before, after, at, request_id "
        "FROM audit_entry ORDER BY id"
    )
    head = chain.GENESIS
    for row, raw_row in zip(rows, raw_rows, strict=True):
        assert migration.digest(head, dict(raw_row)) == row["hash"]
        head = row["hash"]


async def test_the_migration_chains_entries_written_before_the_chain_as_the_app_would(
    audit_db: str,
) -> None:
    """Entries without a hash (as before migration 0023) get the links the app gave them."""
    given = [(e.prev_hash, e.hash) for e in await AuditEntry.all().order_by("id")]
    off, on = TOGGLE["postgres" if audit_db.startswith("postgres") else "sqlite"]
    await raw(off)
    await raw("UPDATE audit_entry SET prev_hash = NULL, hash = NULL")
    await raw(on)
    assert await verify_audit_log(lambda n: None) is not None

    await raw(off)
    head = await _migration().chain_existing(AuditEntry._meta.db)
    await raw(on)

    assert [(e.prev_hash, e.hash) for e in await AuditEntry.all().order_by("id")] == given
    assert head == given[-1][1]
    assert await verify_audit_log(lambda n: None) is None


# switching the update trigger off and on, as only the table's owner or a superuser can
TOGGLE = {
    "postgres": (
        "ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update",
        "ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update",
    ),
    "sqlite": (
        "DROP TRIGGER audit_entry_no_update",
        "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
        "BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only: UPDATE refused'); END",
    ),
}


def _migration() -> Any:
    return importlib.import_module("backend.migrations.0023_audit_log_append_only_and_chained")


async def test_verify_names_an_entry_changed_in_a_copy_of_the_database(
    audit_db: str, tmp_path: Path
) -> None:
    entries = await AuditEntry.all().order_by("id")
    tampered = entries[1].id
    await db.close()
    copy = await _copy(audit_db, tmp_path)
    if copy.startswith("sqlite"):
        with sqlite3.connect(copy.removeprefix("sqlite://")) as c:
            c.execute("DROP TRIGGER audit_entry_no_update")
            c.execute(
                'UPDATE audit_entry SET after = \'{"role":"county_admin"}\' WHERE id = ?',
                (tampered,),
            )
    else:
        await _on(
            copy,
            "ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update",
            f"UPDATE audit_entry SET actor = 'cli:nobody' WHERE id = {tampered}",
        )
    original = verify(audit_db)
    found = verify(copy)

    assert original.returncode == 0, original.stdout + original.stderr
    assert f"{len(AFTERS)} entries" in original.stdout
    assert found.returncode == 1, found.stdout + found.stderr
    assert found.stdout.strip() == (
        f"audit_entry:{tampered}: its fields do not match its hash (it was changed)"
    )
    await db.init(make_settings(audit_db))


async def test_verify_names_the_entry_after_one_removed(audit_db: str, tmp_path: Path) -> None:
    entries = await AuditEntry.all().order_by("id")
    await db.close()
    copy = await _copy(audit_db, tmp_path)
    statements = [
        "ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update",
        f"DELETE FROM audit_entry WHERE id = {entries[1].id}",
    ]
    if copy.startswith("sqlite"):
        with sqlite3.connect(copy.removeprefix("sqlite://")) as c:
            c.execute("DROP TRIGGER audit_entry_no_delete")
            c.execute(statements[1])
    else:
        await _on(copy, *statements)

    found = verify(copy)

    assert found.returncode == 1
    assert found.stdout.startswith(
        f"audit_entry:{entries[2].id}: does not link to audit_entry:{entries[0].id}"
    )
    await db.init(make_settings(audit_db))


def verify(url: str) -> subprocess.CompletedProcess[str]:
    return zerorun(
        "audit", "verify", env={**os.environ, "ZERORUN_ENV": "development", "DATABASE_URL": url}
    )


async def _copy(url: str, tmp_path: Path) -> str:
    """A copy of the (closed) database: SQLite's online backup, or a PostgreSQL database made
    from it as a template."""
    if url.startswith("sqlite"):
        target = tmp_path / "copy.sqlite3"
        with sqlite3.connect(url.removeprefix("sqlite://")) as source, sqlite3.connect(target) as c:
            source.backup(c)
        return f"sqlite://{target}"
    name = f"{url.rsplit('/', 1)[1]}_copy_{uuid.uuid4().hex[:6]}"
    COPIES.append(name)
    await admin_sql(f'CREATE DATABASE "{name}" TEMPLATE "{url.rsplit("/", 1)[1]}"')
    return with_database(url, name)


async def _on(url: str, *statements: str) -> None:
    import asyncpg

    conn = await asyncpg.connect("postgresql://" + url.split("://", 1)[1])
    try:
        for s in statements:
            await conn.execute(s)
    finally:
        await conn.close()


async def test_verify_reads_the_log_a_batch_at_a_time_and_tells_its_progress(audit_db: str) -> None:
    told: list[int] = []

    broken = await verify_audit_log(told.append, batch=3)

    assert broken is None
    assert told == [3, 1]
