"""Appointments (网上预约): booking the one trip. A slot is never overbooked: a place is taken
by one conditional UPDATE (`booked = booked + 1 WHERE booked < capacity`) in the same
transaction as the booking it pays for, which is correct on SQLite and PostgreSQL alike without
leaning on isolation levels. Transactions touch slots first, in id order, then the booking, so
two of them never wait on each other in opposite orders."""

from __future__ import annotations

import datetime as dt
import uuid

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q
from tortoise.transactions import in_transaction

from backend.accounts.service import SHANGHAI, Citizen
from backend.applications import service as applications

# What other domains and the API use of this domain's own modules (its public surface).
from backend.appointments import admin as admin
from backend.appointments import errors
from backend.appointments import publishing as publishing
from backend.appointments.day import DayBooking as DayBooking
from backend.appointments.day import day_bookings as day_bookings
from backend.appointments.demo import seed_demo_hall as seed_demo_hall
from backend.appointments.demo import seed_receiving_halls as seed_receiving_halls
from backend.appointments.errors import AppointmentProblem as AppointmentProblem
from backend.appointments.hall_errors import HallProblem as HallProblem
from backend.appointments.models import Booking as Booking
from backend.appointments.models import HallClosure as HallClosure
from backend.appointments.models import ServiceHall as ServiceHall
from backend.appointments.models import ServiceWindow as ServiceWindow
from backend.appointments.models import TimeSlot as TimeSlot
from backend.forms.validation import FieldError
from backend.infra.ids import uuid7
from backend.notifications import service as notifications

DEFAULT_DAYS = 14
MAX_DAYS = 31
_ATTEMPTS = 3  # re-reads when the same booking changed under us (the citizen racing themselves)


class _Moved(Exception):
    """The booking was cancelled or moved by a concurrent request; read it again."""


def now() -> dt.datetime:
    """Now in China Standard Time. Every time this domain stores or compares carries the
    +08:00 offset, the database's configured zone: SQLite keeps aware datetimes as ISO text
    with their own offset and compares them as text, so mixed offsets would misorder."""
    return dt.datetime.now(SHANGHAI)


async def slots(region: str, start: dt.date | None, end: dt.date | None) -> list[TimeSlot]:
    """Upcoming slots of the halls in `region` (a county, or every county of a city or
    province), soonest first, full ones included; dates are China Standard Time days, from today
    for DEFAULT_DAYS days unless given, and never more than MAX_DAYS."""
    if not (len(region) == 6 and region.isdigit()):
        return []
    start = start or dt.datetime.now(SHANGHAI).date()
    end = min(
        end or start + dt.timedelta(days=DEFAULT_DAYS - 1), start + dt.timedelta(days=MAX_DAYS - 1)
    )
    if end < start:
        return []
    return (
        await TimeSlot.filter(
            _in_region(region),
            capacity__gt=0,  # a withdrawn slot (its day closed) is listed nowhere
            starts_at__gt=now(),
            starts_at__gte=_midnight(start),
            starts_at__lt=_midnight(end + dt.timedelta(days=1)),
        )
        .select_related("window__hall")
        .order_by("starts_at", "window_id")
    )


def _in_region(region: str) -> Q:
    """GB/T 2260: 330000 covers 33xxxx, 330100 covers 3301xx, 330106 only itself."""
    if region.endswith("0000"):
        return Q(window__hall__region_code__startswith=region[:2])
    if region.endswith("00"):
        return Q(window__hall__region_code__startswith=region[:4])
    return Q(window__hall__region_code=region)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), SHANGHAI)


