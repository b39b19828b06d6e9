"""The audit log's hash chain (docs/adr/0020-audit-log-append-only-and-chained.md): each entry
stores the hash of the entry before it and its own hash, SHA-256 over that previous hash and
the entry's fields in one canonical JSON. Changing, removing or reordering an entry breaks the
link after it, which `zerorun audit verify` finds.

The chain's head (the newest entry's hash) is one row of audit_chain, read with the row locked
inside the writer's transaction (PostgreSQL) or under SQLite's write lock (backend/infra/
sqlite.py begins every transaction IMMEDIATE): two writers never link to the same entry. A
trigger moves the head as each entry is inserted (migration 0023)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64  # what the first entry links to
# the fields the hash covers, in this order; the id is left out: an entry's place in the chain
# is its link, and the id is the database's, given only as the row is inserted
FIELDS = ("actor", "action", "subject_id", "subject", "before", "after", "at", "request_id")
HEAD = {
    "postgres": 'SELECT "hash" FROM "audit_chain" WHERE "id" = 1 FOR UPDATE',
    "sqlite": 'SELECT "hash" FROM "audit_chain" WHERE "id" = 1',
}


def _plain(value: Any) -> Any:
    """A JSON value as the database gives it back: an integral float is an integer (PostgreSQL's
    jsonb writes 1e20 as 100000000000000000000), keys in any order."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _json(value: Any) -> Any:
    """A JSON column's value, whether a driver hands it over parsed or as text."""
    if isinstance(value, str | bytes):
        value = json.loads(value)
    return _plain(json.loads(json.dumps(value, default=str)))


def _moment(value: Any) -> str | None:
    """The time in UTC to the microsecond, whether read as a datetime or as SQLite's text."""
    if value is None:
        return None
    at = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    at = at if at.tzinfo else at.replace(tzinfo=dt.UTC)
    return at.astimezone(dt.UTC).isoformat(timespec="microseconds")


def canonical(row: dict[str, Any]) -> str:
    """The entry's fields as one JSON text: sorted keys, no spaces, UTF-8 as is."""
    subject_id = row.get("subject_id")
    fields = {
        "actor": row.get("actor"),
        "action": row.get("action"),
        "subject_id": str(uuid.UUID(str(subject_id))) if subject_id else None,
        "subject": row.get("subject"),
        "before": _json(row.get("before")),
        "after": _json(row.get("after")),
        "at": _moment(row.get("at")),
        "request_id": row.get("request_id"),
    }
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def digest(prev_hash: str, row: dict[str, Any]) -> str:
    return hashlib.sha256(f"{prev_hash}\n{canonical(row)}".encode()).hexdigest()


@dataclass(frozen=True)
class Break:
    """The first link that does not hold: the entry and what is wrong with it."""

    entry_id: int
    problem: str

    def __str__(self) -> str:
        return f"audit_entry:{self.entry_id}: {self.problem}"


@dataclass
class Walk:
    checked: int = 0
    head: str = GENESIS
    broken: Break | None = None


async def walk(rows: AsyncIterator[dict[str, Any]], walked: Walk) -> None:
    """Check each entry of `rows` (oldest first) against the one before it, stopping at the
    first that does not hold; `walked` says how far it got, for a progress line."""
    previous_id: int | None = None
    async for row in rows:
        entry_id = int(row["id"])
        if row.get("prev_hash") != walked.head:
            after = f"audit_entry:{previous_id}" if previous_id else "the start of the log"
            walked.broken = Break(
                entry_id,
                f"does not link to {after} (an entry before it was removed, changed or inserted)"
                if row.get("prev_hash")
                else "has no hash (written outside the chain)",
            )
            return
        if row.get("hash") != digest(walked.head, row):
            walked.broken = Break(entry_id, "its fields do not match its hash (it was changed)")
            return
        walked.head, previous_id = str(row["hash"]), entry_id
        walked.checked += 1
