"""Localising a province template, the province changing it, versions, diff, restore,
import and export, replay of recent applications, retiring."""

from __future__ import annotations

import httpx
from authoring_support import (
    CASE,
    MATTER,
    RESULT,
    create,
    publish,
    save,
    senior_card,
)
from support import gql, sign_in, staff_gql, staff_token

TEMPLATES = "{ templates { code localisedAs } }"
DIFF = "query($c: String!, $a: Int!, $b: Int) { matterDiff(code: $c, fromVersion: $a, toVersion: $b) { path op before after } }"
RESTORE = (
    f"mutation($c: String!, $v: Int!) {{ restoreVersion(code: $c, version: $v) {{ {RESULT} }} }}"
)
EXPORT = "query($c: String!, $v: Int) { exportMatter(code: $c, version: $v) }"
IMPORT = f"mutation($d: JSON!) {{ importMatter(document: $d) {{ {RESULT} }} }}"
RETIRE = f"mutation($c: String!) {{ retireMatter(code: $c) {{ {RESULT} }} }}"
REPLAY = "query($c: String!) { replayDraft(code: $c) { checked eligibilityChanged materialsChanged examples } }"
LIST = "query($k: String) { authoredMatters(keyword: $k) { items { code status hasDraft needsReview latestVersion runCount } nextCursor } }"
CITIZEN_MATTER = "query($c: String!) { matter(code: $c) { code } }"
TEMPLATE = "330000-ZJ-006"


async def test_a_county_localises_a_template_and_is_told_when_the_province_changes_it(
    client: httpx.AsyncClient,
) -> None:
    county = await staff_token(client, "shangcheng-admin", "county_admin", region="330102")
    province = await staff_token(client, "zj-admin", "county_admin", region="330000")
    offered = (await staff_gql(client, TEMPLATES, token=county))["data"]["templates"]
    code = await create(client, county, TEMPLATE)
    draft = (await staff_gql(client, MATTER, {"c": code}, county))["data"]["authoredMatter"]
    document = {**draft["document"], "time_limits": {"promised_days": 1}}
    changed = await save(client, county, code, document)
    first = await publish(client, county, code, "上城区承诺 1 个工作日")

    template = (await staff_gql(client, MATTER, {"c": TEMPLATE}, province))["data"][
        "authoredMatter"
    ]
    revised = {**template["document"], "keywords": [*template["document"]["keywords"], "新词"]}
    await save(client, province, TEMPLATE, revised)
    await publish(client, province, TEMPLATE, "增加关键词")
    flagged = (await staff_gql(client, MATTER, {"c": code}, county))["data"]["authoredMatter"]
    await save(client, county, code, document)
    again = await publish(client, county, code, "跟进省级模板")

    assert {t["code"] for t in offered} >= {TEMPLATE} and all(
        t["localisedAs"] is None for t in offered
    )
    assert draft["document"] == {"code": code, "region": "330102", "extends": TEMPLATE}
    assert changed["templateDiff"] == [{"path": "/time_limits/promised_days", "op": "replace"}]
    assert first["version"] == 1 and not first["matter"]["needsReview"]
    assert flagged["needsReview"] and flagged["templateChange"]["fromVersion"] == 1
    assert flagged["templateChange"]["diff"] == [{"path": "/keywords", "op": "replace"}]
    assert again["version"] == 2 and not again["matter"]["needsReview"]
    assert "新词" in again["matter"]["effective"]["keywords"]


async def test_versions_diff_restore_export_import_and_retire(client: httpx.AsyncClient) -> None:
    admin = await staff_token(client, "xihu-admin", "county_admin")
    code = await create(client, admin)
    card = senior_card(code)
    await save(client, admin, code, card)
    await publish(client, admin, code, "v1")
    await save(
        client, admin, code, {**card, "time_limits": {"statutory_days": 20, "promised_days": 1}}
    )
    await publish(client, admin, code, "v2")

    diff = (await staff_gql(client, DIFF, {"c": code, "a": 1, "b": 2}, admin))["data"]["matterDiff"]
    restored = (await staff_gql(client, RESTORE, {"c": code, "v": 1}, admin))["data"][
        "restoreVersion"
    ]
    against_draft = (await staff_gql(client, DIFF, {"c": code, "a": 2}, admin))["data"][
        "matterDiff"
    ]
    exported = (await staff_gql(client, EXPORT, {"c": code, "v": 2}, admin))["data"]["exportMatter"]
    imported = (
        await staff_gql(client, IMPORT, {"d": {**exported, "keywords": ["老年卡"]}}, admin)
    )["data"]["importMatter"]
    foreign = (await staff_gql(client, IMPORT, {"d": {**exported, "region": "330102"}}, admin))[
        "data"
    ]["importMatter"]
    listed = (await staff_gql(client, LIST, {"k": "优待"}, admin))["data"]["authoredMatters"]
    retired = (await staff_gql(client, RETIRE, {"c": code}, admin))["data"]["retireMatter"]
    citizen_sees = (await gql(client, CITIZEN_MATTER, {"c": code}))["data"]["matter"]

    assert diff == [
        {"path": "/time_limits/promised_days", "op": "replace", "before": 3, "after": 1}
    ]
    assert restored["hasDraft"] and restored["document"]["time_limits"]["promised_days"] == 3
    assert [d["path"] for d in against_draft] == ["/time_limits/promised_days"]
    assert exported == {**card, "time_limits": {"statutory_days": 20, "promised_days": 1}}
    assert imported["document"]["keywords"] == ["老年卡"] and imported["hasDraft"]
    assert foreign["errorCode"] == "INVALID" and foreign["problems"][0]["path"] == "/region"
    assert listed["items"] == [
        {
            "code": code,
            "status": "PUBLISHED",
            "hasDraft": True,
            "needsReview": False,
            "latestVersion": 2,
            "runCount": 0,
        }
    ]
    assert retired["status"] == "RETIRED" and citizen_sees is None


