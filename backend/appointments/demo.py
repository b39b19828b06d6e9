"""A demo service hall in Xihu District with two windows and bookable slots; beside it, two
halls that receive applications without appointments: a township 便民服务中心 of Xihu District
and the hall of another county. Idempotent, so it can run with every `catalog load`."""

from __future__ import annotations

import datetime as dt

from backend.accounts.service import SHANGHAI
from backend.appointments.models import ServiceHall, ServiceWindow, TimeSlot
from backend.appointments.publishing import day_hours, slot_times
from backend.calendar.service import WorkingCalendar

REGION = "330106"
HALL_NAME = {"zh": "西湖区民生服务中心", "en": "Xihu District Citizen Service Centre"}
HALL_ADDRESS = {
    "zh": "浙江省杭州市西湖区古墩路 616 号 1 楼大厅",
    "en": "Ground-floor hall, 616 Gudun Road, Xihu District, Hangzhou, Zhejiang",
}
# Halls that receive for the county (就近办) or for another county (异地可办), by key: the
# region (a township's nine digits, in regions.json, or another county's), name and address.
RECEIVING_HALLS: dict[str, tuple[str, dict[str, str], dict[str, str]]] = {
    "township": (
        "330106109",
        {"zh": "三墩镇便民服务中心", "en": "Sandun Town Citizen Service Centre"},
        {
            "zh": "浙江省杭州市西湖区三墩镇便民服务中心一楼大厅（演示）",
            "en": "Ground-floor hall, Sandun Town Citizen Service Centre, Xihu District (demo)",
        },
    ),
    "other_county": (
        "330102",
        {"zh": "上城区政务服务中心", "en": "Shangcheng District Government Service Centre"},
        {
            "zh": "浙江省杭州市上城区政务服务中心一楼综合受理区（演示）",
            "en": "All-matters counters, ground floor, Shangcheng District Government Service Centre (demo)",
        },
    ),
}
WINDOWS = [
    {"zh": "1 号综合受理窗口", "en": "Window 1 (all matters)"},
    {"zh": "2 号综合受理窗口", "en": "Window 2 (all matters)"},
]
# Monday to Friday, the morning and afternoon sessions (China Standard Time)
OPENING_HOURS = {str(day): [["09:00", "12:00"], ["13:30", "17:00"]] for day in range(1, 6)}
SLOT_MINUTES = 30
CAPACITY = 3
WORKING_DAYS = 10


def working_days_after(calendar: WorkingCalendar, today: dt.date, count: int) -> list[dt.date]:
    """The next `count` working days of the hall's region after `today`: public holidays are
    skipped, make-up working days (调休) counted."""
    days: list[dt.date] = []
    day = today
    while len(days) < count:
        day += dt.timedelta(days=1)
        if calendar.is_working_day(day, REGION):
            days.append(day)
    return days


async def seed_demo_hall(
    calendar: WorkingCalendar | None = None, today: dt.date | None = None
) -> ServiceHall:
    """Create the demo hall (with its opening hours), its windows (half-hour slots of three
    places) and the slots of the next WORKING_DAYS working days that are missing; running it
    again adds only the days that came into range."""
    today = today or dt.datetime.now(SHANGHAI).date()
    hall = next(
        (h for h in await ServiceHall.filter(region_code=REGION) if h.name == HALL_NAME), None
    )
    if hall is None:
        hall = await ServiceHall.create(region_code=REGION, name=HALL_NAME, address=HALL_ADDRESS)
    if hall.opening_hours is None:  # a hall seeded before halls had hours
        hall.opening_hours = OPENING_HOURS
        await hall.save(update_fields=["opening_hours"])
    existing = {w.name["zh"]: w for w in await ServiceWindow.filter(hall=hall)}
    windows = [
        existing.get(name["zh"])
        or await ServiceWindow.create(
            hall=hall, name=name, slot_minutes=SLOT_MINUTES, capacity=CAPACITY
        )
        for name in WINDOWS
    ]
    calendar = calendar or WorkingCalendar()
    days = working_days_after(calendar, today, WORKING_DAYS)
    wanted = [
        times
        for day in days
        for times in slot_times(day_hours(OPENING_HOURS, calendar, day, REGION), day, SLOT_MINUTES)
    ]
    for window in windows:
        have = set(
            await TimeSlot.filter(
                window=window,
                starts_at__gte=wanted[0][0],
                starts_at__lte=wanted[-1][0],
            ).values_list("starts_at", flat=True)
        )
        await TimeSlot.bulk_create(
            [
                TimeSlot(window=window, starts_at=start, ends_at=end, capacity=CAPACITY)
                for start, end in wanted
                if start not in have
            ]
        )
    return hall


async def seed_receiving_halls() -> dict[str, ServiceHall]:
    """The township hall and the other county's hall (no windows to book), by their key in
    RECEIVING_HALLS; running it again finds them."""
    made = {}
    for key, (region, name, address) in RECEIVING_HALLS.items():
        found = [h for h in await ServiceHall.filter(region_code=region) if h.name == name]
        made[key] = (
            found[0]
            if found
            else await ServiceHall.create(region_code=region, name=name, address=address)
        )
    return made
