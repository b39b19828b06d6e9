"""The sweep and the follow-ups: each missed deadline (callback, rectification) escalated once,
and a rectified follow-up the citizen did not rate again in time closed without a 追评."""

from __future__ import annotations

import datetime as dt

import httpx
from rating_support import CALLBACK, IN_STATE, MINE, RATE, RE_RATE, RECTIFY, rejected
from support import gql, staff_gql, staff_token

from backend.backoffice.models import AuditEntry
from backend.ratings import service as ratings
from backend.ratings.models import FollowUp


async def kinds(client: httpx.AsyncClient, parent: str, citizen: str) -> list[str]:
    body = await gql(client, MINE, {"id": parent}, citizen)
    return [e["kind"] for e in body["data"]["application"]["timeline"]]


async def test_each_missed_deadline_is_escalated_once_and_listed_as_late(
    client: httpx.AsyncClient,
) -> None:
    citizen, parent = await rejected(client)
    await gql(client, RATE, {"id": parent, "score": 1}, citizen)
    f = await FollowUp.get(rating__application_id=parent)
    assert f.callback_due_on is not None and f.due_on is not None
    admin = await staff_token(client, "xihu-admin", "county_admin")
    day_after_callback = f.callback_due_on + dt.timedelta(days=1)

    on_time = await ratings.escalate_overdue(f.callback_due_on)
    callback_missed = [await ratings.escalate_overdue(day_after_callback) for _ in range(2)]
    late = (await staff_gql(client, IN_STATE, {"state": "LATE"}, admin))["data"]["followUpsInState"]
    call = {"id": str(f.id), "method": "VISIT", "note": "上门致歉"}
    await staff_gql(client, CALLBACK, call, admin)
    rectification_missed = [
        await ratings.escalate_overdue(f.due_on + dt.timedelta(days=1)) for _ in range(2)
    ]

    assert on_time == 0
    assert callback_missed == [1, 0]
    assert [x["late"] for x in late] == [True]
    assert rectification_missed == [1, 0]
    seen = await kinds(client, parent, citizen)
    assert seen.count("follow_up_callback_late") == 1
    assert seen.count("follow_up_rectification_late") == 1
    actions = [e.action for e in await AuditEntry.filter(subject_id=parent)]
    assert actions.count("follow_up_callback_late") == 1
    assert actions.count("follow_up_rectification_late") == 1


async def test_a_follow_up_not_rated_again_in_time_is_closed_without_and_the_rating_stands(
    client: httpx.AsyncClient,
) -> None:
    citizen, parent = await rejected(client)
    await gql(client, RATE, {"id": parent, "score": 2}, citizen)
    f = await FollowUp.get(rating__application_id=parent)
    admin = await staff_token(client, "xihu-admin", "county_admin")
    await staff_gql(client, CALLBACK, {"id": str(f.id), "method": "PHONE", "note": "已致电"}, admin)
    await staff_gql(client, RECTIFY, {"id": str(f.id), "text": "已公示受理范围"}, admin)
    await f.refresh_from_db()
    assert f.re_rating_due_on is not None

    still_open = await ratings.close_without_re_rating(f.re_rating_due_on)
    closed = [
        await ratings.close_without_re_rating(f.re_rating_due_on + dt.timedelta(days=1))
        for _ in range(2)
    ]
    late_re_rating = (await gql(client, RE_RATE, {"id": parent, "score": 5}, citizen))["data"][
        "reRateApplication"
    ]

    await f.refresh_from_db()
    assert (still_open, closed) == (0, [1, 0])
    assert f.closed_as == "no_re_rating" and f.re_score is None
    assert late_re_rating["code"] == "CONFLICT"
    assert (await kinds(client, parent, citizen))[-1] == "follow_up_closed"
