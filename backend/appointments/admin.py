"""A county administrator's halls: those whose region is the county or one of its townships.
They edit a hall (name, address, opening hours), its windows (name, active, slot length,
capacity), its closed days, and a slot's capacity. Every change is in the staff audit log,
through the recorder the caller passes (this domain does not import the back office).

Closing a day that has bookings is refused (BOOKINGS_EXIST, with their number) unless the
administrator confirms: then, in one transaction, each booking is cancelled and its citizen
gets one notice through the outbox, the day's unbooked slots are deleted and those that kept
cancelled bookings are withdrawn (capacity 0: listed nowhere, never bookable)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from backend.accounts.service import SHANGHAI
from backend.appointments import hall_errors as errors
from backend.appointments.models import Booking, HallClosure, ServiceHall, ServiceWindow, TimeSlot
from backend.forms.validation import FieldError
from backend.notifications import service as notifications
from backend.regions.service import covers

# record(actor, action, subject, before, after): the staff audit log's writer
Recorder = Callable[[str, str, str, dict[str, Any] | None, dict[str, Any] | None], Awaitable[None]]
Interval = tuple[int, str, str]  # ISO weekday, opens "09:00", closes "12:00"
MAX_HALLS = 200
MAX_INTERVALS = 21  # three a day
SLOT_MINUTES = (5, 240)
CAPACITY = (1, 100)
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


async def managed_halls(region: str) -> list[ServiceHall]:
    """The halls of the county and its townships, by region then id, at most MAX_HALLS."""
    found = await ServiceHall.filter(region_code__startswith=region).order_by("region_code", "id")
    return [h for h in found if covers(region, h.region_code)][:MAX_HALLS]


async def managed_hall(region: str, hall_id: str, path: str = "/hallId") -> ServiceHall:
    hall = await ServiceHall.get_or_none(id=_number(hall_id))
    if hall is None or not covers(region, hall.region_code):
        raise errors.not_managed("hall", path)
    return hall


async def save_hall(
    actor: str,
    region: str,
    record: Recorder,
    hall_id: str | None,
    values: Mapping[str, Any],
) -> ServiceHall:
    """Create a hall (hall_id None) or edit one. `values`: name and address ({"zh", "en"}),
    region_code, opening_hours (Interval list)."""
    hall = await managed_hall(region, hall_id) if hall_id is not None else None
    found = [
        *_text_errors("/name", values["name"], 100),
        *_text_errors("/address", values["address"], 200),
        *_hours_errors(values["opening_hours"]),
    ]
    place = values["region_code"]
    if not (len(place) in (6, 9) and place.isdigit() and covers(region, place)):
        found.append(
            FieldError(
                "/regionCode",
                "OUTSIDE_YOUR_REGION",
                f"区划 {place} 不是您的县（市、区）或其乡镇（街道）。",
                f"Region {place} is not your county or one of its townships.",
            )
        )
    if found:
        raise errors.invalid(found)
    changes = {
        "name": dict(values["name"]),
        "address": dict(values["address"]),
        "region_code": place,
        "opening_hours": _hours(values["opening_hours"]),
    }
    async with in_transaction():
        if hall is None:
            hall = await ServiceHall.create(**changes)
            await record(actor, "hall.created", f"hall:{hall.id}", None, changes)
        else:
            before = {k: getattr(hall, k) for k in changes}
            await ServiceHall.filter(id=hall.id).update(**changes)
            hall.update_from_dict(changes)
            await record(actor, "hall.changed", f"hall:{hall.id}", before, changes)
    return hall


async def save_window(
    actor: str,
    region: str,
    record: Recorder,
    hall_id: str,
    window_id: str | None,
    values: Mapping[str, Any],
) -> ServiceWindow:
    """Add a window to a hall (window_id None) or change one. `values`: name ({"zh", "en"}),
    active, slot_minutes, capacity. Existing slots keep theirs; the next publishing uses these."""
    hall = await managed_hall(region, hall_id)
    window = None
    if window_id is not None:
        window = await ServiceWindow.get_or_none(id=_number(window_id), hall_id=hall.id)
        if window is None:
            raise errors.not_managed("window", "/windowId")
    found = [
        *_text_errors("/name", values["name"], 50),
        *_range_errors("/slotMinutes", values["slot_minutes"], SLOT_MINUTES),
        *_range_errors("/capacity", values["capacity"], CAPACITY),
    ]
    if found:
        raise errors.invalid(found)
    changes = {
        "name": dict(values["name"]),
        "active": bool(values["active"]),
        "slot_minutes": values["slot_minutes"],
        "capacity": values["capacity"],
    }
    async with in_transaction():
        if window is None:
            window = await ServiceWindow.create(hall=hall, **changes)
            await record(actor, "window.created", f"window:{window.id}", None, changes)
        else:
            before = {k: getattr(window, k) for k in changes}
            await ServiceWindow.filter(id=window.id).update(**changes)
            window.update_from_dict(changes)
            await record(actor, "window.changed", f"window:{window.id}", before, changes)
    return window


async def set_slot_capacity(
    actor: str, region: str, record: Recorder, slot_id: str, capacity: int
) -> TimeSlot:
    """One conditional UPDATE: never below the slot's bookings, whatever books meanwhile."""
    slot = await TimeSlot.get_or_none(id=_number(slot_id)).select_related("window__hall")
    if slot is None or not covers(region, slot.window.hall.region_code):
        raise errors.not_managed("slot", "/slotId")
    if (bad := _range_errors("/capacity", capacity, CAPACITY)) != []:
        raise errors.invalid(bad)
    async with in_transaction():
        if not await TimeSlot.filter(id=slot.id, booked__lte=capacity).update(capacity=capacity):
            raise errors.capacity_below_bookings((await TimeSlot.get(id=slot.id)).booked)
        await record(
            actor,
            "slot.capacity",
            f"slot:{slot.id}",
            {"capacity": slot.capacity},
            {"capacity": capacity},
        )
    return await TimeSlot.get(id=slot.id).select_related("window__hall")


