"""An appointment reminder is marked and put in the outbox in one transaction: a sweep that
fails between the two leaves the booking to the next sweep, and the reminder is not lost."""

from __future__ import annotations

import datetime as dt

import pytest
from support import refusing_inserts

from backend.accounts.models import Citizen
from backend.appointments import service
from backend.appointments.models import Booking, ServiceHall, ServiceWindow, TimeSlot
from backend.notifications.models import Outbox


async def a_booking_in_three_hours() -> Booking:
    citizen = await Citizen.create(provider="test", subject="reminded", name="市民", profile={})
    hall = await ServiceHall.create(
        region_code="330127",
        name={"zh": "测试服务中心", "en": "Test service centre"},
        address={"zh": "测试路 1 号", "en": "1 Test Road"},
    )
    window = await ServiceWindow.create(hall=hall, name={"zh": "1 号窗口", "en": "Window 1"})
    starts_at = service.now() + dt.timedelta(hours=3)
    slot = await TimeSlot.create(
        window=window, starts_at=starts_at, ends_at=starts_at + dt.timedelta(minutes=30), capacity=1
    )
    return await service.book(citizen, str(slot.id), None)


async def test_a_reminder_the_outbox_refused_is_left_to_the_next_sweep(connected: None) -> None:
    booking = await a_booking_in_three_hours()
    async with refusing_inserts("outbox"):
        with pytest.raises(Exception, match="refused"):  # the driver's own error, as raised
            await service.remind()
    assert (await Booking.get(id=booking.id)).reminded_at is None  # not marked as reminded

    assert (await service.remind(), await service.remind()) == (1, 0)
    [reminder] = await Outbox.filter(kind="appointment_reminder")
    assert reminder.citizen_id == booking.citizen_id and "请携带原件" in reminder.payload["zh"]
