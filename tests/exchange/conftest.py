"""The hand-off tests drive the deliverer themselves (its backoff short, its rounds counted):
the app's workers run none."""

from __future__ import annotations

import pytest
from support import make_settings

from backend.settings import Settings


@pytest.fixture
def settings(database_url: str) -> Settings:
    return make_settings(database_url, dispatch_in_workers=False)
