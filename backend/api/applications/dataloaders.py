"""Batch loads of the applications' fields: one statement for a page, whatever its size. A
request's loader is `info.context.loaders.of(timelines)`."""

from __future__ import annotations

import uuid

from backend.applications import service
from backend.applications.service import ApplicationEvent, Correction
from backend.backoffice import service as backoffice


async def timelines(ids: list[uuid.UUID]) -> list[list[ApplicationEvent]]:
    """Each application's steps, oldest first."""
    found = await service.timelines(ids)
    return [found[i] for i in ids]


async def open_corrections(ids: list[uuid.UUID]) -> list[Correction | None]:
    """Each application's latest correction notice not resubmitted yet, if any."""
    found: dict[uuid.UUID, Correction] = {}
    for c in await Correction.filter(application_id__in=ids, resolved_at=None).order_by("id"):
        found[c.application_id] = c  # the latest wins
    return [found.get(i) for i in ids]


async def members(ids: list[uuid.UUID]) -> list[service.Children]:
    """Each life event's member applications with their pinned versions."""
    found = await service.children_by_parent(ids)
    return [found[i] for i in ids]


async def reviews(roots: list[uuid.UUID]) -> list[list[backoffice.ReviewTask]]:
    """Each submitted application's departments' reviews (a life event's: one per member), in
    the order they were opened."""
    found: dict[uuid.UUID, list[backoffice.ReviewTask]] = {r: [] for r in roots}
    for t in await backoffice.ReviewTask.filter(root_id__in=roots).order_by("id"):
        found[t.root_id].append(t)
    return [found[r] for r in roots]
