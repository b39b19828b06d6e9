"""Halls as the staff endpoint shows them (where an application was received, where its result
is collected), the queue's scopes, and a walk-in's answer."""

from __future__ import annotations

from enum import Enum

import strawberry

from backend.api.context import Info
from backend.api.types import LocalizedText
from backend.appointments.service import ServiceHall
from backend.backoffice import service


@strawberry.type(
    description="A service hall: a county's centre, a township's 便民服务中心 or another county's."
)
class Hall:
    id: strawberry.ID
    name: LocalizedText
    region_code: str = strawberry.field(
        description="The county's six digits, or a township's nine."
    )

    @classmethod
    def of(cls, h: ServiceHall) -> Hall:
        return cls(
            id=strawberry.ID(str(h.id)), name=LocalizedText.of(h.name), region_code=h.region_code
        )

    @classmethod
    async def load(cls, info: Info, hall_id: int | None) -> Hall | None:
        """The hall by id through this request's loader (one statement for a page)."""
        if hall_id is None:
            return None
        hall = await info.context.loaders.of(service.halls).load(hall_id)
        return cls.of(hall) if hall is not None else None


@strawberry.enum(description="Which of the window's applications a queue shows.")
class QueueScope(Enum):
    HERE = strawberry.enum_value(
        "here", description="My county's (those received at my hall for it too): as before halls."
    )
    FOR_ELSEWHERE = strawberry.enum_value(
        "for_elsewhere",
        description="Received at my hall for another county: its window decides; I only see them.",
    )
    FROM_ELSEWHERE = strawberry.enum_value(
        "from_elsewhere", description="My county's, received at another hall."
    )


@strawberry.type(
    description="A walk-in citizen's application, started at the window: the clerk's client drives the citizen API with `token`."
)
class WalkIn:
    token: str = strawberry.field(
        description="A citizen token acting for the walk-in (2 hours), for the citizen endpoint /graphql: the same form, rules, checklist and uploads as online. Steps are recorded as the clerk's."
    )
    application_id: strawberry.ID
    citizen_name: str
    identity_verified: bool = strawberry.field(
        description="True when the province's identity service confirmed the resident ID and name; false when it could not answer (the ID card was checked by hand)."
    )
    visit_reasons: list[LocalizedText] = strawberry.field(
        description="Why the citizen came: the trips the evaluation counts for them, or that they chose to come when it counts none. A window filing's run count is this one visit."
    )

    @classmethod
    def of(cls, w: service.WalkIn) -> WalkIn:
        return cls(
            token=w.token,
            application_id=strawberry.ID(str(w.application.id)),
            citizen_name=w.citizen.name,
            identity_verified=w.identity_verified,
            visit_reasons=[LocalizedText.of(r) for r in w.visit_reasons],
        )
