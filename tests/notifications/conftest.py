from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from backend import db
from backend.settings import Settings


@pytest.fixture
async def connected(settings: Settings) -> AsyncIterator[None]:
    """The service layer on this test's own database (SQLite, and PostgreSQL when reachable)."""
    await db.init(settings)
    yield
    await db.close()
