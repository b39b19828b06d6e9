"""The window's queue as it changes: what arrives (submitted, or resubmitted after a
correction) and what leaves it (accepted, rejected, sent back for correction, by anyone), for
a clerk's live subscription.

It reads the applications themselves, every POLL_SECONDS, one statement of at most QUEUE_LIMIT
ids (and one more only when some left): the database every worker shares is the one truth, so
a change made on any worker reaches every clerk, with or without Redis. (The outbox's live
channel is per application: nothing announces a new one to a region.)"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable

from tortoise.expressions import Q

from backend.applications.service import Application
from backend.backoffice.queue import QUEUE_LIMIT
from backend.backoffice.records import WAITING
from backend.staff.service import StaffMember

POLL_SECONDS = 2.0
CHECK_SESSION_EVERY = 15  # polls (30 s): a signed-out clerk's stream ends even when all is quiet


def _mine(staff: StaffMember) -> Q:
    """The county's applications and those received at the clerk's hall (the HERE and
    FOR_ELSEWHERE scopes together: both lists show them)."""
    county = Q(region_code=staff.region_code)
    return county | Q(received_hall_id=staff.hall_id) if staff.hall_id else county


async def _waiting(staff: StaffMember) -> set[uuid.UUID]:
    ids = (
        await Application.filter(_mine(staff), parent_id__isnull=True, status__in=WAITING)
        .order_by("-id")  # ids are time-ordered: beyond the cap, the newest are watched
        .limit(QUEUE_LIMIT)
        .values_list("id", flat=True)
    )
    return {uuid.UUID(str(i)) for i in ids}


async def queue_changes(
    staff: StaffMember,
    lasts: Callable[[], Awaitable[bool]],
    poll_seconds: float = POLL_SECONDS,
) -> AsyncIterator[tuple[uuid.UUID, str]]:
    """(application id, status) for each application that came into the clerk's queue or left
    it since the stream began, as it happens; ends when `lasts()` says the session is over."""
    before = await _waiting(staff)
    polls = 0
    while True:
        await asyncio.sleep(poll_seconds)
        polls += 1
        now = await _waiting(staff)
        came, left = now - before, before - now
        if (came or left or polls % CHECK_SESSION_EVERY == 0) and not await lasts():
            return
        changes = [(i, "submitted") for i in sorted(came)]
        if left:
            gone = await Application.filter(id__in=left).values_list("id", "status")
            changes += sorted((uuid.UUID(str(i)), str(s)) for i, s in gone)
        before = now
        for change in changes:
            yield change