async def add_closure(
    actor: str,
    region: str,
    record: Recorder,
    hall_id: str,
    day: dt.date,
    reason: str,
    confirm: bool,
) -> tuple[HallClosure, int]:
    """Close the hall on `day`; with the bookings it cancelled (only when confirmed)."""
    hall = await managed_hall(region, hall_id)
    found = _text_errors("/reason", {"zh": reason}, 200)
    if day < dt.datetime.now(SHANGHAI).date():
        found.append(
            FieldError("/day", "IN_PAST", "不能关闭已过去的日期。", "A past day cannot be closed.")
        )
    elif await HallClosure.exists(hall_id=hall.id, day=day):
        found.append(errors.already_closed())
    if found:
        raise errors.invalid(found)
    start = dt.datetime.combine(day, dt.time(), SHANGHAI)
    of_day = {
        "slot__window__hall_id": hall.id,
        "slot__starts_at__gte": start,
        "slot__starts_at__lt": start + dt.timedelta(days=1),
    }
    active = await Booking.filter(status="booked", **of_day).count()
    if active and not confirm:
        raise errors.bookings_exist(active)
    try:
        async with in_transaction():
            closure = await HallClosure.create(hall=hall, day=day, reason=reason.strip())
            cancelled = await _cancel_day(hall, day, of_day)
            await record(
                actor,
                "hall.closed",
                f"hall:{hall.id}",
                None,
                {"day": day.isoformat(), "reason": closure.reason, "cancelled": cancelled},
            )
    except IntegrityError:  # the same day closed by a concurrent request
        raise errors.invalid([errors.already_closed()]) from None
    return closure, cancelled


async def _cancel_day(hall: ServiceHall, day: dt.date, of_day: dict[str, Any]) -> int:
    """Inside the closure's transaction: cancel each active booking (one notice each: only the
    request whose conditional UPDATE cancelled it writes one), then clear the day's slots."""
    at = dt.datetime.now(SHANGHAI)
    cancelled = 0
    for booking in await Booking.filter(status="booked", **of_day).select_related("slot"):
        if not await Booking.filter(id=booking.id, status="booked").update(
            status="cancelled", hold=None, cancelled_at=at
        ):
            continue
        await TimeSlot.filter(id=booking.slot_id, booked__gt=0).update(booked=F("booked") - 1)
        await notifications.record(
            booking.application_id or booking.id,
            booking.citizen_id,
            "appointment_cancelled",
            _cancelled(booking, hall, day),
        )
        cancelled += 1
    start = dt.datetime.combine(day, dt.time(), SHANGHAI)
    slots = TimeSlot.filter(
        window__hall_id=hall.id, starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1)
    )
    kept = await Booking.filter(**of_day).values_list("slot_id", flat=True)
    await TimeSlot.filter(
        id__in=await slots.exclude(id__in=kept).values_list("id", flat=True)
    ).delete()
    if kept:
        await TimeSlot.filter(id__in=set(kept)).update(capacity=0)
    return cancelled


