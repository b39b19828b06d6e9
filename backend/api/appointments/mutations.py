from __future__ import annotations

import strawberry

from backend.api.appointments.types import (
    AppointmentError,
    BookAppointmentResult,
    Booking,
    CancelAppointmentResult,
    RescheduleAppointmentResult,
)
from backend.api.context import Info
from backend.api.errors import problems_as
from backend.api.permissions import IsSignedIn
from backend.appointments import service


@strawberry.type
class AppointmentMutations:
    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Book a place in a slot, optionally for one of my applications (at most one active booking each). Requires sign-in.",
    )
    @problems_as(AppointmentError)
    async def book_appointment(
        self, info: Info, slot_id: strawberry.ID, application_id: strawberry.ID | None = None
    ) -> BookAppointmentResult:
        assert info.context.citizen is not None
        return Booking.of(await service.book(info.context.citizen, slot_id, application_id))

    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Cancel my booking and free its place; a cancelled booking is returned as it is. Requires sign-in.",
    )
    @problems_as(AppointmentError)
    async def cancel_appointment(
        self, info: Info, booking_id: strawberry.ID
    ) -> CancelAppointmentResult:
        assert info.context.citizen is not None
        return Booking.of(await service.cancel(info.context.citizen, booking_id))

    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Move my booking to another slot, all or nothing: the old place is kept unless the new one is secured. Requires sign-in.",
    )
    @problems_as(AppointmentError)
    async def reschedule_appointment(
        self, info: Info, booking_id: strawberry.ID, slot_id: strawberry.ID
    ) -> RescheduleAppointmentResult:
        assert info.context.citizen is not None
        return Booking.of(await service.reschedule(info.context.citizen, booking_id, slot_id))
