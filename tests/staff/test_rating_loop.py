"""The 好差评 closed loop: a bad rating of a finished application is called back within 1
working day, rectified within 15, and closed by the citizen's one 追评, which moves the
matter's public score; every step once, in order, in the county's region."""

from __future__ import annotations

import uuid

import httpx
from rating_support import (
    CALLBACK,
    IN_STATE,
    MINE,
    RATE,
    RE_RATE,
    RECTIFY,
    SATISFACTION,
    denied,
    rejected,
)
from support import gql, sign_in, staff_gql, staff_token

from backend.applications.models import Application
from backend.backoffice.models import AuditEntry
from backend.catalog.models import Matter
from backend.ratings.models import RatedMatter, Rating


async def earlier_ratings(parent: str, score: int, count: int) -> str:
    """`count` ratings given before of the life event's first member matter (a factory: the
    loop's own ratings are made through the API): its code."""
    child = await Application.filter(parent_id=parent).order_by("matter_code").first()
    assert child is not None and child.matter_code
    matter = await Matter.get(code=child.matter_code)
    for n in range(count):
        r = await Rating.create(
            application_id=uuid.uuid4(),
            citizen_id=1000 + n,
            score=score,
        )
        await RatedMatter.create(
            rating_id=r.id,
            matter_id=matter.id,
            department_code=matter.department_code,
            region_code="330106",
            score=score,
        )
    return matter.code


async def score_of(client: httpx.AsyncClient, code: str) -> dict[str, object] | None:
    rows = (await gql(client, SATISFACTION, {"by": "MATTER", "region": "330106"}))["data"][
        "satisfaction"
    ]
    return next((r for r in rows if r["code"] == code), None)


async def test_a_denied_applicants_bad_rating_is_called_back_rectified_and_closed_by_the_re_rating(
    client: httpx.AsyncClient,
) -> None:
    citizen, parent = await denied(client)
    code = await earlier_ratings(parent, 5, 4)  # four citizens gave 5 before
    hidden = await score_of(client, code)

    rated = (await gql(client, RATE, {"id": parent, "score": 1}, citizen))["data"][
        "rateApplication"
    ]
    after_rating = await score_of(client, code)
    admin = await staff_token(client, "xihu-admin", "county_admin")
    [waiting] = (await staff_gql(client, IN_STATE, {"state": "AWAITING_CALLBACK"}, admin))["data"][
        "followUpsInState"
    ]
    called = (
        await staff_gql(
            client,
            CALLBACK,
            {"id": waiting["id"], "method": "PHONE", "note": "已致电王先生，解释不予许可的理由"},
            admin,
        )
    )["data"]["recordFollowUpCallback"]
    too_early = (await gql(client, RE_RATE, {"id": parent, "score": 4}, citizen))["data"][
        "reRateApplication"
    ]
    rectified = (
        await staff_gql(
            client, RECTIFY, {"id": waiting["id"], "text": "一次性告知不予许可的依据并公示"}, admin
        )
    )["data"]["recordFollowUpRectification"]
    re_rated = (await gql(client, RE_RATE, {"id": parent, "score": 5}, citizen))["data"][
        "reRateApplication"
    ]
    after_re_rating = await score_of(client, code)
    mine = (await gql(client, MINE, {"id": parent}, citizen))["data"]["application"]
    [closed] = (await staff_gql(client, IN_STATE, {"state": "CLOSED"}, admin))["data"][
        "followUpsInState"
    ]

    assert hidden is None  # four ratings: below the minimum, nothing public
    assert rated["score"] == 1 and rated["channel"] == "ONLINE"
    assert rated["followUp"]["state"] == "AWAITING_CALLBACK"
    assert rated["followUp"]["callbackDueOn"] < rated["followUp"]["dueOn"]
    assert after_rating is not None
    assert (after_rating["rated"], after_rating["average"], after_rating["badShare"]) == (
        5,
        4.2,
        0.2,
    )
    assert waiting["applicationId"] == parent and waiting["score"] == 1
    assert called["state"] == "AWAITING_RECTIFICATION" and called["callbackMethod"] == "PHONE"
    assert too_early["code"] == "NOT_READY"
    assert rectified["state"] == "AWAITING_RE_RATING" and rectified["reRatingDueOn"]
    assert re_rated["state"] == "CLOSED" and re_rated["reScore"] == 5 and re_rated["closedAt"]
    assert after_re_rating is not None
    assert (after_re_rating["average"], after_re_rating["badShare"]) == (5.0, 0.0)
    assert mine["status"] == "DENIED" and mine["rating"]["score"] == 1  # the rating as given
    assert mine["rating"]["followUp"] == {"state": "CLOSED", "reScore": 5}
    kinds = [e["kind"] for e in mine["timeline"]]
    assert kinds[-5:] == [
        "rated",
        "follow_up_opened",
        "follow_up_called_back",
        "follow_up_rectified",
        "re_rated",
    ]
    assert closed["id"] == waiting["id"] and closed["late"] is False
    audit = [e.action for e in await AuditEntry.filter(subject_id=parent).order_by("id")]
    assert audit[-5:] == kinds[-5:]


