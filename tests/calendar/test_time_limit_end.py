"""timeLimitEnd answers for a year not yet published, as provisional, and refuses only the years
it cannot count."""

from __future__ import annotations

from typing import Any

import httpx
from support import gql

TIME_LIMIT_END = """query($region: String!, $start: Date!, $days: Int!) {
  timeLimitEnd(region: $region, start: $start, days: $days) {
    __typename
    ... on TimeLimitEnd { ends provisional }
    ... on CalendarError { code path message { zh en } }
  } }"""


async def ends(client: httpx.AsyncClient, start: str, days: int) -> dict[str, Any]:
    body = await gql(client, TIME_LIMIT_END, {"region": "330106", "start": start, "days": days})
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["timeLimitEnd"]
    return result


async def test_a_time_limit_that_ends_in_2027_is_answered_as_provisional(
    client: httpx.AsyncClient,
) -> None:
    assert await ends(client, "2026-12-01", 30) == {
        "__typename": "TimeLimitEnd",
        "ends": "2027-01-13",
        "provisional": True,
    }
    assert await ends(client, "2026-06-01", 30) == {
        "__typename": "TimeLimitEnd",
        "ends": "2026-07-14",  # the Dragon Boat Festival, Friday 19 June, is off
        "provisional": False,
    }


async def test_a_start_before_the_first_published_year_is_refused_naming_the_years_counted(
    client: httpx.AsyncClient,
) -> None:
    refused = await ends(client, "2003-12-01", 5)

    assert (refused["code"], refused["path"]) == ("UNKNOWN_YEAR", "start")
    assert "2004" in refused["message"]["zh"] and "2099" in refused["message"]["en"]
