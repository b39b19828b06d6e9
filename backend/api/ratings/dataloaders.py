"""Batch loads of the ratings' fields: one statement for a page, whatever its size. A
request's loader is `info.context.loaders.of(ratings)`."""

from __future__ import annotations

import uuid

from backend.ratings import service
from backend.ratings.service import FollowUp, Rating


async def ratings(application_ids: list[uuid.UUID]) -> list[Rating | None]:
    """Each application's rating, once given."""
    found = await service.ratings_of(application_ids)
    return [found.get(i) for i in application_ids]


async def follow_ups(rating_ids: list[int]) -> list[FollowUp | None]:
    """Each rating's follow-up, when it was low enough to open one."""
    found = await service.follow_ups_of(rating_ids)
    return [found.get(i) for i in rating_ids]
