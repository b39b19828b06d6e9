"""Mutation fields of the seals: anyone verifies an uploaded PDF; county administrators
revoke a document; reviewers record what a check of a commitment found."""

from __future__ import annotations

import strawberry
from strawberry.file_uploads import Upload

from backend.api.context import Info
from backend.api.errors import problems_as
from backend.api.permissions import IsCountyAdministrator, IsReviewer, IsStaff
from backend.api.seals.types import (
    CheckOutcome,
    CommitmentCheck,
    CommitmentCheckResult,
    DocumentVerification,
    RevokedDocument,
    RevokeDocumentResult,
    SealError,
    VerifyDocumentResult,
)
from backend.backoffice.service import actor, record_staff_change
from backend.seals import service


@strawberry.type
class SealMutations:
    @strawberry.mutation(
        description="Whether an uploaded PDF (multipart, at most 2 MB and 10 pages) is a document as we issued it: genuine only when its bytes are exactly those sealed. Changes nothing. No sign-in needed."
    )
    @problems_as(SealError)
    async def verify_document_file(self, file: Upload) -> VerifyDocumentResult:
        return DocumentVerification.of(await service.verify_file(file))


@strawberry.type
class StaffSealMutations:
    @strawberry.mutation(
        permission_classes=[IsStaff, IsCountyAdministrator],
        description="Revoke a sealed document of my county by its number (or a certificate by its e-license number), with a reason (1 to 200 characters): /verify shows it revoked, a certificate's e-license is cancelled in the wallet; in the audit log. County administrators only.",
    )
    @problems_as(SealError)
    async def revoke_document(self, info: Info, number: str, reason: str) -> RevokeDocumentResult:
        staff = info.context.staff
        assert staff is not None
        doc = await service.revoke(
            number, reason, staff.region_code, actor(staff), record_staff_change
        )
        return RevokedDocument.of(doc)

    @strawberry.mutation(
        permission_classes=[IsStaff, IsReviewer],
        description="Record what the check (核查) of a commitment found, once; a failed one needs a note of what was found and stays flagged; in the audit log. Reviewers only.",
    )
    @problems_as(SealError)
    async def record_commitment_check(
        self, info: Info, id: strawberry.ID, outcome: CheckOutcome, note: str = ""
    ) -> CommitmentCheckResult:
        staff = info.context.staff
        assert staff is not None
        check_id = int(id) if str(id).isdigit() else 0
        check = await service.record_check(
            check_id, outcome.value, note, staff.region_code, actor(staff), record_staff_change
        )
        return CommitmentCheck.of(check)
