"""The halls on the staff endpoint: a window clerk's bookings of the day (masked, audited), and
a county administrator's halls, windows, closed days and slots (scoped to their county)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
from appointments_support import make_application, make_citizen, make_slot, make_window, until
from support import staff_gql, staff_token

from backend.accounts.service import SHANGHAI
from backend.appointments import service
from backend.appointments.models import Booking, HallClosure, ServiceWindow, TimeSlot
from backend.backoffice.models import AuditEntry
from backend.calendar.overrides import RegionOverrides
from backend.calendar.service import WorkingCalendar
from backend.notifications.models import Outbox
from backend.staff.models import StaffMember

HALL_BOOKINGS = """
query HallBookings($day: Date) {
  hallBookings(day: $day) {
    id startsAt endsAt windowId windowName { zh en } citizenName residentId
    matter { zh en } applicationId status
  }
}
"""


async def test_a_clerk_reads_the_days_bookings_of_their_county_masked_and_audited(
    client: httpx.AsyncClient,
) -> None:
    window = await make_window("330106")
    slot = await make_slot(capacity=2, window=window)
    zhang = await make_citizen()
    zhang.name, zhang.id_number = "张三丰", "330106199001010311"
    await zhang.save()
    booked = await service.book(zhang, str(slot.id), str((await make_application(zhang)).id))
    other_county = await make_slot(window=await make_window("330102"))
    await service.book(await make_citizen(), str(other_county.id), None)
    clerk = await staff_token(client, "day-clerk", "window_clerk")
    day = slot.starts_at.astimezone(SHANGHAI).date().isoformat()

    body = await staff_gql(client, HALL_BOOKINGS, {"day": day}, clerk)

    assert body["data"]["hallBookings"] == [
        {
            "id": str(booked.id),
            "startsAt": slot.starts_at.isoformat(),
            "endsAt": slot.ends_at.isoformat(),
            "windowId": str(window.id),
            "windowName": {"zh": "1 号窗口", "en": "Window 1"},
            "citizenName": "张*丰",
            "residentId": "330106********0311",
            "matter": None,
            "applicationId": str(booked.application_id),
            "status": "BOOKED",
        }
    ]
    read = await AuditEntry.get(actor="staff:day-clerk", action="appointments.day_read")
    assert (read.subject, read.after) == ("region:330106", {"day": day, "citizens": [zhang.id]})


async def test_a_clerk_with_a_hall_reads_only_that_halls_bookings(
    client: httpx.AsyncClient,
) -> None:
    mine, other = await make_window("330106109"), await make_window("330106")
    here = await make_slot(window=mine)
    await service.book(await make_citizen(), str(here.id), None)
    there = await make_slot(window=other, starts_in=dt.timedelta(days=1, minutes=30))
    await service.book(await make_citizen(), str(there.id), None)
    clerk = await staff_token(client, "hall-clerk", "window_clerk")
    await StaffMember.filter(username="hall-clerk").update(hall_id=mine.hall_id)
    day = here.starts_at.astimezone(SHANGHAI).date().isoformat()

    body = await staff_gql(client, HALL_BOOKINGS, {"day": day}, clerk)

    assert [b["windowId"] for b in body["data"]["hallBookings"]] == [str(mine.id)]
    read = await AuditEntry.get(actor="staff:hall-clerk", action="appointments.day_read")
    assert read.subject == f"hall:{mine.hall_id}"


async def test_a_day_without_bookings_is_empty_and_other_roles_are_refused(
    client: httpx.AsyncClient,
) -> None:
    clerk = await staff_token(client, "empty-clerk", "window_clerk")
    admin = await staff_token(client, "day-admin", "county_admin")
    far = (dt.datetime.now(SHANGHAI).date() + dt.timedelta(days=400)).isoformat()

    empty = await staff_gql(client, HALL_BOOKINGS, {"day": far}, clerk)
    refused = await staff_gql(client, HALL_BOOKINGS, {}, admin)

    assert empty["data"]["hallBookings"] == []
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN_ROLE"
    assert not await AuditEntry.exists(action="appointments.day_read")


ERROR = "... on HallError { code message { zh en } errors { path code } }"
SAVE_HALL = f"""
mutation SaveHall($id: ID, $name: LocalizedTextInput!, $address: LocalizedTextInput!,
                  $region: String!, $hours: [OpeningIntervalInput!]!) {{
  saveHall(hallId: $id, name: $name, address: $address, regionCode: $region, openingHours: $hours) {{
    __typename ... on ManagedHall {{ id regionCode openingHours {{ weekday opens closes }} }} {ERROR}
  }}
}}
"""
SAVE_WINDOW = f"""
mutation SaveWindow($hall: ID!, $id: ID, $name: LocalizedTextInput!, $minutes: Int!, $capacity: Int!,
                    $active: Boolean! = true) {{
  saveHallWindow(hallId: $hall, windowId: $id, name: $name, slotMinutes: $minutes,
                 capacity: $capacity, active: $active) {{
    __typename ... on HallWindow {{ id active slotMinutes capacity }} {ERROR}
  }}
}}
"""
CLOSE = f"""
mutation Close($hall: ID!, $day: Date!, $reason: String!, $confirm: Boolean! = false) {{
  addHallClosure(hallId: $hall, day: $day, reason: $reason, confirm: $confirm) {{
    __typename ... on HallClosed {{ cancelledBookings closure {{ day reason }} }} {ERROR}
  }}
}}
"""
PUBLISH = f"""
mutation Publish($hall: ID!, $from: Date!, $to: Date!) {{
  publishHallSlots(hallId: $hall, from: $from, to: $to) {{
    __typename ... on SlotsPublished {{ created }} {ERROR}
  }}
}}
"""
CAPACITY = f"""
mutation Capacity($slot: ID!, $capacity: Int!) {{
  setSlotCapacity(slotId: $slot, capacity: $capacity) {{
    __typename ... on HallSlot {{ capacity booked }} {ERROR}
  }}
}}
"""
HALLS = "query { managedHalls { id windows { id } closures { day } } }"
XIHU = {"zh": "测试大厅", "en": "Test hall"}
WEEKDAYS = [{"weekday": d, "opens": "09:00", "closes": "10:00"} for d in range(1, 6)]


async def make_hall(client: httpx.AsyncClient, admin: str, region: str = "330106") -> str:
    variables = {"name": XIHU, "address": XIHU, "region": region, "hours": WEEKDAYS}
    saved = (await staff_gql(client, SAVE_HALL, variables, admin))["data"]["saveHall"]
    assert saved["__typename"] == "ManagedHall", saved
    return str(saved["id"])


def errors_of(body: dict[str, Any], field: str) -> tuple[str, list[tuple[str, str]]]:
    result = body["data"][field]
    return result["code"], [(e["path"], e["code"]) for e in result["errors"]]


async def test_another_countys_administrator_neither_sees_nor_changes_my_halls(
    client: httpx.AsyncClient,
) -> None:
    mine = await staff_token(client, "hall-admin-xihu", "county_admin")
    theirs = await staff_token(client, "hall-admin-shangcheng", "county_admin", "330102")
    hall = await make_hall(client, mine, "330106109")  # a township of Xihu
    window = {"hall": hall, "name": XIHU, "minutes": 30, "capacity": 2}
    today = dt.datetime.now(SHANGHAI).date().isoformat()

    listed = (await staff_gql(client, HALLS, token=theirs))["data"]["managedHalls"]
    days = await staff_gql(
        client, "query($h: ID!) { hallDays(hallId: $h) { day } }", {"h": hall}, theirs
    )
    changed = await staff_gql(client, SAVE_WINDOW, window, theirs)
    published = await staff_gql(client, PUBLISH, {"hall": hall, "from": today, "to": today}, theirs)
    moved = await staff_gql(
        client,
        SAVE_HALL,
        {"id": hall, "name": XIHU, "address": XIHU, "region": "330102", "hours": []},
        mine,
    )

    assert hall not in [h["id"] for h in listed]
    assert days["data"]["hallDays"] == []
    assert errors_of(changed, "saveHallWindow") == ("NOT_FOUND", [("/hallId", "NOT_FOUND")])
    assert (errors_of(published, "publishHallSlots"))[0] == "NOT_FOUND"
    assert errors_of(moved, "saveHall") == (
        "INVALID_INPUT",
        [("/regionCode", "OUTSIDE_YOUR_REGION")],
    )
    assert await ServiceWindow.filter(hall_id=int(hall)).count() == 0


async def test_bad_hours_and_windows_are_refused_with_every_path_at_fault(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "hall-admin-bad", "county_admin")
    hall = await make_hall(client, admin)
    hours = [
        {"weekday": 8, "opens": "09:00", "closes": "12:00"},
        {"weekday": 1, "opens": "9am", "closes": "12:00"},
        {"weekday": 2, "opens": "09:00", "closes": "12:00"},
        {"weekday": 2, "opens": "11:00", "closes": "13:00"},
    ]
    bad_hall = {"id": hall, "name": {"zh": " ", "en": "x"}, "address": XIHU, "region": "330106"}
    bad_window = {"hall": hall, "name": XIHU, "minutes": 1, "capacity": 0}

    hall_body = await staff_gql(client, SAVE_HALL, {**bad_hall, "hours": hours}, admin)
    window_body = await staff_gql(client, SAVE_WINDOW, bad_window, admin)

    assert errors_of(hall_body, "saveHall") == (
        "INVALID_INPUT",
        [
            ("/name/zh", "INVALID_LENGTH"),
            ("/openingHours/0/weekday", "OUT_OF_RANGE"),
            ("/openingHours/1/opens", "INVALID_TIME"),
            ("/openingHours/2/closes", "INVALID_INTERVAL"),
            ("/openingHours/3/closes", "INVALID_INTERVAL"),
        ],
    )
    assert errors_of(window_body, "saveHallWindow") == (
        "INVALID_INPUT",
        [("/slotMinutes", "OUT_OF_RANGE"), ("/capacity", "OUT_OF_RANGE")],
    )


async def test_publishing_skips_holidays_and_closures_and_twice_creates_nothing_new(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "hall-admin-publish", "county_admin")
    hall = await make_hall(client, admin)
    window = {"hall": hall, "name": XIHU, "minutes": 30, "capacity": 2}
    await staff_gql(client, SAVE_WINDOW, window, admin)
    await staff_gql(client, SAVE_WINDOW, {**window, "active": False}, admin)
    today = dt.datetime.now(SHANGHAI).date()
    start, end = today + dt.timedelta(days=1), today + dt.timedelta(days=14)
    days = [start + dt.timedelta(days=n) for n in range(14)]
    holiday, closed = [d for d in days if d.weekday() < 5][2:4]
    calendar = WorkingCalendar({"330106": RegionOverrides("330106", frozenset({holiday}))})
    close = {"hall": hall, "day": closed.isoformat(), "reason": "停电检修"}
    assert (await staff_gql(client, CLOSE, close, admin))["data"]["addHallClosure"]["closure"]

    created = await service.publishing.publish(
        "staff:hall-admin-publish", "330106", _record, calendar, hall, start, end
    )
    again = await service.publishing.publish(
        "staff:hall-admin-publish", "330106", _record, calendar, hall, start, end
    )

    slots = await TimeSlot.filter(window__hall_id=int(hall)).order_by("starts_at")
    opened = sorted({s.starts_at.astimezone(SHANGHAI).date() for s in slots})
    expected = [d for d in days if calendar.is_working_day(d, "330106") and d != closed]
    assert holiday not in opened and closed not in opened
    assert opened == expected
    assert (created, again) == (2 * len(expected), 0)  # one active window, 09:00 and 09:30
    assert {(s.capacity, s.ends_at - s.starts_at) for s in slots} == {(2, dt.timedelta(minutes=30))}


async def _record(*_: Any) -> None:
    """The service's audit writer, where the test does not look at the log."""


