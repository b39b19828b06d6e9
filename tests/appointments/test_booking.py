"""Booking the one trip through the service: a slot is never overbooked, a place is given back
when a booking is cancelled or moved, and a citizen touches only their own bookings and
applications. Every test runs on SQLite and, when DATABASE_URL is set, PostgreSQL."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from appointments_support import (
    make_application,
    make_citizen,
    make_slot,
    make_window,
    outcome_of_booking,
    outcome_of_rescheduling,
)

from backend.appointments import service
from backend.appointments.errors import AppointmentProblem
from backend.appointments.models import Booking, TimeSlot

pytestmark = pytest.mark.usefixtures("connected")


async def assert_counts_match_bookings(*slots: TimeSlot) -> None:
    """Each slot's counter equals its active bookings and stays within its capacity."""
    for slot in slots:
        await slot.refresh_from_db()
        active = await Booking.filter(slot_id=slot.id, status="booked").count()
        assert slot.booked == active <= slot.capacity


async def test_forty_citizens_racing_for_five_places_leave_exactly_five_bookings() -> None:
    slot = await make_slot(capacity=5)
    citizens = [await make_citizen() for _ in range(40)]

    outcomes = await asyncio.gather(*(outcome_of_booking(c, slot) for c in citizens))

    assert outcomes.count("BOOKED") == 5
    assert outcomes.count("SLOT_FULL") == 35
    await slot.refresh_from_db()
    assert slot.booked == 5
    await assert_counts_match_bookings(slot)


async def test_racing_reschedules_fill_the_new_slot_only_up_to_its_capacity() -> None:
    window = await make_window()
    target = await make_slot(capacity=3, starts_in=dt.timedelta(days=2), window=window)
    moves = []
    olds = []
    for hours in range(10):
        citizen = await make_citizen()
        old = await make_slot(starts_in=dt.timedelta(days=1, hours=hours), window=window)
        booking = await service.book(citizen, str(old.id), None)
        moves.append(outcome_of_rescheduling(citizen, str(booking.id), target))
        olds.append(old)

    outcomes = await asyncio.gather(*moves)

    assert outcomes.count("MOVED") == 3
    assert outcomes.count("SLOT_FULL") == 7
    await assert_counts_match_bookings(target, *olds)
    assert sum(o.booked for o in olds) == 7


async def test_cancelling_a_booking_frees_its_place_for_someone_else() -> None:
    slot = await make_slot(capacity=1)
    first, second = await make_citizen(), await make_citizen()
    booking = await service.book(first, str(slot.id), None)
    assert await outcome_of_booking(second, slot) == "SLOT_FULL"

    cancelled = await service.cancel(first, str(booking.id))

    assert cancelled.status == "cancelled"
    assert cancelled.cancelled_at is not None
    assert await outcome_of_booking(second, slot) == "BOOKED"
    await assert_counts_match_bookings(slot)


async def test_cancelling_twice_gives_the_place_back_only_once() -> None:
    slot = await make_slot(capacity=2)
    citizen, other = await make_citizen(), await make_citizen()
    booking = await service.book(citizen, str(slot.id), None)
    await service.book(other, str(slot.id), None)

    results = await asyncio.gather(
        service.cancel(citizen, str(booking.id)), service.cancel(citizen, str(booking.id))
    )

    assert [b.status for b in results] == ["cancelled", "cancelled"]
    await slot.refresh_from_db()
    assert slot.booked == 1
    await assert_counts_match_bookings(slot)


async def test_rescheduling_to_a_full_slot_keeps_the_old_booking() -> None:
    old, full = await make_slot(capacity=1), await make_slot(capacity=1)
    citizen, other = await make_citizen(), await make_citizen()
    booking = await service.book(citizen, str(old.id), None)
    await service.book(other, str(full.id), None)

    with pytest.raises(AppointmentProblem) as refused:
        await service.reschedule(citizen, str(booking.id), str(full.id))

    assert refused.value.code == "SLOT_FULL"
    assert [e.path for e in refused.value.errors] == ["/slotId"]
    kept = await Booking.get(id=booking.id)
    assert (kept.status, kept.slot_id) == ("booked", old.id)
    await assert_counts_match_bookings(old, full)
    assert old.booked == 1


async def test_rescheduling_moves_the_place_from_the_old_slot_to_the_new_one() -> None:
    old, new = await make_slot(capacity=1), await make_slot(capacity=1)
    citizen = await make_citizen()
    booking = await service.book(citizen, str(old.id), None)

    moved = await service.reschedule(citizen, str(booking.id), str(new.id))

    assert (moved.id, moved.status, moved.slot_id) == (booking.id, "booked", new.id)
    await assert_counts_match_bookings(old, new)
    assert (old.booked, new.booked) == (0, 1)


async def test_a_missed_appointment_can_be_moved_to_a_later_slot() -> None:
    citizen = await make_citizen()
    application = await make_application(citizen)
    missed = await make_slot(starts_in=dt.timedelta(days=1))
    booking = await service.book(citizen, str(missed.id), str(application.id))
    await TimeSlot.filter(id=missed.id).update(starts_at=service.now() - dt.timedelta(hours=2))
    later = await make_slot()

    moved = await service.reschedule(citizen, str(booking.id), str(later.id))

    assert moved.slot_id == later.id
    await assert_counts_match_bookings(missed, later)


