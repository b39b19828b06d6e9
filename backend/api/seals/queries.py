"""Query fields of the seals: anyone verifies a number and reads the public keys; a citizen
lists the documents of their own application; reviewers list the checks of commitments."""

from __future__ import annotations

import uuid

import strawberry

from backend.api.context import Info
from backend.api.errors import problems_as
from backend.api.permissions import IsReviewer, IsSignedIn, IsStaff
from backend.api.seals.types import (
    CommitmentCheck,
    DocumentVerification,
    IssuedDocument,
    SealError,
    SealKey,
    VerifyDocumentResult,
)
from backend.seals import service


@strawberry.type
class SealQueries:
    @strawberry.field(
        description="Whether a sealed document (its number, as printed beside its QR code) or an e-license (its license number) is genuine, current or revoked; shows only the masked holder, the kind, the issuer and the dates. Upload the PDF itself with verifyDocumentFile. No sign-in needed."
    )
    @problems_as(SealError)
    async def verify_document(self, number: str) -> VerifyDocumentResult:
        return DocumentVerification.of(await service.verify_number(number))

    @strawberry.field(
        description="Every department's public signing key, current and retired, to check a verification's signature offline. No sign-in needed."
    )
    async def seal_keys(self) -> list[SealKey]:
        return [SealKey.of(k) for k in await service.published_keys()]

    @strawberry.field(
        permission_classes=[IsSignedIn],
        description="My sealed PDFs (notices of my applications, certificates of e-licenses I hold), newest first, at most 100; with `applicationId`, those of one application (another's lists none). Requires sign-in.",
    )
    async def issued_documents(
        self, info: Info, application_id: strawberry.ID | None = None
    ) -> list[IssuedDocument]:
        assert info.context.citizen is not None
        try:
            uid = uuid.UUID(str(application_id)) if application_id is not None else None
        except ValueError:
            return []
        docs = await service.documents_of(info.context.citizen.id, uid)
        return [IssuedDocument.of(d) for d in docs]


@strawberry.type
class StaffSealQueries:
    @strawberry.field(
        permission_classes=[IsStaff, IsReviewer],
        description="The checks (核查) of signed commitments in my county, those due first; `status` scheduled, passed or failed (failed: flagged). Reviewers only.",
    )
    async def commitment_checks(
        self, info: Info, status: str | None = None, first: int = 50
    ) -> list[CommitmentCheck]:
        assert info.context.staff is not None
        rows = await service.checks(info.context.staff.region_code, status, first)
        return [CommitmentCheck.of(c) for c in rows]
