"""A county administrator writes a matter from nothing, tests it, reads the zero-run advisor,
publishes it, and a citizen applies a moment later; errors come back as data, by path."""

from __future__ import annotations

import copy

import httpx
from authoring_support import (
    ADVICE,
    CASE,
    MATTER,
    SAVE_CASE,
    create,
    publish,
    save,
    senior_card,
)
from support import PNG, gql, sign_in, staff_gql, staff_token, upload

CITIZEN_MATTERS = 'query($k: String) { matters(filter: {region: "330106", keyword: $k}) { edges { node { code name { zh } } } } }'
START = "mutation($c: String!) { startApplication(matterCode: $c) { __typename ... on Application { id } } }"
SAVE_ANSWERS = (
    "mutation($id: ID!, $a: JSON!) { saveApplication(id: $id, answers: $a) { __typename } }"
)
SIGN = "mutation($id: ID!, $m: String!) { signCommitment(applicationId: $id, materialId: $m) { __typename } }"
SUBMIT = "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { __typename ... on Application { status } ... on ApplicationError { code errors { path message { en } } } } }"


async def test_a_matter_written_from_nothing_is_published_and_a_citizen_applies(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "xihu-admin", "county_admin")
    code = await create(client, admin)
    blank = (await staff_gql(client, MATTER, {"c": code}, admin))["data"]["authoredMatter"]
    saved = await save(client, admin, code, senior_card(code))
    case = await staff_gql(client, SAVE_CASE, {"c": code, "t": CASE}, admin)
    published = await publish(client, admin, code, "新增老年人优待证")

    assert code == "330106-ZR-001" and blank["status"] == "DRAFT"
    assert {p["path"] for p in blank["problems"]} >= {"/summary/zh", "/department/code"}
    assert [p for p in saved["problems"] if p["severity"] == "error"] == []
    [result] = case["data"]["saveTestCase"]["testResults"]
    assert result["passed"], result["mismatches"]
    assert (result["runCount"], result["trips"]) == (0, [])
    assert published["__typename"] == "PublishedMatter" and published["version"] == 1
    assert published["matter"]["status"] == "PUBLISHED" and not published["matter"]["hasDraft"]
    assert published["matter"]["versions"] == [
        {"number": 1, "note": "新增老年人优待证", "author": "xihu-admin"}
    ]

    listed = (await gql(client, CITIZEN_MATTERS, {"k": "优待证"}))["data"]["matters"]["edges"]
    citizen = await sign_in(client, "demo-4")
    app = (await gql(client, START, {"c": code}, citizen))["data"]["startApplication"]["id"]
    await gql(client, SAVE_ANSWERS, {"id": app, "a": CASE["answers"]}, citizen)
    await gql(client, SIGN, {"id": app, "m": "residence"}, citizen)
    await upload(client, citizen, app, "photo", PNG, "photo.png")
    await upload(client, citizen, app, "id_card", PNG, "id.png")
    submitted = (await gql(client, SUBMIT, {"id": app}, citizen))["data"]["submitApplication"]

    assert [e["node"]["code"] for e in listed] == [code]
    assert submitted == {"__typename": "Application", "status": "SUBMITTED"}


async def test_errors_are_data_by_path_and_publishing_waits_until_they_are_fixed(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "xihu-admin", "county_admin")
    code = await create(client, admin)
    broken = senior_card(code)
    broken["form"]["schema"]["properties"]["applicant_id_number"]["format"] = "cn-resident"
    broken["eligibility"][1]["rule"] = {"==": [{"var": "answers.id_no"}, 1]}
    broken["materials"].append(copy.deepcopy(broken["materials"][0]))

    saved = await save(client, admin, code, broken)
    refused = await publish(client, admin, code, "too early")
    fixed = await save(client, admin, code, senior_card(code))

    errors = {p["path"]: p["message"] for p in saved["problems"] if p["severity"] == "error"}
    assert "/form/schema/properties/applicant_id_number/format" in errors
    assert "answers.id_no" in errors["/eligibility/1/rule/==/0"]
    assert "/materials/3/id" in errors
    assert saved["document"] == broken  # kept as typed, to be fixed
    assert refused["errorCode"] == "HAS_ERRORS" and refused["problems"]
    assert [p for p in fixed["problems"] if p["severity"] == "error"] == []


async def test_a_failing_test_case_blocks_publishing_and_the_advisor_removes_the_trip(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "xihu-admin", "county_admin")
    code = await create(client, admin)
    card = senior_card(code)
    card["materials"][0]["ways"] = [{"kind": "original", "copies": 1}]
    card["delivery"] = ["pickup"]
    await save(client, admin, code, card)
    tested = (await staff_gql(client, SAVE_CASE, {"c": code, "t": CASE}, admin))["data"][
        "saveTestCase"
    ]
    refused = await publish(client, admin, code, "with a trip")
    [result] = tested["testResults"]

    assert result["passed"] is False and result["runCount"] == 2
    assert result["mismatches"] == ["expected run count 0, got 2"]
    assert [(t["kind"], t["itemId"], t["fix"]) for t in result["trips"]] == [
        ("original", "id_card", "offer_e_license"),
        ("pickup", "delivery", "deliver_by_express"),
    ]
    assert refused["errorCode"] == "TESTS_FAILING" and refused["failingTests"][0]["name"] == CASE["name"]

    for trip in result["trips"]:
        step = await staff_gql(
            client, ADVICE, {"c": code, "i": trip["itemId"], "f": trip["fix"]}, admin
        )
        after = step["data"]["applyAdvice"]
    assert after["document"]["materials"][0]["ways"][0] == {
        "kind": "e_license",
        "license_type": "resident_id_card",
    }
    assert after["document"]["delivery"] == ["pickup", "express"]
    assert (
        after["testResults"][0]["passed"] and after["runCount"] == 1
    )  # no e-license: the original
    assert (await publish(client, admin, code, "zero runs"))["version"] == 1


async def test_only_county_administrators_of_the_region_author_its_matters(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "xihu-admin", "county_admin")
    other = await staff_token(client, "shangcheng-admin", "county_admin", region="330102")
    clerk = await staff_token(client, "xihu-clerk", "window_clerk")
    code = await create(client, admin)

    as_clerk = await staff_gql(client, MATTER, {"c": code}, clerk)
    as_other = await staff_gql(client, MATTER, {"c": code}, other)
    saved_by_other = await save(client, other, code, senior_card(code))
    moved = await save(client, admin, code, {**senior_card(code), "region": "330102"})
    citizen = await gql(client, "{ authoredMatters { items { code } } }")

    assert as_clerk["errors"][0]["extensions"]["code"] == "FORBIDDEN_ROLE"
    assert as_other["data"]["authoredMatter"] is None
    assert saved_by_other["errorCode"] == "NOT_FOUND"
    assert moved["errorCode"] == "INVALID" and moved["problems"][0]["path"] == "/region"
    assert "authoredMatters" in citizen["errors"][0]["message"]  # not in the citizen schema


async def test_problems_of_the_meta_schema_are_also_worded_in_chinese(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "xihu-admin", "county_admin")
    code = await create(client, admin)
    card = senior_card(code)
    del card["materials"][0]["why"]
    card["materials"][1]["id"] = "id_card"
    query = "mutation($c: String!, $d: JSON!) { saveDraft(code: $c, document: $d) { ... on AuthoredMatter { problems { path messageZh } } } }"

    saved = (await staff_gql(client, query, {"c": code, "d": card}, admin))["data"]["saveDraft"]

    assert {"path": "/materials/0", "messageZh": "缺少必填项「为什么需要」"} in saved["problems"]
