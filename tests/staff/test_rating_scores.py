"""The public satisfaction figures: anonymous, shown from the minimum count on, per matter,
department and county; and the window's rating pad as the second channel of a rating."""

from __future__ import annotations

import uuid

import httpx
from rating_support import RATE, SATISFACTION, rejected
from support import gql, staff_gql, staff_token

from backend.applications.models import Application
from backend.catalog.models import Matter
from backend.ratings import service as ratings
from backend.ratings.models import RatedMatter, Rating

WINDOW_RATE = """
mutation($id: ID!, $score: Int!) {
  recordWindowRating(applicationId: $id, score: $score, tags: ["态度差"]) {
    __typename ... on Rating { score channel followUp { state } } ... on RatingError { code }
  }
}
"""
EVERY_FIELD = 'query($by: SatisfactionLevel!) { satisfaction(by: $by, regionCode: "330000") { code name { zh en } rated average badShare } }'


async def rated(matter: Matter, scores: list[int], region: str = "330106") -> None:
    """Ratings given before, one a citizen (a factory)."""
    for n, score in enumerate(scores):
        r = await Rating.create(
            application_id=uuid.uuid4(),
            citizen_id=2000 + n,
            score=score,
            comment=f"王某某留言 {n}",
        )
        await RatedMatter.create(
            rating_id=r.id,
            matter_id=matter.id,
            department_code=matter.department_code,
            region_code=region,
            score=score,
        )


async def table(client: httpx.AsyncClient, by: str) -> list[dict[str, object]]:
    body = await gql(client, EVERY_FIELD, {"by": by})
    return body["data"]["satisfaction"]  # type: ignore[no-any-return]


async def test_a_group_is_public_only_from_the_minimum_count_on_and_names_no_rater(
    client: httpx.AsyncClient,
) -> None:
    matter = await Matter.filter(region_code="330106").order_by("code").first()
    assert matter is not None
    await rated(matter, [1] * (ratings.MINIMUM - 1))

    below = await table(client, "MATTER")
    await rated(matter, [5], region="330106")
    reached = await table(client, "MATTER")
    counties = await table(client, "COUNTY")
    departments = await table(client, "DEPARTMENT")
    bad_code = await gql(client, SATISFACTION, {"by": "COUNTY", "region": "33x"})

    assert below == []
    [row] = reached
    assert row["code"] == matter.code and row["rated"] == ratings.MINIMUM
    assert (row["average"], row["badShare"]) == (1.8, 0.8)
    assert set(row) == {"code", "name", "rated", "average", "badShare"}
    assert "王某某" not in str(reached + counties + departments)  # no comment, no name
    assert [(c["code"], c["rated"]) for c in counties] == [("330106", ratings.MINIMUM)]
    assert [(d["code"], d["rated"]) for d in departments] == [
        (matter.department_code, ratings.MINIMUM)
    ]
    assert bad_code["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


async def test_a_life_events_rating_counts_for_each_matter_but_once_for_its_county(
    client: httpx.AsyncClient,
) -> None:
    citizen, parent = await rejected(client)
    members = await Application.filter(parent_id=parent)
    await gql(client, RATE, {"id": parent, "score": 4}, citizen)

    rows = await RatedMatter.all()
    distinct = {(r.rating_id, r.region_code) for r in rows}

    assert len(rows) == len(members) == 3 and len(distinct) == 1


async def test_the_window_records_the_pad_rating_once_and_only_in_its_region(
    client: httpx.AsyncClient,
) -> None:
    citizen, parent = await rejected(client)
    clerk = await staff_token(client, "pad-clerk", "window_clerk")
    elsewhere = await staff_token(client, "pad-clerk-2", "window_clerk", region="330108")

    outside = (await staff_gql(client, WINDOW_RATE, {"id": parent, "score": 2}, elsewhere))["data"][
        "recordWindowRating"
    ]
    at_window = (await staff_gql(client, WINDOW_RATE, {"id": parent, "score": 2}, clerk))["data"][
        "recordWindowRating"
    ]
    online_after = (await gql(client, RATE, {"id": parent, "score": 5}, citizen))["data"][
        "rateApplication"
    ]

    assert outside["code"] == "NOT_FOUND"
    assert at_window == {
        "__typename": "Rating",
        "score": 2,
        "channel": "WINDOW",
        "followUp": {"state": "AWAITING_CALLBACK"},
    }
    assert online_after["code"] == "ALREADY_RATED"
    assert (await Rating.get(application_id=parent)).recorded_by == "pad-clerk"
