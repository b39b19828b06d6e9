"""The demo hall: one hall in Xihu District, two windows, slots on the next ten working days."""

from __future__ import annotations

import datetime as dt

import pytest

from backend.accounts.service import SHANGHAI
from backend.appointments import demo, service
from backend.appointments.models import ServiceHall, ServiceWindow, TimeSlot

pytestmark = pytest.mark.usefixtures("connected")

FRIDAY = dt.date(2031, 3, 7)  # far from today, so slots seeded for today never overlap


async def test_the_demo_hall_offers_two_windows_on_the_next_ten_working_days() -> None:
    hall = await demo.seed_demo_hall(today=FRIDAY)

    windows = await ServiceWindow.filter(hall=hall)
    listed = await service.slots("330106", FRIDAY, FRIDAY + dt.timedelta(days=20))
    days = sorted({s.starts_at.astimezone(SHANGHAI).date() for s in listed})
    assert (hall.region_code, hall.name["zh"]) == ("330106", "西湖区民生服务中心")
    assert len(windows) == 2
    assert len(days) == 10
    assert days[0] == dt.date(2031, 3, 10) and days[-1] == dt.date(2031, 3, 21)
    assert all(day.weekday() < 5 for day in days)
    assert len(listed) == 10 * 2 * 13
    assert {s.capacity - s.booked for s in listed} == {demo.CAPACITY}


async def test_seeding_the_demo_hall_again_adds_nothing_twice() -> None:
    first = await demo.seed_demo_hall(today=FRIDAY)
    again = await demo.seed_demo_hall(today=FRIDAY)
    later = await demo.seed_demo_hall(today=FRIDAY + dt.timedelta(days=3))  # Monday: one more day

    halls = [h for h in await ServiceHall.filter(region_code="330106") if h.name == demo.HALL_NAME]
    assert first.id == again.id == later.id
    assert [h.id for h in halls] == [first.id]
    assert await ServiceWindow.filter(hall=first).count() == 2
    monday = dt.datetime(2031, 3, 10, tzinfo=SHANGHAI)
    assert await TimeSlot.filter(window__hall=first, starts_at__gte=monday).count() == 11 * 2 * 13


async def test_the_demo_hall_opens_on_working_days_skipping_holidays_and_counting_make_up_days() -> (
    None
):
    before_national_day = dt.date(2026, 9, 30)  # then 1–7 October off; Saturday 10 October worked

    hall = await demo.seed_demo_hall(today=before_national_day)

    seeded = await TimeSlot.filter(window__hall=hall).values_list("starts_at", flat=True)
    days = sorted({at.astimezone(SHANGHAI).date() for at in seeded})  # past: not offered now
    assert [d.isoformat() for d in days] == [
        "2026-10-08", "2026-10-09", "2026-10-10", "2026-10-12", "2026-10-13",
        "2026-10-14", "2026-10-15", "2026-10-16", "2026-10-19", "2026-10-20",
    ]  # fmt: skip
