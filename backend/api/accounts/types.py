from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry

from backend.accounts.service import Citizen as CitizenRow
from backend.accounts.service import applicant
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
