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


@strawberry.type(description="An application that came into my window's queue or left it.")
class QueueChange:
    application_id: strawberry.ID
    status: str = strawberry.field(
        description="submitted: it came in (or back, after a correction); otherwise where it went (accepted, rejected, correction_requested…)."
    )


@strawberry.type
class BackofficeSubscriptions:
    @strawberry.subscription(
        permission_classes=[IsStaff, IsWindowClerk],
        description='Each application that comes into my window\'s queue (my county\'s and those received at my hall) or leaves it, within a few seconds, from any worker (graphql-transport-ws on /staff/graphql). Send the staff token as connection_init payload {"Authorization": "Bearer <token>"}; the stream ends once the session does. Window clerks only.',
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

        async for application_id, status in service.queue_changes(staff, lasts):
            yield QueueChange(application_id=strawberry.ID(str(application_id)), status=status)
