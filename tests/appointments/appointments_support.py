"""Factories for the appointments tests: citizens, halls and slots relative to now."""

from __future__ import annotations

import datetime as dt
import itertools

from backend.accounts.models import Citizen
from backend.accounts.service import SHANGHAI
from backend.applications.models import Application
from backend.appointments import service
from backend.appointments.errors import AppointmentProblem
from backend.appointments.models import ServiceHall, ServiceWindow, TimeSlot
from backend.infra.ids import uuid7

REGION = "330127"  # 淳安县: no demo hall lives there
_numbers = itertools.count(1)


async def make_citizen() -> Citizen:
    n = next(_numbers)
    return await Citizen.create(
        provider="test", subject=f"citizen-{n}", name=f"市民{n}", profile={}
    )


async def make_application(citizen: Citizen) -> Application:
    return await Application.create(id=uuid7(), citizen=citizen)


async def make_window(region: str = REGION) -> ServiceWindow:
    hall = await ServiceHall.create(
        region_code=region,
        name={"zh": "测试服务中心", "en": "Test service centre"},
        address={"zh": "测试路 1 号", "en": "1 Test Road"},
    )
    return await ServiceWindow.create(hall=hall, name={"zh": "1 号窗口", "en": "Window 1"})


def until(days: int, at: dt.time) -> dt.timedelta:
    """From now to `at`, China time, `days` days on: slots of one China day, whatever the
    hour the test runs at (two slots half an hour apart straddle midnight at 23:45)."""
    now = service.now()
    day = now.astimezone(SHANGHAI).date() + dt.timedelta(days=days)
    return dt.datetime.combine(day, at, SHANGHAI) - now


async def make_slot(
    capacity: int = 1,
    starts_in: dt.timedelta = dt.timedelta(days=1),
    window: ServiceWindow | None = None,
) -> TimeSlot:
    window = window or await make_window()
    starts_at = service.now() + starts_in
    return await TimeSlot.create(
        window=window,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(minutes=30),
        capacity=capacity,
    )


async def outcome_of_booking(citizen: Citizen, slot: TimeSlot) -> str:
    """BOOKED, or the refusal's code."""
    try:
        await service.book(citizen, str(slot.id), None)
    except AppointmentProblem as p:
        return p.code
    return "BOOKED"


async def outcome_of_rescheduling(citizen: Citizen, booking_id: str, slot: TimeSlot) -> str:
    try:
        await service.reschedule(citizen, booking_id, str(slot.id))
    except AppointmentProblem as p:
        return p.code
    return "MOVED"
