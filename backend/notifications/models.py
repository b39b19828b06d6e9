"""The outbox: every step of an application, for live updates and notices."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model


class Outbox(Model):
    """Every timeline step, written in the same transaction: the dispatchers publish each one
    for live updates and hand it to the notifier until it is sent, so a crash loses nothing.
    Each of the two side effects is claimed by one worker under a lease before it is done."""

    id = fields.IntField(primary_key=True)
    application_id = fields.UUIDField(db_index=True)
    citizen_id = fields.IntField()
    kind = fields.CharField(max_length=32)
    payload: Any = fields.JSONField()
    created_at = fields.DatetimeField(auto_now_add=True)
    published_at = fields.DatetimeField(null=True, db_index=True)
    # The worker that claimed the publication (and, once published, published it); its claim
    # holds until publish_lease_until, then any worker may take the entry over.
    publish_claim = fields.CharField(max_length=32, null=True)
    publish_lease_until = fields.DatetimeField(null=True)
    notified_at = fields.DatetimeField(null=True)
    notify_claim = fields.CharField(max_length=32, null=True)  # the same, for the notice
    notify_lease_until = fields.DatetimeField(null=True)
    attempts = fields.IntField(default=0)  # of the notice
    next_attempt_at = fields.DatetimeField(null=True)
    last_error = fields.CharField(max_length=200, null=True)
    # The request that wrote the entry (its X-Request-Id), for the log lines of its side effects.
    request_id = fields.CharField(max_length=64, null=True)

    class Meta:
        table = "outbox"
