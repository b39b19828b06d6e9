"""The halls on the staff endpoint: a window clerk's bookings of the day (masked, audited)."""

from __future__ import annotations

import datetime as dt

import httpx
from appointments_support import make_application, make_citizen, make_slot, make_window
from support import staff_gql, staff_token

from backend.accounts.service import SHANGHAI
from backend.appointments import service
from backend.backoffice.models import AuditEntry

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
            "citizenName": "张**",
            "residentId": "330106********0311",
            "matter": None,
            "applicationId": str(booked.application_id),
            "status": "BOOKED",
        }
    ]
    read = await AuditEntry.get(actor="staff:day-clerk", action="appointments.day_read")
    assert (read.subject, read.after) == ("region:330106", {"day": day, "citizens": [zhang.id]})


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
