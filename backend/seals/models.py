"""The seals' rows: each department's signing keys, the documents sealed with them, the
signatures citizens give in the app, and the later checks of their commitments."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model


class SealKey(Model):
    """A department's Ed25519 key. The private half is kept encrypted with a key derived from
    ZERORUN_SECRET_KEY (keys.py) and never leaves this table; the public half is published
    (sealKeys). A rotated key is retired, never deleted: it still verifies what it sealed."""

    id = fields.IntField(primary_key=True)
    key_id = fields.CharField(max_length=40, unique=True)
    department_code = fields.CharField(max_length=32, db_index=True)
    department_name: Any = fields.JSONField()
    algorithm = fields.CharField(max_length=16, default="Ed25519")
    public_key = fields.CharField(max_length=64)  # raw 32 bytes, base64
    private_key = fields.TextField()  # PKCS#8 PEM, encrypted
    created_at = fields.DatetimeField(auto_now_add=True)
    retired_at = fields.DatetimeField(null=True)

    class Meta:
        table = "seal_key"


class SealedDocument(Model):
    """A PDF ZeroRun issued and sealed: a notice of the window's decision or an e-license's
    certificate. `statement` is exactly what was signed (canonical JSON naming the PDF's
    SHA-256); it holds no personal data beyond the holder's masked name."""

    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=32, unique=True)
    kind = fields.CharField(max_length=24)  # certificate | acceptance | rejection | correction
    application_id = fields.UUIDField(db_index=True)
    citizen_id = fields.IntField(db_index=True)  # whose application: who may download it
    region_code = fields.CharField(max_length=6, null=True)
    license_type = fields.CharField(max_length=40, null=True)
    license_number = fields.CharField(max_length=64, null=True, db_index=True)
    sha256 = fields.CharField(max_length=64, db_index=True)
    statement = fields.TextField()
    signature = fields.CharField(max_length=128)  # base64
    key: fields.ForeignKeyRelation[SealKey] = fields.ForeignKeyField(
        "models.SealKey", related_name="documents", on_delete=fields.RESTRICT
    )
    key_id: int  # the foreign key's id attribute, typed for mypy
    pdf = fields.BinaryField()
    issued_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)
    revoked_reason = fields.CharField(max_length=200, null=True)
    revoked_by = fields.CharField(max_length=80, null=True)

    class Meta:
        table = "sealed_document"


class Signature(Model):
    """A citizen's signature given in the app: what they signed (the text's SHA-256), in which
    session, when; sealed by the platform's key so that no row can be changed unnoticed."""

    id = fields.IntField(primary_key=True)
    kind = fields.CharField(max_length=16)  # commitment | confirmation
    application_id = fields.UUIDField(db_index=True)
    region_code = fields.CharField(max_length=6, null=True)
    citizen_id = fields.IntField()
    session_id = fields.UUIDField(null=True)  # null only when signed outside a session (a test)
    subject = fields.CharField(max_length=64)  # the material's id, or the party's
    text_sha256 = fields.CharField(max_length=64)
    signed_at = fields.DatetimeField()
    statement = fields.TextField()
    seal = fields.CharField(max_length=128)  # the platform key's signature of the statement
    key: fields.ForeignKeyRelation[SealKey] = fields.ForeignKeyField(
        "models.SealKey", related_name="signatures", on_delete=fields.RESTRICT
    )

    class Meta:
        table = "signature"


class CommitmentCheck(Model):
    """The later check (核查) of a signed commitment: scheduled by the sweep once the
    application is accepted, due `CHECK_AFTER_DAYS` later; staff record its outcome, and a
    failed one stays flagged."""

    id = fields.IntField(primary_key=True)
    signature: fields.OneToOneRelation[Signature] = fields.OneToOneField(
        "models.Signature", related_name="commitment_check", on_delete=fields.CASCADE
    )
    signature_id: int
    application_id = fields.UUIDField(db_index=True)
    region_code = fields.CharField(max_length=6, null=True, db_index=True)
    material_id = fields.CharField(max_length=64)
    due_on = fields.DateField()
    status = fields.CharField(max_length=12, default="scheduled")  # scheduled | passed | failed
    note = fields.CharField(max_length=500, null=True)
    checked_by = fields.CharField(max_length=80, null=True)
    checked_at = fields.DatetimeField(null=True)
    scheduled_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "commitment_check"
