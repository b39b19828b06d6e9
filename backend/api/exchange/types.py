"""A review task's hand-off to its department's own system, as the workbench shows it."""

from __future__ import annotations

import datetime as dt
from enum import Enum

import strawberry

from backend.exchange import service as exchange


@strawberry.enum(description="How a task's delivery to its department's system stands.")
class HandOffStatus(Enum):
    PENDING = strawberry.enum_value(
        "pending", description="Not acknowledged yet: tried again with backoff."
    )
    DELIVERED = strawberry.enum_value(
        "delivered", description="The department's system acknowledged it."
    )
    DEAD = strawberry.enum_value(
        "dead",
        description="Given up after every attempt: an operator redelivers it (zerorun exchange redeliver).",
    )


@strawberry.type(
    description="A review task handed to its department's own system (数据交换): it is decided there and reported back, never in the workbench."
)
class HandOff:
    status: HandOffStatus
    attempts: int
    last_error: str | None = strawberry.field(description="Why the last attempt failed, if it did.")
    delivered_at: dt.datetime | None
    acknowledged_id: str | None = strawberry.field(description="The department system's receipt.")

    @classmethod
    def of(cls, d: exchange.Delivery) -> HandOff:
        return cls(
            status=HandOffStatus(d.status),
            attempts=d.attempts,
            last_error=d.last_error,
            delivered_at=d.delivered_at,
            acknowledged_id=d.acknowledged_id,
        )


async def hand_offs(task_ids: list[int]) -> list[HandOff | None]:
    """Each task's hand-off (None: reviewed in the workbench): one statement for a page."""
    found = await exchange.of_tasks(task_ids)
    return [HandOff.of(found[t]) if t in found else None for t in task_ids]
