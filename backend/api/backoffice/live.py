"""The window's queue live: a clerk's subscription tells them, as it happens, of each
application that comes into their queue (submitted, or resubmitted after a correction) or
leaves it (accepted, rejected, sent back), on any worker."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from backend.api.context import Info
from backend.api.permissions import IsStaff, IsWindowClerk
from backend.api.view import bearer
from backend.backoffice import service
from backend.notifications import service as notifications


@strawberry.type(
    description="An application that came into my window's queue or left it; first, once my queue is read, `watching`."
)
class QueueChange:
    application_id: strawberry.ID | None = strawberry.field(
        description="Null on the first message (`watching`)."
    )
    status: str = strawberry.field(
        description="watching: the first message, once my queue is read (every change after it is news); submitted: it came in (or back, after a correction); otherwise where it went (accepted, rejected, correction_requested…)."
    )


@strawberry.type
class BackofficeSubscriptions:
    @strawberry.subscription(
        permission_classes=[IsStaff, IsWindowClerk],
        description='Each application that comes into my window\'s queue (my county\'s and those received at my hall) or leaves it, within a second through Redis (within a few seconds without it), from any worker, after a first message `watching` (graphql-transport-ws on /staff/graphql). Send the staff token as connection_init payload {"Authorization": "Bearer <token>"}; the stream ends once the session does. Window clerks only.',
    )
    async def window_queue_changed(self, info: Info) -> AsyncGenerator[QueueChange, None]:
        assert info.context.staff is not None
        staff = info.context.staff
        auth = str((info.context.connection_params or {}).get("Authorization", ""))
        token = auth[7:].strip() if auth.lower().startswith("bearer ") else ""
        token = token or bearer(info.context.request) or ""  # over HTTP: its header
        sessions = info.context.services.staff_sessions

        async def lasts() -> bool:
            return await sessions.member(token) is not None

        services = info.context.services
        prefix = services.settings.cache_prefix
        channels = notifications.queue_channels(prefix, staff.region_code, staff.hall_id)
        changes = service.queue_changes(
            staff, lasts, services.bus, channels, shared=services.redis is not None
        )
        async for application_id, status in changes:
            found = strawberry.ID(str(application_id)) if application_id else None
            yield QueueChange(application_id=found, status=status)
