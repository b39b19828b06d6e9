"""Deliveries as data: one written in the caller's transaction when a review task is handed to
its department's system, what the operator sees of them (the backlog, the dead ones) and
giving a dead one another round."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from backend.applications.service import Application
from backend.exchange import payload
from backend.exchange.models import Delivery

MAX_LISTED = 200


def now() -> dt.datetime:
    """Now in UTC: every delivery time is written and compared in UTC (SQLite compares text)."""
    return dt.datetime.now(dt.UTC)


async def hand_off(
    root: Application, member: Application, task_id: int, department: str, region: str
) -> Delivery:
    """The task handed to its department's system: a delivery with its body, in the caller's
    transaction (the one that opens the task), so that an accepted task is never lost."""
    delivery = await Delivery.create(
        application_id=root.id, task_id=task_id, department_code=department, region_code=region
    )
    body = await payload.build(delivery.id, task_id, department, root, member)
    delivery.body, delivery.payload_sha256 = body, payload.digest(body)
    await Delivery.filter(id=delivery.id).update(body=body, payload_sha256=delivery.payload_sha256)
    return delivery


async def of_tasks(task_ids: list[int]) -> dict[int, Delivery]:
    """The deliveries of these tasks, by task (a task handed to no system has none)."""
    rows = await Delivery.filter(task_id__in=task_ids) if task_ids else []
    return {d.task_id: d for d in rows}


@dataclass(frozen=True)
class Backlog:
    """What waits to be delivered, for the operator's metrics."""

    pending: int
    oldest_seconds: float  # how long the oldest pending delivery has waited (0: none)
    dead: int  # given up after every attempt, until an operator redelivers them


async def backlog() -> Backlog:
    waiting = Delivery.filter(status="pending")
    first = await waiting.order_by("id").first()
    oldest = (now() - first.created_at).total_seconds() if first else 0.0
    return Backlog(await waiting.count(), oldest, await Delivery.filter(status="dead").count())


async def listed(status: str | None) -> list[Delivery]:
    rows = Delivery.filter(status=status) if status else Delivery.all()
    return await rows.order_by("-id").limit(MAX_LISTED)


async def redeliver(delivery_id: int) -> bool:
    """A dead delivery back to pending, its attempts counted again from zero: False when there
    is no dead delivery of that id."""
    return bool(
        await Delivery.filter(id=delivery_id, status="dead").update(
            status="pending", attempts=0, next_attempt_at=None, claim=None, lease_until=None
        )
    )
