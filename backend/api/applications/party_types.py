"""The parties of a multi-party application (多方申请) as a party sees them, and invitations."""

from __future__ import annotations

import datetime as dt
from enum import Enum

import strawberry

from backend.api.types import LocalizedText
from backend.applications import service


@strawberry.enum
class PartyStatus(Enum):
    INVITED = "invited"
    JOINED = "joined"
    CONFIRMED = "confirmed"
    DECLINED = "declined"


@strawberry.type(
    description="A party of a multi-party application (多方申请): seller, buyer, a newborn…"
)
class ApplicationParty:
    party: str = strawberry.field(description="The matter's party id: seller, buyer, child…")
    name: LocalizedText
    role: str = strawberry.field(
        description="applicant, or subject (a newborn: not a person applying)."
    )
    required: bool
    status: PartyStatus | None = strawberry.field(
        description="null for a subject party, and for a party nobody was invited as yet."
    )
    is_me: bool
    holder_name: str | None = strawberry.field(
        description="The joined citizen's name; masked (李*) unless it is me."
    )
    confirm_text: LocalizedText | None = strawberry.field(description="What the party confirms.")
    decline_reason: str | None

    @classmethod
    def of(cls, p: service.PartyEntry) -> ApplicationParty:
        return cls(
            party=p.party,
            name=LocalizedText.of(p.name),
            role=p.role,
            required=p.required,
            status=PartyStatus(p.status) if p.status else None,
            is_me=p.is_me,
            holder_name=p.holder_name,
            confirm_text=LocalizedText.of(p.confirm) if p.confirm else None,
            decline_reason=p.decline_reason,
        )


@strawberry.type(
    description="An invitation to join an application as a party; the code is shown once."
)
class PartyInvitation:
    code: str = strawberry.field(description="8 characters, valid 72 hours, for one use.")
    link: str = strawberry.field(description="The mini-program's page that joins with the code.")
    expires_at: dt.datetime
    party: str

    @classmethod
    def of(cls, i: service.Invitation) -> PartyInvitation:
        return cls(code=i.code, link=f"/m/#/join/{i.code}", expires_at=i.expires_at, party=i.party)
