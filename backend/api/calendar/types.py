"""GraphQL types of the working calendar: when a time limit ends, or why it cannot be said."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, ClassVar

import strawberry

from backend.api.errors import Problems
from backend.api.types import LocalizedText
from backend.calendar import service


@strawberry.type(description="The day a time limit counted in working days ends in a region.")
class TimeLimitEnd:
    region: str
    start: dt.date
    days: int
    ends: dt.date = strawberry.field(
        description="The last working day of the limit: the start day does not count."
    )
    provisional: bool = strawberry.field(
        description="True when `ends` is an estimate (预计): its year's public holidays are not published yet, so it is counted on weekends and the statutory holidays only."
    )


@strawberry.enum(description="Why the calendar cannot say when a time limit ends.")
class CalendarErrorCode(Enum):
    DAYS_OUT_OF_RANGE = "DAYS_OUT_OF_RANGE"
    INVALID_REGION = "INVALID_REGION"
    UNKNOWN_YEAR = strawberry.enum_value(
        "UNKNOWN_YEAR",
        description="A year the calendar does not count: before the first published one, or after 2099. A later year not yet published is answered, as provisional.",
    )


@strawberry.type
class CalendarError:
    problem: ClassVar[Problems] = service.CalendarProblem
    code: CalendarErrorCode
    path: str = strawberry.field(description="The argument at fault: region, start or days.")
    message: LocalizedText

    @classmethod
    def of(cls, p: service.CalendarProblem) -> CalendarError:
        return cls(
            code=CalendarErrorCode(p.code),
            path=p.path,
            message=LocalizedText(zh=p.message_zh, en=p.message_en),
        )


TimeLimitEndResult = Annotated[TimeLimitEnd | CalendarError, strawberry.union("TimeLimitEndResult")]
