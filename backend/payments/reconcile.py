"""The day's reconciliation (对账) for the finance office: our ledger against the platform's
bill of the same China day, trade by trade, every disagreement named.

Problems: `NOT_RECORDED` the platform took the money and our ledger has no payment (a notice
that never arrived: query the order, then record it); `NOT_AT_PLATFORM` our ledger says paid
online and the platform lists no such trade; `AMOUNT` both know it at different amounts;
`REFUND` one side says refunded and the other not. Window payments are our till's alone: they
are listed with their totals, never compared.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from backend.payments.models import Payment
from backend.payments.platform import PaymentPlatform, Trade

PLATFORM_PAID = ("SUCCESS", "REFUND")


@dataclass(frozen=True)
class Line:
    out_trade_no: str
    channel: str  # online | window
    ledger_fen: int | None  # None: not in our ledger as paid
    platform_fen: int | None  # None: not in the platform's bill (or a window payment)
    ledger_state: str | None
    platform_state: str | None
    problem: str | None = None


@dataclass(frozen=True)
class Report:
    day: dt.date
    lines: list[Line] = field(default_factory=list)

    def total(self, channel: str) -> int:
        return sum(line.ledger_fen or 0 for line in self.lines if line.channel == channel)

    @property
    def platform_total(self) -> int:
        return sum(line.platform_fen or 0 for line in self.lines)

    @property
    def mismatches(self) -> list[Line]:
        return [line for line in self.lines if line.problem]


async def reconcile(platform: PaymentPlatform, day: dt.date) -> Report:
    """Raises PlatformUnavailable when the bill cannot be fetched: no half report."""
    bill = {t.out_trade_no: t for t in await platform.bill(day)}
    ours = {p.id: p for p in await Payment.filter(paid_day=day).order_by("paid_at")}
    missing = set(bill) - set(ours)
    elsewhere = {p.id: p for p in await Payment.filter(id__in=missing)} if missing else {}
    lines = [_line(p, bill.get(p.id)) for p in ours.values()]
    lines += [_unrecorded(bill[n], elsewhere.get(n)) for n in sorted(missing)]
    return Report(day, lines)


def _line(p: Payment, trade: Trade | None) -> Line:
    state = "refunded" if p.status == "refunded" else "paid"
    if p.channel == "window":
        return Line(p.id, "window", p.amount_fen, None, state, None)
    if trade is None:
        return Line(p.id, "online", p.amount_fen, None, state, None, "NOT_AT_PLATFORM")
    problem = None
    if trade.amount_fen != p.amount_fen:
        problem = "AMOUNT"
    elif (trade.state == "REFUND") != (p.status == "refunded"):
        problem = "REFUND"
    return Line(p.id, "online", p.amount_fen, trade.amount_fen, state, trade.state, problem)


def _unrecorded(trade: Trade, p: Payment | None) -> Line:
    """A trade of the platform's day that our ledger does not count as paid that day: paid on
    another day by our clock is only noted; otherwise the money arrived unrecorded."""
    if p is not None and p.paid_day is not None:
        return Line(trade.out_trade_no, "online", None, trade.amount_fen, "paid", trade.state)
    problem = "NOT_RECORDED" if trade.state in PLATFORM_PAID else None
    state = p.status if p else None
    return Line(trade.out_trade_no, "online", None, trade.amount_fen, state, trade.state, problem)