async def test_each_step_is_refused_when_out_of_turn_twice_or_by_someone_else(
    client: httpx.AsyncClient,
) -> None:
    citizen, parent = await rejected(client)
    await gql(client, RATE, {"id": parent, "score": 2}, citizen)
    admin = await staff_token(client, "xihu-admin", "county_admin")
    binjiang = await staff_token(client, "binjiang-admin", "county_admin", region="330108")
    [f] = (await staff_gql(client, IN_STATE, {}, admin))["data"]["followUpsInState"]
    stranger = await sign_in(client, "demo-3")
    buyer = await sign_in(client, "demo-2")  # a party of the application, not its rater
    call = {"id": f["id"], "method": "SMS", "note": "已短信联系"}

    def answer(body: dict[str, object], field: str) -> dict[str, object]:
        return body["data"][field]  # type: ignore[index,no-any-return]

    second_rating = answer(
        await gql(client, RATE, {"id": parent, "score": 5}, citizen), "rateApplication"
    )
    rectify_first = answer(
        await staff_gql(client, RECTIFY, {"id": f["id"], "text": "整改"}, admin),
        "recordFollowUpRectification",
    )
    outside = answer(await staff_gql(client, CALLBACK, call, binjiang), "recordFollowUpCallback")
    empty = answer(
        await staff_gql(client, CALLBACK, {**call, "note": " "}, admin), "recordFollowUpCallback"
    )
    first = answer(await staff_gql(client, CALLBACK, call, admin), "recordFollowUpCallback")
    twice = answer(await staff_gql(client, CALLBACK, call, admin), "recordFollowUpCallback")
    await staff_gql(client, RECTIFY, {"id": f["id"], "text": "增设窗口"}, admin)
    rectify_twice = answer(
        await staff_gql(client, RECTIFY, {"id": f["id"], "text": "again"}, admin),
        "recordFollowUpRectification",
    )
    bad_score = answer(
        await gql(client, RE_RATE, {"id": parent, "score": 6}, citizen), "reRateApplication"
    )
    by_stranger = answer(
        await gql(client, RE_RATE, {"id": parent, "score": 3}, stranger), "reRateApplication"
    )
    by_party = answer(
        await gql(client, RE_RATE, {"id": parent, "score": 3}, buyer), "reRateApplication"
    )
    re_rated = answer(
        await gql(client, RE_RATE, {"id": parent, "score": 3}, citizen), "reRateApplication"
    )
    re_rated_twice = answer(
        await gql(client, RE_RATE, {"id": parent, "score": 4}, citizen), "reRateApplication"
    )
    outside_list = (await staff_gql(client, IN_STATE, {}, binjiang))["data"]["followUpsInState"]

    assert second_rating["code"] == "ALREADY_RATED"
    assert rectify_first["code"] == "NOT_READY"
    assert outside["code"] == "NOT_FOUND" and outside_list == []
    assert empty == {
        "__typename": "RatingError",
        "code": "INVALID_INPUT",
        "errors": [{"path": "/note"}],
    }
    assert first["state"] == "AWAITING_RECTIFICATION" and twice["code"] == "CONFLICT"
    assert rectify_twice["code"] == "CONFLICT"
    assert bad_score["code"] == "INVALID_INPUT" and bad_score["errors"] == [{"path": "/score"}]
    assert by_stranger["code"] == "NOT_FOUND" and by_party["code"] == "NOT_FOUND"
    assert re_rated["state"] == "CLOSED" and re_rated_twice["code"] == "ALREADY_RATED"


async def test_a_supervisor_reads_the_follow_ups_but_may_not_act(client: httpx.AsyncClient) -> None:
    citizen, parent = await rejected(client)
    await gql(client, RATE, {"id": parent, "score": 1}, citizen)
    supervisor = await staff_token(client, "city-supervisor", "supervisor", region="330100")
    clerk = await staff_token(client, "a-clerk", "window_clerk")

    [f] = (await staff_gql(client, IN_STATE, {"state": "AWAITING_CALLBACK"}, supervisor))["data"][
        "followUpsInState"
    ]
    acting = await staff_gql(
        client, CALLBACK, {"id": f["id"], "method": "PHONE", "note": "x"}, supervisor
    )
    listing = await staff_gql(client, IN_STATE, {}, clerk)

    assert f["applicationId"] == parent
    assert acting["errors"][0]["extensions"]["code"] == "FORBIDDEN_ROLE"
    assert listing["errors"][0]["extensions"]["code"] == "FORBIDDEN_ROLE"
