"""好差评: a completed application is rated once; a low rating is followed up by the county
(the loop's steps: test_rating_loop.py)."""

from __future__ import annotations

import datetime as dt
import uuid

import httpx
from support import gql, ready_house_event, sign_in, staff_gql, staff_token

from backend.applications import service as applications

START = 'mutation { startApplication(matterCode: "330106-ZJ-004") { ... on Application { id } } }'
RATE = """
mutation($id: ID!, $score: Int!) {
  rateApplication(applicationId: $id, score: $score, tags: ["等待久"], comment: "窗口排队太久") {
    __typename ... on Rating { score followUp { dueOn answer } } ... on RatingError { code }
  }
}
"""
MINE = "query($id: ID!) { application(id: $id) { rating { score followUp { answer closedAt state } } timeline { kind message { zh } } } }"
FOLLOW_UPS = "{ followUps { id score comment dueOn } }"
ANSWER = 'mutation($id: ID!) { answerFollowUp(id: $id, answer: "已增设窗口，高峰期等待不超过 15 分钟") { __typename ... on FollowUp { closedAt state } ... on RatingError { code } } }'
SUBMIT = "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { __typename } }"


async def completed_application(client: httpx.AsyncClient) -> tuple[str, str]:
    token = await sign_in(client, "demo-1")
    parent = await ready_house_event(client, token)
    await gql(client, SUBMIT, {"id": parent}, token)
    for child in await applications.Application.filter(parent_id=parent):
        await applications.complete(
            child.id
        )  # the departments' decisions (tested in test_backoffice)
    return token, parent


async def test_the_deprecated_answer_records_the_countys_steps_and_the_citizen_sees_it(
    client: httpx.AsyncClient,
) -> None:
    citizen, parent = await completed_application(client)

    rated = (await gql(client, RATE, {"id": parent, "score": 2}, citizen))["data"][
        "rateApplication"
    ]
    admin = await staff_token(client, "xihu-admin", "county_admin")
    [follow_up] = (await staff_gql(client, FOLLOW_UPS, token=admin))["data"]["followUps"]
    closed = (await staff_gql(client, ANSWER, {"id": follow_up["id"]}, admin))["data"][
        "answerFollowUp"
    ]
    again = (await staff_gql(client, ANSWER, {"id": follow_up["id"]}, admin))["data"][
        "answerFollowUp"
    ]
    mine = (await gql(client, MINE, {"id": parent}, citizen))["data"]["application"]

    assert rated["score"] == 2 and rated["followUp"]["answer"] is None
    assert (follow_up["score"], follow_up["comment"]) == (2, "窗口排队太久")
    # the answer stands for the callback and the rectification: the citizen's 追评 closes it
    assert closed == {"__typename": "FollowUp", "closedAt": None, "state": "AWAITING_RE_RATING"}
    assert again["code"] == "CONFLICT"
    assert mine["rating"]["followUp"]["answer"].startswith("已增设窗口")
    assert "县级管理部门答复" in mine["timeline"][-1]["message"]["zh"]


async def test_a_good_rating_opens_no_follow_up_and_rating_twice_is_refused(
    client: httpx.AsyncClient,
) -> None:
    citizen, parent = await completed_application(client)
    first = (await gql(client, RATE, {"id": parent, "score": 5}, citizen))["data"][
        "rateApplication"
    ]
    second = (await gql(client, RATE, {"id": parent, "score": 1}, citizen))["data"][
        "rateApplication"
    ]
    assert first == {"__typename": "Rating", "score": 5, "followUp": None}
    assert second["code"] == "ALREADY_RATED"


async def test_only_completed_applications_of_my_own_can_be_rated(
    client: httpx.AsyncClient,
) -> None:
    citizen, other = await sign_in(client, "demo-3"), await sign_in(client, "demo-1")
    draft = (await gql(client, START, {}, citizen))["data"]["startApplication"]["id"]
    assert (await gql(client, RATE, {"id": draft, "score": 4}, citizen))["data"]["rateApplication"][
        "code"
    ] == "NOT_COMPLETED"
    assert (await gql(client, RATE, {"id": draft, "score": 4}, other))["data"]["rateApplication"][
        "code"
    ] == "NOT_FOUND"  # another citizen's reads like a missing one
    assert (await gql(client, RATE, {"id": str(uuid.uuid4()), "score": 9}, citizen))["data"][
        "rateApplication"
    ]["code"] == "INVALID_INPUT"


async def test_another_county_cannot_see_or_answer_the_follow_up(client: httpx.AsyncClient) -> None:
    citizen, parent = await completed_application(client)
    await gql(client, RATE, {"id": parent, "score": 1}, citizen)
    xihu = await staff_token(client, "xihu-admin", "county_admin")
    [follow_up] = (await staff_gql(client, FOLLOW_UPS, token=xihu))["data"]["followUps"]
    binjiang = await staff_token(client, "binjiang-admin", "county_admin", region="330108")
    assert (await staff_gql(client, FOLLOW_UPS, token=binjiang))["data"]["followUps"] == []
    assert (await staff_gql(client, ANSWER, {"id": follow_up["id"]}, binjiang))["data"][
        "answerFollowUp"
    ]["code"] == "NOT_FOUND"


async def test_an_unanswered_follow_up_past_its_limits_is_escalated_once_each(
    client: httpx.AsyncClient,
) -> None:
    from backend.ratings import service as ratings
    from backend.ratings.models import FollowUp

    citizen, parent = await completed_application(client)
    await gql(client, RATE, {"id": parent, "score": 1}, citizen)
    follow_up = await FollowUp.get(rating__application_id=parent)
    assert follow_up.due_on is not None
    later = follow_up.due_on + dt.timedelta(days=1)

    first, again = await ratings.escalate_overdue(later), await ratings.escalate_overdue(later)

    assert (first, again) == (2, 0)  # the callback's and the rectification's
    kinds = [
        e["kind"]
        for e in (await gql(client, MINE, {"id": parent}, citizen))["data"]["application"][
            "timeline"
        ]
    ]
    assert (
        kinds.count("follow_up_callback_late") == kinds.count("follow_up_rectification_late") == 1
    )
