from __future__ import annotations

import datetime as dt

import strawberry

from backend.api.calendar.types import CalendarError, TimeLimitEnd, TimeLimitEndResult
from backend.api.context import Info
from backend.api.errors import problems_as
from backend.calendar import service


@strawberry.type
class CalendarQueries:
    @strawberry.field(
        description="When a time limit of `days` working days that starts on `start` ends in a region, e.g. a guide's promised limit for an application made today. No sign-in needed."
    )
    @problems_as(CalendarError)
    async def time_limit_end(
        self, info: Info, region: str, start: dt.date, days: int
    ) -> TimeLimitEndResult:
        calendar = info.context.services.calendar
        due = service.time_limit_end(calendar, region, start, days)
        return TimeLimitEnd(
            region=region, start=start, days=days, ends=due.on, provisional=due.provisional
        )
