from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from backend.accounts.service import Citizen
    from backend.applications.service import Application


class Consent(Model):
    """A citizen's consent to one data set being read for one application, until revoked or expired."""

    id = fields.IntField(primary_key=True)
    citizen: fields.ForeignKeyRelation[Citizen] = fields.ForeignKeyField(
        "models.Citizen", related_name="consents", on_delete=fields.RESTRICT
    )
    application: fields.ForeignKeyRelation[Application] = fields.ForeignKeyField(
        "models.Application", related_name="consents", on_delete=fields.RESTRICT
    )
    application_id: uuid.UUID  # typed for mypy
    source_id = fields.CharField(max_length=40)
    purpose: Any = fields.JSONField()  # the purpose and legal basis as shown when consenting
    granted_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "consent"
        indexes = (("citizen_id", "granted_at"),)


class DataPull(Model):
    """The latest read of one source for one application, and what it gave."""

    id = fields.IntField(primary_key=True)
    application: fields.ForeignKeyRelation[Application] = fields.ForeignKeyField(
        "models.Application", related_name="pulls", on_delete=fields.CASCADE
    )
    source_id = fields.CharField(max_length=40)
    consent: fields.ForeignKeyRelation[Consent] = fields.ForeignKeyField(
        "models.Consent", related_name="pulls", on_delete=fields.RESTRICT
    )
    consent_id: int  # typed for mypy
    status = fields.CharField(max_length=12)  # ok | no_record | failed | revoked
    values: Any = fields.JSONField(default=dict)
    licenses: Any = fields.JSONField(default=list)
    reason: Any = fields.JSONField(null=True)
    fetched_at = fields.DatetimeField()

    class Meta:
        table = "data_pull"
        unique_together = (("application", "source_id"),)


class DataAccess(Model):
    """Append-only: who read a citizen's data from which source, when, and for what."""

    id = fields.IntField(primary_key=True)
    citizen: fields.ForeignKeyRelation[Citizen] = fields.ForeignKeyField(
        "models.Citizen", related_name="data_accesses", on_delete=fields.RESTRICT
    )
    source_id = fields.CharField(max_length=40)
    accessor = fields.CharField(max_length=100)
    purpose = fields.CharField(max_length=200)
    outcome = fields.CharField(max_length=12)
    from_cache = fields.BooleanField(default=False)
    at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "data_access"
        indexes = (("citizen_id", "at"),)
