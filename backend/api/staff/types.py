from __future__ import annotations

from enum import Enum
from typing import Annotated, ClassVar

import strawberry

from backend.api.errors import Problems
from backend.api.types import LocalizedText
from backend.staff import service
from backend.staff.service import StaffMember as StaffRow


@strawberry.enum
class StaffRole(Enum):
    WINDOW_CLERK = "window_clerk"
    REVIEWER = "reviewer"
    COUNTY_ADMIN = "county_admin"
    SUPERVISOR = "supervisor"


@strawberry.type(description="A staff member, scoped to a region and, for reviewers, a department.")
class StaffMember:
    username: str
    name: str
    role: StaffRole
    region_code: str
    department_code: str | None

    @classmethod
    def of(cls, m: StaffRow) -> StaffMember:
        return cls(
            username=m.username,
            name=m.name,
            role=StaffRole(m.role),
            region_code=m.region_code,
            department_code=m.department_code,
        )


@strawberry.type
class StaffSession:
    token: str = strawberry.field(
        description="Send as 'Authorization: Bearer <token>' to /staff/graphql."
    )
    member: StaffMember


@strawberry.enum(description="Why staff sign-in failed.")
class StaffErrorCode(Enum):
    INVALID_CREDENTIALS = strawberry.enum_value(
        "INVALID_CREDENTIALS",
        description="Whether the username is unknown, the password wrong or the account locked.",
    )


@strawberry.type
class StaffError:
    problem: ClassVar[Problems] = service.StaffProblem
    code: StaffErrorCode
    message: LocalizedText

    @classmethod
    def of(cls, p: service.StaffProblem) -> StaffError:
        return cls(
            code=StaffErrorCode(p.code), message=LocalizedText(zh=p.message_zh, en=p.message_en)
        )


StaffSignInResult = Annotated[StaffSession | StaffError, strawberry.union("StaffSignInResult")]
