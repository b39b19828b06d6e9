"""The finance office's day (对账): our ledger of fees paid against the payment platform's bill
of the same China day, each disagreement named, for the workbench's report and its CSV."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated

import strawberry

from backend.api.backoffice.types import BackofficeError
from backend.api.context import Info
from backend.api.errors import problems_as
from backend.api.permissions import IsStaff, IsSupervisorOrCountyAdministrator
from backend.backoffice import service
from backend.payments.service import Line, Report

MAX_LINES = 2000  # a county's day is hundreds; the totals always count every line


@strawberry.enum(description="How our ledger and the platform's bill disagree on one trade.")
class ReconciliationProblem(Enum):
    NOT_RECORDED = strawberry.enum_value(
        "NOT_RECORDED",
        description="The platform took the money and our ledger has no payment: its notice never came (zerorun payments recover).",
    )
    NOT_AT_PLATFORM = strawberry.enum_value(
        "NOT_AT_PLATFORM",
        description="Our ledger says paid online and the platform lists no such trade.",
    )
    AMOUNT = strawberry.enum_value("AMOUNT", description="Both know it, at different amounts.")
    REFUND = strawberry.enum_value(
        "REFUND", description="One side says refunded and the other not."
    )


@strawberry.type(description="One trade of the day as our ledger and the platform each have it.")
class ReconciliationLine:
    order_id: str = strawberry.field(description="The order number (out_trade_no).")
    channel: str = strawberry.field(
        description="online, or window (our till's alone: never compared)."
    )
    ledger_cny: float | None = strawberry.field(description="Null: not in our ledger as paid.")
    platform_cny: float | None = strawberry.field(
        description="Null: not in the platform's bill (always for a window payment)."
    )
    ledger_state: str | None = strawberry.field(description="paid | refunded in our ledger.")
    platform_state: str | None = strawberry.field(description="SUCCESS | REFUND at the platform.")
    problem: ReconciliationProblem | None

    @classmethod
    def of(cls, line: Line) -> ReconciliationLine:
        return cls(
            order_id=line.out_trade_no,
            channel=line.channel,
            ledger_cny=_cny(line.ledger_fen),
            platform_cny=_cny(line.platform_fen),
            ledger_state=line.ledger_state,
            platform_state=line.platform_state,
            problem=ReconciliationProblem(line.problem) if line.problem else None,
        )


@strawberry.type(description="A China day's reconciliation, the disagreements first.")
class PaymentReconciliation:
    day: dt.date
    online_total_cny: float = strawberry.field(description="Paid online by our ledger.")
    window_total_cny: float = strawberry.field(description="Taken at the windows.")
    platform_total_cny: float = strawberry.field(description="The platform's bill of the day.")
    trade_count: int = strawberry.field(description="Every line, listed or not.")
    mismatch_count: int
    lines: list[ReconciliationLine] = strawberry.field(
        description=f"The disagreements, then the rest in the ledger's order; at most {MAX_LINES}."
    )

    @classmethod
    def of(cls, report: Report) -> PaymentReconciliation:
        ordered = report.mismatches + [line for line in report.lines if not line.problem]
        return cls(
            day=report.day,
            online_total_cny=report.total("online") / 100,
            window_total_cny=report.total("window") / 100,
            platform_total_cny=report.platform_total / 100,
            trade_count=len(report.lines),
            mismatch_count=len(report.mismatches),
            lines=[ReconciliationLine.of(line) for line in ordered[:MAX_LINES]],
        )


def _cny(fen: int | None) -> float | None:
    return None if fen is None else fen / 100


PaymentReconciliationResult = Annotated[
    PaymentReconciliation | BackofficeError, strawberry.union("PaymentReconciliationResult")
]


@strawberry.type
class FinanceQueries:
    @strawberry.field(
        permission_classes=[IsStaff, IsSupervisorOrCountyAdministrator],
        description="The reconciliation of a China day for the finance office: the fees our ledger counts paid that day against the payment platform's bill, trade by trade (the deployment's merchant account). INVALID_INPUT at /day for a day after today; NOT_READY while online payment is off or the platform's bill cannot be fetched. Supervisors and county administrators only.",
    )
    @problems_as(BackofficeError)
    async def payment_reconciliation(self, info: Info, day: dt.date) -> PaymentReconciliationResult:
        report = await service.reconciliation(info.context.services.payments, day)
        return PaymentReconciliation.of(report)
