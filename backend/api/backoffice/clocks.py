"""The staff API of issue 19's automatic decisions and clocks: the sampled automatic decisions a
department's reviewers check afterwards (秒批抽查), and pausing a review task's clock for a
special procedure (特别程序) and restarting it."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated

import strawberry

from backend.api.backoffice.types import BackofficeError, ReviewTask, ReviewTaskResult
from backend.api.context import Info
from backend.api.errors import problems_as
from backend.api.permissions import IsReviewer, IsStaff
from backend.backoffice import service

MAX_PAGE = 100


@strawberry.enum(description="A reviewer's finding on a sampled automatic decision.")
class AutomaticCheckOutcome(Enum):
    CONFIRMED = strawberry.enum_value("confirmed", description="The rules decided rightly.")
    WRONG = strawberry.enum_value(
        "wrong", description="The rules decided wrongly; the note says what they missed."
    )


@strawberry.enum(
    description="A special procedure whose time the time limit does not count (行政许可法 art. 45)."
)
class SuspensionKind(Enum):
    EXPERT_REVIEW = strawberry.enum_value("expert_review", description="专家评审")
    PUBLIC_NOTICE = strawberry.enum_value("public_notice", description="公示")
    HEARING = strawberry.enum_value("hearing", description="听证")
    INSPECTION = strawberry.enum_value("inspection", description="检验、检测、检疫、鉴定")


@strawberry.type(
    description="An automatic decision (秒批) sampled for a reviewer of the deciding department to check afterwards."
)
class AutomaticCheck:
    id: strawberry.ID
    task_id: strawberry.ID = strawberry.field(
        description="The department's part the rules approved: reviewTask(id) shows it and its application (audited)."
    )
    application_id: strawberry.ID
    decided_by: str = strawberry.field(
        description="The rules that decided: rules:<matter code>@v<version number>."
    )
    decided_at: dt.datetime
    outcome: AutomaticCheckOutcome | None = strawberry.field(
        description="Null until a reviewer checks it."
    )
    note: str | None
    checked_by: str | None
    checked_at: dt.datetime | None

    @classmethod
    def of(cls, row: service.AutomaticCheck) -> AutomaticCheck:
        return cls(
            id=strawberry.ID(str(row.id)),
            task_id=strawberry.ID(str(row.task_id)),
            application_id=strawberry.ID(str(row.application_id)),
            decided_by=row.decided_by,
            decided_at=row.created_at,
            outcome=AutomaticCheckOutcome(row.outcome) if row.outcome else None,
            note=row.note,
            checked_by=row.checked_by,
            checked_at=row.checked_at,
        )


AutomaticCheckResult = Annotated[
    AutomaticCheck | BackofficeError, strawberry.union("AutomaticCheckResult")
]


@strawberry.type
class AutomaticCheckQueries:
    @strawberry.field(
        permission_classes=[IsStaff, IsReviewer],
        description="My department's sampled automatic decisions in my region: those still to check, oldest first, or with `checked` those checked, latest first. Reviewers only.",
    )
    async def automatic_checks(
        self, info: Info, checked: bool = False, first: int = 50
    ) -> list[AutomaticCheck]:
        assert info.context.staff is not None
        rows = await service.automatic_checks(
            info.context.staff, checked, max(1, min(first, MAX_PAGE))
        )
        return [AutomaticCheck.of(r) for r in rows]


@strawberry.type
class ClockMutations:
    @strawberry.mutation(
        permission_classes=[IsStaff, IsReviewer],
        description="Record my finding on a sampled automatic decision of my department, once: CONFIRMED, or WRONG with a note (INVALID_INPUT with /note without one); in the audit log. Reviewers only.",
    )
    @problems_as(BackofficeError)
    async def record_automatic_check(
        self,
        info: Info,
        id: strawberry.ID,
        outcome: AutomaticCheckOutcome,
        note: str | None = None,
    ) -> AutomaticCheckResult:
        assert info.context.staff is not None
        row = await service.record_check(info.context.staff, str(id), str(outcome.value), note)
        return AutomaticCheck.of(row)

    @strawberry.mutation(
        permission_classes=[IsStaff, IsReviewer],
        description="Pause a pending task's clock of my department for a special procedure, with its reason (at most 500 characters), which the citizen reads on the timeline; the task cannot be decided and is not flagged overdue until resumed. NOT_READY when decided or already paused. Reviewers only.",
    )
    @problems_as(BackofficeError)
    async def suspend_task(
        self, info: Info, task_id: strawberry.ID, kind: SuspensionKind, reason: str
    ) -> ReviewTaskResult:
        assert info.context.staff is not None
        task = await service.suspend(info.context.staff, str(task_id), str(kind.value), reason)
        return ReviewTask.of(task)

    @strawberry.mutation(
        permission_classes=[IsStaff, IsReviewer],
        description="Restart a paused task's clock of my department: the working days it stood paused move its promised deadline and the application's statutory one, on the citizen's timeline. NOT_READY when not paused. Reviewers only.",
    )
    @problems_as(BackofficeError)
    async def resume_task(self, info: Info, task_id: strawberry.ID) -> ReviewTaskResult:
        assert info.context.staff is not None
        calendar = info.context.services.calendar
        return ReviewTask.of(await service.resume(calendar, info.context.staff, str(task_id)))
