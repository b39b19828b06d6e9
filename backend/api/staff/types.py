from __future__ import annotations

from enum import Enum
from typing import Annotated, ClassVar

import strawberry

from backend.api.errors import Problems
from backend.api.types import FieldError, LocalizedText
from backend.staff import service
from backend.staff.service import StaffMember as StaffRow


@strawberry.enum
class StaffRole(Enum):
    WINDOW_CLERK = "window_clerk"
    REVIEWER = "reviewer"
    COUNTY_ADMIN = "county_admin"
    SUPERVISOR = "supervisor"
    AGENT = strawberry.enum_value(
        "agent",
        description="代办员: township or village hall staff filing for a citizen present with them, with the citizen's consent.",
    )


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


@strawberry.type(description="A staff account as its county administrator manages it.")
class StaffAccount:
    username: str
    name: str
    role: StaffRole
    region_code: str
    department_code: str | None
    active: bool = strawberry.field(description="False: deactivated, cannot sign in.")
    must_change_password: bool = strawberry.field(
        description="A password reset awaits the member's own new password."
    )
    locked_out: bool = strawberry.field(
        description="Some client address is locked out after five failed sign-ins in a row."
    )

    @classmethod
    def of(cls, m: StaffRow, locked: set[int]) -> StaffAccount:
        return cls(
            username=m.username,
            name=m.name,
            role=StaffRole(m.role),
            region_code=m.region_code,
            department_code=m.department_code,
            active=m.active,
            must_change_password=m.must_change_password,
            locked_out=m.id in locked,
        )


@strawberry.type
class StaffSession:
    token: str = strawberry.field(
        description="Send as 'Authorization: Bearer <token>' to /staff/graphql."
    )
    member: StaffMember
    password_change_required: bool = strawberry.field(
        description="True after a password reset: until changePassword, the session can do nothing else."
    )

    @classmethod
    def of(cls, token: str, m: StaffRow) -> StaffSession:
        return cls(
            token=token,
            member=StaffMember.of(m),
            password_change_required=m.must_change_password,
        )


@strawberry.type(description="A password reset: tell the member the temporary password.")
class PasswordReset:
    account: StaffAccount
    temporary_password: str = strawberry.field(
        description="Valid for one sign-in, after which the member must choose their own."
    )


@strawberry.type
class SessionsEnded:
    account: StaffAccount
    ended: int = strawberry.field(description="How many sessions ended.")


@strawberry.enum(description="Why a staff sign-in or account change failed.")
class StaffErrorCode(Enum):
    INVALID_CREDENTIALS = strawberry.enum_value(
        "INVALID_CREDENTIALS",
        description="Whether the username is unknown, the password wrong or the address locked out.",
    )
    INVALID_INPUT = strawberry.enum_value(
        "INVALID_INPUT", description="Fields at fault, each in `errors` under its path."
    )
    NOT_FOUND = strawberry.enum_value(
        "NOT_FOUND", description="No such account in the administrator's region."
    )
    OWN_ACCOUNT = strawberry.enum_value(
        "OWN_ACCOUNT",
        description="An administrator cannot change their own role, scope or status.",
    )


@strawberry.type
class StaffError:
    problem: ClassVar[Problems] = service.StaffProblem
    code: StaffErrorCode
    message: LocalizedText
    errors: list[FieldError] = strawberry.field(
        description="Each field at fault (/username, /name, /role, /region, /department, /password, /currentPassword, /newPassword) with its code: INVALID_LENGTH, INVALID_ROLE, UNKNOWN_REGION, OUTSIDE_YOUR_REGION, DEPARTMENT_REQUIRED, UNKNOWN_DEPARTMENT, WEAK_PASSWORD, SAME_PASSWORD, WRONG_PASSWORD or USERNAME_TAKEN."
    )

    @classmethod
    def of(cls, p: service.StaffProblem) -> StaffError:
        return cls(
            code=StaffErrorCode(p.code),
            message=LocalizedText(zh=p.message_zh, en=p.message_en),
            errors=[FieldError.of(e) for e in p.errors],
        )


StaffSignInResult = Annotated[StaffSession | StaffError, strawberry.union("StaffSignInResult")]
StaffAccountResult = Annotated[StaffAccount | StaffError, strawberry.union("StaffAccountResult")]
PasswordResetResult = Annotated[PasswordReset | StaffError, strawberry.union("PasswordResetResult")]
SessionsEndedResult = Annotated[SessionsEnded | StaffError, strawberry.union("SessionsEndedResult")]
