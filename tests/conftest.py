"""Test harness: every database test runs on SQLite and, when DATABASE_URL names one, on
PostgreSQL, each test in a database of its own copied from a migrated template that already
holds the demo catalog. Redis is used where REDIS_URL is set (and required in CI)."""

from __future__ import annotations

import asyncio
import itertools
import os
import queue
import shutil
import socket
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from private_redis import REDIS_SERVER, PrivateRedis
from support import (
    BACKENDS,
    POSTGRES_URL,
    REDIS_URL,
    REGISTRY_TOKEN,
    RUN,
    Registry,
    admin_sql,
    app_client,
    make_settings,
    with_database,
)

from backend import db
from backend.catalog import service as catalog
from backend.devregistry.app import create_registry_app
from backend.settings import ROOT, Settings

IN_CI = os.environ.get("CI") == "true"
_counter = itertools.count()
# What the JsonLogic conformance tests report (`record_property("conformance", ...)`): their
# reports reach this process from the workers too, so the run's summary can print them.
_conformance: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call":
        _conformance.extend(str(v) for k, v in report.user_properties if k == "conformance")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _conformance:
        terminalreporter.section("JsonLogic conformance")
        for line in _conformance:
            terminalreporter.write_line(line)


if IN_CI and (len(BACKENDS) < 2 or not REDIS_URL):
    raise pytest.UsageError(
        "In CI both DATABASE_URL (PostgreSQL) and REDIS_URL must be set: see .ci/run"
    )


async def _build_template(url: str) -> None:
    settings = make_settings(url)
    await db.migrate(settings)
    await db.init(settings)
    try:
        await catalog.load(ROOT / "form_schemas")
    finally:
        await db.close()


class Dropper:
    """Drops the tests' PostgreSQL databases on a thread of its own, one after another, while
    the next tests run: a drop waits about a third of a second on the server's disk."""

    def __init__(self) -> None:
        self.names: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (name := self.names.get()) is not None:
            asyncio.run(admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def drop(self, name: str) -> None:
        self.names.put(name)

    def finish(self) -> None:
        self.names.put(None)
        self.thread.join()


_dropper: Dropper | None = None


@pytest.fixture(scope="session")
async def templates(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[dict[str, str]]:
    global _dropper
    made: dict[str, str] = {}
    sqlite_file = tmp_path_factory.mktemp("db") / "template.sqlite3"
    await _build_template(f"sqlite://{sqlite_file}")
    made["sqlite"] = str(sqlite_file)
    if "postgres" in BACKENDS:
        name = f"zerorun_tpl_{RUN}"
        await admin_sql(f'DROP DATABASE IF EXISTS "{name}"')
        await admin_sql(f'CREATE DATABASE "{name}"')
        await _build_template(with_database(POSTGRES_URL, name))
        made["postgres"] = name
        _dropper = Dropper()
    yield made
    if "postgres" in made and _dropper is not None:
        _dropper.finish()
        await admin_sql(f'DROP DATABASE IF EXISTS "{made["postgres"]}"')


@pytest.fixture(params=BACKENDS)
async def database_url(
    request: pytest.FixtureRequest, templates: dict[str, str], tmp_path: Path
) -> AsyncIterator[str]:
    """A database of this test's own, migrated and holding the demo catalog."""
    if request.param == "sqlite":
        copy = tmp_path / "test.sqlite3"
        shutil.copyfile(templates["sqlite"], copy)
        yield f"sqlite://{copy}"
        return
    name = f"zerorun_t_{RUN}_{next(_counter)}"
    await admin_sql(f'CREATE DATABASE "{name}" TEMPLATE "{templates["postgres"]}"')
    try:
        yield with_database(POSTGRES_URL, name)
    finally:
        assert _dropper is not None
        _dropper.drop(name)


@pytest.fixture
def settings(database_url: str) -> Settings:
    return make_settings(database_url)


@pytest.fixture
async def client(settings: Settings, registry: Registry) -> AsyncIterator[httpx.AsyncClient]:
    """The real app, through its lifespan, over HTTP semantics (httpx's ASGI transport)."""
    async with app_client(settings) as c:
        yield c


@pytest.fixture(scope="session")
def registry_server() -> Iterator[str]:
    """The stand-in data-sharing platform, served for real on loopback for the whole run; the
    demo sources reach it through ZERORUN_REGISTRY_URL, as in production."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    app = create_registry_app(ROOT / "form_schemas" / "demo" / "registry.json", REGISTRY_TOKEN)
    server = uvicorn.Server(uvicorn.Config(app, lifespan="off", ws="none", log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()  # requests queue on the bound socket until the server accepts them
    saved = {k: os.environ.get(k) for k in ("ZERORUN_REGISTRY_URL", "ZERORUN_REGISTRY_TOKEN")}
    os.environ.update(ZERORUN_REGISTRY_URL=url, ZERORUN_REGISTRY_TOKEN=REGISTRY_TOKEN)
    yield url
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture
def registry(registry_server: str) -> Iterator[Registry]:
    """The registry with its switches back to normal after the test."""
    control = Registry(registry_server)
    yield control
    control.set(delay_ms=0, fail="none", sources=None)


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[PrivateRedis]:
    """A redis-server of this test's own, which the test may kill and start again."""
    if not REDIS_SERVER.exists():
        if IN_CI:
            raise pytest.UsageError(f"{REDIS_SERVER} is missing: scripts/test installs it")
        pytest.skip(f"needs {REDIS_SERVER} (Debian's redis-server; scripts/test installs it)")
    server = PrivateRedis(tmp_path / "redis")
    server.start()
    yield server
    server.stop()
