"""Parties of a multi-party application: invite, join with a code, confirm, decline."""

from __future__ import annotations

import strawberry

from backend.api.applications.errors import ApplicationError
from backend.api.applications.party_types import PartyInvitation
from backend.api.applications.types import (
    Application,
    InvitePartyResult,
    SubmitApplicationResult,
)
from backend.api.context import Info
from backend.api.errors import problems_as
from backend.api.permissions import IsSignedIn
from backend.applications import service
from backend.backoffice import service as backoffice


@strawberry.type
class PartyMutations:
    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Invite a party (the buyer…) to my application: a share code (8 characters, 72 hours, one use), or by residentId and mobile, which gets a notice and only that citizen may use. Inviting again replaces the earlier code. Requires sign-in.",
    )
    @problems_as(ApplicationError)
    async def invite_party(
        self,
        info: Info,
        application_id: strawberry.ID,
        party: str,
        resident_id: str | None = None,
        mobile: str | None = None,
    ) -> InvitePartyResult:
        assert info.context.citizen is not None
        invitation = await service.invite(
            info.context.citizen, application_id, party, resident_id, mobile
        )
        return PartyInvitation.of(invitation)

    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Join an application with an invitation code, as the party invited; my identity fills that party's. Requires sign-in.",
    )
    @problems_as(ApplicationError)
    async def join_application(self, info: Info, code: str) -> SubmitApplicationResult:
        assert info.context.citizen is not None
        return Application.of(await service.join(info.context.citizen, code))

    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Confirm my part; the application is submitted (validated in full) when the last required party confirms. Requires sign-in.",
    )
    @problems_as(ApplicationError)
    async def confirm_party(
        self, info: Info, application_id: strawberry.ID
    ) -> SubmitApplicationResult:
        assert info.context.citizen is not None
        services = info.context.services
        app = await service.confirm(
            info.context.citizen,
            services.sharing,
            services.catalog_rows,
            application_id,
            info.context.session_id,
        )  # the last confirmation submits: one that qualifies is decided at once (秒批)
        app = await backoffice.decide_automatically(services.calendar, app)
        return Application.of(app)

    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Decline to take part (1 to 200 characters of reason): the application cannot be submitted and the other parties are told why. Requires sign-in.",
    )
    @problems_as(ApplicationError)
    async def decline_party(
        self, info: Info, application_id: strawberry.ID, reason: str
    ) -> SubmitApplicationResult:
        assert info.context.citizen is not None
        return Application.of(await service.decline(info.context.citizen, application_id, reason))
