"""The window's day: the bookings at a clerk's hall (or, for a clerk without one, at their
county's own halls) for one China Standard Time day, with the application each is for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from backend.accounts.service import SHANGHAI
from backend.applications.service import Application
from backend.appointments.models import Booking

MAX_DAY_BOOKINGS = 500  # a hall's busiest day fits; the list never grows unbounded


@dataclass(frozen=True)
class DayBooking:
    booking: Booking  # with its slot and window loaded
    matter_code: str | None  # of the linked application, if any
    life_event_code: str | None


async def day_bookings(hall_id: int | None, region: str, day: dt.date) -> list[DayBooking]:
    """The day's bookings, cancelled ones included, by time then window: two statements."""
    start = dt.datetime.combine(day, dt.time(), SHANGHAI)
    found = Booking.filter(
        slot__starts_at__gte=start, slot__starts_at__lt=start + dt.timedelta(days=1)
    )
    found = (
        found.filter(slot__window__hall_id=hall_id)
        if hall_id is not None
        else found.filter(slot__window__hall__region_code=region)
    )
    bookings = (
        await found.select_related("slot__window")
        .order_by("slot__starts_at", "slot__window_id", "created_at")
        .limit(MAX_DAY_BOOKINGS)
    )
    ids = {b.application_id for b in bookings if b.application_id}
    apps = (
        {
            a["id"]: a
            for a in await Application.filter(id__in=ids).values(
                "id", "matter_code", "life_event_code"
            )
        }
        if ids
        else {}
    )
    return [
        DayBooking(
            b,
            apps.get(b.application_id, {}).get("matter_code"),
            apps.get(b.application_id, {}).get("life_event_code"),
        )
        for b in bookings
    ]
