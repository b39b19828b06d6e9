"""Fixtures of the API tests."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from operation_replay import Replay, replaying
from support import Registry

from backend.settings import Settings


@pytest.fixture
async def replay(settings: Settings, registry: Registry) -> AsyncIterator[Replay]:
    """The clients' operations replayed against the app, each one's statements counted."""
    async with replaying(settings) as r:
        yield r
