"""Deadlines that reach a year whose holidays are not published: accepted with an estimate the
citizen reads as 预计, never an internal message; made firm by the sweep once the year's file is
added, the move told once on the timeline."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import httpx
import pytest
from support import gql, ready_house_event, sign_in, staff_gql, staff_token

from backend.applications import service as applications
from backend.applications.service import Application, Correction
from backend.backoffice import deadlines, service
from backend.backoffice.models import ReviewTask
from backend.calendar.service import SHIPPED, WorkingCalendar
from backend.rules.domain import CHINA_TIME

SUBMIT = "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { __typename ... on Application { status } } }"
ACCEPT = "mutation($id: ID!) { acceptApplication(id: $id) { __typename ... on StaffApplication { status dueOn dueProvisional tasks { id dueOn dueProvisional } } ... on BackofficeError { code } } }"
QUEUE = "{ windowQueue { id dueOn dueProvisional } }"
CITIZEN_VIEW = "query($id: ID!) { application(id: $id) { dueOn dueProvisional timeline { kind message { zh en } } } }"
INTERNAL = "节假日安排已公布的年份"  # the old internal message's words
# Submitted on Friday 18 December 2026; a correction waited 28 December 2026 to 5 January 2027
# (5 working days): 30 + 5 working days end on 12 February 2027 by the estimate.
SUBMITTED = dt.datetime(2026, 12, 18, 10, tzinfo=CHINA_TIME)
ASKED, ANSWERED = (
    dt.datetime(2026, 12, 28, 9, tzinfo=CHINA_TIME),
    dt.datetime(2027, 1, 5, 16, tzinfo=CHINA_TIME),
)
# The 2027 file an operator adds: New Year's Day, the Spring Festival 5–11 February off (the
# estimate gives 5 and 8–10 February), 20 February worked; so the 35th day is 15 February.
DAYS_OFF_2027 = [dt.date(2027, 1, 1), *(dt.date(2027, 2, d) for d in range(5, 12))]


def published_through_2027(parent: Path) -> WorkingCalendar:
    folder = parent / "calendar"
    shutil.copytree(SHIPPED, folder)
    doc = {
        "year": 2027,
        "source": {"title": "国务院办公厅关于2027年部分节假日安排的通知"},
        "holidays": [{"date": str(d), "name": {"zh": "春节", "en": "x"}} for d in DAYS_OFF_2027],
        "workdays": [{"date": "2027-02-20", "name": {"zh": "春节调休上班", "en": "x"}}],
    }
    (folder / "national" / "2027.json").write_text(json.dumps(doc), encoding="utf-8")
    return WorkingCalendar.load(folder)


async def submitted_in_december_with_a_correction_into_january(
    client: httpx.AsyncClient,
) -> tuple[str, str]:
    citizen = await sign_in(client, "demo-1")
    parent = await ready_house_event(client, citizen)
    submitted = await gql(client, SUBMIT, {"id": parent}, citizen)
    assert submitted["data"]["submitApplication"]["status"] == "SUBMITTED", submitted
    await Application.filter(id=parent).update(submitted_at=SUBMITTED)
    correction = await Correction.create(
        application_id=parent,
        items=[{"path": "/answers/buyer_mobile", "reason": "号码无法接通"}],
        requested_by="clerk",
    )
    await Correction.filter(id=correction.id).update(requested_at=ASKED, resolved_at=ANSWERED)
    return citizen, parent


async def test_an_application_accepted_with_a_correction_in_2027_gets_a_provisional_deadline(
    client: httpx.AsyncClient,
) -> None:
    citizen, parent = await submitted_in_december_with_a_correction_into_january(client)
    clerk = await staff_token(client, "clerk", "window_clerk")

    [queued] = (await staff_gql(client, QUEUE, token=clerk))["data"]["windowQueue"]
    accepted = (await staff_gql(client, ACCEPT, {"id": parent}, clerk))["data"]["acceptApplication"]
    view = (await gql(client, CITIZEN_VIEW, {"id": parent}, citizen))["data"]["application"]

    assert accepted["status"] == "accepted", accepted
    assert (accepted["dueOn"], accepted["dueProvisional"]) == ("2027-02-12", True)
    assert (queued["dueOn"], queued["dueProvisional"]) == ("2027-02-12", True)
    assert (view["dueOn"], view["dueProvisional"]) == ("2027-02-12", True)
    for task in accepted["tasks"]:
        due = dt.date.fromisoformat(task["dueOn"])
        assert task["dueProvisional"] is (due.year > 2026)
    [step] = [e["message"] for e in view["timeline"] if e["kind"] == "accepted"]
    assert step["zh"].endswith("法定办结时限至 2027-02-12（预计，节假日安排公布后确定）。")
    assert "estimated" in step["en"]
    assert not any(INTERNAL in e["message"]["zh"] for e in view["timeline"])


async def test_the_sweep_makes_2027_deadlines_firm_once_the_year_is_added_and_says_so_once(
    client: httpx.AsyncClient, tmp_path: Path
) -> None:
    citizen, parent = await submitted_in_december_with_a_correction_into_january(client)
    clerk = await staff_token(client, "clerk", "window_clerk")
    await staff_gql(client, ACCEPT, {"id": parent}, clerk)
    # Each department's clock started on 20 January 2027, counted on the estimate.
    await ReviewTask.filter(root_id=parent).update(
        created_at=dt.datetime(2027, 1, 20, 10, tzinfo=CHINA_TIME),
        due_on=dt.date(2027, 2, 1),
        due_provisional=True,
    )
    calendar = published_through_2027(tmp_path)
    today = dt.date(2027, 1, 25)

    first = await service.sweep(calendar, today)
    again = await service.sweep(calendar, today)

    app = await Application.get(id=parent)
    tasks = await ReviewTask.filter(root_id=parent)
    view = (await gql(client, CITIZEN_VIEW, {"id": parent}, citizen))["data"]["application"]
    moves = [e["message"]["zh"] for e in view["timeline"] if e["kind"] == "deadline_recounted"]
    assert (app.due_on, app.due_provisional) == (dt.date(2027, 2, 15), False)
    assert first.deadlines_set == 1 + len(tasks) and again.deadlines_set == 0
    assert all(not t.due_provisional and t.due_on is not None for t in tasks)
    assert moves[0] == "节假日安排已公布，法定办结时限确定为 2027-02-15（原预计 2027-02-12）。"
    assert len(moves) == 1 + sum(t.due_on != dt.date(2027, 2, 1) for t in tasks)
    assert (view["dueOn"], view["dueProvisional"]) == ("2027-02-15", False)


RATE = 'mutation($id: ID!) { rateApplication(applicationId: $id, score: 1, tags: [], comment: "") { __typename } }'
FOLLOW_UP = "query($id: ID!) { application(id: $id) { rating { followUp { dueOn dueProvisional } } timeline { kind message { zh } } } }"


async def test_a_follow_up_counted_on_the_estimate_moves_once_its_year_is_published(
    client: httpx.AsyncClient, tmp_path: Path
) -> None:
    from backend.ratings import service as ratings
    from backend.ratings.models import FollowUp, Rating

    citizen, parent = await submitted_in_december_with_a_correction_into_january(client)
    for child in await Application.filter(parent_id=parent):
        await applications.complete(child.id)
    await gql(client, RATE, {"id": parent}, citizen)
    # Rated on Monday 1 February 2027: five working days end on 12 February by the estimate, 15 February by the file.
    await Rating.filter(application_id=parent).update(
        created_at=dt.datetime(2027, 2, 1, 9, tzinfo=CHINA_TIME)
    )
    # one opened before the callback and rectification steps (its single 5-day answer)
    await FollowUp.filter(rating__application_id=parent).update(
        due_on=dt.date(2027, 2, 12), callback_due_on=None
    )
    before = (await gql(client, FOLLOW_UP, {"id": parent}, citizen))["data"]["application"]

    moved = await ratings.recount_follow_ups(published_through_2027(tmp_path))
    again = await ratings.recount_follow_ups(published_through_2027(tmp_path / "again"))

    after = (await gql(client, FOLLOW_UP, {"id": parent}, citizen))["data"]["application"]
    assert before["rating"]["followUp"] == {"dueOn": "2027-02-12", "dueProvisional": True}
    assert (moved, again) == (1, 0)
    assert after["rating"]["followUp"]["dueOn"] == "2027-02-15"
    assert [
        e["message"]["zh"] for e in after["timeline"] if e["kind"] == "follow_up_recounted"
    ] == ["差评回访的答复期限调整为 2027-02-15。"]


async def test_the_sweep_sets_the_deadlines_acceptance_left_unset_before_estimates_existed(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(deadlines, "RECOUNT_BATCH", 1)  # a batch per row: the paging is used
    citizen, parent = await submitted_in_december_with_a_correction_into_january(client)
    clerk = await staff_token(client, "clerk", "window_clerk")
    await staff_gql(client, ACCEPT, {"id": parent}, clerk)
    await Application.filter(id=parent).update(due_on=None, due_provisional=False)
    await ReviewTask.filter(root_id=parent).update(due_on=None, due_provisional=False)

    report = await service.sweep(WorkingCalendar.load(SHIPPED), dt.date(2026, 12, 20))

    app = await Application.get(id=parent)
    tasks = await ReviewTask.filter(root_id=parent)
    assert (app.due_on, app.due_provisional) == (dt.date(2027, 2, 12), True)
    assert all(t.due_on is not None for t in tasks)
    assert report.deadlines_set == 1 + len(tasks)
    view = (await gql(client, CITIZEN_VIEW, {"id": parent}, citizen))["data"]["application"]
    set_now = [e["message"] for e in view["timeline"] if e["kind"] == "deadline_recounted"]
    assert set_now[0]["zh"] == "法定办结时限为 2027-02-12（预计，节假日安排公布后确定）。"
    assert set_now[0]["en"].startswith("The statutory deadline is 2027-02-12 (estimated")
