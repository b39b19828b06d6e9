"""The halls on the staff endpoint: a window clerk's bookings of the day at their hall (a read
of personal data, audited)."""

from __future__ import annotations

import datetime as dt

import strawberry

from backend.accounts.service import SHANGHAI
from backend.api.accounts.types import masked_id
from backend.api.actors import masked
from backend.api.appointments.types import BookingStatus
from backend.api.context import Info
from backend.api.permissions import IsStaff, IsWindowClerk
from backend.api.types import LocalizedText
from backend.appointments import service
from backend.backoffice.service import record_staff_change


@strawberry.type(description="A citizen's booking at my hall, as the window sees it.")
class HallBooking:
    id: strawberry.ID
    starts_at: dt.datetime
    ends_at: dt.datetime
    window_id: strawberry.ID
    window_name: LocalizedText
    citizen_name: str = strawberry.field(description="Masked: 张*.")
    resident_id: str = strawberry.field(description="Masked: 330106********0311.")
    matter: LocalizedText | None = strawberry.field(
        description="The matter's or life event's name, when the booking is for an application."
    )
    application_id: strawberry.ID | None
    status: BookingStatus

    @classmethod
    async def of(cls, info: Info, d: service.DayBooking) -> HallBooking:
        b, loaders = d.booking, info.context.loaders
        named = (
            await loaders.matter.load(d.matter_code)
            if d.matter_code
            else await loaders.life_event.load(d.life_event_code)
            if d.life_event_code
            else None
        )
        citizen = b.citizen
        return cls(
            id=strawberry.ID(str(b.id)),
            starts_at=b.slot.starts_at,
            ends_at=b.slot.ends_at,
            window_id=strawberry.ID(str(b.slot.window_id)),
            window_name=LocalizedText.of(b.slot.window.name),
            citizen_name=masked(citizen.name),
            resident_id=masked_id(citizen.id_number or str(citizen.profile.get("id_number", ""))),
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
        return [await HallBooking.of(info, d) for d in found]
