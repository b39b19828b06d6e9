"""Walk-in intake at one window and handing results over at the receiving hall."""

from __future__ import annotations

from typing import Annotated

import strawberry

from backend.api.backoffice.halls import WalkIn
from backend.api.backoffice.types import BackofficeError, StaffApplication, StaffApplicationResult
from backend.api.context import Info
from backend.api.errors import problems_as
from backend.api.permissions import IsStaff, IsWindowClerk
from backend.backoffice import service

WalkInResult = Annotated[WalkIn | BackofficeError, strawberry.union("WalkInResult")]


@strawberry.type
class IntakeMutations:
    @strawberry.mutation(
        permission_classes=[IsStaff, IsWindowClerk],
        description="Start an application for a citizen at the counter: the resident ID's form always, and the name with it by the province's identity service where it answers (IDENTITY_MISMATCH when it says they differ); the citizen found or registered by resident ID; received at my hall when that is not the competent county's window (NOT_COMPETENT for another county's matter without a hall). Window clerks only.",
    )
    @problems_as(BackofficeError)
    async def start_walk_in(
        self, info: Info, resident_id: str, name: str, matter_code: str
    ) -> WalkInResult:
        assert info.context.staff is not None
        services = info.context.services
        settings = services.settings
        walk_in = await service.start_walk_in(
            info.context.staff,
            services.sessions,
            service.IdentityService(settings.identity_url, settings.identity_token),
            services.sharing,
            resident_id,
            name,
            matter_code,
        )
        return WalkIn.of(walk_in)

    @strawberry.mutation(
        permission_classes=[IsStaff, IsWindowClerk],
        description="Record the walk-in's confirmation of what was filed (method: signature, on the pad, or paper): required before the submission, which must carry the answers confirmed; by the hall that received it (the county's window when no other did). Window clerks only.",
    )
    @problems_as(BackofficeError)
    async def confirm_walk_in(
        self, info: Info, id: strawberry.ID, method: str
    ) -> StaffApplicationResult:
        assert info.context.staff is not None
        return StaffApplication.of(await service.confirm_walk_in(info.context.staff, id, method))

    @strawberry.mutation(
        permission_classes=[IsStaff, IsWindowClerk],
        description="Record that a completed result collected at the pickup hall was handed over to the citizen (once); by that hall (the county's window when no other hall received it). Window clerks only.",
    )
    @problems_as(BackofficeError)
    async def record_handover(self, info: Info, id: strawberry.ID) -> StaffApplicationResult:
        assert info.context.staff is not None
        return StaffApplication.of(await service.record_handover(info.context.staff, id))
