from typing import Any

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
