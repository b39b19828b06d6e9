from __future__ import annotations

import datetime as dt
from collections.abc import AsyncGenerator

import orjson
import strawberry
from graphql import GraphQLError

from backend.accounts.permissions import IsSignedIn
from backend.api.context import Info
from backend.api.types import LocalizedText
from backend.applications import service
from backend.applications.types import TimelineEntry
from backend.notifications.service import channel


def no_such_application() -> GraphQLError:
    """Missing or another citizen's: the same refusal, with a stable code."""
    return GraphQLError(
        "No such application of yours.",
        extensions={"code": "NOT_FOUND", "zh": "没有找到您的这份申请。"},
    )


@strawberry.type
class ApplicationSubscriptions:
    @strawberry.subscription(
        permission_classes=[IsSignedIn],
        description='Every new step of my application as it happens (graphql-transport-ws). Requires sign-in: send the token as connection_init payload {"Authorization": "Bearer <token>"}.',
    )
    async def application_events(
        self, info: Info, id: strawberry.ID
    ) -> AsyncGenerator[TimelineEntry, None]:
        """Checks ownership before the stream exists, so a refusal is the operation's `error`
        message and the socket stays open for other operations."""
        assert info.context.citizen is not None
        try:
            app = await service.own(info.context.citizen, id)
        except service.ApplicationProblem:
            raise no_such_application() from None
        return _events(info, str(app.id))


async def _events(info: Info, application_id: str) -> AsyncGenerator[TimelineEntry, None]:
    services = info.context.services
    async with services.bus.subscribe(
        channel(services.settings.cache_prefix, application_id)
    ) as messages:
        async for raw in messages:
            event = orjson.loads(raw)
            yield TimelineEntry(
                kind=event["kind"],
                message=LocalizedText(zh=event["zh"], en=event["en"]),
                at=dt.datetime.fromisoformat(event["at"]),
            )
