from __future__ import annotations

from collections.abc import Awaitable

import strawberry

from backend.accounts import service
from backend.api.accounts.acting import acted_steps, acting_for, authorisation, staff_names
from backend.api.accounts.types import ActedStep, Authorisation, Citizen, GuardianshipClaim
from backend.api.context import Info
from backend.api.permissions import IsSignedIn
from backend.applications import service as applications


async def _acting(info: Info, citizen: service.Citizen) -> Citizen:
    me = Citizen.of(citizen)
    me.acting_for = await acting_for(citizen, info.context.representation)
    return me


@strawberry.type
class AccountQueries:
    @strawberry.field(
        graphql_type=Citizen | None,
        description="The signed-in citizen, or null. `actingFor` is set when the session acts in their name.",
    )
    def me(self, info: Info) -> Citizen | Awaitable[Citizen] | None:
        citizen = info.context.citizen
        if citizen is None:
            return None
        if info.context.representation is None:
            return Citizen.of(citizen)
        return _acting(info, citizen)

    @strawberry.field(
        permission_classes=[IsSignedIn],
        description="My claims to be a minor's guardian shown by a material, newest first (at most 50): pending, granted or refused with the window's reason. Empty for a session acting for someone. Requires sign-in.",
    )
    async def guardianship_claims(self, info: Info) -> list[GuardianshipClaim]:
        if info.context.representation is not None or info.context.citizen is None:
            return []
        return [
            GuardianshipClaim.of(c) for c in await service.guardians.claims_of(info.context.citizen)
        ]

    @strawberry.field(
        permission_classes=[IsSignedIn],
        description="My ledger of representation (both sides): what I allowed others (mine: true) and what others allowed me, newest first. A session acting for someone sees only the authorisation it acts under. Requires sign-in.",
    )
    async def authorisations(self, info: Info) -> list[Authorisation]:
        citizen, acting = info.context.citizen, info.context.representation
        assert citizen is not None
        if acting is not None:
            rows = [r for r in await service.grants.ledger(citizen) if r.id == acting.id]
            viewer = acting.agent_citizen_id or 0
        else:
            rows, viewer = await service.grants.ledger(citizen), citizen.id
        staff = await staff_names(rows)
        return [authorisation(r, viewer, staff) for r in rows]

    @strawberry.field(
        permission_classes=[IsSignedIn],
        description="Every step someone else (a relative, a guardian, an agent, a window clerk) took in my name, newest first (at most 200). Empty for a session acting for someone. Requires sign-in.",
    )
    async def actions_in_my_name(self, info: Info, first: int = 50) -> list[ActedStep]:
        citizen = info.context.citizen
        assert citizen is not None
        if info.context.representation is not None:
            return []
        return await acted_steps(info, await applications.in_name_of(citizen.id, first))

    @strawberry.field(
        permission_classes=[IsSignedIn],
        description="Every step I took in someone else's name (under an authorisation or a guardianship), newest first (at most 200), with whose name it was. Empty for a session acting for someone. Requires sign-in.",
    )
    async def actions_for_others(self, info: Info, first: int = 50) -> list[ActedStep]:
        citizen = info.context.citizen
        assert citizen is not None
        if info.context.representation is not None:
            return []
        return await acted_steps(info, await applications.done_by(f"citizen:{citizen.id}", first))
