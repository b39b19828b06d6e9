"""A county administrator's halls as the staff endpoint shows them, and why a change failed."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, ClassVar

import strawberry

from backend.api.context import Info
from backend.api.errors import Problems
from backend.api.types import FieldError, LocalizedText
from backend.appointments import service


@strawberry.type(description="One opening interval of a hall on one weekday, China time.")
class OpeningInterval:
    weekday: int = strawberry.field(description="ISO weekday: 1 Monday … 7 Sunday.")
    opens: str = strawberry.field(description="09:00")
    closes: str = strawberry.field(description="12:00")


@strawberry.input
class OpeningIntervalInput:
    weekday: int = strawberry.field(description="ISO weekday: 1 Monday … 7 Sunday.")
    opens: str = strawberry.field(description="09:00")
    closes: str = strawberry.field(description="12:00")


@strawberry.type(description="A window as its county administrator manages it.")
class HallWindow:
    id: strawberry.ID
    name: LocalizedText
    active: bool = strawberry.field(description="An inactive window gets no new slots.")
    slot_minutes: int
    capacity: int = strawberry.field(description="Places of each slot published from now on.")

    @classmethod
    def of(cls, w: service.ServiceWindow) -> HallWindow:
        return cls(
            id=strawberry.ID(str(w.id)),
            name=LocalizedText.of(w.name),
            active=w.active,
            slot_minutes=w.slot_minutes,
            capacity=w.capacity,
        )


@strawberry.type(description="A day the hall is closed besides the calendar's days off.")
class HallClosure:
    id: strawberry.ID
    day: dt.date
    reason: str

    @classmethod
    def of(cls, c: service.HallClosure) -> HallClosure:
        return cls(id=strawberry.ID(str(c.id)), day=c.day, reason=c.reason)


@strawberry.type(description="One day of a hall's slots.")
class HallDay:
    day: dt.date
    closed: bool = strawberry.field(
        description="True when publishing gives it no slots: a closed day, the calendar's day off, or no opening hours that weekday."
    )
    slots: int
    capacity: int
    booked: int


@strawberry.type(description="A hall of my county, as its administrator manages it.")
class ManagedHall:
    id: strawberry.ID
    name: LocalizedText
    address: LocalizedText
    region_code: str = strawberry.field(description="The county's six digits or a township's nine.")
    opening_hours: list[OpeningInterval]

    @strawberry.field(description="Its windows, by id.")
    async def windows(self, info: Info) -> list[HallWindow]:
        found = await info.context.loaders.of(service.admin.windows_of).load(int(self.id))
        return [HallWindow.of(w) for w in found]

    @strawberry.field(description="Its closed days from today on, soonest first.")
    async def closures(self, info: Info) -> list[HallClosure]:
        found = await info.context.loaders.of(service.admin.closures_of).load(int(self.id))
        return [HallClosure.of(c) for c in found]

    @classmethod
    def of(cls, h: service.ServiceHall) -> ManagedHall:
        return cls(
            id=strawberry.ID(str(h.id)),
            name=LocalizedText.of(h.name),
            address=LocalizedText.of(h.address),
            region_code=h.region_code,
            opening_hours=[
                OpeningInterval(weekday=int(day), opens=opens, closes=closes)
                for day, intervals in sorted((h.opening_hours or {}).items())
                for opens, closes in intervals
            ],
        )


@strawberry.type(description="A slot after its capacity changed.")
class HallSlot:
    id: strawberry.ID
    starts_at: dt.datetime
    capacity: int
    booked: int


@strawberry.type(description="The day closed, and the bookings that closing it cancelled.")
class HallClosed:
    closure: HallClosure
    cancelled_bookings: int = strawberry.field(
        description="Each one's citizen is told once, through the notices."
    )


@strawberry.type(description="What publishing created.")
class SlotsPublished:
    created: int = strawberry.field(description="0 when every slot was there already.")


@strawberry.enum(description="Why a change to a hall was refused.")
class HallErrorCode(Enum):
    INVALID_INPUT = strawberry.enum_value(
        "INVALID_INPUT", description="Fields at fault, each in `errors` under its path."
    )
    NOT_FOUND = strawberry.enum_value(
        "NOT_FOUND", description="No such hall, window, slot or closure in my county."
    )
    BOOKINGS_EXIST = strawberry.enum_value(
        "BOOKINGS_EXIST",
        description="The day has active bookings (the message says how many): send confirm: true to cancel them and tell each citizen.",
    )


@strawberry.type
class HallError:
    problem: ClassVar[Problems] = service.HallProblem
    code: HallErrorCode
    message: LocalizedText
    errors: list[FieldError] = strawberry.field(
        description="Each input at fault by its path (/name/zh, /openingHours/0/closes, /slotMinutes, /capacity, /day, /from, /to, /hallId…) with its code: INVALID_LENGTH, OUT_OF_RANGE, INVALID_TIME, INVALID_INTERVAL, TOO_MANY, OUTSIDE_YOUR_REGION, IN_PAST, ALREADY_CLOSED, BELOW_BOOKINGS, BOOKINGS_EXIST or NOT_FOUND."
    )

    @classmethod
    def of(cls, p: service.HallProblem) -> HallError:
        return cls(
            code=HallErrorCode(p.code),
            message=LocalizedText(zh=p.message_zh, en=p.message_en),
            errors=[FieldError.of(e) for e in p.errors],
        )


ManagedHallResult = Annotated[ManagedHall | HallError, strawberry.union("ManagedHallResult")]
HallWindowResult = Annotated[HallWindow | HallError, strawberry.union("HallWindowResult")]
HallSlotResult = Annotated[HallSlot | HallError, strawberry.union("HallSlotResult")]
HallClosedResult = Annotated[HallClosed | HallError, strawberry.union("HallClosedResult")]
HallClosureResult = Annotated[HallClosure | HallError, strawberry.union("HallClosureResult")]
SlotsPublishedResult = Annotated[
    SlotsPublished | HallError, strawberry.union("SlotsPublishedResult")
]
