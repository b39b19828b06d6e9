"""Serving the stand-in registry with uvicorn, for `zerorun dev-registry`."""

from __future__ import annotations

import asyncio
from pathlib import Path

import uvicorn

from backend.devregistry.app import create_registry_app
from backend.devregistry.switches import Switches, parse_delay, parse_fail
from backend.settings import CATALOG_DIR

DEFAULT_RECORDS = CATALOG_DIR / "demo" / "registry.json"


async def serve_registry(
    host: str,
    port: int,
    token: str | None,
    delay_ms: int = 0,
    fail: str = "none",
    records_file: Path = DEFAULT_RECORDS,
) -> None:
    """Serve until stopped (Ctrl-C); the switches given apply to every source from the start.
    Raises BadSwitches (a ValueError) for an unknown `fail` or a delay out of range."""
    switches = Switches(delay_ms=parse_delay(delay_ms), fail=parse_fail(fail))
    app = create_registry_app(records_file, token, switches)
    config = uvicorn.Config(app, host=host, port=port, lifespan="off", ws="none")
    await uvicorn.Server(config).serve()


def run(
    host: str,
    port: int,
    token: str | None,
    delay_ms: int = 0,
    fail: str = "none",
    records_file: Path = DEFAULT_RECORDS,
) -> None:
    """Block serving the stand-in registry: `zerorun dev-registry`."""
    asyncio.run(serve_registry(host, port, token, delay_ms, fail, records_file))
