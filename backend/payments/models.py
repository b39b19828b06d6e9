"""The payments ledger: one payment a submitted application, for every fee it owes."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model


class Payment(Model):
    """What one application owes and how it was paid (网上支付 or at the window), and its
    refund when the application is rejected or denied. The id is the platform's
    `out_trade_no`; the refund's `out_refund_no` is `<id>-r`: both idempotency keys at the
    platform, so a repeated call never takes or returns the money twice."""

    id = fields.CharField(max_length=32, primary_key=True)
    application_id = fields.UUIDField(unique=True)  # what the citizen submitted (the root)
    citizen_id = fields.IntField()  # who opened the order
    amount_fen = fields.BigIntField()
    items: Any = fields.JSONField()  # [{"id", "name": {zh, en}, "amount_fen"}] as owed then
    # created (order open at the platform) | paid | refunded
    status = fields.CharField(max_length=12, default="created")
    channel = fields.CharField(max_length=8, default="online")  # online | window
    platform_trade_no = fields.CharField(max_length=64, null=True)
    paid_at = fields.DatetimeField(null=True)
    paid_day = fields.DateField(null=True, db_index=True)  # China's day of paid_at: the report's
    received_by = fields.CharField(max_length=64, null=True)  # the clerk, for a window payment
    # pending (owed back, recorded with the decision) | done; claimed under a lease to be sent
    refund_status = fields.CharField(max_length=8, null=True, db_index=True)
    refund_lease_until = fields.DatetimeField(null=True)
    refund_attempts = fields.IntField(default=0)
    refunded_at = fields.DatetimeField(null=True)
    last_error = fields.CharField(max_length=200, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "payment"
