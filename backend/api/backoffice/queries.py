from __future__ import annotations

import strawberry

from backend.api.backoffice.halls import QueueScope
from backend.api.backoffice.types import ReviewTask, StaffApplication
from backend.api.context import Info
from backend.api.permissions import IsReviewer, IsStaff, IsSupervisor, IsWindowClerk
from backend.backoffice import service

MAX_PAGE = 100


@strawberry.type
class BackofficeQueries:
    @strawberry.field(
        permission_classes=[IsStaff, IsWindowClerk],
        description="Applications waiting at my region's window, earliest statutory deadline first; matterCode filters by matter or life-event code; scope: HERE (my county's), FOR_ELSEWHERE (received at my hall for another county), FROM_ELSEWHERE (my county's received at another hall). Window clerks only.",
    )
    async def window_queue(
        self,
        info: Info,
        status: str | None = None,
        matter_code: str | None = None,
        first: int = 50,
        scope: QueueScope = QueueScope.HERE,
    ) -> list[StaffApplication]:
        assert info.context.staff is not None
        rows = await service.window_queue(
            info.context.services.calendar,
            info.context.staff,
            status,
            matter_code,
            max(1, min(first, MAX_PAGE)),
            str(scope.value),
        )
        return [StaffApplication.of(a) for a in rows]

    @strawberry.field(
        permission_classes=[IsStaff, IsReviewer],
        description="My department's review tasks in my region, earliest deadline first. Reviewers only.",
    )
    async def review_queue(
        self, info: Info, status: str | None = None, first: int = 50
    ) -> list[ReviewTask]:
        assert info.context.staff is not None
        return [
            ReviewTask.of(t)
            for t in await service.review_queue(
                info.context.staff, status, max(1, min(first, MAX_PAGE))
            )
        ]

    @strawberry.field(
        permission_classes=[IsStaff, IsSupervisor],
        description="Pending tasks past their promised deadline in my region and the regions below it, by department. Supervisors only.",
    )
    async def overdue_work(self, info: Info) -> list[ReviewTask]:
        assert info.context.staff is not None
        return [ReviewTask.of(t) for t in await service.overdue(info.context.staff)]
