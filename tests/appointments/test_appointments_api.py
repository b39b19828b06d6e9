"""The citizen API for appointments: slots in a region, booking, moving and cancelling, with
expected refusals as `AppointmentError` data."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import httpx
from appointments_support import REGION, make_slot, make_window
from support import gql, sign_in

from backend.accounts.service import SHANGHAI
from backend.appointments.models import TimeSlot

HOUSE = "330106-ZJ-002"
BOOKING_FIELDS = """
__typename
... on Booking {
  id status applicationId
  slot { id free capacity window { name { zh } hall { regionCode name { zh en } } } }
}
... on AppointmentError { code message { zh en } errors { path code } }
"""
BOOK = f"""
mutation Book($slot: ID!, $application: ID) {{
  bookAppointment(slotId: $slot, applicationId: $application) {{ {BOOKING_FIELDS} }}
}}
"""
CANCEL = f"""
mutation Cancel($booking: ID!) {{ cancelAppointment(bookingId: $booking) {{ {BOOKING_FIELDS} }} }}
"""
RESCHEDULE = f"""
mutation Reschedule($booking: ID!, $slot: ID!) {{
  rescheduleAppointment(bookingId: $booking, slotId: $slot) {{ {BOOKING_FIELDS} }}
}}
"""
MINE = "query Mine { myAppointments { id status slot { id } } }"
SLOTS = """
query Slots($region: String!, $from: Date, $to: Date) {
  appointmentSlots(region: $region, from: $from, to: $to) { id startsAt free window { hall { regionCode } } }
}
"""
START = """
mutation Start($code: String!) { startApplication(matterCode: $code) { ... on Application { id } } }
"""


async def book(
    client: httpx.AsyncClient, token: str, slot: TimeSlot, application: str | None = None
) -> dict[str, Any]:
    body = await gql(client, BOOK, {"slot": str(slot.id), "application": application}, token)
    result: dict[str, Any] = body["data"]["bookAppointment"]
    return result


async def start_application(client: httpx.AsyncClient, token: str) -> str:
    body = await gql(client, START, {"code": HOUSE}, token)
    return str(body["data"]["startApplication"]["id"])


async def test_booking_needs_sign_in_with_a_stable_error_code(client: httpx.AsyncClient) -> None:
    slot = await make_slot()

    body = await gql(client, BOOK, {"slot": str(slot.id)})
    mine = await gql(client, MINE)

    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert mine["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_citizen_books_moves_and_cancels_the_trip_for_their_application(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-1")
    application = await start_application(client, token)
    first, second = await make_slot(capacity=2), await make_slot(capacity=2)

    booked = await book(client, token, first, application)
    moved = (
        await gql(client, RESCHEDULE, {"booking": booked["id"], "slot": str(second.id)}, token)
    )["data"]["rescheduleAppointment"]
    mine = (await gql(client, MINE, token=token))["data"]["myAppointments"]
    cancelled = (await gql(client, CANCEL, {"booking": booked["id"]}, token))["data"][
        "cancelAppointment"
    ]

    assert booked["__typename"] == "Booking"
    assert (booked["status"], booked["applicationId"]) == ("BOOKED", application)
    assert booked["slot"]["free"] == 1
    assert booked["slot"]["window"]["hall"]["regionCode"] == REGION
    assert (moved["id"], moved["slot"]["id"], moved["slot"]["free"]) == (
        booked["id"],
        str(second.id),
        1,
    )
    assert mine == [{"id": booked["id"], "status": "BOOKED", "slot": {"id": str(second.id)}}]
    assert (cancelled["status"], cancelled["slot"]["free"]) == ("CANCELLED", 2)


async def test_booking_for_another_citizens_application_is_refused_through_the_api(
    client: httpx.AsyncClient,
) -> None:
    owner = await sign_in(client, "demo-1")
    stranger = await sign_in(client, "demo-2")
    application = await start_application(client, owner)
    slot = await make_slot()

    refused = await book(client, stranger, slot, application)

    assert refused["__typename"] == "AppointmentError"
    assert refused["code"] == "NOT_FOUND"
    assert refused["errors"] == [{"path": "/applicationId", "code": "NOT_FOUND"}]
    assert refused["message"]["zh"] and refused["message"]["en"]


async def test_residents_racing_through_the_api_for_two_places_get_two_bookings(
    client: httpx.AsyncClient,
) -> None:
    tokens = [await sign_in(client, f"demo-{n}") for n in range(1, 7)]
    slot = await make_slot(capacity=2)

    results = await asyncio.gather(*(book(client, t, slot) for t in tokens))

    kinds = sorted(r["__typename"] if r["__typename"] == "Booking" else r["code"] for r in results)
    assert kinds == ["Booking", "Booking", "SLOT_FULL", "SLOT_FULL", "SLOT_FULL", "SLOT_FULL"]
    await slot.refresh_from_db()
    assert slot.booked == 2


async def test_slots_are_listed_with_their_free_places_by_county_and_by_city(
    client: httpx.AsyncClient,
) -> None:
    window = await make_window(REGION)
    soon = await make_slot(capacity=3, starts_in=dt.timedelta(days=1), window=window)
    begun = await make_slot(capacity=3, starts_in=-dt.timedelta(minutes=1), window=window)
    far = await make_slot(capacity=3, starts_in=dt.timedelta(days=40), window=window)
    shanghai = await make_slot(capacity=3, window=await make_window("310101"))
    token = await sign_in(client, "demo-1")
    await book(client, token, soon)

    county = (await gql(client, SLOTS, {"region": REGION}))["data"]["appointmentSlots"]
    city = (await gql(client, SLOTS, {"region": "330100"}))["data"]["appointmentSlots"]
    later = soon.starts_at.astimezone(SHANGHAI).date() + dt.timedelta(days=1)
    after = (await gql(client, SLOTS, {"region": REGION, "from": later.isoformat()}))["data"][
        "appointmentSlots"
    ]

    county_ids = [s["id"] for s in county]
    assert county_ids == [str(soon.id)]
    assert county[0]["free"] == 2
    assert str(soon.id) in {s["id"] for s in city}
    assert {s["window"]["hall"]["regionCode"][:4] for s in city} == {"3301"}
    assert not {str(begun.id), str(far.id), str(shanghai.id)} & {s["id"] for s in city}
    assert after == []
