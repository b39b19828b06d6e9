"""A code that names nothing finds nothing, and a forged cursor is refused with a code: neither
is an unexpected error. A text longer than its column made tortoise raise (ValidationError)
instead of finding no row; found by the fuzz suite (tests/api/test_fuzz.py)."""

from __future__ import annotations

import httpx
from support import Registry, app_client, gql, make_settings

LONG = "330106-ZJ-001" * 4  # longer than any code column
LOOKUPS = """
query Lookups($code: String!, $region: String!) {
  matter(code: $code) { code }
  lifeEvent(code: $code) { code }
  lifeEvents(region: $region) { code }
  regions(parent: $region) { code }
  evaluate(matterCode: $code) { __typename }
}
"""
MATTERS = """
query Matters($filter: MatterFilter, $after: String) {
  matters(filter: $filter, after: $after) { edges { cursor } pageInfo { hasNextPage } }
}
"""
EMPTY_PAGE = {"matters": {"edges": [], "pageInfo": {"hasNextPage": False}}}


async def test_codes_longer_than_their_column_find_nothing(client: httpx.AsyncClient) -> None:
    body = await gql(client, LOOKUPS, {"code": LONG, "region": LONG})
    assert "errors" not in body, body
    assert body["data"] == {
        "matter": None,
        "lifeEvent": None,
        "lifeEvents": [],
        "regions": [],
        "evaluate": {"__typename": "EvaluateError"},
    }


async def test_matter_filters_longer_than_their_column_find_nothing(
    client: httpx.AsyncClient,
) -> None:
    for name in ("region", "department", "kind", "lifeEvent"):
        body = await gql(client, MATTERS, {"filter": {name: LONG}})
        assert body == {"data": EMPTY_PAGE}, name


async def test_a_cursor_this_api_did_not_give_out_is_refused_with_a_code(
    database_url: str, registry: Registry
) -> None:
    async with app_client(make_settings(database_url, env="production")) as client:
        body = await gql(client, MATTERS, {"after": "not-a-cursor"})
    error = body["errors"][0]
    assert error["extensions"]["code"] == "INVALID_INPUT"
    assert error["message"] == "after is not a cursor this API gave out."  # not masked
