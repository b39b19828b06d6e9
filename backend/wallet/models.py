from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from backend.accounts.service import Citizen


class IssuedLicense(Model):
    """An e-license ZeroRun issued as the output of a completed application, to the party the
    matter names as its holder. `citizen` is the holder's account; for a holder without one
    (a newborn) it is the applicant who received it, and the other guardians see it through
    LicenseViewer."""

    id = fields.IntField(primary_key=True)
    citizen: fields.ForeignKeyRelation[Citizen] = fields.ForeignKeyField(
        "models.Citizen", related_name="issued_licenses", on_delete=fields.RESTRICT
    )
    citizen_id: int  # the foreign key's id attribute, typed for mypy
    type = fields.CharField(max_length=40)
    number = fields.CharField(max_length=64, unique=True)
    holder_name = fields.CharField(max_length=64)
    holder_id_number = fields.CharField(max_length=18, null=True)
    issuer: Any = fields.JSONField()
    application_id = fields.UUIDField(unique=True)
    data: Any = fields.JSONField(default=dict)
    issued_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "issued_license"


class LicenseViewer(Model):
    """Another citizen who sees an issued license in their wallet: a guardian of its holder."""

    id = fields.IntField(primary_key=True)
    license: fields.ForeignKeyRelation[IssuedLicense] = fields.ForeignKeyField(
        "models.IssuedLicense", related_name="viewers", on_delete=fields.CASCADE
    )
    citizen: fields.ForeignKeyRelation[Citizen] = fields.ForeignKeyField(
        "models.Citizen", related_name="viewed_licenses", on_delete=fields.RESTRICT
    )
    relation = fields.CharField(max_length=16, default="guardian")

    class Meta:
        table = "license_viewer"
        unique_together = (("license", "citizen"),)


class CancelledLicense(Model):
    """An e-license an application's output superseded (the seller's old real-estate
    certificate once the buyer's is issued): the wallet shows it cancelled."""

    id = fields.IntField(primary_key=True)
    type = fields.CharField(max_length=40)
    number = fields.CharField(max_length=64)
    holder_id_number = fields.CharField(max_length=18, db_index=True)
    application_id = fields.UUIDField()
    cancelled_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "cancelled_license"
        unique_together = (("type", "number"),)
