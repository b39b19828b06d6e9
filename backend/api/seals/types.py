"""GraphQL types of sealed documents, their verification, and the checks of commitments."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, ClassVar

import strawberry

from backend.api.errors import Problems
from backend.api.types import LocalizedText
from backend.seals import service

VERDICT_TEXTS = {
    "genuine": ("真实有效：由签发机关签章，内容未被改动，现行有效。", "Genuine: sealed by its issuer, unchanged, and in force."),
    "revoked": ("已撤销（或已注销）：该文书或证照已不再有效，请勿采信。", "Revoked (or cancelled): the document or license is no longer in force; do not rely on it."),
    "altered": ("已被改动：文件与签发时的原件不一致，请勿采信。", "Altered: this file differs from the one issued; do not rely on it."),
    "invalid_signature": ("签章无效：签名无法通过签发机关的公钥验证，请勿采信。", "Invalid seal: the signature does not verify with the issuer's public key; do not rely on it."),
    "unknown": ("查无此件：本平台没有签发过此编号或此文件。", "Unknown: we issued no document with this number or these bytes."),
}  # fmt: skip


@strawberry.enum(description="What verification found.")
class VerificationStatus(Enum):
    GENUINE = "genuine"
    REVOKED = "revoked"
    ALTERED = "altered"
    INVALID_SIGNATURE = "invalid_signature"
    UNKNOWN = "unknown"


@strawberry.type(
    description="Whether a document or e-license is genuine, current or revoked, with only what its holder shows when handing it over: never a resident ID. `statement`, `signature` and `publicKey` let anyone check the Ed25519 signature themself (the statement names the PDF's SHA-256)."
)
class DocumentVerification:
    status: VerificationStatus
    message: LocalizedText
    number: str | None
    kind: str | None = strawberry.field(
        description="certificate (an e-license), acceptance (受理通知书), rejection (不予受理通知书) or correction (补正告知书)."
    )
    title: LocalizedText | None
    holder: str | None = strawberry.field(description="The holder's name, masked: 张*三 → 张**.")
    issuer: LocalizedText | None
    issuer_code: str | None
    issued_at: str | None = strawberry.field(description="ISO 8601, UTC.")
    revoked_at: str | None
    license_type: str | None
    license_number: str | None
    sealed: bool = strawberry.field(
        description="False for an e-license issued before documents were sealed: the registry vouches for it."
    )
    key_id: str | None
    public_key: str | None = strawberry.field(description="Raw Ed25519 public key, base64.")
    signature: str | None = strawberry.field(description="Base64.")
    statement: str | None = strawberry.field(description="The exact UTF-8 text signed.")

    @classmethod
    def of(cls, v: service.Verdict) -> DocumentVerification:
        zh, en = VERDICT_TEXTS[v.status]
        return cls(
            status=VerificationStatus(v.status),
            message=LocalizedText(zh=zh, en=en),
            number=v.number,
            kind=v.kind,
            title=LocalizedText.of(v.title) if v.title else None,
            holder=v.holder,
            issuer=LocalizedText.of(v.issuer) if v.issuer else None,
            issuer_code=v.issuer_code,
            issued_at=v.issued_at,
            revoked_at=v.revoked_at,
            license_type=v.license_type,
            license_number=v.license_number,
            sealed=v.sealed,
            key_id=v.key_id,
            public_key=v.public_key,
            signature=v.signature,
            statement=v.statement,
        )


@strawberry.enum(description="Why a document could not be verified or changed.")
class SealErrorCode(Enum):
    INVALID_INPUT = "INVALID_INPUT"
    TOO_LARGE = strawberry.enum_value("TOO_LARGE", description="An upload over 2 MB.")
    TOO_MANY_PAGES = strawberry.enum_value("TOO_MANY_PAGES", description="A PDF over 10 pages.")
    NOT_A_PDF = "NOT_A_PDF"
    DAMAGED = strawberry.enum_value("DAMAGED", description="A PDF that cannot be read.")
    NOT_FOUND = "NOT_FOUND"
    ALREADY_REVOKED = "ALREADY_REVOKED"
    ALREADY_RECORDED = "ALREADY_RECORDED"


@strawberry.type
class SealError:
    problem: ClassVar[Problems] = service.SealProblem
    code: SealErrorCode
    path: str = strawberry.field(description="The argument at fault, e.g. file or number.")
    message: LocalizedText

    @classmethod
    def of(cls, p: service.SealProblem) -> SealError:
        return cls(
            code=SealErrorCode(p.code),
            path=p.path,
            message=LocalizedText(zh=p.message_zh, en=p.message_en),
        )


VerifyDocumentResult = Annotated[
    DocumentVerification | SealError, strawberry.union("VerifyDocumentResult")
]


@strawberry.type(description="A department's public signing key, current or retired.")
class SealKey:
    key_id: str
    department_code: str
    department_name: LocalizedText
    algorithm: str
    public_key: str = strawberry.field(description="Raw Ed25519 public key, base64.")
    created_at: dt.datetime
    retired_at: dt.datetime | None

    @classmethod
    def of(cls, k: service.SealKey) -> SealKey:
        return cls(
            key_id=k.key_id,
            department_code=k.department_code,
            department_name=LocalizedText.of(k.department_name),
            algorithm=k.algorithm,
            public_key=k.public_key,
            created_at=k.created_at,
            retired_at=k.retired_at,
        )


@strawberry.type(description="A sealed PDF issued for one of my applications.")
class IssuedDocument:
    number: str
    kind: str
    title: LocalizedText
    issued_at: dt.datetime
    revoked: bool
    download_path: str = strawberry.field(
        description="GET it with my bearer token: /documents/<number>.pdf."
    )

    @classmethod
    def of(cls, d: service.SealedDocument) -> IssuedDocument:
        return cls(
            number=d.number,
            kind=d.kind,
            title=LocalizedText.of(service.title_of(d)),
            issued_at=d.issued_at,
            revoked=d.revoked_at is not None,
            download_path=f"/documents/{d.number}.pdf",
        )


@strawberry.type(description="A sealed document as staff revoked it.")
class RevokedDocument:
    number: str
    kind: str
    revoked_at: dt.datetime
    reason: str

    @classmethod
    def of(cls, d: service.SealedDocument) -> RevokedDocument:
        assert d.revoked_at is not None
        return cls(
            number=d.number, kind=d.kind, revoked_at=d.revoked_at, reason=d.revoked_reason or ""
        )


RevokeDocumentResult = Annotated[
    RevokedDocument | SealError, strawberry.union("RevokeDocumentResult")
]


@strawberry.enum(description="What a check of a commitment found.")
class CheckOutcome(Enum):
    PASSED = "passed"
    FAILED = "failed"


@strawberry.type(
    description="The later check (核查) of a signed commitment: scheduled by the sweep once its application is accepted; a failed one stays flagged."
)
class CommitmentCheck:
    id: strawberry.ID
    application_id: strawberry.ID
    material_id: str
    due_on: dt.date
    status: str = strawberry.field(description="scheduled, passed or failed.")
    failed: bool = strawberry.field(description="Flagged: the commitment proved untrue.")
    note: str | None
    checked_by: str | None
    checked_at: dt.datetime | None

    @classmethod
    def of(cls, c: service.CommitmentCheck) -> CommitmentCheck:
        return cls(
            id=strawberry.ID(str(c.id)),
            application_id=strawberry.ID(str(c.application_id)),
            material_id=c.material_id,
            due_on=c.due_on,
            status=c.status,
            failed=c.status == "failed",
            note=c.note,
            checked_by=c.checked_by,
            checked_at=c.checked_at,
        )


CommitmentCheckResult = Annotated[
    CommitmentCheck | SealError, strawberry.union("CommitmentCheckResult")
]
