"""Clocks as the law counts them (issue 19): an application the window leaves 5 working days is
deemed accepted, flagged once by the sweep and shown in the queue; a reviewer pauses a task's
clock for a special procedure with its reason, which the citizen reads, and resuming it moves
both deadlines by the working days it stood still."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
from support import ID_CARD, ID_CARD_ANSWERS, gql, sign_in, staff_gql, staff_token

from backend.applications.models import Application
from backend.backoffice import service
from backend.backoffice.models import AuditEntry, ReviewTask, Suspension
from backend.calendar.service import WorkingCalendar
from backend.rules.domain import CHINA_TIME
from backend.settings import ROOT

CALENDAR = WorkingCalendar.load(ROOT / "form_schemas" / "calendar")
START = "mutation($c: String!) { startApplication(matterCode: $c) { ... on Application { id } } }"
SAVE = "mutation($id: ID!, $a: JSON!) { saveApplication(id: $id, answers: $a) { __typename } }"
SUBMIT = "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { __typename ... on Application { status } } }"
ACCEPT = "mutation($id: ID!) { acceptApplication(id: $id) { __typename } }"
QUEUE = "{ windowQueue { id deemedAcceptedAt } }"
TIMELINE = "query($id: ID!) { application(id: $id) { dueOn timeline { kind message { zh } } } }"
SUSPEND = "mutation($t: ID!, $k: SuspensionKind!, $r: String!) { suspendTask(taskId: $t, kind: $k, reason: $r) { __typename ... on ReviewTask { suspendedSince dueOn } ... on BackofficeError { code errors { path code } } } }"
RESUME = "mutation($t: ID!) { resumeTask(taskId: $t) { __typename ... on ReviewTask { suspendedSince dueOn } ... on BackofficeError { code } } }"
DECIDE = 'mutation($t: ID!) { decideTask(taskId: $t, approve: true, opinion: "同意") { __typename ... on ReviewTask { status } ... on BackofficeError { code } } }'
POLICE = "330106-GAJ"
REASON = "申请人照片需专家比对，比对期间暂停计时"


async def submitted_id_card(client: httpx.AsyncClient) -> tuple[str, str]:
    """陈浩然's first ID card (demo-5): one form, nothing to upload, waiting at the window."""
    citizen = await sign_in(client, "demo-5")
    app = (await gql(client, START, {"c": ID_CARD}, citizen))["data"]["startApplication"]["id"]
    await gql(client, SAVE, {"id": app, "a": ID_CARD_ANSWERS}, citizen)
    body = await gql(client, SUBMIT, {"id": app}, citizen)
    assert body["data"]["submitApplication"]["status"] == "SUBMITTED", body
    return citizen, str(app)


async def kinds(client: httpx.AsyncClient, citizen: str, app: str) -> list[str]:
    body = await gql(client, TIMELINE, {"id": app}, citizen)
    return [e["kind"] for e in body["data"]["application"]["timeline"]]


async def test_an_application_left_unaccepted_5_working_days_is_deemed_accepted_once(
    client: httpx.AsyncClient,
) -> None:
    citizen, app = await submitted_id_card(client)
    row = await Application.get(id=app)
    assert row.submitted_at is not None
    fifth = CALENDAR.add_working_days(row.submitted_at, 5, "330106")
    clerk = await staff_gql_token(client)

    on_the_fifth = await service.sweep(CALENDAR, fifth)
    after = await service.sweep(CALENDAR, fifth + dt.timedelta(days=1))
    again = await service.sweep(CALENDAR, fifth + dt.timedelta(days=2))

    assert (on_the_fifth.deemed_accepted, after.deemed_accepted, again.deemed_accepted) == (0, 1, 0)
    assert (await kinds(client, citizen, app)).count("deemed_accepted") == 1
    queue = (await staff_gql(client, QUEUE, token=clerk))["data"]["windowQueue"]
    [mine] = [a for a in queue if a["id"] == app]
    assert mine["deemedAcceptedAt"] is not None
    entry = await AuditEntry.get(subject_id=app, action="deemed_accepted")
    assert entry.actor == "system" and entry.after["window_due"] == str(fifth)


async def test_an_accepted_application_is_never_deemed_accepted(client: httpx.AsyncClient) -> None:
    _, app = await submitted_id_card(client)
    clerk = await staff_gql_token(client)
    await staff_gql(client, ACCEPT, {"id": app}, clerk)

    report = await service.sweep(CALENDAR, dt.date.today() + dt.timedelta(days=30))

    assert report.deemed_accepted == 0
    assert (await Application.get(id=app)).deemed_accepted_at is None


async def staff_gql_token(client: httpx.AsyncClient) -> str:
    return await staff_token(client, "clerk", "window_clerk")


async def accepted_task(client: httpx.AsyncClient) -> tuple[str, str, ReviewTask]:
    citizen, app = await submitted_id_card(client)
    await staff_gql(client, ACCEPT, {"id": app}, await staff_gql_token(client))
    return citizen, app, await ReviewTask.get(root_id=app)


async def suspend(client: httpx.AsyncClient, token: str, task: int, **given: Any) -> Any:
    variables = {"t": str(task), "k": "EXPERT_REVIEW", "r": REASON, **given}
    return (await staff_gql(client, SUSPEND, variables, token))["data"]["suspendTask"]