async def book(citizen: Citizen, slot_id: str, application_id: str | None) -> Booking:
    """Take one place in a slot, for one of the citizen's own applications or for none."""
    at = now()
    found: list[FieldError] = []
    slot = await _slot(slot_id)
    if slot is None:
        found.append(errors.slot_not_found())
    elif slot.starts_at <= at:
        found.append(errors.slot_in_past())
    app_id = None
    if application_id is not None:
        app_id = await _own_application(citizen, application_id)
        if app_id is None:
            found.append(errors.application_not_found())
    path = "/slotId" if application_id is None else "/applicationId"
    hold = _hold(slot.id if slot else None, app_id)
    if hold and not found and await Booking.exists(citizen=citizen, hold=hold):
        found.append(errors.already_booked(path))
    if found or slot is None:
        raise AppointmentProblem.of(*found)
    booking_id = uuid7()
    try:
        async with in_transaction():
            await _take(slot.id, at)
            await Booking.create(
                id=booking_id, slot_id=slot.id, citizen=citizen, application_id=app_id, hold=hold
            )
    except IntegrityError:
        await _raise_if_held(citizen, hold, path)  # the same hold raced in twice: one wins
        raise
    return await _loaded(booking_id)


async def cancel(citizen: Citizen, booking_id: str) -> Booking:
    """Give the place back. Cancelling a cancelled booking returns it as it is."""
    for _ in range(_ATTEMPTS):
        booking = await _own_booking(citizen, booking_id)
        if booking.status == "cancelled":
            return booking
        at = now()
        if booking.slot.starts_at <= at:
            raise AppointmentProblem.of(errors.booking_started())
        try:
            async with in_transaction():
                await _release(booking.slot_id)
                await _change(booking, status="cancelled", hold=None, cancelled_at=at)
        except _Moved:
            continue
        return await _loaded(booking.id)
    raise RuntimeError(f"booking {booking_id} kept changing during its cancellation")


async def reschedule(citizen: Citizen, booking_id: str, slot_id: str) -> Booking:
    """Move a booking to another slot, all or nothing: the old place is given back only in the
    transaction that secured the new one. A booking whose time has passed may be moved too."""
    for _ in range(_ATTEMPTS):
        at = now()
        found: list[FieldError] = []
        booking = await _own_booking_or_none(citizen, booking_id)
        if booking is None:
            found.append(errors.booking_not_found())
        elif booking.status != "booked":
            found.append(errors.booking_cancelled())
        slot = await _slot(slot_id)
        if slot is None:
            found.append(errors.slot_not_found())
        elif slot.starts_at <= at:
            found.append(errors.slot_in_past())
        if found or booking is None or slot is None:
            raise AppointmentProblem.of(*found)
        if slot.id == booking.slot_id:
            return booking
        hold = _hold(slot.id, booking.application_id)
        if hold != booking.hold and await Booking.exists(citizen=citizen, hold=hold):
            raise AppointmentProblem.of(errors.already_booked("/slotId"))
        try:
            async with in_transaction():
                for touched in sorted((booking.slot_id, slot.id)):
                    if touched == slot.id:
                        await _take(slot.id, at)
                    else:
                        await _release(booking.slot_id)
                await _change(booking, slot_id=slot.id, hold=hold)
        except _Moved:
            continue
        except IntegrityError:
            await _raise_if_held(citizen, hold, "/slotId")
            raise
        return await _loaded(booking.id)
    raise RuntimeError(f"booking {booking_id} kept changing during its rescheduling")


async def mine(citizen: Citizen, include_past: bool) -> list[Booking]:
    """The citizen's bookings, cancelled ones included, soonest first; by default only those
    whose slot has not ended yet."""
    qs = Booking.filter(citizen=citizen)
    if not include_past:
        qs = qs.filter(slot__ends_at__gt=now())
    return await qs.select_related("slot__window__hall").order_by("slot__starts_at", "id")


async def _take(slot_id: int, at: dt.datetime) -> None:
    """Take one place, or say exactly why there is none; call inside the booking's transaction."""
    taken = await TimeSlot.filter(id=slot_id, starts_at__gt=at, booked__lt=F("capacity")).update(
        booked=F("booked") + 1
    )
    if taken:
        return
    slot = await TimeSlot.get_or_none(id=slot_id)
    if slot is None:
        raise AppointmentProblem.of(errors.slot_not_found())
    if slot.starts_at <= at:
        raise AppointmentProblem.of(errors.slot_in_past())
    raise AppointmentProblem.of(errors.slot_full())