async def test_a_slots_capacity_never_goes_below_its_bookings(client: httpx.AsyncClient) -> None:
    admin = await staff_token(client, "hall-admin-capacity", "county_admin")
    slot = await make_slot(capacity=3, window=await make_window("330106"))
    for _ in range(2):
        await service.book(await make_citizen(), str(slot.id), None)

    below = await staff_gql(client, CAPACITY, {"slot": str(slot.id), "capacity": 1}, admin)
    exact = await staff_gql(client, CAPACITY, {"slot": str(slot.id), "capacity": 2}, admin)

    assert errors_of(below, "setSlotCapacity") == (
        "INVALID_INPUT",
        [("/capacity", "BELOW_BOOKINGS")],
    )
    assert exact["data"]["setSlotCapacity"] == {
        "__typename": "HallSlot",
        "capacity": 2,
        "booked": 2,
    }
    assert await AuditEntry.exists(actor="staff:hall-admin-capacity", action="slot.capacity")


async def test_closing_a_booked_day_needs_confirmation_then_cancels_and_tells_each_citizen_once(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "hall-admin-close", "county_admin")
    window = await make_window("330106")
    booked = await make_slot(capacity=2, starts_in=until(2, dt.time(10)), window=window)
    empty = await make_slot(capacity=2, starts_in=until(2, dt.time(10, 30)), window=window)
    citizen = await make_citizen()
    booking = await service.book(citizen, str(booked.id), None)
    day = booked.starts_at.astimezone(SHANGHAI).date().isoformat()
    close = {"hall": str(window.hall_id), "day": day, "reason": "停电检修"}

    refused = await staff_gql(client, CLOSE, close, admin)
    confirmed = await staff_gql(client, CLOSE, {**close, "confirm": True}, admin)
    again = await staff_gql(client, CLOSE, {**close, "confirm": True}, admin)

    assert errors_of(refused, "addHallClosure") == (
        "BOOKINGS_EXIST",
        [("/day", "BOOKINGS_EXIST")],
    )
    assert "1 个有效预约" in refused["data"]["addHallClosure"]["message"]["zh"]
    assert confirmed["data"]["addHallClosure"]["cancelledBookings"] == 1
    assert errors_of(again, "addHallClosure") == (
        "INVALID_INPUT",
        [("/day", "ALREADY_CLOSED")],
    )
    assert (await Booking.get(id=booking.id)).status == "cancelled"
    notices = await Outbox.filter(citizen_id=citizen.id, kind="appointment_cancelled")
    assert len(notices) == 1 and "闭厅" in notices[0].payload["zh"]
    assert not await TimeSlot.exists(id=empty.id)
    assert (await TimeSlot.get(id=booked.id)).capacity == 0  # withdrawn, kept for its booking
    assert booked.id not in [s.id for s in await service.slots("330106", None, None)]
    assert await HallClosure.filter(hall_id=window.hall_id).count() == 1
    assert await AuditEntry.exists(actor="staff:hall-admin-close", action="hall.closed")
