from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry

from backend.api.appointments.types import AppointmentSlot, Booking
from backend.api.context import Info
from backend.api.permissions import IsSignedIn
from backend.appointments import service


@strawberry.type
class AppointmentQueries:
    @strawberry.field(
        description=f"Appointment slots of the service halls in a region (a county, or every county of a city or province), soonest first; full slots are listed with free 0. Days are China Standard Time: from today for {service.DEFAULT_DAYS} days unless given, at most {service.MAX_DAYS}."
    )
    async def appointment_slots(
        self,
        region: str,
        from_: Annotated[dt.date | None, strawberry.argument(name="from")] = None,
        to: dt.date | None = None,
    ) -> list[AppointmentSlot]:
        return [AppointmentSlot.of(s) for s in await service.slots(region, from_, to)]

    @strawberry.field(
        permission_classes=[IsSignedIn],
        description="My bookings, cancelled ones included, soonest first; only those not yet over unless includePast. Requires sign-in.",
    )
    async def my_appointments(self, info: Info, include_past: bool = False) -> list[Booking]:
        assert info.context.citizen is not None
        return [Booking.of(b) for b in await service.mine(info.context.citizen, include_past)]
