"""Database configuration: one Tortoise app, SQLite by default, PostgreSQL via DATABASE_URL."""

from __future__ import annotations

import asyncio
import os
import re
from pathlib import Path
from typing import Any

from tortoise import Tortoise, connections
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.migrations.api import migrate as run_migrations
from tortoise.migrations.executor import MigrationExecutor

from backend.settings import Settings

MODEL_MODULES = [
    "backend.regions.models",
    "backend.catalog.models",
    "backend.accounts.models",
    "backend.applications.models",
    "backend.datasources.models",
    "backend.wallet.models",
    "backend.appointments.models",
    "backend.staff.models",
    "backend.backoffice.models",
    "backend.ratings.models",
    "backend.authoring.models",
    "backend.notifications.models",
    "backend.payments.models",
    "backend.seals.models",
    "backend.exchange.models",
]


def _make_folder(database_url: str) -> None:
    """The SQLite file's folder, made when a connection is opened (never at import: the
    installed package's folder is read-only in the image), and the file itself: both for
    their owner only, as the file holds personal data (PIPL). SQLite gives the -wal and -shm
    files it makes beside it the database's own mode."""
    connection = expand_db_url(database_url)
    if connection["engine"] != "tortoise.backends.sqlite":
        return
    path = Path(connection["credentials"]["file_path"])
    if str(path) == ":memory:":
        return
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))  # a umask only takes away
    path.chmod(0o600)  # and a file made before this rule, by another tool or a copy


def tortoise_config(database_url: str) -> dict[str, Any]:
    # Tortoise caches generated SQL per connection name, so each dialect gets its own name:
    # a process (the test suite) that uses both must not reuse SQLite's SQL on PostgreSQL.
    name = database_url.split(":", 1)[0]
    connection = expand_db_url(database_url)
    if connection["engine"] == "tortoise.backends.sqlite":
        # Several processes may write one file (workers, the CLI, the outbox dispatchers):
        # a writer waits up to 30 s for another's transaction instead of sqlite3's 5 s.
        connection["credentials"].setdefault("busy_timeout", 30_000)
        connection["engine"] = "backend.infra.sqlite"  # transactions lock first: see that module
    elif connection["engine"] == "tortoise.backends.asyncpg":
        connection["engine"] = "backend.infra.postgres"  # a fair pool: see that module
    return {
        "connections": {name: connection},
        "apps": {
            "models": {
                "models": MODEL_MODULES,
                "default_connection": name,
                "migrations": "backend.migrations",
            }
        },
        "use_tz": True,
        "timezone": "Asia/Shanghai",
    }


# `tortoise makemigrations` reads this (see [tool.tortoise] in pyproject.toml).
TORTOISE_ORM = tortoise_config(Settings().database_url)


_users: list[str] = []  # the database URL of each init not yet closed, in one process


async def init(settings: Settings) -> None:
    """Connect; a second app in the same process (two workers in one test) shares the
    connections of the first, which stay open until the last of them closes."""
    if _users and _users[0] != settings.database_url:
        raise RuntimeError(f"already connected to {_users[0]}; close it first")
    if not _users:
        _make_folder(settings.database_url)
        # Global fallback: uvicorn runs the lifespan in a task of its own, so the requests'
        # tasks do not inherit its context; closing the connections clears the fallback again.
        await Tortoise.init(
            config=tortoise_config(settings.database_url), _enable_global_fallback=True
        )
    _users.append(settings.database_url)


async def migrate(settings: Settings) -> None:
    """Apply every pending migration; idempotent."""
    _make_folder(settings.database_url)
    try:
        await run_migrations(config=tortoise_config(settings.database_url))
    finally:
        await close()


async def pending_migrations(settings: Settings) -> list[str]:
    """The migrations `migrate` would apply, in order (for `zerorun migrate --check`)."""
    _make_folder(settings.database_url)
    config = tortoise_config(settings.database_url)
    await Tortoise.init(config=config)
    try:
        name = next(iter(config["connections"]))
        executor = MigrationExecutor(connections.get(name), config["apps"])
        return [f"{s.migration.app_label}.{s.migration.name}" for s in await executor.plan()]
    finally:
        await Tortoise.close_connections()


async def answers(settings: Settings, timeout_seconds: float) -> bool:
    """Whether the database answers `SELECT 1` within the timeout (for /readyz)."""
    name = next(iter(tortoise_config(settings.database_url)["connections"]))
    try:
        await asyncio.wait_for(connections.get(name).execute_query("SELECT 1"), timeout_seconds)
    except Exception:  # whatever the reason (down, pool exhausted, closed): not ready
        return False
    return True


async def close() -> None:
    if _users:
        _users.pop()
    if not _users:
        await Tortoise.close_connections()


def positional(text: str, values: dict[str, object], sqlite: bool) -> tuple[str, list[Any]]:
    """A raw statement's `:name` parameters (lowercase letters) as `$n` (`?n` for SQLite),
    numbered in order of first use, with their values in that order."""
    names: list[str] = []

    def number(m: re.Match[str]) -> str:
        if m[1] not in names:
            names.append(m[1])
        return f"{'?' if sqlite else '$'}{names.index(m[1]) + 1}"

    return re.sub(r"(?<![:\w]):([a-z]+)\b", number, text), [values[n] for n in names]
