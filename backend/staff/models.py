from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class StaffMember(Model):
    """A government employee: a role, scoped to a region and, for reviewers, a department."""

    id = fields.IntField(primary_key=True)
    username = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=64)
    role = fields.CharField(max_length=20)  # window_clerk | reviewer | county_admin | supervisor
    region_code = fields.CharField(max_length=6, db_index=True)
    department_code = fields.CharField(max_length=32, null=True)
    password_hash = fields.CharField(max_length=200)
    failed_attempts = fields.IntField(default=0)
    locked_until = fields.DatetimeField(null=True)
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "staff_member"
