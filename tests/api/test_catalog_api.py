"""A citizen browses the county catalog, reads a guide and evaluates a matter."""

from __future__ import annotations

import httpx
import pytest
from support import gql, sign_in

MATTERS = """
query Matters($filter: MatterFilter, $first: Int, $after: String) {
  matters(filter: $filter, first: $first, after: $after) {
    edges { cursor node { code name { zh en } regionCode extends department { code } } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
GUIDE = """
query Guide($code: String!) {
  matter(code: $code) {
    code name { zh }
    guide {
      version summary { zh }
      situations { id options { value } }
      materials { id name { zh } description { zh } why { zh } sample { zh } ways { kind licenseType } }
      timeLimits { statutoryDays promisedDays }
      delivery formSchema
    }
  }
}
"""
EVALUATE = """
query Evaluate($code: String!, $answers: JSON, $situation: JSON) {
  evaluate(matterCode: $code, answers: $answers, situation: $situation) {
    __typename
    ... on Evaluation {
      eligible runCount
      eligibility { id passed effect message { zh } }
      materials { id required way status }
      trips { visit kind itemId reason { zh en } remedy { zh } }
    }
    ... on EvaluateError { code message { en } errors { path code } }
  }
}
"""
HOUSE = "330106-ZJ-002"
SELLER = "330106196803120311"
BUYER = "330102199107210522"


async def codes(client: httpx.AsyncClient, **filter: str) -> list[str]:
    body = await gql(client, MATTERS, {"filter": filter, "first": 100})
    return [e["node"]["code"] for e in body["data"]["matters"]["edges"]]


async def test_county_sees_its_own_versions_instead_of_the_templates_they_localise(
    client: httpx.AsyncClient,
) -> None:
    found = await codes(client, region="330106")
    assert "330106-ZJ-002" in found
    assert "330000-ZJ-002" not in found
    assert len(found) == 9


async def test_another_county_of_the_province_sees_the_province_templates(
    client: httpx.AsyncClient,
) -> None:
    found = await codes(client, region="330108")
    assert found and all(c.startswith("330000-") for c in found)


async def test_a_county_of_another_province_sees_nothing_of_zhejiang(
    client: httpx.AsyncClient,
) -> None:
    assert await codes(client, region="320102") == []


@pytest.mark.parametrize(
    ("keyword", "expected"),
    [
        ("二手房", "330106-ZJ-002"),
        ("契税", "330106-ZJ-003"),
        ("身份证", "330106-ZJ-009"),
        ("个体", "330106-ZJ-007"),
        ("deed tax", "330106-ZJ-003"),
        ("税", "330106-ZJ-003"),
    ],
)
async def test_keyword_search_finds_chinese_and_english_substrings(
    client: httpx.AsyncClient, keyword: str, expected: str
) -> None:
    assert expected in await codes(client, region="330106", keyword=keyword)


@pytest.mark.parametrize(
    "keyword", ["%", "_", "%%%", "' OR 1=1 --", "二手房'; DROP TABLE matter; --", "\\", "[a-z]*"]
)
async def test_search_strings_with_sql_and_wildcards_match_literally(
    client: httpx.AsyncClient, keyword: str
) -> None:
    assert await codes(client, region="330106", keyword=keyword) == []
    assert len(await codes(client, region="330106")) == 9  # and nothing was harmed


async def test_cursor_pagination_walks_every_matter_once(client: httpx.AsyncClient) -> None:
    seen, after = [], None
    while True:
        body = (await gql(client, MATTERS, {"first": 4, "after": after}))["data"]["matters"]
        seen += [e["node"]["code"] for e in body["edges"]]
        if not body["pageInfo"]["hasNextPage"]:
            break
        after = body["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == 18


async def test_a_forged_cursor_is_an_error_not_a_crash(client: httpx.AsyncClient) -> None:
    body = await gql(client, MATTERS, {"after": "bm90LWEtY3Vyc29y"})
    assert "cursor" in body["errors"][0]["message"]


async def test_filters_by_department_kind_and_life_event(client: httpx.AsyncClient) -> None:
    assert await codes(client, region="330106", lifeEvent="330106-YJS-001") == [
        "330106-ZJ-001",
        "330106-ZJ-002",
        "330106-ZJ-003",
    ]
    tax = await codes(client, region="330106", keyword="契税")
    body = await gql(client, MATTERS, {"filter": {"region": "330106", "keyword": "契税"}})
    department = body["data"]["matters"]["edges"][0]["node"]["department"]["code"]
    assert await codes(client, region="330106", department=department) == tax


async def test_guide_is_precise_for_every_material(client: httpx.AsyncClient) -> None:
    guide = (await gql(client, GUIDE, {"code": HOUSE}))["data"]["matter"]["guide"]
    assert guide["version"] == 1
    for m in guide["materials"]:
        assert m["description"]["zh"] and m["why"]["zh"] and m["sample"]["zh"]
        assert "相关证明材料" not in m["description"]["zh"]
    assert guide["formSchema"]["type"] == "object"


async def test_life_event_lists_members_and_merges_materials(client: httpx.AsyncClient) -> None:
    body = await gql(
        client,
        """{ lifeEvents(region: "330106") { code matters { code } materials { type usedBy } } }""",
    )
    house = next(e for e in body["data"]["lifeEvents"] if e["code"] == "330106-YJS-001")
    assert [m["code"] for m in house["matters"]] == [
        "330106-ZJ-001",
        "330106-ZJ-002",
        "330106-ZJ-003",
    ]
    types = [m["type"] for m in house["materials"]]
    assert len(types) == len(set(types))
    assert any(len(m["usedBy"]) > 1 for m in house["materials"])


async def test_regions_tree_comes_from_the_official_codes(client: httpx.AsyncClient) -> None:
    body = await gql(
        client,
        '{ region(code: "330106") { name parent { name parent { code } } } regions { code } }',
    )
    xihu = body["data"]["region"]
    assert (xihu["name"], xihu["parent"]["name"], xihu["parent"]["parent"]["code"]) == (
        "西湖区",
        "杭州市",
        "330000",
    )
    assert len(body["data"]["regions"]) == 31


async def test_before_any_consent_evaluate_counts_no_e_license_or_shared_data(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-1")
    body = await gql(
        client,
        EVALUATE,
        {
            "code": HOUSE,
            "situation": {"applicant_role": "seller", "seller_marital_status": "married"},
            "answers": {"seller_id_number": SELLER, "buyer_id_number": BUYER},
        },
        token,
    )
    result = body["data"]["evaluate"]
    assert (result["eligible"], result["runCount"]) == (
        True,
        1,
    )  # zero once data is shared: test_sharing_api
    assert {t["kind"] for t in result["trips"]} == {"original"}


async def test_seller_without_e_licenses_needs_one_trip_and_is_told_why(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-4")
    body = await gql(
        client,
        EVALUATE,
        {
            "code": HOUSE,
            "situation": {"applicant_role": "seller", "seller_marital_status": "not_married"},
            "answers": {"seller_id_number": "330106195209180229", "buyer_id_number": BUYER},
        },
        token,
    )
    result = body["data"]["evaluate"]
    assert result["runCount"] == 1
    assert {t["kind"] for t in result["trips"]} == {"original"}
    assert all(t["reason"]["zh"] and t["remedy"]["zh"] for t in result["trips"])


async def test_block_rule_explains_why_the_applicant_is_not_eligible(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-6")  # household registered in Jiangsu
    body = await gql(client, EVALUATE, {"code": "330106-ZJ-009", "situation": {}}, token)
    result = body["data"]["evaluate"]
    assert result["eligible"] is False
    assert any(
        not r["passed"] and r["effect"] == "block" and r["message"]["zh"]
        for r in result["eligibility"]
    )


async def test_first_id_card_honestly_costs_one_trip_for_fingerprints(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-5")
    result = (await gql(client, EVALUATE, {"code": "330106-ZJ-009"}, token))["data"]["evaluate"]
    assert result["runCount"] == 1  # the original register can be shown in the same visit
    assert "on_site" in {t["kind"] for t in result["trips"]}


async def test_evaluating_an_unknown_matter_is_a_typed_error(client: httpx.AsyncClient) -> None:
    result = (await gql(client, EVALUATE, {"code": "999999-NO-001"}))["data"]["evaluate"]
    assert result == {
        "__typename": "EvaluateError",
        "code": "MATTER_NOT_FOUND",
        "errors": [],
        "message": {"en": "No published matter has the code 999999-NO-001."},
    }


async def test_evaluating_with_answers_that_are_not_an_object_is_a_typed_error(
    client: httpx.AsyncClient,
) -> None:
    variables = {"code": HOUSE, "answers": [1, 2], "situation": "seller"}
    result = (await gql(client, EVALUATE, variables))["data"]["evaluate"]
    assert result["code"] == "INVALID_INPUT"
    assert result["errors"] == [
        {"path": "/answers", "code": "type"},
        {"path": "/situation", "code": "type"},
    ]


GUIDE_PARTIES = """
query GuideParties($code: String!) {
  matter(code: $code) {
    guide {
      parties {
        id name { zh en } role required identityField nameField fields materials
        confirm { zh } holdsOutput
      }
      materials { id party deferrable }
      output { holder licenseType supersedes { party licenseType numberField } }
    }
  }
}
"""
EVALUATE_AS = """
query EvaluateAs($code: String!, $situation: JSON, $asParty: String) {
  evaluate(matterCode: $code, situation: $situation, asParty: $asParty) {
    __typename
    ... on Evaluation {
      runCount
      materials { id party status }
      parties { party name { zh } runCount trips { kind itemId party } }
    }
    ... on EvaluateError { code errors { path code } }
  }
}
"""


async def test_the_guide_shows_who_fills_brings_and_confirms_what_and_who_holds_the_output(
    client: httpx.AsyncClient,
) -> None:
    guide = (await gql(client, GUIDE_PARTIES, {"code": HOUSE}))["data"]["matter"]["guide"]
    parties = {p["id"]: p for p in guide["parties"]}
    assert list(parties) == ["seller", "buyer", "spouse"]
    seller, buyer, spouse = parties["seller"], parties["buyer"], parties["spouse"]
    assert (seller["name"]["zh"], seller["role"], seller["required"]) == ("卖方", "applicant", True)
    assert (seller["identityField"], seller["nameField"]) == ("seller_id_number", "seller_name")
    assert "house_certificate" in seller["materials"] and seller["confirm"]["zh"]
    assert "deed_tax_receipt" in buyer["materials"] and "buyer_mobile" in buyer["fields"]
    assert [p["id"] for p in guide["parties"] if p["holdsOutput"]] == ["buyer"]
    assert spouse["required"] is False
    assert guide["output"] == {
        "holder": "buyer",
        "licenseType": "real_estate_certificate",
        "supersedes": {
            "party": "seller",
            "licenseType": "real_estate_certificate",
            "numberField": "property_certificate_no",
        },
    }
    deferrable = [m["id"] for m in guide["materials"] if m["deferrable"]]
    assert deferrable == ["seller_marriage_certificate"]


async def test_a_one_applicant_matter_has_no_parties_in_its_guide_or_evaluation(
    client: httpx.AsyncClient,
) -> None:
    guide = (await gql(client, GUIDE_PARTIES, {"code": "330106-ZJ-009"}))["data"]["matter"]
    assert guide["guide"]["parties"] == [] and guide["guide"]["output"]["holder"] is None
    token = await sign_in(client, "demo-5")
    result = await gql(client, EVALUATE_AS, {"code": "330106-ZJ-009"}, token)
    assert result["data"]["evaluate"]["parties"] == []


async def test_each_party_has_its_own_run_count_and_the_citizen_may_evaluate_as_the_buyer(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-4")  # 张秀英: no e-license
    situation = {"applicant_role": "seller", "seller_marital_status": "not_married"}
    as_seller = await gql(client, EVALUATE_AS, {"code": HOUSE, "situation": situation}, token)
    result = as_seller["data"]["evaluate"]
    counts = {p["party"]: (p["name"]["zh"], p["runCount"]) for p in result["parties"]}
    assert counts == {"seller": ("卖方", 1), "buyer": ("买方", 0), "spouse": ("卖方配偶", 0)}
    [seller] = [p for p in result["parties"] if p["party"] == "seller"]
    assert seller["trips"] == [
        {"kind": "original", "itemId": "house_certificate", "party": "seller"}
    ]
    assert result["runCount"] == 1

    variables = {"code": HOUSE, "situation": situation, "asParty": "buyer"}
    as_buyer = (await gql(client, EVALUATE_AS, variables, token))["data"]["evaluate"]
    deed_tax = next(m for m in as_buyer["materials"] if m["id"] == "deed_tax_receipt")
    assert deed_tax["party"] == "buyer"
    assert {p["party"]: p["runCount"] for p in as_buyer["parties"]}["seller"] == 1


async def test_evaluating_as_a_party_the_matter_does_not_have_is_a_typed_error(
    client: httpx.AsyncClient,
) -> None:
    for party in ("notary", "child"):
        variables = {"code": HOUSE if party == "notary" else "330106-ZJ-004", "asParty": party}
        result = (await gql(client, EVALUATE_AS, variables))["data"]["evaluate"]
        assert result == {
            "__typename": "EvaluateError",
            "code": "INVALID_INPUT",
            "errors": [{"path": "/asParty", "code": "party"}],
        }


LIFE_EVENT_PARTIES = """
query LifeEventParties($code: String!) {
  lifeEvent(code: $code) { parties { id role required fields materials holdsOutput } }
}
"""


async def test_a_life_event_shows_its_members_parties_merged_with_what_each_brings(
    client: httpx.AsyncClient,
) -> None:
    body = await gql(client, LIFE_EVENT_PARTIES, {"code": "330106-YJS-001"})
    parties = {p["id"]: p for p in body["data"]["lifeEvent"]["parties"]}
    assert list(parties) == ["seller", "buyer", "spouse"]
    assert parties["seller"]["required"] and parties["buyer"]["required"]
    assert not parties["spouse"]["required"]
    assert {"identity.marriage_certificate", "property.real_estate_certificate"} <= set(
        parties["seller"]["materials"]
    )
    assert {"identity.marriage_certificate:buyer", "tax.deed_tax_receipt"} <= set(
        parties["buyer"]["materials"]
    )
    assert "buyer_spouse_name" in parties["buyer"]["fields"]
    assert [p for p in parties if parties[p]["holdsOutput"]] == ["seller", "buyer"]

    newborn = await gql(client, LIFE_EVENT_PARTIES, {"code": "330106-YJS-002"})
    roles = {
        p["id"]: (p["role"], p["holdsOutput"]) for p in newborn["data"]["lifeEvent"]["parties"]
    }
    assert roles == {
        "mother": ("applicant", False),
        "father": ("applicant", False),
        "child": ("subject", True),
    }
