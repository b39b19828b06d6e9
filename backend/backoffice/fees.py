"""Fees paid at the window (窗口缴费): the clerk records the takings; the application then costs
the citizen a trip (its run count at least 1) and may be decided."""

from __future__ import annotations

from backend.applications.service import Application
from backend.backoffice.models import AuditEntry
from backend.backoffice.records import BackofficeProblem, actor, at_window
from backend.payments import service as payments
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
