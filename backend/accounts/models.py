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
    # The verified resident ID, kept beside the profile so that invitations, authorisations,
    # guardians and the window find a citizen by it (null until the identity provider gives it).
    id_number = fields.CharField(max_length=18, null=True, db_index=True)
    profile: Any = fields.JSONField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "citizen"
        unique_together = (("provider", "subject"),)


class Representation(Model):
    """Someone acting for a citizen (代办 / 帮办), and on what basis: an authorisation the citizen
    granted a relative (scoped to matters, until a time, revocable), a guardian's right over a
    minor shown by the household register or a material, an agent's or a window clerk's filing
    for a citizen present with them (with the citizen's consent). Every session that acts for
    the citizen names one; it ends the moment this row is revoked or expires."""

    id = fields.IntField(primary_key=True)
    principal: fields.ForeignKeyRelation[Citizen] = fields.ForeignKeyField(
        "models.Citizen", related_name="represented_by", on_delete=fields.RESTRICT
    )
    principal_id: int
    # Exactly one agent: a citizen (relative, guardian) or a staff member (agent, window clerk).
    agent_citizen: fields.ForeignKeyNullableRelation[Citizen] = fields.ForeignKeyField(
        "models.Citizen", related_name="represents", on_delete=fields.RESTRICT, null=True
    )
    agent_citizen_id: int | None
    agent_staff = fields.CharField(max_length=64, null=True, db_index=True)  # a username
    basis = fields.CharField(max_length=16)  # authorisation | guardian | agent | walk_in
    matters: Any = fields.JSONField(null=True)  # matter / life event codes; null means all
    evidence: Any = fields.JSONField(null=True)  # how the basis was shown (source, file, code)
    valid_until = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "representation"


class GuardianshipClaim(Model):
    """A guardian's claim over a minor the household register does not show them with, on a
    material they uploaded (出生医学证明, 户口簿, a court's appointment): pending until a window
    clerk of the guardian's county reviews it; granted, it becomes a guardian representation."""

    id = fields.IntField(primary_key=True)
    guardian: fields.ForeignKeyRelation[Citizen] = fields.ForeignKeyField(
        "models.Citizen", related_name="guardianship_claims", on_delete=fields.RESTRICT
    )
    guardian_id: int
    child_id_number = fields.CharField(max_length=18)
    child_name = fields.CharField(max_length=64)
    region_code = fields.CharField(max_length=6, db_index=True)  # the county that reviews it
    file_key = fields.CharField(max_length=128)
    filename = fields.CharField(max_length=255)
    content_type = fields.CharField(max_length=64)
    status = fields.CharField(max_length=8, default="pending")  # pending | granted | refused
    reason = fields.CharField(max_length=300, null=True)  # why it was refused
    decided_by = fields.CharField(max_length=64, null=True)  # a staff username
    decided_at = fields.DatetimeField(null=True)
    representation: fields.ForeignKeyNullableRelation[Representation] = fields.ForeignKeyField(
        "models.Representation", related_name="claims", on_delete=fields.RESTRICT, null=True
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "guardianship_claim"


class CitizenSession(Model):
    """A signed-in citizen's session: a token names its random id, and it lasts while its row
    does (signOut deletes it, the sweep deletes it once expired). A session acting for a
    citizen names the representation that allows it, checked on every request."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    citizen: fields.ForeignKeyRelation[Citizen] = fields.ForeignKeyField(
        "models.Citizen", related_name="sessions", on_delete=fields.CASCADE
    )
    representation: fields.ForeignKeyNullableRelation[Representation] = fields.ForeignKeyField(
        "models.Representation", related_name="sessions", on_delete=fields.CASCADE, null=True
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "citizen_session"
