"""The supervisor's dashboard (督察看板): supervisors, and county administrators read-only, for
their region and the regions below it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry

from backend.api.backoffice.types import BackofficeError
from backend.api.context import Info
from backend.api.errors import problems_as
from backend.api.permissions import IsStaff, IsSupervisorOrCountyAdministrator
from backend.backoffice import service
from backend.backoffice.service import supervision


def _share(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(part / whole, 4)


@strawberry.type(description="Applications received and completed on one day (China time).")
class DayCount:
    day: dt.date
    received: int = strawberry.field(description="Matter applications submitted that day.")
    completed: int = strawberry.field(description="Matter applications completed that day.")


@strawberry.type(
    description="Matter applications received in the period, of one matter, one department or all of them."
)
class SupervisionFigures:
    code: str = strawberry.field(
        description="The matter's or the department's code; empty for the total."
    )
    name_zh: str
    name_en: str
    applications: int = strawberry.field(description="Received (submitted) in the period.")
    completed: int = strawberry.field(description="Of those, completed (办结) by now.")
    zero_run_share: float | None = strawberry.field(
        description="Share of those that cost the citizen no trip (零跑), by the run count their submission evaluated (a window filing is one trip; for one submitted before run counts were kept, estimated: neither filed at a window nor picked up at a hall); null when none were received."
    )
    one_run_share: float | None = strawberry.field(
        description="Share of those that cost exactly one trip (跑一次)."
    )
    on_time_rate: float | None = strawberry.field(
        description="Of those completed with a statutory deadline, the share completed by it (按时办结率); null when none."
    )

    @classmethod
    def of(cls, f: supervision.Figures) -> SupervisionFigures:
        return cls(
            code=f.code,
            name_zh=f.name_zh,
            name_en=f.name_en,
            applications=f.applications,
            completed=f.completed,
            zero_run_share=_share(f.zero_run, f.applications),
            one_run_share=_share(f.one_run, f.applications),
            on_time_rate=_share(f.on_time, f.timed),
        )


@strawberry.type(description="A department's task pending past its promised deadline.")
class OverdueItem:
    application_id: strawberry.ID = strawberry.field(description="The matter application.")
    root_id: strawberry.ID = strawberry.field(description="What the citizen submitted.")
    matter_code: str
    department_code: str
    department_name: str
    due_on: dt.date
    days_over: int = strawberry.field(description="Calendar days past the deadline, today.")


@strawberry.type(
    description="Citizens' ratings (好差评) given in the period, and their follow-ups."
)
class RatingFigures:
    count: int
    average_score: float | None = strawberry.field(description="1–5; null when none.")
    bad_count: int = strawberry.field(description="Ratings of 2 or less (差评).")
    bad_share: float | None
    follow_ups_open: int
    follow_ups_closed: int
    follow_ups_late: int = strawberry.field(
        description="Answered after their deadline, or still open past it."
    )


@strawberry.type(
    description="The supervisor's dashboard (督察看板) of a region and the regions below it."
)
class SupervisionDashboard:
    region_code: str
    from_: dt.date = strawberry.field(name="from")
    to: dt.date
    daily: list[DayCount] = strawberry.field(description="Every day of the period, oldest first.")
    total: SupervisionFigures
    by_matter: list[SupervisionFigures] = strawberry.field(
        description="The 100 matters with the most applications, most first."
    )
    by_department: list[SupervisionFigures] = strawberry.field(
        description="The 100 departments with the most applications, most first."
    )
    on_time_rate: float | None = strawberry.field(description="As total.onTimeRate.")
    overdue: int = strawberry.field(
        description="Pending tasks past their deadline now (as overdueWork), whatever the period."
    )
    overdue_items: list[OverdueItem] = strawberry.field(
        description="The 50 oldest of them, earliest deadline first."
    )
    ratings: RatingFigures

    @classmethod
    def of(cls, d: supervision.Dashboard) -> SupervisionDashboard:
        r = d.ratings
        total = SupervisionFigures.of(d.total)
        return cls(
            region_code=d.region_code,
            from_=d.start,
            to=d.end,
            daily=[
                DayCount(day=x.day, received=x.received, completed=x.completed) for x in d.daily
            ],
            total=total,
            by_matter=[SupervisionFigures.of(f) for f in d.by_matter],
            by_department=[SupervisionFigures.of(f) for f in d.by_department],
            on_time_rate=total.on_time_rate,
            overdue=d.overdue_count,
            overdue_items=[
                OverdueItem(
                    application_id=strawberry.ID(str(o.application_id)),
                    root_id=strawberry.ID(str(o.root_id)),
                    matter_code=o.matter_code,
                    department_code=o.department_code,
                    department_name=o.department_name,
                    due_on=o.due_on,
                    days_over=o.days_over,
                )
                for o in d.overdue
            ],
            ratings=RatingFigures(
                count=r.count,
                average_score=r.average,
                bad_count=r.bad,
                bad_share=_share(r.bad, r.count),
                follow_ups_open=r.follow_ups_open,
                follow_ups_closed=r.follow_ups_closed,
                follow_ups_late=r.follow_ups_late,
            ),
        )


SupervisionDashboardResult = Annotated[
    SupervisionDashboard | BackofficeError,
    strawberry.union("SupervisionDashboardResult"),
]


@strawberry.type
class SupervisionQueries:
    @strawberry.field(
        permission_classes=[IsStaff, IsSupervisorOrCountyAdministrator],
        description="The supervisor's dashboard (督察看板) for the days from..to (China time, at most 366) of my region, or of `region` below it (6 digits); INVALID_INPUT with paths /to, /region for a bad period or code, NOT_FOUND with /region for a region outside mine. Freshness: the days up to the one before the last sweep (`zerorun sweep`) as of that sweep (a later completion of an application received then shows at the next sweep), the days after them, today always, live. Supervisors and county administrators only.",
    )
    @problems_as(BackofficeError)
    async def supervision_dashboard(
        self,
        info: Info,
        from_: Annotated[dt.date, strawberry.argument(name="from")],
        to: dt.date,
        region: str | None = None,
    ) -> SupervisionDashboardResult:
        assert info.context.staff is not None
        return SupervisionDashboard.of(
            await service.supervision_dashboard(info.context.staff, from_, to, region)
        )
