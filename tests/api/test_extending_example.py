"""docs/extending-the-api.md stays true: the code it quotes is the code in the files it names,
and the query it adds answers as the guide says."""

from __future__ import annotations

import re
from typing import Any

import httpx
from support import gql

from backend.settings import ROOT

GUIDE = ROOT / "docs" / "extending-the-api.md"
QUOTED = re.compile(r"<!-- from (?P<file>\S+) -->\n```\w*\n(?P<code>.*?)\n```", re.S)

TIME_LIMIT_END = """query($region: String!, $start: Date!, $days: Int!) {
  timeLimitEnd(region: $region, start: $start, days: $days) {
    __typename
    ... on TimeLimitEnd { ends }
    ... on CalendarError { code path message { zh en } }
  } }"""


async def ends(client: httpx.AsyncClient, region: str, start: str, days: int) -> dict[str, Any]:
    body = await gql(client, TIME_LIMIT_END, {"region": region, "start": start, "days": days})
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["timeLimitEnd"]
    return result


def test_every_block_the_guide_quotes_is_in_the_file_it_names() -> None:
    quotes = list(QUOTED.finditer(GUIDE.read_text(encoding="utf-8")))
    assert len(quotes) >= 6, "the guide quotes the example's code with <!-- from <file> -->"
    for quote in quotes:
        source = (ROOT / quote["file"]).read_text(encoding="utf-8")
        assert quote["code"] in source, f"{quote['file']} no longer holds:\n{quote['code']}"


async def test_the_example_query_counts_working_days_past_the_holidays(
    client: httpx.AsyncClient,
) -> None:
    assert await ends(client, "330106", "2026-03-02", 5) == {
        "__typename": "TimeLimitEnd",
        "ends": "2026-03-09",  # Monday: the start day does not count, the weekend neither
    }
    # National Day (1-7 October 2026): one working day after 30 September is the 8th.
    assert (await ends(client, "330106", "2026-09-30", 1))["ends"] == "2026-10-08"


async def test_the_example_query_says_which_argument_it_cannot_answer_for(
    client: httpx.AsyncClient,
) -> None:
    too_long = await ends(client, "330106", "2026-03-02", 400)
    assert (too_long["code"], too_long["path"]) == ("DAYS_OUT_OF_RANGE", "days")
    region = await ends(client, "33", "2026-03-02", 5)
    assert (region["code"], region["path"]) == ("INVALID_REGION", "region")
    too_early = await ends(client, "330106", "2003-12-01", 5)
    assert (too_early["code"], too_early["path"]) == ("UNKNOWN_YEAR", "start")
    assert "2004" in too_early["message"]["zh"]
