"""What an application owes and how it was paid, as the window and the finance office read it,
and the pauses of a review task's clock."""

from __future__ import annotations

import datetime as dt

import strawberry

from backend.api.catalog.evaluation import FeeDue
from backend.api.payments.types import PaidFee, PaymentStatus
from backend.api.types import LocalizedText
from backend.applications.service import Application
from backend.backoffice import service


@strawberry.type(description="An application's payment: its fees as owed then, and how paid.")
class StaffPayment:
    id: strawberry.ID = strawberry.field(description="The order number (out_trade_no).")
    amount_cny: float
    status: PaymentStatus
    channel: str = strawberry.field(description="online | window")
    fees: list[PaidFee]
    paid_at: dt.datetime | None
    received_by: str | None = strawberry.field(
        description="The clerk who took a window payment; null for one paid online."
    )
    refund: str | None = strawberry.field(
        description="pending (owed back after a rejection or denial) or done; null when none."
    )


@strawberry.type(
    description="A pause of a review task's clock for a special procedure, as the citizen reads it."
)
class TaskSuspension:
    kind: str = strawberry.field(
        description="expert_review | public_notice | hearing | inspection."
    )
    kind_name: LocalizedText
    reason: str
    started_by: str
    started_at: dt.datetime
    ended_at: dt.datetime | None = strawberry.field(description="Null while it stands paused.")
    paused_days: int | None = strawberry.field(
        description="Working days it stood paused, counted on resumption; null before."
    )


def fees_of(detail: service.Detail) -> list[FeeDue]:
    return [FeeDue.of(f) for f in detail.fees]


async def payment_of(app: Application) -> StaffPayment | None:
    p = await service.payment_of(app)
    if p is None:
        return None
    return StaffPayment(
        id=strawberry.ID(p.id),
        amount_cny=p.amount_fen / 100,
        status=PaymentStatus(p.status),
        channel=p.channel,
        fees=[
            PaidFee(id=i["id"], name=LocalizedText.of(i["name"]), amount_cny=i["amount_fen"] / 100)
            for i in p.items
        ],
        paid_at=p.paid_at,
        received_by=p.received_by,
        refund=p.refund_status,
    )


async def suspensions_of(task_ids: list[int]) -> list[list[TaskSuspension]]:
    """Each task's pauses: one statement for a page of tasks."""
    names = service.SUSPENSION_KINDS
    found = await service.suspensions_of(task_ids)
    return [
        [
            TaskSuspension(
                kind=s.kind,
                kind_name=LocalizedText(zh=names[s.kind][0], en=names[s.kind][1]),
                reason=s.reason,
                started_by=s.started_by,
                started_at=s.started_at,
                ended_at=s.ended_at,
                paused_days=s.paused_days,
            )
            for s in found[t]
        ]
        for t in task_ids
    ]
