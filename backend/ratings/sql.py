"""Raw statements, portable between SQLite and PostgreSQL: `:name` parameters (lowercase
letters) numbered as each database wants them."""

from __future__ import annotations

import re
import uuid
from typing import Any

from backend.ratings.models import RatedMatter


def positional(text: str, values: dict[str, object], sqlite: bool) -> tuple[str, list[object]]:
    """`:name` as `$n` (`?n` for SQLite), numbered in order of first use; a UUID as SQLite
    keeps it (text)."""
    names: list[str] = []

    def number(m: re.Match[str]) -> str:
        if m[1] not in names:
            names.append(m[1])
        return f"{'?' if sqlite else '$'}{names.index(m[1]) + 1}"

    text = re.sub(r"(?<![:\w]):([a-z]+)\b", number, text)
    params = [values[n] for n in names]
    if sqlite:
        params = [str(p) if isinstance(p, uuid.UUID) else p for p in params]
    return text, params


async def rows(text: str, values: dict[str, object]) -> list[dict[str, Any]]:
    conn = RatedMatter._meta.db
    _, found = await conn.execute_query(
        *positional(text, values, conn.capabilities.dialect == "sqlite")
    )
    return [dict(r) for r in found]
