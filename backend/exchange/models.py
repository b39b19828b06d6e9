"""The hand-off to departments' own systems (数据交换): where each department's system is, and
one delivery a review task handed to it."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model


class Endpoint(Model):
    """A department's own system in one county, as an operator declared it (`zerorun exchange
    endpoint set`). The HMAC secret of `key_id` is never here: it comes from the environment
    (ZERORUN_EXCHANGE_KEY_<KEY ID>), so a copy of the database signs nothing."""

    id = fields.IntField(primary_key=True)
    department_code = fields.CharField(max_length=32)
    region_code = fields.CharField(max_length=6)
    url = fields.CharField(max_length=300)  # where deliveries are POSTed
    key_id = fields.CharField(max_length=64)
    active = fields.BooleanField(default=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "exchange_endpoint"
        unique_together = (("department_code", "region_code"),)


class Delivery(Model):
    """One review task handed to its department's system: written in the transaction that opens
    the task, then POSTed by a dispatcher that claims it under a lease, retried with backoff and
    given up (dead) after its attempts; the system's decision comes back against its id."""

    id = fields.IntField(primary_key=True)
    application_id = fields.UUIDField(db_index=True)  # what the citizen submitted (the root)
    task_id = fields.IntField(unique=True)
    department_code = fields.CharField(max_length=32)
    region_code = fields.CharField(max_length=6)
    status = fields.CharField(max_length=10, default="pending")  # pending | delivered | dead
    body: Any = fields.JSONField(null=True)  # what is sent, fixed at the first attempt
    payload_sha256 = fields.CharField(max_length=64, null=True)
    attempts = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField(null=True)
    claim = fields.CharField(max_length=32, null=True)  # the worker holding it, until lease_until
    lease_until = fields.DatetimeField(null=True)
    last_error = fields.CharField(max_length=200, null=True)
    delivered_at = fields.DatetimeField(null=True)
    acknowledged_id = fields.CharField(max_length=64, null=True)  # the department's receipt
    # The decision the system reported back: its body's hash and our answer, replayed to a
    # report sent again (the same report decides once).
    reported_sha256 = fields.CharField(max_length=64, null=True)
    reported_answer: Any = fields.JSONField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "exchange_delivery"
        indexes = (("status", "next_attempt_at"),)  # what the dispatchers claim
