"""Clocks: the sweep flags overdue work once, escalates it, and supervisors see it."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from support import gql, ready_house_event, refusing_inserts, sign_in, staff_gql, staff_token

from backend.backoffice import service
from backend.backoffice.models import ReviewTask
from backend.calendar.service import WorkingCalendar
from backend.settings import ROOT

ACCEPT = "mutation($id: ID!) { acceptApplication(id: $id) { __typename } }"
SUBMIT = "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { __typename } }"
OVERDUE = "{ overdueWork { departmentCode dueOn status } }"
CALENDAR = WorkingCalendar.load(ROOT / "form_schemas" / "calendar")


async def accepted_event(client: httpx.AsyncClient) -> tuple[str, str]:
    citizen = await sign_in(client, "demo-1")
    parent = await ready_house_event(client, citizen)
    await gql(client, SUBMIT, {"id": parent}, citizen)
    clerk = await staff_token(client, "clerk", "window_clerk")
    assert (await staff_gql(client, ACCEPT, {"id": parent}, clerk))["data"]["acceptApplication"][
        "__typename"
    ] == "StaffApplication"
    return citizen, parent


async def test_the_sweep_flags_each_overdue_task_once_and_tells_the_citizen(
    client: httpx.AsyncClient,
) -> None:
    citizen, parent = await accepted_event(client)
    tasks = await ReviewTask.filter(root_id=parent)
    later = max(t.due_on for t in tasks if t.due_on) + dt.timedelta(days=1)

    first = await service.sweep(CALENDAR, later)
    again = await service.sweep(CALENDAR, later)

    assert (first.flagged, again.flagged) == (len(tasks), 0)
    timeline = await gql(
        client,
        "query($id: ID!) { application(id: $id) { timeline { kind } } }",
        {"id": parent},
        citizen,
    )
    assert [e["kind"] for e in timeline["data"]["application"]["timeline"]].count("overdue") == len(
        tasks
    )


async def test_a_sweep_that_fails_before_recording_leaves_the_task_to_the_next_sweep(
    client: httpx.AsyncClient,
) -> None:
    _, parent = await accepted_event(client)
    tasks = await ReviewTask.filter(root_id=parent)
    later = max(t.due_on for t in tasks if t.due_on) + dt.timedelta(days=1)

    async with refusing_inserts("audit_entry"):  # the escalation cannot be recorded
        with pytest.raises(Exception, match="refused"):
            await service.sweep(CALENDAR, later)
    assert await ReviewTask.filter(root_id=parent, overdue_flagged_at__isnull=False).count() == 0

    assert (await service.sweep(CALENDAR, later)).flagged == len(tasks)


async def test_nothing_is_flagged_before_its_deadline(client: httpx.AsyncClient) -> None:
    _, parent = await accepted_event(client)
    earliest = min(t.due_on for t in await ReviewTask.filter(root_id=parent) if t.due_on)
    assert (await service.sweep(CALENDAR, earliest)).flagged == 0


async def test_a_supervisor_sees_overdue_work_of_the_county_and_another_county_does_not(
    client: httpx.AsyncClient,
) -> None:
    _, parent = await accepted_event(client)
    later = max(
        t.due_on for t in await ReviewTask.filter(root_id=parent) if t.due_on
    ) + dt.timedelta(days=1)
    await service.sweep(CALENDAR, later)
    city = await staff_token(client, "hangzhou", "supervisor", region="330100")
    other = await staff_token(client, "ningbo", "supervisor", region="330200")

    seen = (await staff_gql(client, OVERDUE, token=city))["data"]["overdueWork"]
    unseen = (await staff_gql(client, OVERDUE, token=other))["data"]["overdueWork"]

    assert len(seen) == 3 and {t["status"] for t in seen} == {"pending"}
    assert unseen == []
