"""Paying an application's fees: the bill as the evaluation counts it, the order at the platform,
the platform's notice (handled once however often it comes), and payment at the window.

What is owed is counted by the server from the application as submitted (every fee of every
member matter of a life event, each rounded to the fen) and fixed in the order: the client
never says how much. A second order for the same application answers the first one.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import structlog
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from backend.accounts.service import Citizen
from backend.applications import service as applications
from backend.applications.service import Application
from backend.datasources.service import Sharing
from backend.payments.models import Payment
from backend.payments.platform import (
    BadNotice,
    PaymentPlatform,
    PlatformRefused,
    PlatformUnavailable,
)
from backend.rules.domain import CHINA_TIME

log = structlog.get_logger("zerorun.payments")
MAX_ORDER_FEN = 5_000_000_000  # 5,000 万元: above it the platforms refuse; pay at the window
PAYABLE = ("submitted", "accepted")


class PaymentProblem(Exception):
    """An expected refusal, answered as data with a stable code (raised fresh each time)."""

    def __init__(self, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code, self.message_zh, self.message_en = code, message_zh, message_en


@dataclass
class Payments:
    """What paying needs: the platform's adapter and the shared data the evaluation reads."""

    platform: PaymentPlatform
    sharing: Sharing


@dataclass(frozen=True)
class Bill:
    items: list[dict[str, Any]]  # {"id", "name", "amount_fen"}, the fees owed now
    known: bool  # False while a computed fee lacks a value it reads

    @property
    def total_fen(self) -> int:
        return sum(int(i["amount_fen"]) for i in self.items)


@dataclass(frozen=True)
class Order:
    payment: Payment
    prepay_id: str | None  # None once paid


async def bill_of(app: Application, sharing: Sharing) -> Bill:
    """The fees the application owes as its starter's evaluation counts them now."""
    starter = await Citizen.get(id=app.citizen_id)
    fees = (await applications.evaluation_of(starter, app, sharing)).fees
    items: list[dict[str, Any]] = [
        {"id": f.id, "name": f.name, "amount_fen": f.amount_fen} for f in fees if f.amount_fen > 0
    ]
    return Bill(items, all(f.known for f in fees))


async def open_order(payments: Payments, citizen: Citizen, application_id: str) -> Order:
    """The order for every fee the application owes, opened at the platform (again, if it was
    opened before and not paid: the platform answers the same order)."""
    app = await applications.own(citizen, application_id)
    if app.parent_id is not None or app.status not in PAYABLE:
        raise PaymentProblem(
            "NOT_PAYABLE",
            "这一件现在不能缴费：提交后、办结前才能缴费。",
            "Fees are paid once the application is submitted and before it is decided.",
        )
    payment = await Payment.get_or_none(application_id=app.id)
    if payment is not None and payment.status != "created":
        return Order(payment, None)
    if payment is None:
        payment = await _new_payment(app, citizen, await bill_of(app, payments.sharing))
    if not payments.platform.configured:
        raise PaymentProblem(
            "PLATFORM_UNAVAILABLE",
            "网上支付暂未开通，请到窗口缴费。",
            "Online payment is not available; pay at the window.",
        )
    try:
        prepay = await payments.platform.create_order(
            payment.id, payment.amount_fen, _description(payment)
        )
    except (PlatformUnavailable, PlatformRefused) as e:
        log.warning("payment order failed", payment=payment.id, error=str(e))
        raise PaymentProblem(
            "PLATFORM_UNAVAILABLE",
            "支付平台暂时无法连接，没有扣款，请稍后再试。",
            "The payment platform cannot be reached; nothing was charged. Try again later.",
        ) from None
    return Order(payment, prepay)


async def _new_payment(app: Application, citizen: Citizen, bill: Bill) -> Payment:
    if not bill.known:
        raise PaymentProblem(
            "AMOUNT_UNKNOWN",
            "还缺计算费用所需的信息（如成交价格、面积），请补充后再缴费。",
            "A value the fee is computed from (the price, the area) is missing.",
        )
    if bill.total_fen == 0:
        raise PaymentProblem("NOTHING_TO_PAY", "这一件不用缴费。", "Nothing to pay.")
    if bill.total_fen > MAX_ORDER_FEN:
        raise PaymentProblem(
            "AMOUNT_OUT_OF_BOUNDS",
            "金额超过网上支付的上限，请到窗口缴费。",
            "The amount exceeds what can be paid online; pay at the window.",
        )
    try:
        return await Payment.create(
            id="zr" + uuid.uuid4().hex[:30],
            application_id=app.id,
            citizen_id=citizen.id,
            amount_fen=bill.total_fen,
            items=bill.items,
        )
    except IntegrityError:  # another request opened it first: that order is the one
        return await Payment.get(application_id=app.id)


