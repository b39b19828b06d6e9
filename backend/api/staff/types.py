from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from backend.api.types import LocalizedText
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


@strawberry.type
class StaffError:
    code: str = strawberry.field(
        description="INVALID_CREDENTIALS, whether the username is unknown, the password wrong or the account locked."
    )
    message: LocalizedText


StaffSignInResult = Annotated[StaffSession | StaffError, strawberry.union("StaffSignInResult")]
