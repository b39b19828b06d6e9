from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model


class MatterDraft(Model):
    """The unpublished changes of one matter, as authored in the configurator (one per matter)."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    region_code = fields.CharField(max_length=6, db_index=True)
    document: Any = fields.JSONField()  # a localisation holds only its changes
    author = fields.CharField(max_length=64)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "matter_draft"


class MatterTestCase(Model):
    """An example applicant and what the matter should make of them, run on every save."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, db_index=True)
    name = fields.CharField(max_length=100)
    profile: Any = fields.JSONField()
    e_licenses: Any = fields.JSONField()
    shared_sources: Any = fields.JSONField()
    situation: Any = fields.JSONField()
    answers: Any = fields.JSONField()
    expected: Any = fields.JSONField()  # {eligible, materials?, run_count?}
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "matter_test_case"
