from __future__ import annotations

import datetime as dt
from collections.abc import AsyncGenerator

import orjson
import strawberry

from backend.accounts.permissions import IsSignedIn
from backend.api.context import Info
from backend.api.types import LocalizedText
from backend.applications import service
from backend.applications.types import TimelineEntry
from backend.notifications.service import channel


@strawberry.type
class ApplicationSubscriptions:
    @strawberry.subscription(
        permission_classes=[IsSignedIn],
        description='Every new step of my application as it happens (graphql-transport-ws). Requires sign-in: send the token as connection_init payload {"Authorization": "Bearer <token>"}.',
    )
    async def application_events(
        self, info: Info, id: strawberry.ID
    ) -> AsyncGenerator[TimelineEntry, None]:
        assert info.context.citizen is not None
        app = await service.own(
            info.context.citizen, id
        )  # another citizen's id: NOT_FOUND, nothing streamed
        services = info.context.services
        async with services.bus.subscribe(
            channel(services.settings.cache_prefix, str(app.id))
        ) as messages:
            async for raw in messages:
                event = orjson.loads(raw)
                yield TimelineEntry(
                    kind=event["kind"],
                    message=LocalizedText(zh=event["zh"], en=event["en"]),
                    at=dt.datetime.fromisoformat(event["at"]),
                )
