"""The window's review of guardianship shown by a material: a guardian whose child the household
register does not list with them uploads a birth certificate, household booklet or court
appointment; a window clerk of the guardian's county opens it (the read is audited) and grants
or refuses the claim, with the reason the guardian reads."""

from __future__ import annotations

import base64
import datetime as dt
from enum import Enum
from typing import Annotated, ClassVar

import strawberry

from backend.accounts import service as accounts
from backend.accounts.service import AccountProblem
from backend.api.accounts.types import masked_id
from backend.api.context import Info
from backend.api.errors import Problems, problems_as
from backend.api.permissions import IsStaff, IsWindowClerk
from backend.api.types import FieldError, LocalizedText
from backend.backoffice.service import record_staff_change

CLERK = [IsStaff, IsWindowClerk]


@strawberry.enum(description="Why a guardianship decision did not happen.")
class GuardianshipErrorCode(Enum):
    INVALID_INPUT = "INVALID_INPUT"
    NOT_FOUND = "NOT_FOUND"
    CONFLICT = "CONFLICT"


@strawberry.type
class GuardianshipError:
    problem: ClassVar[Problems] = AccountProblem
    code: GuardianshipErrorCode
    message: LocalizedText
    errors: list[FieldError] = strawberry.field(description="/reason when it is missing or long.")

    @classmethod
    def of(cls, p: AccountProblem) -> GuardianshipError:
        return cls(
            code=GuardianshipErrorCode(p.code),
            message=LocalizedText(zh=p.message_zh, en=p.message_en),
            errors=[FieldError.of(e) for e in p.errors],
        )


@strawberry.type(
    description="A guardian's claim over a minor, shown by a material, as the window reviews it."
)
class StaffGuardianshipClaim:
    id: strawberry.ID
    guardian_name: str
    guardian_resident_id: str = strawberry.field(description="Masked: 330106********0011.")
    child_name: str
    child_resident_id: str = strawberry.field(
        description="In full: the clerk checks it against the material."
    )
    filename: str
    content_type: str
    status: str = strawberry.field(description="pending, granted or refused.")
    reason: str | None
    decided_by: str | None
    created_at: dt.datetime
    decided_at: dt.datetime | None
    row: strawberry.Private[accounts.GuardianshipClaim]

    @classmethod
    def of(cls, c: accounts.GuardianshipClaim) -> StaffGuardianshipClaim:
        return cls(
            id=strawberry.ID(str(c.id)),
            guardian_name=c.guardian.name,
            guardian_resident_id=masked_id(c.guardian.id_number or ""),
            child_name=c.child_name,
            child_resident_id=c.child_id_number,
            filename=c.filename,
            content_type=c.content_type,
            status=c.status,
            reason=c.reason,
            decided_by=c.decided_by,
            created_at=c.created_at,
            decided_at=c.decided_at,
            row=c,
        )

    @strawberry.field(
        description="The material itself as a data: URL (at most 10 MB), for the browser to show; each read is in the audit log."
    )
    async def material(self, info: Info) -> str:
        assert info.context.staff is not None
        data = await info.context.services.files.read(self.row.file_key)
        await record_staff_change(
            f"staff:{info.context.staff.username}",
            "guardianship.material_read",
            f"citizen:{self.row.guardian_id}",
            None,
            {"claim": self.row.id, "file": self.row.file_key},
        )
        return f"data:{self.row.content_type};base64,{base64.b64encode(data).decode()}"


GuardianshipDecisionResult = Annotated[
    StaffGuardianshipClaim | GuardianshipError, strawberry.union("GuardianshipDecisionResult")
]


def _county(info: Info) -> str:
    assert info.context.staff is not None
    return info.context.staff.region_code


@strawberry.type
class GuardianshipQueries:
    @strawberry.field(
        permission_classes=CLERK,
        description="The guardianship claims my county's window has still to review, oldest first (at most 100); each listing is in the audit log. Window clerks only.",
    )
    async def guardianship_claims(self, info: Info) -> list[StaffGuardianshipClaim]:
        assert info.context.staff is not None
        found = await accounts.guardians.claims_to_review(_county(info))
        if found:  # names and resident IDs read: in the audit log
            await record_staff_change(
                f"staff:{info.context.staff.username}",
                "guardianship.claims_read",
                f"region:{_county(info)}",
                None,
                {"claims": [c.id for c in found]},
            )
        return [StaffGuardianshipClaim.of(c) for c in found]


@strawberry.type
class GuardianshipMutations:
    @strawberry.mutation(
        permission_classes=CLERK,
        description="Grant a guardianship claim of my county (the guardian acts for the child until they turn 18, the material and I as its evidence) or refuse it with a reason the guardian reads (at most 300 characters). GuardianshipError codes: INVALID_INPUT, NOT_FOUND, CONFLICT (another clerk decided it first). In the audit log. Window clerks only.",
    )
    @problems_as(GuardianshipError)
    async def decide_guardianship_claim(
        self, info: Info, id: strawberry.ID, grant: bool, reason: str | None = None
    ) -> GuardianshipDecisionResult:
        assert info.context.staff is not None
        clerk = info.context.staff.username
        claim = await accounts.guardians.claim_in(_county(info), str(id))
        decided = await accounts.guardians.decide(claim, clerk, grant, reason)
        after = {"claim": decided.id, "status": decided.status, "reason": decided.reason}
        await record_staff_change(
            f"staff:{clerk}", "guardianship.decided", f"citizen:{decided.guardian_id}", None, after
        )
        return StaffGuardianshipClaim.of(decided)