async def test_a_slot_that_has_begun_cannot_be_booked() -> None:
    slot = await make_slot(capacity=3, starts_in=-dt.timedelta(minutes=5))
    citizen = await make_citizen()

    with pytest.raises(AppointmentProblem) as refused:
        await service.book(citizen, str(slot.id), None)

    assert refused.value.code == "SLOT_IN_PAST"
    assert refused.value.message_zh and refused.value.message_en
    await assert_counts_match_bookings(slot)
    assert slot.booked == 0


async def test_an_appointment_that_has_begun_cannot_be_cancelled() -> None:
    slot = await make_slot()
    citizen = await make_citizen()
    booking = await service.book(citizen, str(slot.id), None)
    await TimeSlot.filter(id=slot.id).update(starts_at=service.now() - dt.timedelta(minutes=1))

    with pytest.raises(AppointmentProblem) as refused:
        await service.cancel(citizen, str(booking.id))

    assert refused.value.code == "SLOT_IN_PAST"
    assert (await Booking.get(id=booking.id)).status == "booked"


async def test_another_citizens_booking_cannot_be_cancelled_or_moved() -> None:
    slot, elsewhere = await make_slot(), await make_slot()
    owner, stranger = await make_citizen(), await make_citizen()
    booking = await service.book(owner, str(slot.id), None)

    with pytest.raises(AppointmentProblem) as cancel_refused:
        await service.cancel(stranger, str(booking.id))
    with pytest.raises(AppointmentProblem) as move_refused:
        await service.reschedule(stranger, str(booking.id), str(elsewhere.id))

    assert cancel_refused.value.code == move_refused.value.code == "NOT_FOUND"
    assert [e.path for e in cancel_refused.value.errors] == ["/bookingId"]
    kept = await Booking.get(id=booking.id)
    assert (kept.status, kept.slot_id) == ("booked", slot.id)
    await assert_counts_match_bookings(slot, elsewhere)


async def test_booking_for_another_citizens_application_is_refused() -> None:
    slot = await make_slot()
    owner, stranger = await make_citizen(), await make_citizen()
    application = await make_application(owner)

    with pytest.raises(AppointmentProblem) as refused:
        await service.book(stranger, str(slot.id), str(application.id))

    assert refused.value.code == "NOT_FOUND"
    assert [e.path for e in refused.value.errors] == ["/applicationId"]
    await assert_counts_match_bookings(slot)
    assert slot.booked == 0


async def test_every_problem_with_a_booking_is_reported_at_once() -> None:
    past = await make_slot(starts_in=-dt.timedelta(hours=1))
    citizen = await make_citizen()

    with pytest.raises(AppointmentProblem) as refused:
        await service.book(citizen, str(past.id), "not-an-application")

    assert [(e.path, e.code) for e in refused.value.errors] == [
        ("/slotId", "SLOT_IN_PAST"),
        ("/applicationId", "NOT_FOUND"),
    ]


async def test_a_citizen_holds_one_active_booking_per_application() -> None:
    first, second = await make_slot(capacity=5), await make_slot(capacity=5)
    citizen = await make_citizen()
    application = await make_application(citizen)
    booking = await service.book(citizen, str(first.id), str(application.id))

    with pytest.raises(AppointmentProblem) as refused:
        await service.book(citizen, str(second.id), str(application.id))
    assert refused.value.code == "ALREADY_BOOKED"
    await service.cancel(citizen, str(booking.id))
    again = await service.book(citizen, str(second.id), str(application.id))

    assert again.application_id == application.id
    await assert_counts_match_bookings(first, second)
    assert (first.booked, second.booked) == (0, 1)


async def test_the_same_application_booked_twice_at_once_gets_one_place() -> None:
    slots = [await make_slot(capacity=5) for _ in range(4)]
    citizen = await make_citizen()
    application = await make_application(citizen)

    async def attempt(slot: TimeSlot) -> str:
        try:
            await service.book(citizen, str(slot.id), str(application.id))
        except AppointmentProblem as p:
            return p.code
        return "BOOKED"

    outcomes = await asyncio.gather(*(attempt(s) for s in slots))

    assert sorted(outcomes) == ["ALREADY_BOOKED"] * 3 + ["BOOKED"]
    await assert_counts_match_bookings(*slots)
    assert sum(s.booked for s in slots) == 1


async def test_a_slot_cannot_be_booked_twice_by_the_same_citizen_without_an_application() -> None:
    slot = await make_slot(capacity=5)
    citizen = await make_citizen()
    await service.book(citizen, str(slot.id), None)

    assert await outcome_of_booking(citizen, slot) == "ALREADY_BOOKED"
    await assert_counts_match_bookings(slot)


async def test_unknown_slots_and_bookings_read_as_not_found() -> None:
    citizen = await make_citizen()

    for slot_id in ("999999", "not-a-number", "99999999999999999999", "-1"):
        with pytest.raises(AppointmentProblem) as refused:
            await service.book(citizen, slot_id, None)
        assert refused.value.code == "NOT_FOUND"
    for booking_id in ("not-a-uuid", "018f0000-0000-7000-8000-000000000000"):
        with pytest.raises(AppointmentProblem) as refused:
            await service.cancel(citizen, booking_id)
        assert refused.value.code == "NOT_FOUND"
