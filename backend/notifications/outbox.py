"""The outbox as data: entries written in the caller's transaction, what is still pending,
and an application's steps in order (for live subscribers)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from backend.infra.logs import current_request_id
from backend.notifications.models import Outbox

MAX_ATTEMPTS = 8  # a notice not sent after this many attempts is given up, for a person to see


def channel(prefix: str, application_id: str) -> str:
    return f"{prefix}:application:{application_id}"


def queue_channels(prefix: str, region_code: str | None, hall_id: int | None) -> list[str]:
    """The channels where a step of an application of this county (received at this hall) is
    announced: the window clerks' queues that list it listen to them."""
    hall = [f"{prefix}:queue:hall:{hall_id}"] if hall_id else []
    return [f"{prefix}:queue:region:{region_code}", *hall] if region_code else hall


def now() -> dt.datetime:
    """Now in UTC: every outbox time is written and compared in UTC (SQLite compares text)."""
    return dt.datetime.now(dt.UTC)


async def record(application_id: uuid.UUID, citizen_id: int, kind: str, payload: Any) -> None:
    """An entry in the outbox, in the caller's transaction: the dispatchers publish it for live
    updates and hand it to the notifier. It keeps the id of the request being served, if any."""
    await Outbox.create(
        application_id=application_id,
        citizen_id=citizen_id,
        kind=kind,
        payload=payload,
        request_id=current_request_id(),
    )


@dataclass(frozen=True)
class Backlog:
    """What the outbox holds not done yet, for an operator's dashboard."""

    pending: dict[str, int]  # entries not published; notices not sent and still tried
    oldest_seconds: dict[str, float]  # how long the oldest of each has waited (0: none)
    given_up: int  # notices not sent after MAX_ATTEMPTS, left for a person to look at


async def backlog() -> Backlog:
    waiting = {
        "publication": Outbox.filter(published_at__isnull=True),
        "notice": Outbox.filter(notified_at__isnull=True, attempts__lt=MAX_ATTEMPTS),
    }
    pending, oldest = {}, {}
    at = now()
    for side, query in waiting.items():
        pending[side] = await query.count()
        first = await query.order_by("id").first()
        oldest[side] = (at - first.created_at).total_seconds() if first else 0.0
    given_up = await Outbox.filter(notified_at__isnull=True, attempts__gte=MAX_ATTEMPTS).count()
    return Backlog(pending, oldest, given_up)


async def last_step(application_id: uuid.UUID) -> int:
    """The sequence number of the application's latest step so far (0: none)."""
    latest = await Outbox.filter(application_id=application_id).order_by("-id").first()
    return latest.id if latest else 0


async def steps_after(application_id: uuid.UUID, seq: int, limit: int = 100) -> list[Outbox]:
    """The application's steps after `seq`, oldest first: what a live subscriber missed."""
    return (
        await Outbox.filter(application_id=application_id, id__gt=seq).order_by("id").limit(limit)
    )
