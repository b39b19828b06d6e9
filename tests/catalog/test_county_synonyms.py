"""A county administrator adds the county's own search synonyms beside the province's
dictionary (issue 18): searches in the county find the matters by them at once, on every
worker; other counties' searches do not; every change is audited; bad input gets each fault
under its field. Every case runs on SQLite and PostgreSQL."""

from __future__ import annotations

import httpx
import pytest
from support import gql, staff_gql, staff_token

from backend.backoffice.models import AuditEntry
from backend.catalog import synonyms

MATTERS = """
query($f: MatterFilter) { matters(filter: $f, first: 50) { edges { node { code } } } }
"""
LIST = "{ searchSynonyms { said meant regionCode editable updatedBy } }"
SET = """
mutation($s: String!, $m: [String!]!) {
  setSearchSynonym(said: $s, meant: $m) {
    __typename
    ... on SearchSynonym { said meant regionCode editable updatedBy }
    ... on SearchSynonymError { code message { zh en } errors { path code } }
  }
}
"""
REMOVE = """
mutation($s: String!) {
  removeSearchSynonym(said: $s) {
    __typename
    ... on SearchSynonym { said }
    ... on SearchSynonymError { code }
  }
}
"""
SHOP = "330106-ZJ-007"  # 个体工商户设立登记


async def found(client: httpx.AsyncClient, keyword: str, region: str = "330106") -> list[str]:
    body = await gql(client, MATTERS, {"f": {"keyword": keyword, "region": region}})
    return [e["node"]["code"] for e in body["data"]["matters"]["edges"]]


async def test_a_countys_word_finds_its_matters_at_once_and_only_in_that_county(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "syn-admin", "county_admin")
    assert SHOP not in await found(client, "奶茶店")  # and the answer is kept (fast path)

    body = await staff_gql(client, SET, {"s": " 奶茶店 ", "m": ["个体工商户"]}, admin)

    assert body["data"]["setSearchSynonym"] == {
        "__typename": "SearchSynonym",
        "said": "奶茶店",
        "meant": ["个体工商户"],
        "regionCode": "330106",
        "editable": True,
        "updatedBy": "staff:syn-admin",
    }
    assert SHOP in await found(client, "奶茶店")  # the kept answer was forgotten
    assert SHOP not in await found(client, "奶茶店", region="330102")  # 上城区: not theirs
    [entry] = await AuditEntry.filter(action="catalog.synonym_set")
    assert (entry.actor, entry.subject) == ("staff:syn-admin", "region:330106")
    assert entry.after == {"said": "奶茶店", "meant": ["个体工商户"]}


async def test_the_administrator_sees_the_provinces_words_read_only_and_their_own_to_change(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "syn-admin", "county_admin")
    await staff_gql(client, SET, {"s": "奶茶店", "m": ["个体工商户", "食品经营"]}, admin)

    listed = (await staff_gql(client, LIST, None, admin))["data"]["searchSynonyms"]

    province = [s for s in listed if s["regionCode"] is None]
    own = [s for s in listed if s["regionCode"] == "330106"]
    assert {"said": "户籍", "meant": ["户口"], "regionCode": None, "editable": False} in [
        {k: s[k] for k in ("said", "meant", "regionCode", "editable")} for s in province
    ]
    assert [(s["said"], s["meant"], s["editable"]) for s in own] == [
        ("奶茶店", ["个体工商户", "食品经营"], True)
    ]
    assert listed.index(own[0]) > listed.index(province[-1])  # the province's first


async def test_changing_a_word_replaces_its_meanings_and_removing_it_ends_its_hits(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "syn-admin", "county_admin")
    await staff_gql(client, SET, {"s": "奶茶店", "m": ["身份证"]}, admin)
    await staff_gql(client, SET, {"s": "奶茶店", "m": ["个体工商户"]}, admin)
    assert SHOP in await found(client, "奶茶店")

    body = await staff_gql(client, REMOVE, {"s": "奶茶店"}, admin)

    assert body["data"]["removeSearchSynonym"] == {"__typename": "SearchSynonym", "said": "奶茶店"}
    assert SHOP not in await found(client, "奶茶店")
    again = await staff_gql(client, REMOVE, {"s": "奶茶店"}, admin)
    assert again["data"]["removeSearchSynonym"] == {
        "__typename": "SearchSynonymError",
        "code": "NOT_FOUND",
    }
    actions = await AuditEntry.filter(action__startswith="catalog.synonym").values_list(
        "action", flat=True
    )
    assert sorted(actions) == [
        "catalog.synonym_removed",
        "catalog.synonym_set",
        "catalog.synonym_set",
    ]


@pytest.mark.parametrize(
    ("said", "meant", "faults"),
    [
        ("", ["户口"], [("/said", "INVALID_LENGTH")]),
        ("奶" * 31, ["个体工商户"], [("/said", "INVALID_LENGTH")]),
        ("奶茶店", [], [("/meant", "INVALID_LENGTH")]),
        ("奶茶店", ["a", "b", "c", "d", "e", "f"], [("/meant", "INVALID_LENGTH")]),
        ("奶茶店", ["奶茶店", " "], [("/meant/0", "SAME_WORD"), ("/meant/1", "INVALID_LENGTH")]),
        ("奶茶店", ["个体", "個體"], [("/meant/1", "DUPLICATE")]),  # one word once folded
        ("  ", ["x" * 31], [("/said", "INVALID_LENGTH"), ("/meant/0", "INVALID_LENGTH")]),
    ],
)
async def test_each_fault_of_a_synonym_is_named_under_its_field_and_nothing_is_stored(
    client: httpx.AsyncClient, said: str, meant: list[str], faults: list[tuple[str, str]]
) -> None:
    admin = await staff_token(client, "syn-admin", "county_admin")

    body = await staff_gql(client, SET, {"s": said, "m": meant}, admin)

    error = body["data"]["setSearchSynonym"]
    assert error["__typename"] == "SearchSynonymError" and error["code"] == "INVALID_INPUT"
    assert [(e["path"], e["code"]) for e in error["errors"]] == faults
    assert error["message"]["zh"] and error["message"]["en"]
    assert not await synonyms.SearchSynonym.exists()


async def test_a_county_holds_a_bounded_number_of_synonyms(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(synonyms, "MAX_PER_REGION", 2)
    admin = await staff_token(client, "syn-admin", "county_admin")
    for word in ("甲店", "乙店"):
        await staff_gql(client, SET, {"s": word, "m": ["个体工商户"]}, admin)

    third = await staff_gql(client, SET, {"s": "丙店", "m": ["个体工商户"]}, admin)
    changed = await staff_gql(client, SET, {"s": "甲店", "m": ["食品经营"]}, admin)

    assert third["data"]["setSearchSynonym"]["code"] == "TOO_MANY"
    assert changed["data"]["setSearchSynonym"]["meant"] == ["食品经营"]  # a change is no new one


@pytest.mark.parametrize("role", ["window_clerk", "reviewer", "supervisor"])
async def test_only_a_county_administrator_reads_or_changes_the_synonyms(
    client: httpx.AsyncClient, role: str
) -> None:
    department = "330106-ZJJ" if role == "reviewer" else None
    token = await staff_token(client, f"syn-{role}", role, department=department)

    for query, variables in ((LIST, None), (SET, {"s": "奶茶店", "m": ["个体工商户"]})):
        body = await staff_gql(client, query, variables, token)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN_ROLE", body
    assert not await synonyms.SearchSynonym.exists()
