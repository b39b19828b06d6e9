"""The window's queue as it changes: what arrives (submitted, or resubmitted after a
correction) and what leaves it (accepted, rejected, sent back for correction, by anyone), for
a clerk's live subscription.

The database every worker shares is the one truth: the queue is read again (one statement of
at most QUEUE_LIMIT ids, and one more only when some left) whenever it may have changed. What
says so is a nudge on the bus's channels of the clerk's region and hall (each step of an
application is published there, by whichever worker's dispatcher takes it). The bus carries
other workers' nudges only through Redis: without it, or while it is lost, the queue is read
every POLL_SECONDS as well, so a change made on any worker still reaches every clerk."""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence

from tortoise.expressions import Q

from backend.applications.service import Application
from backend.backoffice.queue import QUEUE_LIMIT
from backend.backoffice.records import WAITING
from backend.infra.bus import Bus
from backend.staff.service import StaffMember

POLL_SECONDS = 2.0  # without Redis, or while it is lost: the worker reads for itself
QUIET_SECONDS = 30.0  # with it: read all the same now and then; a signed-out clerk's stream ends
# The first item of a stream, once the queue is read: every change after it is news.
WATCHING = (None, "watching")


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


class _Nudges:
    """Whether a nudge came on any of the channels, and whether other workers' can be heard."""

    def __init__(self, shared: bool) -> None:
        self.came = asyncio.Event()
        self.heard = shared  # False: read every POLL_SECONDS

    def lost(self) -> None:
        self.heard = False
        self.came.set()  # read now, then every POLL_SECONDS

    def resumed(self) -> None:
        self.heard = True

    async def drain(self, messages: AsyncIterator[bytes]) -> None:
        async for _ in messages:  # a gap (Redis back) is a nudge as well: read again
            self.came.set()

    async def next(self) -> None:
        """Until a nudge comes, or it is time to read the queue anyway."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(
                self.came.wait(), POLL_SECONDS if not self.heard else QUIET_SECONDS
            )
        self.came.clear()


async def queue_changes(
    staff: StaffMember,
    lasts: Callable[[], Awaitable[bool]],
    bus: Bus,
    channels: Sequence[str],
    shared: bool,
) -> AsyncIterator[tuple[uuid.UUID | None, str]]:
    """WATCHING once the queue is read, then (application id, status) for each application
    that came into the clerk's queue or left it, as it happens; ends when `lasts()` says the
    session is over. `channels` are the clerk's queue's on `bus`; `shared`: whether the bus
    hears other workers (Redis)."""
    nudges = _Nudges(shared)
    async with contextlib.AsyncExitStack() as stack:
        for channel in channels:  # subscribed before the queue is read: no nudge falls between
            messages = await stack.enter_async_context(
                bus.subscribe(channel, lost=nudges.lost, resumed=nudges.resumed)
            )
            stack.push_async_callback(_cancelled, asyncio.create_task(nudges.drain(messages)))
        before = await _waiting(staff)
        yield WATCHING
        checked = time.monotonic()
        while True:
            await nudges.next()
            now = await _waiting(staff)
            came, left = now - before, before - now
            if came or left or time.monotonic() - checked >= QUIET_SECONDS:
                if not await lasts():
                    return
                checked = time.monotonic()
            changes: list[tuple[uuid.UUID | None, str]] = [(i, "submitted") for i in sorted(came)]
            if left:
                gone = await Application.filter(id__in=left).values_list("id", "status")
                changes += sorted((uuid.UUID(str(i)), str(s)) for i, s in gone)
            before = now
            for change in changes:
                yield change


async def _cancelled(task: asyncio.Task[None]) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