async def test_a_pause_stops_the_clock_with_its_reason_and_resuming_moves_both_deadlines(
    client: httpx.AsyncClient,
) -> None:
    citizen, app, task = await accepted_task(client)
    reviewer = await staff_token(client, "police", "reviewer", department=POLICE)
    paused = await suspend(client, reviewer, task.id)
    blocked = (await staff_gql(client, DECIDE, {"t": str(task.id)}, reviewer))["data"]
    twice = await suspend(client, reviewer, task.id)
    overdue_meanwhile = await service.sweep(CALENDAR, task.due_on + dt.timedelta(days=30))
    # the expert review took a week: it started 7 days ago
    started = dt.datetime.now(dt.UTC) - dt.timedelta(days=7)
    await Suspension.filter(task_id=task.id).update(started_at=started)
    stood = CALENDAR.working_days_between(
        started.astimezone(CHINA_TIME).date(), dt.datetime.now(CHINA_TIME).date(), "330106"
    )
    before = await Application.get(id=app)

    resumed = (await staff_gql(client, RESUME, {"t": str(task.id)}, reviewer))["data"]

    assert paused["__typename"] == "ReviewTask" and paused["suspendedSince"] is not None
    assert blocked["decideTask"] == {"__typename": "BackofficeError", "code": "NOT_READY"}
    assert twice == {"__typename": "BackofficeError", "code": "NOT_READY", "errors": []}
    assert overdue_meanwhile.flagged == 0
    assert stood >= 4
    assert resumed["resumeTask"]["suspendedSince"] is None
    assert resumed["resumeTask"]["dueOn"] == str(_shifted(task.due_on, stood))
    after = await Application.get(id=app)
    assert before.due_on is not None
    assert after.due_on == _shifted(before.due_on, stood)
    body = await gql(client, TIMELINE, {"id": app}, citizen)
    timeline = body["data"]["application"]["timeline"]
    said = {e["kind"]: e["message"]["zh"] for e in timeline}
    assert REASON in said["suspended"] and "专家评审" in said["suspended"]
    assert f"暂停 {stood} 个工作日" in said["resumed"]
    assert body["data"]["application"]["dueOn"] == str(after.due_on)
    actions = [e.action for e in await AuditEntry.filter(subject_id=app, actor="staff:police")]
    assert actions == ["suspended", "resumed"]


PAUSES = "query($id: ID!) { reviewTask(id: $id) { suspensions { kind kindName { zh } reason startedBy endedAt pausedDays } } }"


async def test_the_task_lists_each_pause_with_its_reason_and_the_days_it_stood(
    client: httpx.AsyncClient,
) -> None:
    _, _, task = await accepted_task(client)
    reviewer = await staff_token(client, "police", "reviewer", department=POLICE)
    await suspend(client, reviewer, task.id)
    await staff_gql(client, RESUME, {"t": str(task.id)}, reviewer)
    await suspend(client, reviewer, task.id, k="PUBLIC_NOTICE", r="公示七日")

    body = await staff_gql(client, PAUSES, {"id": str(task.id)}, reviewer)

    first, running = body["data"]["reviewTask"]["suspensions"]
    assert (first["kind"], first["kindName"]["zh"], first["reason"]) == (
        "expert_review",
        "专家评审",
        REASON,
    )
    assert first["startedBy"] == "police" and first["endedAt"] is not None
    assert first["pausedDays"] == 0
    assert (running["kind"], running["reason"], running["endedAt"]) == (
        "public_notice",
        "公示七日",
        None,
    )
    assert running["pausedDays"] is None


def _shifted(due: dt.date | None, days: int) -> dt.date:
    """A due date `days` working days later (a due date is always a working day)."""
    assert due is not None
    start = dt.datetime.combine(due, dt.time(12), CHINA_TIME)
    return CALENDAR.add_working_days(start, days, "330106")


async def test_a_pause_needs_a_procedure_and_a_reason_and_only_the_tasks_department_may_pause(
    client: httpx.AsyncClient,
) -> None:
    _, _, task = await accepted_task(client)
    reviewer = await staff_token(client, "police", "reviewer", department=POLICE)
    other = await staff_token(client, "land", "reviewer", department="330106-GTJ")
    clerk = await staff_token(client, "clerk-2", "window_clerk")

    no_reason = await suspend(client, reviewer, task.id, r="  ")
    not_mine = await suspend(client, other, task.id)
    as_clerk = await staff_gql(
        client, SUSPEND, {"t": str(task.id), "k": "HEARING", "r": REASON}, clerk
    )
    not_paused = (await staff_gql(client, RESUME, {"t": str(task.id)}, reviewer))["data"]

    assert no_reason == {
        "__typename": "BackofficeError",
        "code": "INVALID_INPUT",
        "errors": [{"path": "/reason", "code": "required"}],
    }
    assert not_mine["code"] == "NOT_FOUND"
    assert as_clerk["errors"][0]["extensions"]["code"] == "FORBIDDEN_ROLE"
    assert not_paused["resumeTask"] == {"__typename": "BackofficeError", "code": "NOT_READY"}
    assert not await Suspension.exists(task_id=task.id)
