"""The halls on the staff endpoint: a window clerk's bookings of the day at their hall (a read
of personal data, audited); a county administrator's halls, windows, closed days and slots."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry

from backend.accounts.service import SHANGHAI
from backend.api.appointments.hall_types import (
    HallClosed,
    HallClosedResult,
    HallClosure,
    HallClosureResult,
    HallDay,
    HallError,
    HallSlot,
    HallSlotResult,
    HallWindow,
    HallWindowResult,
    ManagedHall,
    ManagedHallResult,
    OpeningIntervalInput,
    SlotsPublished,
    SlotsPublishedResult,
)
from backend.api.appointments.types import BookingStatus
from backend.api.authoring.types import LocalizedTextInput
from backend.api.context import Info
from backend.api.errors import problems_as, problems_as_null
from backend.api.permissions import IsCountyAdministrator, IsStaff, IsWindowClerk
from backend.api.types import LocalizedText
from backend.appointments import service
from backend.backoffice.service import listed_applicants, record_staff_change


@strawberry.type(description="A citizen's booking at my hall, as the window sees it.")
class HallBooking:
    id: strawberry.ID
    starts_at: dt.datetime
    ends_at: dt.datetime
    window_id: strawberry.ID
    window_name: LocalizedText
    citizen_name: str = strawberry.field(description="Masked: 张*三.")
    resident_id: str = strawberry.field(description="Masked: 330106********0311.")
    matter: LocalizedText | None = strawberry.field(
        description="The matter's or life event's name, when the booking is for an application."
    )
    application_id: strawberry.ID | None
    status: BookingStatus

    @classmethod
    async def of(cls, info: Info, d: service.DayBooking, masked: tuple[str, str]) -> HallBooking:
        """`masked`: the citizen's name and resident ID, as the queue masks them."""
        b, loaders = d.booking, info.context.loaders
        named = (
            await loaders.matter.load(d.matter_code)
            if d.matter_code
            else await loaders.life_event.load(d.life_event_code)
            if d.life_event_code
            else None
        )
        return cls(
            id=strawberry.ID(str(b.id)),
            starts_at=b.slot.starts_at,
            ends_at=b.slot.ends_at,
            window_id=strawberry.ID(str(b.slot.window_id)),
            window_name=LocalizedText.of(b.slot.window.name),
            citizen_name=masked[0],
            resident_id=masked[1],
            matter=LocalizedText(zh=named.name_zh, en=named.name_en) if named else None,
            application_id=strawberry.ID(str(b.application_id)) if b.application_id else None,
            status=BookingStatus(b.status),
        )


@strawberry.type
class HallStaffQueries:
    @strawberry.field(
        permission_classes=[IsStaff, IsWindowClerk],
        description="The bookings of one day (today, China time, unless given) at my hall, or at my county's own halls when I have none: by time then window, cancelled ones included, at most 500. The read is audited. Window clerks only.",
    )
    async def hall_bookings(self, info: Info, day: dt.date | None = None) -> list[HallBooking]:
        staff = info.context.staff
        assert staff is not None
        day = day or dt.datetime.now(SHANGHAI).date()
        found = await service.day_bookings(staff.hall_id, staff.region_code, day)
        if found:
            await record_staff_change(
                f"staff:{staff.username}",
                "appointments.day_read",
                f"hall:{staff.hall_id}" if staff.hall_id else f"region:{staff.region_code}",
                None,
                {"day": day.isoformat(), "citizens": sorted({d.booking.citizen_id for d in found})},
            )
        citizens = await listed_applicants([d.booking.citizen_id for d in found])
        return [
            await HallBooking.of(info, d, (c.name, c.resident_id) if c else ("", ""))
            for d, c in zip(found, citizens, strict=True)
        ]


def _admin(info: Info) -> tuple[str, str]:
    """The administrator as the audit log names them, and their county."""
    staff = info.context.staff
    assert staff is not None
    return f"staff:{staff.username}", staff.region_code


def _hall_values(
    name: LocalizedTextInput,
    address: LocalizedTextInput,
    region_code: str,
    opening_hours: list[OpeningIntervalInput],
) -> dict[str, object]:
    return {
        "name": {"zh": name.zh.strip(), "en": name.en.strip()},
        "address": {"zh": address.zh.strip(), "en": address.en.strip()},
        "region_code": region_code.strip(),
        "opening_hours": [(i.weekday, i.opens.strip(), i.closes.strip()) for i in opening_hours],
    }


@strawberry.type
class HallAdminQueries:
    @strawberry.field(
        permission_classes=[IsStaff, IsCountyAdministrator],
        description="The halls of my county and its townships, by region then id, at most 200, with their windows and closed days. County administrators only.",
    )
    async def managed_halls(self, info: Info) -> list[ManagedHall]:
        return [ManagedHall.of(h) for h in await service.admin.managed_halls(_admin(info)[1])]

    @strawberry.field(
        permission_classes=[IsStaff, IsCountyAdministrator],
        description="One hall's days from `from` (today, China time, unless given) for `days` days (1 to 31): slots published, places, bookings, and whether the hall is closed; empty for a hall not in my county. County administrators only.",
    )
    @problems_as_null(service.HallProblem, empty=list)
    async def hall_days(
        self,
        info: Info,
        hall_id: strawberry.ID,
        from_: Annotated[dt.date | None, strawberry.argument(name="from")] = None,
        days: int = 14,
    ) -> list[HallDay]:
        hall = await service.admin.managed_hall(_admin(info)[1], str(hall_id))
        start = from_ or dt.datetime.now(SHANGHAI).date()
        found = await service.publishing.figures(hall, info.context.services.calendar, start, days)
        return [
            HallDay(day=d.day, closed=d.closed, slots=d.slots, capacity=d.capacity, booked=d.booked)
            for d in found
        ]


