"""Publishing a hall's slots for a range of days, and the range's figures per day.

A day gets slots when it is not one of the hall's closed days and has opening hours: its
weekday's on a working day of the region's calendar, and on a weekend day that is not part of a
public holiday's break (the Friday before it and the Monday after it are worked); a weekend day
worked in exchange for a holiday (调休) opens with Monday's hours; a public holiday is closed.
Each active window gets one slot per slot-length step inside each interval, of its capacity;
a slot that would start in the past is left out. Publishing again creates only what is missing
(window and start are unique), and gives withdrawn slots (of a closed day reopened) their
window's capacity again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tortoise.transactions import in_transaction

from backend.accounts.service import SHANGHAI
from backend.appointments import hall_errors as errors
from backend.appointments.admin import Recorder, managed_hall
from backend.appointments.models import HallClosure, ServiceHall, ServiceWindow, TimeSlot
from backend.calendar.service import WorkingCalendar
from backend.forms.validation import FieldError

MAX_AHEAD = 60  # days after today a range may reach
MAX_DAYS = 31  # days one overview covers


@dataclass(frozen=True)
class DayFigures:
    day: dt.date
    closed: bool  # a closed day of the hall, or the calendar's day off
    slots: int
    capacity: int
    booked: int


async def publish(
    actor: str,
    region: str,
    record: Recorder,
    calendar: WorkingCalendar,
    hall_id: str,
    start: dt.date,
    end: dt.date,
) -> int:
    """How many slots it created (0 when everything was there)."""
    hall = await managed_hall(region, hall_id)
    today = dt.datetime.now(SHANGHAI).date()
    if not today <= start <= end <= today + dt.timedelta(days=MAX_AHEAD):
        raise errors.invalid(
            [
                FieldError(
                    "/to" if start >= today and end >= start else "/from",
                    "OUT_OF_RANGE",
                    f"日期须从今天起，到 {MAX_AHEAD} 天内，且开始不晚于结束。",
                    f"Days must run from today to at most {MAX_AHEAD} days ahead, the first no later than the last.",
                )
            ]
        )
    windows = await ServiceWindow.filter(hall_id=hall.id, active=True).order_by("id")
    days = await open_days(hall, calendar, start, end)
    now = dt.datetime.now(SHANGHAI)
    wanted = {
        (w.id, starts): (ends, w.capacity)
        for w in windows
        for day, intervals in days.items()
        for starts, ends in slot_times(intervals, day, w.slot_minutes)
        if starts > now
    }
    existing = await TimeSlot.filter(
        window_id__in=[w.id for w in windows],
        starts_at__gte=_midnight(start),
        starts_at__lt=_midnight(end + dt.timedelta(days=1)),
    ).values_list("id", "window_id", "starts_at", "capacity")
    have = {(w, s) for _, w, s, _ in existing}
    missing = [
        TimeSlot(window_id=w, starts_at=s, ends_at=ends, capacity=capacity)
        for (w, s), (ends, capacity) in wanted.items()
        if (w, s) not in have
    ]
    withdrawn = [(i, wanted[(w, s)][1]) for i, w, s, c in existing if c == 0 and (w, s) in wanted]
    async with in_transaction():
        await TimeSlot.bulk_create(missing, ignore_conflicts=True)
        for capacity in {c for _, c in withdrawn}:
            ids = [i for i, c in withdrawn if c == capacity]
            await TimeSlot.filter(id__in=ids, capacity=0).update(capacity=capacity)
        await record(
            actor,
            "hall.published",
            f"hall:{hall.id}",
            None,
            {"from": start.isoformat(), "to": end.isoformat(), "created": len(missing)},
        )
    return len(missing)


async def open_days(
    hall: ServiceHall, calendar: WorkingCalendar, start: dt.date, end: dt.date
) -> dict[dt.date, list[list[str]]]:
    """The days from start to end the hall opens, with their intervals."""
    closed = set(
        await HallClosure.filter(hall_id=hall.id, day__gte=start, day__lte=end).values_list(
            "day", flat=True
        )
    )
    region = hall.region_code[:6]
    days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
    found = {d: day_hours(hall.opening_hours, calendar, d, region) for d in days if d not in closed}
    return {d: intervals for d, intervals in found.items() if intervals}


def day_hours(
    hours: dict[str, list[list[str]]] | None, calendar: WorkingCalendar, day: dt.date, region: str
) -> list[list[str]]:
    """The day's opening intervals; [] when the hall does not open."""
    hours = hours or {}
    weekend = day.weekday() >= 5
    if calendar.is_working_day(day, region):
        return hours.get("1", []) if weekend else hours.get(str(day.isoweekday()), [])
    if not weekend:
        return []  # a public holiday
    friday = day - dt.timedelta(days=day.weekday() - 4)
    monday = friday + dt.timedelta(days=3)
    in_break = not (
        calendar.is_working_day(friday, region) and calendar.is_working_day(monday, region)
    )
    return [] if in_break else hours.get(str(day.isoweekday()), [])


def slot_times(
    intervals: list[list[str]], day: dt.date, minutes: int
) -> list[tuple[dt.datetime, dt.datetime]]:
    step = dt.timedelta(minutes=minutes)
    times = []
    for opens, closes in intervals:
        at = dt.datetime.combine(day, dt.time.fromisoformat(opens), SHANGHAI)
        last = dt.datetime.combine(day, dt.time.fromisoformat(closes), SHANGHAI)
        while at + step <= last:
            times.append((at, at + step))
            at += step
    return times


async def figures(
    hall: ServiceHall, calendar: WorkingCalendar, start: dt.date, days: int
) -> list[DayFigures]:
    """Per day from `start` (at most MAX_DAYS): the slots published, their places and bookings
    (withdrawn slots not counted), and whether the hall is closed."""
    end = start + dt.timedelta(days=max(1, min(days, MAX_DAYS)) - 1)
    rows = await TimeSlot.filter(
        window__hall_id=hall.id,
        capacity__gt=0,
        starts_at__gte=_midnight(start),
        starts_at__lt=_midnight(end + dt.timedelta(days=1)),
    ).values_list("starts_at", "capacity", "booked")
    opened = await open_days(hall, calendar, start, end)
    per_day: dict[dt.date, list[int]] = {}
    for starts, capacity, booked in rows:
        counts = per_day.setdefault(starts.astimezone(SHANGHAI).date(), [0, 0, 0])
        counts[0], counts[1], counts[2] = counts[0] + 1, counts[1] + capacity, counts[2] + booked
    return [
        DayFigures(d, d not in opened, *per_day.get(d, [0, 0, 0]))
        for d in (start + dt.timedelta(days=n) for n in range((end - start).days + 1))
    ]


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), SHANGHAI)