async def test_applications_stay_pinned_and_replay_counts_those_the_draft_treats_differently(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "xihu-admin", "county_admin")
    code = await create(client, admin)
    card = senior_card(code)
    await save(client, admin, code, card)
    await publish(client, admin, code, "v1")
    citizen = await sign_in(client, "demo-4")
    start = (
        "mutation($c: String!) { startApplication(matterCode: $c) { ... on Application { id } } }"
    )
    app = (await gql(client, start, {"c": code}, citizen))["data"]["startApplication"]["id"]
    await gql(
        client,
        "mutation($id: ID!, $a: JSON!) { saveApplication(id: $id, answers: $a) { __typename } }",
        {"id": app, "a": CASE["answers"]},
        citizen,
    )
    from backend.applications.models import Application

    await Application.filter(id=app).update(status="submitted")
    await save(client, admin, code, {**card, "keywords": ["老年卡"]})
    await publish(client, admin, code, "v2")
    pinned = "query($id: ID!) { application(id: $id) { version } }"
    assert (await gql(client, pinned, {"id": app}, citizen))["data"]["application"]["version"] == 1
    stricter = {
        **card,
        "eligibility": [
            {
                **card["eligibility"][0],
                "rule": {">=": [{"age_at": [{"var": "applicant.birth_date"}]}, 80]},
            }
        ],
    }
    stricter["materials"] = card["materials"][:2]
    await save(client, admin, code, stricter)
    replay = (await staff_gql(client, REPLAY, {"c": code}, admin))["data"]["replayDraft"]

    assert replay["checked"] == 1
    assert (replay["eligibilityChanged"], replay["materialsChanged"]) == (1, 1)
    assert "eligible True → False" in replay["examples"][0]


LIFE_EVENT = """mutation($d: JSON!) { saveLifeEvent(document: $d) {
  __typename ... on AuthoredLifeEvent { code matters } ... on AuthoringError { errorCode: code problems { path message } } } }"""


async def test_a_life_event_is_composed_from_published_matters_that_agree(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "xihu-admin", "county_admin")
    code = await create(client, admin)
    await save(client, admin, code, senior_card(code))
    await publish(client, admin, code, "v1")
    event = {
        "code": "330106-YJS-009",
        "name": {"zh": "老年人优待“一件事”", "en": "Senior benefits as one thing"},
        "summary": {
            "zh": "一次申请老年人优待证和公交卡。",
            "en": "Senior card and bus card at once.",
        },
        "region": "330106",
        "audience": "citizen",
        "matters": [code, "330106-ZJ-004"],
        "promise": {"zh": "一次都不用跑。", "en": "No trip."},
    }
    composed = (await staff_gql(client, LIFE_EVENT, {"d": event}, admin))["data"]["saveLifeEvent"]
    unknown = {**event, "matters": [code, "330106-ZJ-999"]}
    refused = (await staff_gql(client, LIFE_EVENT, {"d": unknown}, admin))["data"]["saveLifeEvent"]
    citizen = await gql(client, '{ lifeEvent(code: "330106-YJS-009") { matters { code } } }')

    assert composed == {
        "__typename": "AuthoredLifeEvent",
        "code": "330106-YJS-009",
        "matters": [code, "330106-ZJ-004"],
    }
    assert refused["errorCode"] == "INVALID" and refused["problems"][0]["path"] == "/matters/1"
    assert [m["code"] for m in citizen["data"]["lifeEvent"]["matters"]] == [code, "330106-ZJ-004"]


async def test_a_template_is_localised_once_per_region_and_problems_say_where_they_point(
    client: httpx.AsyncClient,
) -> None:
    xihu = await staff_token(client, "xihu-admin", "county_admin")
    twice = await staff_gql(client, CREATE_FROM, {"t": TEMPLATE}, xihu)
    localised = (await staff_gql(client, MATTER, {"c": "330106-ZJ-006"}, xihu))["data"][
        "authoredMatter"
    ]
    broken = {
        **localised["document"],
        "eligibility": [
            {
                "id": "x",
                "rule": {"var": "answers.nope"},
                "message": {"zh": "x", "en": "x"},
                "effect": "block",
            }
        ],
    }
    saved = await staff_gql(client, SAVE_POINTS, {"c": "330106-ZJ-006", "d": broken}, xihu)
    departments = (await staff_gql(client, "{ departments { code name { zh en } } }", token=xihu))[
        "data"
    ]["departments"]

    assert twice["data"]["createMatter"]["code"] == "CONFLICT"
    assert "330106-ZJ-006" in twice["data"]["createMatter"]["message"]["zh"]
    [problem] = [
        p for p in saved["data"]["saveDraft"]["problems"] if p["path"].startswith("/eligibility")
    ]
    assert problem["pointsInto"] == "effective"
    assert {
        "code": "330106-GTJ",
        "name": {
            "zh": "杭州市规划和自然资源局西湖分局（西湖区不动产登记服务中心）",
            "en": "Xihu Branch of the Hangzhou Planning and Natural Resources Bureau (Xihu Real Estate Registration Service Centre)",
        },
    } in departments


CREATE_FROM = "mutation($t: String) { createMatter(fromTemplate: $t) { ... on AuthoringError { code message { zh } } } }"
SAVE_POINTS = "mutation($c: String!, $d: JSON!) { saveDraft(code: $c, document: $d) { ... on AuthoredMatter { problems { path pointsInto } } } }"
