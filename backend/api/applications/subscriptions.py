from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncGenerator
from typing import Any

import orjson
import strawberry

from backend.api.applications.types import TimelineEntry
from backend.api.context import Info
from backend.api.errors import problems_as_errors
from backend.api.permissions import IsSignedIn
from backend.api.services import Services
from backend.api.types import LocalizedText
from backend.applications import service
from backend.infra.bus import GAP
from backend.notifications import service as notifications
from backend.notifications.service import channel


@strawberry.type
class ApplicationSubscriptions:
    @strawberry.subscription(
        permission_classes=[IsSignedIn],
        description='Every new step of my application as it happens (graphql-transport-ws). Requires sign-in: send the token as connection_init payload {"Authorization": "Bearer <token>"}.',
    )
    @problems_as_errors(service.ApplicationProblem)
    async def application_events(
        self, info: Info, id: strawberry.ID
    ) -> AsyncGenerator[TimelineEntry, None]:
        """Checks ownership before the stream exists, so a refusal is the operation's `error`
        message and the socket stays open for other operations."""
        assert info.context.citizen is not None
        app = await service.own(info.context.citizen, id)
        return _events(info, str(app.id))


async def _events(info: Info, application_id: str) -> AsyncGenerator[TimelineEntry, None]:
    """Each step goes only to a session that still lasts: once the citizen signs out (on any
    worker), the subscription completes at its next step instead of sending it."""
    sessions, token = info.context.services.sessions, info.context.token
    async for step in steps(info.context.services, uuid.UUID(application_id)):
        if await sessions.citizen(token) is None:
            return
        yield TimelineEntry(
            kind=step["kind"],
            message=LocalizedText(zh=step["zh"], en=step["en"]),
            at=dt.datetime.fromisoformat(step["at"]),
        )


async def steps(
    services: Services, application_id: uuid.UUID
) -> AsyncGenerator[dict[str, Any], None]:
    """Every step of the application after the subscription began, once each, in order: as the
    bus delivers them, and read again from the outbox after a gap (other workers' steps were
    missed while Redis was lost)."""
    seen = await notifications.last_step(application_id)
    async with services.bus.subscribe(
        channel(services.settings.cache_prefix, str(application_id))
    ) as messages:
        async for raw in messages:
            if raw == GAP:
                found = [
                    {**e.payload, "seq": e.id}
                    for e in await notifications.steps_after(application_id, seen)
                ]
            else:
                found = [orjson.loads(raw)]
            for step in found:
                if step["seq"] > seen:
                    seen = step["seq"]
                    yield step
