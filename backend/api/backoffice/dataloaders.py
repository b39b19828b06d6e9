"""Batch loads of the back office's fields: one statement for a page, whatever its size. A
request's loader is `info.context.loaders.of(tasks)`."""

from __future__ import annotations

import uuid

from backend.backoffice.service import ReviewTask


async def tasks(roots: list[uuid.UUID]) -> list[list[ReviewTask]]:
    """Each application's review tasks (one per department), in the order they were opened."""
    found: dict[uuid.UUID, list[ReviewTask]] = {r: [] for r in roots}
    for t in await ReviewTask.filter(root_id__in=roots).order_by("id"):
        found[t.root_id].append(t)
    return [found[r] for r in roots]