@strawberry.type
class HallAdminMutations:
    @strawberry.mutation(
        permission_classes=[IsStaff, IsCountyAdministrator],
        description="Create a hall of my county or one of its townships (no hallId), or change one: name, address, region, opening hours (a weekday without intervals is closed). Audited. County administrators only.",
    )
    @problems_as(HallError)
    async def save_hall(
        self,
        info: Info,
        name: LocalizedTextInput,
        address: LocalizedTextInput,
        region_code: str,
        opening_hours: list[OpeningIntervalInput],
        hall_id: strawberry.ID | None = None,
    ) -> ManagedHallResult:
        actor, region = _admin(info)
        values = _hall_values(name, address, region_code, opening_hours)
        hall = await service.admin.save_hall(
            actor, region, record_staff_change, str(hall_id) if hall_id else None, values
        )
        return ManagedHall.of(hall)

    @strawberry.mutation(
        permission_classes=[IsStaff, IsCountyAdministrator],
        description="Add a window to a hall of my county (no windowId) or change one: name, active, slot length in minutes (5 to 240), places per slot (1 to 100); slots already published keep theirs. Audited. County administrators only.",
    )
    @problems_as(HallError)
    async def save_hall_window(
        self,
        info: Info,
        hall_id: strawberry.ID,
        name: LocalizedTextInput,
        slot_minutes: int,
        capacity: int,
        active: bool = True,
        window_id: strawberry.ID | None = None,
    ) -> HallWindowResult:
        actor, region = _admin(info)
        values = {
            "name": {"zh": name.zh.strip(), "en": name.en.strip()},
            "active": active,
            "slot_minutes": slot_minutes,
            "capacity": capacity,
        }
        window = await service.admin.save_window(
            actor,
            region,
            record_staff_change,
            str(hall_id),
            str(window_id) if window_id else None,
            values,
        )
        return HallWindow.of(window)

    @strawberry.mutation(
        permission_classes=[IsStaff, IsCountyAdministrator],
        description="Change one slot's places (1 to 100), never below its bookings (BELOW_BOOKINGS). Audited. County administrators only.",
    )
    @problems_as(HallError)
    async def set_slot_capacity(
        self, info: Info, slot_id: strawberry.ID, capacity: int
    ) -> HallSlotResult:
        actor, region = _admin(info)
        slot = await service.admin.set_slot_capacity(
            actor, region, record_staff_change, str(slot_id), capacity
        )
        return HallSlot(
            id=strawberry.ID(str(slot.id)),
            starts_at=slot.starts_at,
            capacity=slot.capacity,
            booked=slot.booked,
        )

    @strawberry.mutation(
        permission_classes=[IsStaff, IsCountyAdministrator],
        description="Close a hall of my county on a day, with a reason. A day with active bookings is refused (BOOKINGS_EXIST, saying how many) unless `confirm`: then they are cancelled, each citizen is told once, and the day's slots are withdrawn. Audited. County administrators only.",
    )
    @problems_as(HallError)
    async def add_hall_closure(
        self, info: Info, hall_id: strawberry.ID, day: dt.date, reason: str, confirm: bool = False
    ) -> HallClosedResult:
        actor, region = _admin(info)
        closure, cancelled = await service.admin.add_closure(
            actor, region, record_staff_change, str(hall_id), day, reason, confirm
        )
        return HallClosed(closure=HallClosure.of(closure), cancelled_bookings=cancelled)

    @strawberry.mutation(
        permission_classes=[IsStaff, IsCountyAdministrator],
        description="Open a closed day again (publish to give it slots). Audited. County administrators only.",
    )
    @problems_as(HallError)
    async def remove_hall_closure(self, info: Info, closure_id: strawberry.ID) -> HallClosureResult:
        actor, region = _admin(info)
        closure = await service.admin.remove_closure(
            actor, region, record_staff_change, str(closure_id)
        )
        return HallClosure.of(closure)

    @strawberry.mutation(
        permission_classes=[IsStaff, IsCountyAdministrator],
        description="Publish a hall's slots from `from` to `to` (today to 60 days ahead): each active window, one slot per slot length inside the opening hours, on the days the calendar and the hall open; publishing again creates only what is missing. Audited. County administrators only.",
    )
    @problems_as(HallError)
    async def publish_hall_slots(
        self,
        info: Info,
        hall_id: strawberry.ID,
        from_: Annotated[dt.date, strawberry.argument(name="from")],
        to: dt.date,
    ) -> SlotsPublishedResult:
        actor, region = _admin(info)
        created = await service.publishing.publish(
            actor,
            region,
            record_staff_change,
            info.context.services.calendar,
            str(hall_id),
            from_,
            to,
        )
        return SlotsPublished(created=created)
