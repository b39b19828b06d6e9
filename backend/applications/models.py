from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from backend.accounts.models import Citizen
    from backend.catalog.models import MatterVersion


class Application(Model):
    """One citizen's case (办件), pinned forever to the matter version it was started on."""

    id = fields.UUIDField(primary_key=True)
    citizen: fields.ForeignKeyRelation[Citizen] = fields.ForeignKeyField(
        "models.Citizen", related_name="applications", on_delete=fields.RESTRICT
    )
    matter_version: fields.ForeignKeyRelation[MatterVersion] = fields.ForeignKeyField(
        "models.MatterVersion", related_name="applications", on_delete=fields.RESTRICT
    )
    matter_code = fields.CharField(max_length=32)
    status = fields.CharField(max_length=16, default="draft")
    answers: Any = fields.JSONField(default=dict)
    situation: Any = fields.JSONField(default=dict)
    idempotency_key = fields.CharField(max_length=64, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    submitted_at = fields.DatetimeField(null=True)

    class Meta:
        table = "application"
        unique_together = (("citizen", "idempotency_key"),)
        indexes = (("citizen_id", "created_at"),)


class ApplicationEvent(Model):
    """One step of an application's timeline, in plain language for the citizen."""

    id = fields.IntField(primary_key=True)
    application: fields.ForeignKeyRelation[Application] = fields.ForeignKeyField(
        "models.Application", related_name="events", on_delete=fields.CASCADE
    )
    kind = fields.CharField(max_length=32)
    message_zh = fields.CharField(max_length=300)
    message_en = fields.CharField(max_length=300)
    at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "application_event"
