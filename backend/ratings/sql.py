"""Raw statements, portable between SQLite and PostgreSQL: `:name` parameters (lowercase
letters) numbered as each database wants them."""

from __future__ import annotations

import uuid
from typing import Any

from backend.db import positional as numbered
from backend.ratings.models import RatedMatter


def positional(text: str, values: dict[str, object], sqlite: bool) -> tuple[str, list[object]]:
    """`:name` parameters numbered as the database wants them (backend.db), a UUID as SQLite
    keeps it (text)."""
    text, params = numbered(text, values, sqlite)
    if sqlite:
        params = [str(p) if isinstance(p, uuid.UUID) else p for p in params]
    return text, params


async def rows(text: str, values: dict[str, object]) -> list[dict[str, Any]]:
    conn = RatedMatter._meta.db
    _, found = await conn.execute_query(
        *positional(text, values, conn.capabilities.dialect == "sqlite")
    )
    return [dict(r) for r in found]
