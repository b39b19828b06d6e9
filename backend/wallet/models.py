from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from backend.accounts.service import Citizen


class IssuedLicense(Model):
    """An e-license ZeroRun issued as the output of a completed application."""

    id = fields.IntField(primary_key=True)
    citizen: fields.ForeignKeyRelation[Citizen] = fields.ForeignKeyField(
        "models.Citizen", related_name="issued_licenses", on_delete=fields.RESTRICT
    )
    type = fields.CharField(max_length=40)
    number = fields.CharField(max_length=64, unique=True)
    holder_name = fields.CharField(max_length=64)
    issuer: Any = fields.JSONField()
    application_id = fields.UUIDField(unique=True)
    data: Any = fields.JSONField(default=dict)
    issued_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "issued_license"