def _cancelled(booking: Booking, hall: ServiceHall, day: dt.date) -> dict[str, str]:
    when = booking.slot.starts_at.astimezone(SHANGHAI).strftime("%m-%d %H:%M")
    return {
        "application_id": str(booking.application_id or ""),
        "kind": "appointment_cancelled",
        "at": dt.datetime.now(SHANGHAI).isoformat(),
        "zh": f"很抱歉：{hall.name['zh']} {day.isoformat()} 闭厅，您 {when} 的预约已取消，请另约时间。",
        "en": f"We are sorry: {hall.name['en']} is closed on {day.isoformat()}; your appointment at {when} is cancelled. Please book another time.",
    }


async def remove_closure(actor: str, region: str, record: Recorder, closure_id: str) -> HallClosure:
    """Open the day again; publishing fills it with slots once more."""
    closure = await HallClosure.get_or_none(id=_number(closure_id)).select_related("hall")
    if closure is None or not covers(region, closure.hall.region_code):
        raise errors.not_managed("closure", "/closureId")
    async with in_transaction():
        await HallClosure.filter(id=closure.id).delete()
        await record(
            actor,
            "hall.reopened",
            f"hall:{closure.hall_id}",
            {"day": closure.day.isoformat(), "reason": closure.reason},
            None,
        )
    return closure


async def windows_of(hall_ids: list[int]) -> list[list[ServiceWindow]]:
    """Each hall's windows by id (one statement for a page of halls)."""
    found = await ServiceWindow.filter(hall_id__in=set(hall_ids)).order_by("id")
    return [[w for w in found if w.hall_id == h] for h in hall_ids]


async def closures_of(hall_ids: list[int]) -> list[list[HallClosure]]:
    """Each hall's closed days from today on, soonest first (one statement)."""
    today = dt.datetime.now(SHANGHAI).date()
    found = await HallClosure.filter(hall_id__in=set(hall_ids), day__gte=today).order_by("day")
    return [[c for c in found if c.hall_id == h] for h in hall_ids]


def _number(value: str) -> int:
    """An id as the database takes it; 0 (never an id) for anything else."""
    try:
        number = int(value)
    except ValueError:
        return 0
    return number if 0 < number < 2**31 else 0


def _text_errors(path: str, text: Mapping[str, str], longest: int) -> list[FieldError]:
    return [
        FieldError(
            f"{path}/{lang}",
            "INVALID_LENGTH",
            f"须为 1 到 {longest} 个字符。",
            f"Must be 1 to {longest} characters.",
        )
        for lang in ("zh", "en")
        if lang in text and not 0 < len(text[lang].strip()) <= longest
    ]


def _range_errors(path: str, value: int, bounds: tuple[int, int]) -> list[FieldError]:
    low, high = bounds
    if low <= value <= high:
        return []
    return [
        FieldError(
            path, "OUT_OF_RANGE", f"须在 {low} 到 {high} 之间。", f"Must be {low} to {high}."
        )
    ]


def _hours_errors(intervals: list[Interval]) -> list[FieldError]:
    """Each interval a weekday 1-7 with opens before closes (HH:MM); a weekday's do not overlap."""
    if len(intervals) > MAX_INTERVALS:
        return [
            FieldError(
                "/openingHours",
                "TOO_MANY",
                f"最多 {MAX_INTERVALS} 个时段。",
                f"At most {MAX_INTERVALS} intervals.",
            )
        ]
    found = []
    for i, (weekday, opens, closes) in enumerate(intervals):
        path = f"/openingHours/{i}"
        if not 1 <= weekday <= 7:
            found.append(
                FieldError(
                    f"{path}/weekday",
                    "OUT_OF_RANGE",
                    "星期须为 1 到 7。",
                    "Weekday must be 1 to 7.",
                )
            )
        for field, value in (("opens", opens), ("closes", closes)):
            if not _TIME.match(value):
                found.append(
                    FieldError(
                        f"{path}/{field}",
                        "INVALID_TIME",
                        "时间格式为 09:00。",
                        "Write times as 09:00.",
                    )
                )
        if _TIME.match(opens) and _TIME.match(closes):
            overlaps = any(
                w == weekday and o < closes and opens < c
                for j, (w, o, c) in enumerate(intervals)
                if j != i
            )
            if opens >= closes or overlaps:
                found.append(
                    FieldError(
                        f"{path}/closes",
                        "INVALID_INTERVAL",
                        "结束须晚于开始，且同一天的时段不能重叠。",
                        "Closing must come after opening, and a day's intervals must not overlap.",
                    )
                )
    return found


def _hours(intervals: list[Interval]) -> dict[str, list[list[str]]]:
    hours: dict[str, list[list[str]]] = {}
    for weekday, opens, closes in sorted(intervals):
        hours.setdefault(str(weekday), []).append([opens, closes])
    return hours
