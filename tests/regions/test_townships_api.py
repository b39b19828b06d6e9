"""The regions query goes down to townships: a county lists its townships (乡镇、街道), and a
township names its county as its parent."""

from __future__ import annotations

import httpx
from support import gql

TOWNSHIPS = """
query($parent: String) {
  regions(parent: $parent) { code name level parentCode }
}
"""
ONE = """
query($code: String!) {
  region(code: $code) { name level parent { code name } children { code } }
}
"""


async def test_a_county_lists_its_townships_with_nine_digit_codes(
    client: httpx.AsyncClient,
) -> None:
    body = await gql(client, TOWNSHIPS, {"parent": "330106"})

    townships = body["data"]["regions"]
    assert len(townships) == 12
    assert {"code": "330106109", "name": "三墩镇", "level": "township", "parentCode": "330106"} in (
        townships
    )
    assert {t["level"] for t in townships} == {"township"}


async def test_a_township_names_its_county_and_has_no_children(
    client: httpx.AsyncClient,
) -> None:
    township = (await gql(client, ONE, {"code": "330106109"}))["data"]

    assert township["region"] == {
        "name": "三墩镇",
        "level": "township",
        "parent": {"code": "330106", "name": "西湖区"},
        "children": [],
    }
