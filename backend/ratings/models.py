from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model


class Rating(Model):
    """The citizen's 1–5 verdict on a completed application (好差评), given once."""

    id = fields.IntField(primary_key=True)
    application_id = fields.UUIDField(unique=True)
    citizen_id = fields.IntField(db_index=True)
    score = fields.IntField()
    tags: Any = fields.JSONField(default=list)
    comment = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "rating"
        indexes = (("created_at",),)  # the dashboard's ratings of a period


class FollowUp(Model):
    """A bad rating (2 or less) the county must answer and close within its limit."""

    id = fields.IntField(primary_key=True)
    rating: fields.ForeignKeyRelation[Rating] = fields.ForeignKeyField(
        "models.Rating", related_name="follow_ups", on_delete=fields.RESTRICT
    )
    region_code = fields.CharField(max_length=6, db_index=True)
    opened_at = fields.DatetimeField(null=True)  # its rating's time (0013 filled the older ones)
    due_on = fields.DateField(null=True)
    answer = fields.TextField(null=True)
    answered_by = fields.CharField(max_length=64, null=True)
    closed_at = fields.DatetimeField(null=True)
    overdue_flagged_at = fields.DatetimeField(null=True)

    class Meta:
        table = "follow_up"
        # a rating's follow-up (PostgreSQL indexes no foreign key); a region's of a period
        indexes = (("rating_id",), ("region_code", "opened_at"))
