from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, ClassVar

import strawberry

from backend.api.errors import Problems
from backend.api.types import FieldError, LocalizedText
from backend.appointments import service as appointments
from backend.appointments.service import AppointmentProblem


@strawberry.type(description="A government service hall (政务服务中心) where the one trip happens.")
class ServiceHall:
    id: strawberry.ID
    region_code: str = strawberry.field(description="GB/T 2260 code of the county it serves.")
    name: LocalizedText
    address: LocalizedText

    @classmethod
    def of(cls, h: appointments.ServiceHall) -> ServiceHall:
        return cls(
            id=strawberry.ID(str(h.id)),
            region_code=h.region_code,
            name=LocalizedText.of(h.name),
            address=LocalizedText.of(h.address),
        )


@strawberry.type(description="One window (窗口) of a service hall.")
class ServiceWindow:
    id: strawberry.ID
    name: LocalizedText
    hall: ServiceHall

    @classmethod
    def of(cls, w: appointments.ServiceWindow) -> ServiceWindow:
        return cls(
            id=strawberry.ID(str(w.id)), name=LocalizedText.of(w.name), hall=ServiceHall.of(w.hall)
        )


@strawberry.type(description="A window's time slot, for a number of visitors.")
class AppointmentSlot:
    id: strawberry.ID
    starts_at: dt.datetime
    ends_at: dt.datetime
    capacity: int
    free: int = strawberry.field(description="Places still free when this was read.")
    window: ServiceWindow

    @classmethod
    def of(cls, s: appointments.TimeSlot) -> AppointmentSlot:
        return cls(
            id=strawberry.ID(str(s.id)),
            starts_at=s.starts_at,
            ends_at=s.ends_at,
            capacity=s.capacity,
            free=s.capacity - s.booked,
            window=ServiceWindow.of(s.window),
        )


@strawberry.enum
class BookingStatus(Enum):
    BOOKED = "booked"
    CANCELLED = "cancelled"


@strawberry.type(description="A citizen's booking of one appointment slot (网上预约).")
class Booking:
    id: strawberry.ID
    status: BookingStatus
    slot: AppointmentSlot
    application_id: strawberry.ID | None = strawberry.field(
        description="The application this trip is for, if any."
    )
    created_at: dt.datetime
    cancelled_at: dt.datetime | None

    @classmethod
    def of(cls, b: appointments.Booking) -> Booking:
        return cls(
            id=strawberry.ID(str(b.id)),
            status=BookingStatus(b.status),
            slot=AppointmentSlot.of(b.slot),
            application_id=strawberry.ID(str(b.application_id)) if b.application_id else None,
            created_at=b.created_at,
            cancelled_at=b.cancelled_at,
        )


@strawberry.enum
class AppointmentErrorCode(Enum):
    NOT_FOUND = "NOT_FOUND"
    SLOT_FULL = "SLOT_FULL"
    SLOT_IN_PAST = "SLOT_IN_PAST"
    ALREADY_BOOKED = "ALREADY_BOOKED"


@strawberry.type(
    description="Why the booking did not change; `errors` lists every problem at once, by input."
)
class AppointmentError:
    problem: ClassVar[Problems] = AppointmentProblem
    code: AppointmentErrorCode
    message: LocalizedText
    errors: list[FieldError]

    @classmethod
    def of(cls, p: AppointmentProblem) -> AppointmentError:
        return cls(
            code=AppointmentErrorCode(p.code),
            message=LocalizedText(zh=p.message_zh, en=p.message_en),
            errors=[FieldError.of(e) for e in p.errors],
        )


BookAppointmentResult = Annotated[
    Booking | AppointmentError, strawberry.union("BookAppointmentResult")
]
CancelAppointmentResult = Annotated[
    Booking | AppointmentError, strawberry.union("CancelAppointmentResult")
]
RescheduleAppointmentResult = Annotated[
    Booking | AppointmentError, strawberry.union("RescheduleAppointmentResult")
]
