"""Reminders of the one trip go through the outbox to the notifier, once per booking."""

from __future__ import annotations

import datetime as dt

from appointments_support import make_application, make_citizen, make_slot

from backend.appointments import service
from backend.notifications.models import Outbox


async def test_a_booking_within_a_day_is_reminded_once_and_a_later_one_not_yet(
    connected: None,
) -> None:
    citizen = await make_citizen()
    application = await make_application(citizen)
    soon = await make_slot(starts_in=dt.timedelta(hours=3))
    later = await make_slot(starts_in=dt.timedelta(days=3))
    await service.book(citizen, str(soon.id), str(application.id))
    await service.book(citizen, str(later.id), None)

    first, again = await service.remind(), await service.remind()

    reminders = await Outbox.filter(kind="appointment_reminder")
    assert (first, again, len(reminders)) == (1, 0, 1)
    assert reminders[0].application_id == application.id and reminders[0].citizen_id == citizen.id
    assert "请携带原件" in reminders[0].payload["zh"]


async def test_a_cancelled_booking_is_not_reminded(connected: None) -> None:
    citizen = await make_citizen()
    booking = await service.book(
        citizen, str((await make_slot(starts_in=dt.timedelta(hours=2))).id), None
    )
    await service.cancel(citizen, str(booking.id))
    assert await service.remind() == 0
