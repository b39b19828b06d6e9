from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry

from backend.accounts import service as accounts
from backend.accounts.service import Citizen as CitizenRow
from backend.accounts.service import applicant
from backend.api.applications.errors import ApplicationError
from backend.api.types import LocalizedText


@strawberry.type(description="The signed-in citizen as their identity provider verified them.")
class Citizen:
    name: str
    id_number_masked: str = strawberry.field(
        description="Resident ID with the middle digits hidden."
    )
    hukou_region: str | None
    birth_date: dt.date | None = strawberry.field(
        description="From the verified profile; lets a client judge rules on applicant.age at once."
    )
    age: int | None = strawberry.field(description="Whole years today (Asia/Shanghai).")
    acting_for: ActingFor | None = strawberry.field(
        default=None,
        description="Set when this session acts in the citizen's name (a relative, a guardian, an agent): who acts, and the banner to show; null when the citizen acts themself.",
    )

    @classmethod
    def of(cls, c: CitizenRow) -> Citizen:
        number = c.profile.get("id_number", "")
        masked = number[:4] + "*" * max(0, len(number) - 8) + number[-4:] if number else ""
        profile = applicant(c).profile
        born = profile.get("birth_date")
        return cls(
            name=c.name,
            id_number_masked=masked,
            hukou_region=c.profile.get("hukou_region"),
            birth_date=dt.date.fromisoformat(born) if born else None,
            age=profile.get("age"),
        )


@strawberry.type
class Session:
    token: str = strawberry.field(description="Send as 'Authorization: Bearer <token>'.")
    citizen: Citizen


@strawberry.type
class SignInError:
    code: str = strawberry.field(
        description="UNKNOWN_PROVIDER, PROVIDER_DISABLED or INVALID_CREDENTIAL."
    )
    message: LocalizedText


SignInResult = Annotated[Session | SignInError, strawberry.union("SignInResult")]


@strawberry.type(
    description="Someone allowed to act in a citizen's name (代办): granted by the citizen, a guardian's right, an agent's or a window's filing."
)
class Authorisation:
    id: strawberry.ID
    basis: str = strawberry.field(description="authorisation, guardian, agent or walk_in.")
    principal_name: str = strawberry.field(
        description="The person represented; masked (李*) unless it is me."
    )
    agent_name: str = strawberry.field(
        description="Who acts; masked unless it is me; a staff member by role and name."
    )
    matters: list[str] | None = strawberry.field(
        description="The matter and life-event codes covered; null: all."
    )
    valid_until: dt.datetime | None
    revoked_at: dt.datetime | None
    created_at: dt.datetime
    mine: bool = strawberry.field(description="True: I am the person represented.")
    in_force: bool = strawberry.field(description="Neither revoked nor expired.")


@strawberry.type(
    description="My claim to be a minor's guardian, shown by a material I uploaded, for the window of my county to review."
)
class GuardianshipClaim:
    id: strawberry.ID
    child_name: str
    child_resident_id: str = strawberry.field(description="Masked: 330106********0011.")
    filename: str = strawberry.field(description="The material I uploaded.")
    status: str = strawberry.field(
        description="pending, granted (the guardianship is in my authorisations) or refused."
    )
    reason: str | None = strawberry.field(description="Why the window refused it.")
    created_at: dt.datetime
    decided_at: dt.datetime | None

    @classmethod
    def of(cls, c: accounts.GuardianshipClaim) -> GuardianshipClaim:
        return cls(
            id=strawberry.ID(str(c.id)),
            child_name=c.child_name,
            child_resident_id=masked_id(c.child_id_number),
            filename=c.filename,
            status=c.status,
            reason=c.reason,
            created_at=c.created_at,
            decided_at=c.decided_at,
        )


def masked_id(resident_id: str) -> str:
    return resident_id[:6] + "*" * 8 + resident_id[14:]


@strawberry.type(
    description="This session acts in the citizen's name: show it (a banner) on every page."
)
class ActingFor:
    basis: str = strawberry.field(description="authorisation, guardian, agent or walk_in.")
    principal_name: str = strawberry.field(description="The person represented.")
    agent_name: str = strawberry.field(description="Who acts (me).")
    matters: list[str] | None = strawberry.field(description="What may be done; null: all.")
    valid_until: dt.datetime | None
    banner: LocalizedText = strawberry.field(description="您正在为 张秀英 代办.")


@strawberry.type(description="One step someone else took in a citizen's name.")
class ActedStep:
    application_id: strawberry.ID
    matter_name: LocalizedText | None
    kind: str
    message: LocalizedText
    actor: str = strawberry.field(description="Who did it (李* 代办, 代办员 王芳).")
    principal_name: str = strawberry.field(
        description="In whose name (masked): for the one who acted."
    )
    at: dt.datetime


AuthorisationResult = Annotated[
    Authorisation | ApplicationError, strawberry.union("AuthorisationResult")
]
GuardianshipClaimResult = Annotated[
    GuardianshipClaim | ApplicationError, strawberry.union("GuardianshipClaimResult")
]
