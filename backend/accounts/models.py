from typing import Any
from uuid import uuid4

from tortoise import fields
from tortoise.models import Model


class Citizen(Model):
    """A citizen known through an identity provider, with the profile the provider verified."""

    id = fields.IntField(primary_key=True)
    provider = fields.CharField(max_length=32)
    subject = fields.CharField(max_length=64)
    name = fields.CharField(max_length=64)
    profile: Any = fields.JSONField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "citizen"
        unique_together = (("provider", "subject"),)


class CitizenSession(Model):
    """A signed-in citizen's session: a token names its random id, and it lasts while its row
    does (signOut deletes it, the sweep deletes it once expired)."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    citizen: fields.ForeignKeyRelation[Citizen] = fields.ForeignKeyField(
        "models.Citizen", related_name="sessions", on_delete=fields.CASCADE
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "citizen_session"