def _description(payment: Payment) -> str:
    return "、".join(str(i["name"]["zh"]) for i in payment.items)


async def handle_notice(platform: PaymentPlatform, headers: dict[str, str], body: bytes) -> str:
    """A notice from the platform: `paid` the first time an order is paid, `repeat` for the
    same notice again (nothing more happens), `ignored` for a state we do not act on. Raises
    BadNotice for a forged, stale or malformed one and for one that contradicts our ledger."""
    resource = platform.verify(headers, body)
    if resource.get("trade_state") != "SUCCESS":
        return "ignored"
    number = str(resource.get("out_trade_no", ""))
    payment = await Payment.get_or_none(id=number)
    amount = (resource.get("amount") or {}).get("total")
    if payment is None or amount != payment.amount_fen:
        raise BadNotice(f"notice for {number!r} disagrees with the ledger (amount {amount!r})")
    won = await _record_paid(payment, resource.get("transaction_id"), resource.get("success_time"))
    return "paid" if won else "repeat"


async def recover(platform: PaymentPlatform, number: str) -> bool:
    """Ask the platform about an order whose notice never came (the reconciliation's
    NOT_RECORDED) and record it paid if the platform says so; True when it was recorded now."""
    payment = await Payment.get_or_none(id=number)
    if payment is None:
        return False
    trade = await platform.query(number)
    if trade.state not in ("SUCCESS", "REFUND") or trade.amount_fen != payment.amount_fen:
        return False
    return await _record_paid(payment, trade.transaction_id, trade.success_time)


async def _record_paid(payment: Payment, trade_no: Any, success_time: Any) -> bool:
    """Paid, and on the citizen's timeline, once: of two notices (or a notice and a recovery)
    the conditional update lets one through."""
    paid_at = _paid_at(success_time)
    async with in_transaction():
        won = await Payment.filter(id=payment.id, status="created").update(
            status="paid",
            platform_trade_no=str(trade_no or "")[:64] or None,
            paid_at=paid_at,
            paid_day=paid_at.astimezone(CHINA_TIME).date(),
        )
        if won:
            app = await Application.get(id=payment.application_id)
            yuan = f"{payment.amount_fen / 100:.2f}"
            await applications.add_event(
                app, "fees_paid", f"已在网上缴费 {yuan} 元。", f"Fees of CNY {yuan} paid online."
            )
    return bool(won)


def _paid_at(value: Any) -> dt.datetime:
    """The platform's success time (RFC 3339), else now; in UTC."""
    try:
        at = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return dt.datetime.now(dt.UTC)
    return (at if at.tzinfo else at.replace(tzinfo=CHINA_TIME)).astimezone(dt.UTC)


async def pay_at_window(clerk: str, app: Application, sharing: Sharing) -> Payment:
    """The fees paid at the window (by card or cash, the clerk's till): recorded as paid, and
    the trip counted: the application costs at least one run now."""
    existing = await Payment.get_or_none(application_id=app.id)
    if existing is not None and existing.status == "paid":
        return existing
    bill = await bill_of(app, sharing)
    if bill.total_fen == 0:
        raise PaymentProblem("NOTHING_TO_PAY", "这一件不用缴费。", "Nothing to pay.")
    now = dt.datetime.now(dt.UTC)
    paid: dict[str, Any] = {
        "status": "paid",
        "channel": "window",
        "received_by": clerk,
        "paid_at": now,
        "paid_day": now.astimezone(CHINA_TIME).date(),
    }
    async with in_transaction():
        if existing is None:
            payment = await Payment.create(
                id="zr" + uuid.uuid4().hex[:30],
                application_id=app.id,
                citizen_id=app.citizen_id,
                amount_fen=bill.total_fen,
                items=bill.items,
                **paid,
            )
        else:  # an order opened online and never paid: paid at the window instead
            await Payment.filter(id=existing.id, status="created").update(**paid)
            payment = await Payment.get(id=existing.id)
        await Application.filter(id=app.id).update(run_count=max(app.run_count or 0, 1))
        yuan = f"{payment.amount_fen / 100:.2f}"
        await applications.add_event(
            app, "fees_paid", f"已在窗口缴费 {yuan} 元。", f"Fees of CNY {yuan} paid at the window."
        )
    return payment


async def payment_of(app: Application) -> Payment | None:
    """The payment of the application (its root's, for a life event's member); None before any
    order was opened or fees paid at the window."""
    return await Payment.get_or_none(application_id=app.parent_id or app.id)


async def settled(app: Application, sharing: Sharing) -> bool:
    """Whether the application may be decided: its fees paid, or none owed."""
    if await Payment.exists(application_id=app.id, status="paid"):
        return True
    return (await bill_of(app, sharing)).total_fen == 0
