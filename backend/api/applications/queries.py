from __future__ import annotations

import asyncio

import strawberry

from backend.api.applications.types import Application, ApplicationConnection, ApplicationEdge
from backend.api.context import Info
from backend.api.errors import problems_as_null
from backend.api.permissions import IsSignedIn
from backend.api.types import PageInfo
from backend.applications import service

MAX_PAGE = 50


@strawberry.type
class ApplicationQueries:
    @strawberry.field(
        permission_classes=[IsSignedIn],
        description="My applications, newest first. Requires sign-in.",
    )
    @problems_as_null(service.ApplicationProblem, empty=ApplicationConnection.empty)
    async def my_applications(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> ApplicationConnection:
        assert info.context.citizen is not None
        rows, more = await service.mine(info.context.citizen, max(1, min(first, MAX_PAGE)), after)
        # The page's matters and life events in one batch each, so that every row's fields
        # are answered at once (see `loaded`).
        loaders = info.context.loaders
        await asyncio.gather(
            loaders.matter.load_many([a.matter_code for a in rows if a.matter_code]),
            loaders.life_event.load_many([a.life_event_code for a in rows if a.life_event_code]),
        )
        edges = [ApplicationEdge(cursor=str(a.id), node=Application.of(a)) for a in rows]
        return ApplicationConnection(
            edges=edges,
            page_info=PageInfo(has_next_page=more, end_cursor=edges[-1].cursor if edges else None),
        )

    @strawberry.field(
        permission_classes=[IsSignedIn],
        description="One of my applications; null when it is not mine. Requires sign-in.",
    )
    @problems_as_null(service.ApplicationProblem)
    async def application(self, info: Info, id: strawberry.ID) -> Application | None:
        assert info.context.citizen is not None
        return Application.of(await service.own(info.context.citizen, id))
