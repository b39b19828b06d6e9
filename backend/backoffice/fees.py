"""Fees at the window (窗口缴费): the clerk records the takings; the application then costs the
citizen a trip (its run count at least 1) and may be decided. And the finance office's day: our ledger against the platform's bill (对账)."""

from __future__ import annotations

import datetime as dt

from backend.applications.service import Application
from backend.backoffice.models import AuditEntry
from backend.backoffice.records import BackofficeProblem, actor, at_window
from backend.forms.validation import FieldError
from backend.payments import service as payments
from backend.rules.domain import CHINA_TIME
from backend.staff.service import StaffMember


async def record_window_payment(
    staff: StaffMember, application_id: str, pay: payments.Payments
) -> Application:
    app = await at_window(staff, application_id)
    if app.status not in ("submitted", "accepted"):
        raise BackofficeProblem(
            "NOT_READY",
            "提交后、办结前才能在窗口缴费。",
            "Fees are paid once the application is submitted and before it is decided.",
        )
    try:
        paid = await payments.pay_at_window(staff.username, app, pay.sharing)
    except payments.PaymentProblem as e:
        raise BackofficeProblem("NOT_READY", e.message_zh, e.message_en) from None
    await AuditEntry.create(
        actor=actor(staff),
        action="fees_paid_at_window",
        subject_id=app.id,
        before=None,
        after={"payment": paid.id, "amount_fen": paid.amount_fen},
    )
    await app.refresh_from_db()
    return app


async def payment_of(app: Application) -> payments.Payment | None:
    """The application's payment (the root's), however it was paid; None before any order."""
    return await payments.payment_of(app)


async def reconciliation(pay: payments.Payments, day: dt.date) -> payments.Report:
    """The day's reconciliation of the deployment's merchant account: INVALID_INPUT at /day for
    a China day not begun yet, NOT_READY while online payment is off or the
    platform's bill cannot be fetched (never half a report)."""
    if day > dt.datetime.now(CHINA_TIME).date():
        zh, en = "对账日期不能晚于今天。", "The day to reconcile cannot be after today."
        raise BackofficeProblem("INVALID_INPUT", zh, en, [FieldError("/day", "RANGE", zh, en)])
    if not pay.platform.configured:
        raise BackofficeProblem(
            "NOT_READY",
            "网上支付未开通，没有可对账的交易。",
            "Online payment is off: there is nothing to reconcile.",
        )
    try:
        return await payments.reconcile(pay.platform, day)
    except payments.PlatformUnavailable:
        raise BackofficeProblem(
            "NOT_READY",
            "支付平台暂时无法取得当日账单，请稍后再试。",
            "The payment platform's bill of the day cannot be fetched now; try again later.",
        ) from None
