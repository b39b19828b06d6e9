"""Refunds when an application paid for is rejected or denied: owed in the decision's own
transaction, sent to the platform afterwards, exactly once.

The outbox pattern of backend/notifications, on the payment row itself: `owe_refund` marks the
refund `pending` with the decision (a crash after it loses nothing), `send_refunds` claims each
pending refund under a lease (a conditional UPDATE: of two workers one wins) and calls the
platform with `out_refund_no` `<payment>-r`, which the platform refunds once however often it is
asked: the one window where it is asked twice (a worker dies after the platform refunded and
before it recorded so) costs nothing. A platform that does not answer leaves the refund pending
for the next round (right after the decision, then the sweep).
"""

from __future__ import annotations

import datetime as dt
import uuid

import structlog
from tortoise.expressions import Q

from backend.payments.models import Payment
from backend.payments.platform import PaymentPlatform, PlatformRefused, PlatformUnavailable

log = structlog.get_logger("zerorun.payments")
LEASE = dt.timedelta(seconds=60)


async def owe_refund(application_id: uuid.UUID) -> bool:
    """In the decision's transaction: the application's payment, if paid online, is owed back
    (a window payment is handed back at the window: marked `window`). True when one is owed."""
    paid = await Payment.get_or_none(
        application_id=application_id, status="paid", refund_status__isnull=True
    )
    if paid is None:  # nothing paid (or already owed back): one statement
        return False
    owed = "pending" if paid.channel == "online" else "window"
    marked = await Payment.filter(id=paid.id, refund_status__isnull=True).update(refund_status=owed)
    return bool(marked) and owed == "pending"


async def send_refunds(platform: PaymentPlatform, limit: int = 20) -> int:
    """Send the refunds owed that nobody holds; how many the platform took."""
    now = dt.datetime.now(dt.UTC)
    free = Q(refund_lease_until__isnull=True) | Q(refund_lease_until__lte=now)
    waiting = (
        await Payment.filter(free, refund_status="pending").order_by("created_at").limit(limit)
    )
    sent = 0
    for payment in waiting:
        claimed = await Payment.filter(free, id=payment.id, refund_status="pending").update(
            refund_lease_until=now + LEASE
        )
        if claimed and await _send(platform, payment):
            sent += 1
    return sent


async def _send(platform: PaymentPlatform, payment: Payment) -> bool:
    try:
        await platform.refund(payment.id, f"{payment.id}-r", payment.amount_fen)
    except (PlatformUnavailable, PlatformRefused) as e:
        log.warning("refund not sent", payment=payment.id, error=str(e))
        await Payment.filter(id=payment.id).update(
            refund_attempts=payment.refund_attempts + 1, last_error=str(e)[:200]
        )
        return False
    await Payment.filter(id=payment.id, refund_status="pending").update(
        refund_status="done", status="refunded", refunded_at=dt.datetime.now(dt.UTC)
    )
    log.info("refund sent", payment=payment.id, amount_fen=payment.amount_fen)
    return True