async def _release(slot_id: int) -> None:
    await TimeSlot.filter(id=slot_id, booked__gt=0).update(booked=F("booked") - 1)


async def _change(booking: Booking, **changes: object) -> None:
    """Change the booking only if it is still active where we read it; otherwise roll back."""
    changed = await Booking.filter(id=booking.id, slot_id=booking.slot_id, status="booked").update(
        **changes
    )
    if not changed:
        raise _Moved


async def _raise_if_held(citizen: Citizen, hold: str | None, path: str) -> None:
    """After a unique violation: ALREADY_BOOKED if another active booking holds the key."""
    if await Booking.exists(citizen=citizen, hold=hold):
        raise AppointmentProblem.of(errors.already_booked(path)) from None


def _hold(slot_id: int | None, application_id: uuid.UUID | None) -> str | None:
    """The key an active booking holds: one per application, or one per slot without one."""
    if application_id is not None:
        return str(application_id)
    return f"slot:{slot_id}" if slot_id is not None else None


async def _slot(slot_id: str) -> TimeSlot | None:
    try:
        number = int(slot_id)
    except ValueError:
        return None
    if not 0 < number < 2**31:  # beyond any id, and beyond what PostgreSQL's integer takes
        return None
    return await TimeSlot.get_or_none(id=number)


async def _own_application(citizen: Citizen, application_id: str) -> uuid.UUID | None:
    try:
        return (await applications.own(citizen, application_id)).id
    except applications.ApplicationProblem:
        return None


async def _own_booking_or_none(citizen: Citizen, booking_id: str) -> Booking | None:
    """Another citizen's booking reads exactly like a missing one."""
    try:
        uid = uuid.UUID(booking_id)
    except ValueError:
        return None
    return (
        await Booking.filter(id=uid, citizen=citizen).select_related("slot__window__hall").first()
    )


async def _own_booking(citizen: Citizen, booking_id: str) -> Booking:
    booking = await _own_booking_or_none(citizen, booking_id)
    if booking is None:
        raise AppointmentProblem.of(errors.booking_not_found())
    return booking


async def _loaded(booking_id: uuid.UUID) -> Booking:
    return await Booking.get(id=booking_id).select_related("slot__window__hall")


async def remind(within: dt.timedelta = dt.timedelta(hours=24)) -> int:
    """Idempotent: a reminder, through the outbox and the notifier, for every active booking
    whose slot starts within `within`; each booking is reminded once, by whichever sweep marks
    it first. The mark and the outbox entry are one transaction: a sweep that dies between them
    leaves the booking to be reminded by the next. Sending is the outbox's (claimed, leased)."""
    start = now()
    due = Booking.filter(
        status="booked",
        reminded_at__isnull=True,
        slot__starts_at__gte=start,
        slot__starts_at__lt=start + within,
    ).prefetch_related("slot__window__hall")
    sent = 0
    for booking in await due:
        async with in_transaction():
            if not await Booking.filter(id=booking.id, reminded_at__isnull=True).update(
                reminded_at=start
            ):
                continue
            await notifications.record(
                booking.application_id or booking.id,
                booking.citizen_id,
                "appointment_reminder",
                _reminder(booking, start),
            )
        sent += 1
    return sent


def _reminder(booking: Booking, at: dt.datetime) -> dict[str, str]:
    slot = booking.slot
    when = slot.starts_at.astimezone(SHANGHAI).strftime("%m-%d %H:%M")
    hall = slot.window.hall.name
    return {
        "application_id": str(booking.application_id or ""),
        "kind": "appointment_reminder",
        "at": at.isoformat(),
        "zh": f"提醒：您预约了 {when} 在{hall['zh']}{slot.window.name}办理，请携带原件准时到达。",
        "en": f"Reminder: your appointment is at {when}, {hall['en']}, {slot.window.name}; bring the originals.",
    }
