"""The workbench's clerk screens against the staff API: what they send, at pinned costs.

PINNED: the statements of each operation of configurator/src/workbench/clerk/*.graphql, measured
in this file's scenario (tests/api/test_client_round_trips.py checks that every operation the
clients send is pinned somewhere). fast_path_reads: the screens' reads, sent both ways by
tests/api/test_fast_path.py."""

from __future__ import annotations

from typing import Any

PINNED: dict[str, int] = {}


async def fast_path_reads(c: Any) -> None:
    """Every query of the clerk screens, sent through both apps (c.send(key, variables, token))."""
