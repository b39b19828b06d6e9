from __future__ import annotations

from uuid import uuid4

from tortoise import fields
from tortoise.models import Model


class StaffMember(Model):
    """A government employee: a role, scoped to a region and, for reviewers, a department."""

    id = fields.IntField(primary_key=True)
    username = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=64)
    # window_clerk | reviewer | county_admin | supervisor | agent (代办员, at a township or village hall)
    role = fields.CharField(max_length=20)
    region_code = fields.CharField(max_length=6, db_index=True)  # the county they serve
    hall_id = fields.IntField(null=True)  # the hall they work at (a county, township or village hall)
    department_code = fields.CharField(max_length=32, null=True)
    password_hash = fields.CharField(max_length=200)
    # Set by an administrator's password reset: until the member chooses their own password,
    # their sessions can do nothing but change it.
    must_change_password = fields.BooleanField(default=False)
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "staff_member"


class StaffSession(Model):
    """A signed-in staff member's session: a token names its random id, and it lasts while its
    row does and the member is active."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    member: fields.ForeignKeyRelation[StaffMember] = fields.ForeignKeyField(
        "models.StaffMember", related_name="sessions", on_delete=fields.CASCADE
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "staff_session"


class SignInAttempts(Model):
    """One account's sign-in attempts from one client address: failures in a row, the lock they
    led to, and the last success (an address the owner signs in from is not slowed by the
    per-username throttle). A stranger's failures lock the stranger's address, not the owner's."""

    id = fields.IntField(primary_key=True)
    member: fields.ForeignKeyRelation[StaffMember] = fields.ForeignKeyField(
        "models.StaffMember", related_name="sign_in_attempts", on_delete=fields.CASCADE
    )
    address = fields.CharField(max_length=64)
    failed_attempts = fields.IntField(default=0)
    locked_until = fields.DatetimeField(null=True)
    signed_in_at = fields.DatetimeField(null=True)
    changed_at = fields.DatetimeField()

    class Meta:
        table = "staff_sign_in_attempts"
        unique_together = (("member", "address"),)
