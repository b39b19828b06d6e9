from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from backend.accounts.service import Citizen
    from backend.catalog.service import MatterVersion


class Application(Model):
    """One citizen's case (办件), pinned forever to the matter version it was started on."""

    id = fields.UUIDField(primary_key=True)
    citizen: fields.ForeignKeyRelation[Citizen] = fields.ForeignKeyField(
        "models.Citizen", related_name="applications", on_delete=fields.RESTRICT
    )
    # A life event's application is a parent with one child per member matter; only the
    # children are pinned to matter versions.
    matter_version: fields.ForeignKeyNullableRelation[MatterVersion] = fields.ForeignKeyField(
        "models.MatterVersion", related_name="applications", on_delete=fields.RESTRICT, null=True
    )
    citizen_id: int  # the foreign keys' id attributes, typed for mypy
    matter_version_id: int | None
    parent_id: uuid.UUID | None
    matter_code = fields.CharField(max_length=32, null=True)
    life_event_code = fields.CharField(max_length=32, null=True)
    parent: fields.ForeignKeyNullableRelation[Application] = fields.ForeignKeyField(
        "models.Application", related_name="children", on_delete=fields.RESTRICT, null=True
    )
    # draft → submitted → (correction_requested → submitted)* → accepted → completed | denied;
    # or rejected at the window
    status = fields.CharField(max_length=24, default="draft")
    region_code = fields.CharField(max_length=6, null=True, db_index=True)  # the window's county
    due_on = fields.DateField(null=True)  # the statutory deadline, set on acceptance
    # True while due_on falls in a year whose holidays are not published yet (预计): the sweep
    # counts it again once the year's national schedule is added.
    due_provisional = fields.BooleanField(default=False)
    delivery_mode = fields.CharField(
        max_length=12, null=True
    )  # e_license | express | pickup | none
    tracking_number = fields.CharField(max_length=40, null=True)  # express, once dispatched
    # online (the citizen or someone acting for them) | window (a walk-in, filed by the clerk)
    # | agent (filed by a village or township agent for a citizen present with them)
    channel = fields.CharField(max_length=8, default="online")
    # The trips it costs the citizen (0 零跑, 1 跑一次…), as evaluated when last submitted: the
    # one visit made for a window filing; with several parties, the most any party makes.
    # Null for applications submitted before it was kept (the dashboard estimates those).
    run_count = fields.SmallIntField(null=True)
    # Whether it qualified, as last submitted, to be decided by its matter's rules at once (秒批:
    # backend/catalog/automatic.py); the back office decides it so, or the sweep after a crash.
    automatic = fields.BooleanField(default=False)
    # When the window let 5 working days pass without accepting, rejecting or asking for a
    # correction: accepted by law (行政许可法 art. 32, 视为受理), flagged once by the sweep.
    deemed_accepted_at = fields.DatetimeField(null=True)
    # The hall that received it when not the competent county's own window (a township hall,
    # another county): recorded, shown in both queues, and where the result can be handed over.
    received_hall_id = fields.IntField(null=True, db_index=True)
    pickup_hall_id = fields.IntField(null=True)
    handed_over_at = fields.DatetimeField(null=True)  # the result handed over at the pickup hall
    answers: Any = fields.JSONField(default=dict)
    situation: Any = fields.JSONField(default=dict)
    # answers that came from shared data: field -> {source, fetched_at, consent_id, value, edited}
    provenance: Any = fields.JSONField(default=dict)
    idempotency_key = fields.CharField(max_length=64, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    submitted_at = fields.DatetimeField(null=True)

    class Meta:
        table = "application"
        unique_together = (("citizen", "idempotency_key"),)
        # ("region_code", "submitted_at"): the supervisor's dashboard, a region's period;
        # ("submitted_at",): its days after the summary's, read live whatever the region
        indexes = (("citizen_id", "created_at"), ("region_code", "submitted_at"), ("submitted_at",))


class ApplicationEvent(Model):
    """One step of an application's timeline, in plain language for the citizen."""

    application_id: uuid.UUID  # the foreign key's id attribute, typed for mypy
    id = fields.IntField(primary_key=True)
    application: fields.ForeignKeyRelation[Application] = fields.ForeignKeyField(
        "models.Application", related_name="events", on_delete=fields.CASCADE
    )
    kind = fields.CharField(max_length=32)
    message_zh = fields.CharField(max_length=300)
    message_en = fields.CharField(max_length=300)
    # Who did it when not the applicant themself: "citizen:<id>" (a party, a relative, a
    # guardian), "staff:<username>" (a clerk, an agent) or "system".
    actor = fields.CharField(max_length=80, null=True)
    at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "application_event"
        # the supervisor's dashboard: an application's completion, completions by day
        indexes = (("application_id", "kind"), ("kind", "at"))


class ApplicationParty(Model):
    """One party of a multi-party application (多方申请): the citizen who plays the matter's
    party (seller, buyer…), from invitation to confirmation. The starter joins at once."""

    id = fields.IntField(primary_key=True)
    application: fields.ForeignKeyRelation[Application] = fields.ForeignKeyField(
        "models.Application", related_name="parties", on_delete=fields.CASCADE
    )
    application_id: uuid.UUID
    party = fields.CharField(max_length=64)  # the definition's party id
    citizen: fields.ForeignKeyNullableRelation[Citizen] = fields.ForeignKeyField(
        "models.Citizen", related_name="parties", on_delete=fields.RESTRICT, null=True
    )
    citizen_id: int | None
    # An invitation names the invitee by resident ID (and mobile, for the notice) or is a share
    # code; only the code's hash is kept.
    invited_id_number = fields.CharField(max_length=18, null=True)
    invited_mobile = fields.CharField(max_length=11, null=True)
    code_hash = fields.CharField(max_length=64, null=True, unique=True)
    status = fields.CharField(
        max_length=10, default="invited"
    )  # invited | joined | confirmed | declined
    decline_reason = fields.CharField(max_length=300, null=True)
    joined_at = fields.DatetimeField(null=True)
    decided_at = fields.DatetimeField(null=True)  # confirmed or declined
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "application_party"
        unique_together = (("application", "party"),)


class MaterialAction(Model):
    """What the citizen did to satisfy one material: signed its commitment or uploaded a file."""

    id = fields.IntField(primary_key=True)
    application: fields.ForeignKeyRelation[Application] = fields.ForeignKeyField(
        "models.Application", related_name="material_actions", on_delete=fields.CASCADE
    )
    material_id = fields.CharField(max_length=64)
    kind = fields.CharField(max_length=12)  # commitment | upload
    text: Any = fields.JSONField(null=True)  # the commitment text as signed
    file_key = fields.CharField(max_length=64, null=True)
    sha256 = fields.CharField(max_length=64, null=True)
    size = fields.IntField(null=True)
    content_type = fields.CharField(max_length=64, null=True)
    filename = fields.CharField(max_length=100, null=True)
    at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "material_action"
        unique_together = (("application", "material_id"),)


class Correction(Model):
    """A one-time notice (一次性告知): every deficient field and material with its reason."""

    id = fields.IntField(primary_key=True)
    application_id = fields.UUIDField(db_index=True)
    items: Any = fields.JSONField()  # [{"path": "/answers/x" | "/materials/y", "reason": "..."}]
    justification = fields.TextField(
        null=True
    )  # required when it lists items a notice before did not
    requested_by = fields.CharField(max_length=64)
    requested_at = fields.DatetimeField(auto_now_add=True)
    resolved_at = fields.DatetimeField(null=True)

    class Meta:
        table = "correction"
