from tortoise import fields
from tortoise.models import Model


class Citizen(Model):
    """A citizen known through an identity provider; the profile is what the provider verified."""

    id = fields.IntField(primary_key=True)
    provider = fields.CharField(max_length=32)
    subject = fields.CharField(max_length=64)
    name = fields.CharField(max_length=64)
    profile = fields.JSONField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "citizen"
        unique_together = (("provider", "subject"),)
