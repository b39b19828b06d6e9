from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model


class Rating(Model):
    """The citizen's 1–5 verdict on a finished application (好差评), given once: online by the
    citizen, or on the window's rating pad, recorded by the clerk serving them (ADR 0019)."""

    id = fields.IntField(primary_key=True)
    application_id = fields.UUIDField(unique=True)
    citizen_id = fields.IntField(db_index=True)
    score = fields.IntField()
    tags: Any = fields.JSONField(default=list)
    comment = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    channel = fields.CharField(max_length=8, default="online", db_default="online")  # | window
    recorded_by = fields.CharField(max_length=64, null=True)  # the clerk, for a window rating

    class Meta:
        table = "rating"
        indexes = (("created_at",),)  # the dashboard's ratings of a period


class RatedMatter(Model):
    """One matter a rating speaks for, with the score that counts in the public figures: the
    rating's, replaced by the citizen's 追评. A life event's rating speaks for each of its
    matters; a matter application's for its own. Kept apart so that the public league table
    is one aggregate over one index, whatever joins its names take."""

    id = fields.IntField(primary_key=True)
    rating_id = fields.IntField()
    matter_id = fields.IntField()
    department_code = fields.CharField(max_length=32)
    region_code = fields.CharField(max_length=6)  # the application's county
    score = fields.SmallIntField()

    class Meta:
        table = "rated_matter"
        # the public figures of a region's range, grouped by matter, department or county,
        # read from the index alone; a rating's rows when its 追评 replaces the score
        indexes = (
            ("region_code", "department_code", "matter_id", "rating_id", "score"),
            ("rating_id",),
        )


class FollowUp(Model):
    """A bad rating (2 or less) the county calls back within 1 working day, rectifies within
    15, and the citizen may rate once more (追评), which closes it (ADR 0019). Those opened
    before the loop (callback_due_on null) were closed by one answer within 5 working days."""

    id = fields.IntField(primary_key=True)
    rating: fields.ForeignKeyRelation[Rating] = fields.ForeignKeyField(
        "models.Rating", related_name="follow_ups", on_delete=fields.RESTRICT
    )
    region_code = fields.CharField(max_length=6, db_index=True)
    opened_at = fields.DatetimeField(null=True)  # its rating's time (0013 filled the older ones)
    due_on = fields.DateField(null=True)  # the last deadline: the rectification's (5 days before)
    answer = fields.TextField(null=True)
    answered_by = fields.CharField(max_length=64, null=True)
    closed_at = fields.DatetimeField(null=True)
    overdue_flagged_at = fields.DatetimeField(null=True)
    # The callback (回访): how the citizen was reached and what was said
    callback_due_on = fields.DateField(null=True)
    callback_at = fields.DatetimeField(null=True)
    callback_by = fields.CharField(max_length=64, null=True)
    callback_method = fields.CharField(max_length=8, null=True)  # phone | sms | visit | other
    callback_note = fields.TextField(null=True)
    callback_late_at = fields.DatetimeField(null=True)  # the sweep's escalation, once
    # The rectification (整改): what was put right
    rectified_at = fields.DatetimeField(null=True)
    rectified_by = fields.CharField(max_length=64, null=True)
    rectification = fields.TextField(null=True)
    rectification_late_at = fields.DatetimeField(null=True)  # the sweep's escalation, once
    # The citizen's one 追评, or the sweep closing it without one past re_rating_due_on
    re_rating_due_on = fields.DateField(null=True)
    re_score = fields.SmallIntField(null=True)
    re_comment = fields.TextField(null=True)
    re_rated_at = fields.DatetimeField(null=True)
    # answered (the old single answer) | re_rated | no_re_rating
    closed_as = fields.CharField(max_length=12, null=True)

    class Meta:
        table = "follow_up"
        # a rating's follow-up (PostgreSQL indexes no foreign key); a region's of a period
        indexes = (("rating_id",), ("region_code", "opened_at"))
