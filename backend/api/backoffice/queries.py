from __future__ import annotations

import strawberry

from backend.api.backoffice.detail import StatusCount
from backend.api.backoffice.halls import QueueScope
from backend.api.backoffice.supervision import SupervisionQueries
from backend.api.backoffice.types import ReviewTask, StaffApplication
from backend.api.context import Info
from backend.api.permissions import IsReviewer, IsStaff, IsSupervisor, IsWindowClerk
from backend.backoffice import service

MAX_PAGE = 100


@strawberry.type
class BackofficeQueries(SupervisionQueries):
    @strawberry.field(
        permission_classes=[IsStaff, IsWindowClerk],
        description=f"Applications waiting at my region's window, earliest statutory deadline first; matterCode filters by matter or life-event code; scope: HERE (my county's), FOR_ELSEWHERE (received at my hall for another county), FROM_ELSEWHERE (my county's received at another hall); search: the applicant's name (contains), a tracking number, the applicant's resident ID in full or the start of an application id (trimmed, at most {service.MAX_SEARCH} characters). Window clerks only.",
    )
    async def window_queue(
        self,
        info: Info,
        status: str | None = None,
        matter_code: str | None = None,
        first: int = 50,
        scope: QueueScope = QueueScope.HERE,
        search: str | None = None,
    ) -> list[StaffApplication]:
        assert info.context.staff is not None
        rows = await service.window_queue(
            info.context.services.calendar,
            info.context.staff,
            status,
            matter_code,
            max(1, min(first, MAX_PAGE)),
            str(scope.value),
            search,
        )
        return [StaffApplication.of(a) for a in rows]

    @strawberry.field(
        permission_classes=[IsStaff, IsWindowClerk],
        description="How many applications of each status my window's queue of this scope holds (all statuses, not only those waiting). Window clerks only.",
    )
    async def window_queue_counts(
        self, info: Info, scope: QueueScope = QueueScope.HERE
    ) -> list[StatusCount]:  # helper h1
        assert info.context.staff is not None
        counts = await service.status_counts(info.context.staff, str(scope.value))
        return [StatusCount(status=s, count=n) for s, n in counts]

    @strawberry.field(
        permission_classes=[IsStaff],
        description="One application in full (applicant, parties, answers with provenance, materials with evidence); null when I may not read it. Window clerks of its county or of the hall that received it, reviewers of a department with a task on it, supervisors of its region or above. Each read is in the audit log. Requires staff sign-in.",
    )
    async def staff_application(
        self, info: Info, id: strawberry.ID
    ) -> StaffApplication | None:  # helper h1
        assert info.context.staff is not None
        app = await service.readable(info.context.staff, str(id))
        return StaffApplication.of(app, full=True) if app else None

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
        permission_classes=[IsStaff, IsReviewer],
        description="One review task of my department in my region with its application and the other departments' tasks; null when it is not mine. The read is audited. Reviewers only.",
    )
    async def review_task(self, info: Info, id: strawberry.ID) -> ReviewTask | None:
        assert info.context.staff is not None
        task = await service.read_task(info.context.staff, str(id))  # helper h3
        return ReviewTask.of(task) if task else None

    @strawberry.field(
        permission_classes=[IsStaff, IsSupervisor],
        description="Pending tasks past their promised deadline in my region and the regions below it, by department. Supervisors only.",
    )
    async def overdue_work(self, info: Info) -> list[ReviewTask]:
        assert info.context.staff is not None
        return [ReviewTask.of(t) for t in await service.overdue(info.context.staff)]
