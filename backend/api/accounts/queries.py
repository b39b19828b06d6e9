from __future__ import annotations

from collections.abc import Awaitable

import strawberry

from backend.accounts import service
from backend.api.accounts.acting import acting_for, authorisation, staff_names
from backend.api.accounts.types import ActedStep, Authorisation, Citizen
from backend.api.actors import actor_names, masked
from backend.api.context import Info
from backend.api.permissions import IsSignedIn
from backend.api.types import LocalizedText
from backend.applications import service as applications
from backend.applications.service import ApplicationEvent


async def _acting(info: Info, citizen: service.Citizen) -> Citizen:
    me = Citizen.of(citizen)
    me.acting_for = await acting_for(citizen, info.context.representation)
    return me


async def _steps(info: Info, events: list[ApplicationEvent]) -> list[ActedStep]:
    """The steps with their matters' names, who acted and in whose name: a statement for the
    actors, one for the owners, the matters from the request's loaders."""
    names = await info.context.loaders.of(actor_names).load_many([e.actor or "" for e in events])
    owners = {e.application.citizen_id for e in events}
    owner_names = {c.id: c.name for c in await service.Citizen.filter(id__in=owners)}
    steps = []
    for event, actor in zip(events, names, strict=True):
        app = event.application
        code = app.matter_code or app.life_event_code or ""
        row = await (
            info.context.loaders.matter if app.matter_code else info.context.loaders.life_event
        ).load(code)
        steps.append(
            ActedStep(
                application_id=strawberry.ID(str(app.parent_id or app.id)),
                matter_name=LocalizedText(zh=row.name_zh, en=row.name_en) if row else None,
                kind=event.kind,
                message=LocalizedText(zh=event.message_zh, en=event.message_en),
                actor=actor or "",
                principal_name=masked(owner_names.get(app.citizen_id, "")),
                at=event.at,
            )
        )
    return steps


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
        return await _steps(info, await applications.in_name_of(citizen.id, first))

    @strawberry.field(
        permission_classes=[IsSignedIn],
        description="Every step I took in someone else's name (under an authorisation or a guardianship), newest first (at most 200), with whose name it was. Empty for a session acting for someone. Requires sign-in.",
    )
    async def actions_for_others(self, info: Info, first: int = 50) -> list[ActedStep]:
        citizen = info.context.citizen
        assert citizen is not None
        if info.context.representation is not None:
            return []
        return await _steps(info, await applications.done_by(f"citizen:{citizen.id}", first))
