"""What the configurator shows of a draft's problems: each once, in Chinese as in English, and
a new matter asking only its essentials (name, department) until it is published."""

from __future__ import annotations

import httpx
from authoring_support import MATTER, create, publish, save, senior_card
from support import staff_gql, staff_token

WORDED = "query($c: String!) { authoredMatter(code: $c) { problems { path severity message messageZh } } }"


async def test_a_new_matter_asks_its_department_now_and_the_rest_at_publishing(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "xihu-admin", "county_admin")
    code = await create(client, admin)
    problems = (await staff_gql(client, WORDED, {"c": code}, admin))["data"]["authoredMatter"][
        "problems"
    ]
    refused = await publish(client, admin, code, "too early")

    assert [(p["path"], p["severity"]) for p in problems] == [
        ("/department/code", "error"),
        ("/department/name/zh", "error"),
        ("/legal_basis/0/title/zh", "warning"),
        ("/output/name/zh", "warning"),
        ("/summary/zh", "warning"),
    ]
    assert {p["messageZh"] for p in problems[2:]} == {"发布前须填写"}
    assert refused["errorCode"] == "HAS_ERRORS"
    assert [p["path"] for p in refused["problems"]] == [p["path"] for p in problems]
    assert refused["message"]["zh"] == "草稿还有 5 处错误，改正后才能发布。"


async def test_an_empty_text_is_one_problem_in_both_languages(client: httpx.AsyncClient) -> None:
    admin = await staff_token(client, "xihu-admin", "county_admin")
    code = await create(client, admin)
    card = senior_card(code)
    card["name"]["zh"] = ""
    card["materials"][0]["why"]["zh"] = " "
    await save(client, admin, code, card)
    problems = (await staff_gql(client, WORDED, {"c": code}, admin))["data"]["authoredMatter"][
        "problems"
    ]

    assert [(p["path"], p["severity"], p["messageZh"]) for p in problems] == [
        ("/name/zh", "error", "不能为空"),
        ("/materials/0/why/zh", "warning", "发布前须填写"),
    ]


async def test_every_problem_of_a_draft_has_its_chinese_wording(client: httpx.AsyncClient) -> None:
    admin = await staff_token(client, "xihu-admin", "county_admin")
    code = await create(client, admin)
    card = senior_card(code)
    card["form"]["schema"]["properties"]["pet_name"] = {"title": "宠物名", "type": "string"}
    card["eligibility"][0]["rule"] = {">=": [{"age_at": [{"var": "applicant.birth_date"}]}]}
    card["materials"][2]["ways"].insert(
        0, {"kind": "shared_data", "source": "nowhere", "elements": ["applicant_name"]}
    )
    await save(client, admin, code, card)
    problems = (await staff_gql(client, WORDED, {"c": code}, admin))["data"]["authoredMatter"][
        "problems"
    ]
    worded = {p["path"]: p["messageZh"] for p in problems}

    assert worded["/eligibility/0/rule"] == "运算符 >= 要 2 个参数，这里有 1 个"
    assert worded["/materials/2/ways/0/source"] == "共享数据源 nowhere 不存在"
    assert all(p["messageZh"] for p in problems), problems


async def test_the_run_count_warning_and_custom_fields_read_in_chinese(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "xihu-admin", "county_admin")
    code = await create(client, admin)
    card = senior_card(code)
    card["form"]["schema"]["properties"]["pet_name"] = {"title": "宠物名", "type": "string"}
    card["materials"][0]["ways"] = [{"kind": "original", "copies": 1}]
    card["delivery"] = ["pickup"]
    await save(client, admin, code, card)
    problems = (
        await staff_gql(
            client, MATTER.replace("severity", "severity messageZh"), {"c": code}, admin
        )
    )["data"]["authoredMatter"]["problems"]
    worded = {
        p["severity"]: p["messageZh"]
        for p in problems
        if p["path"] in ("", "/form/schema/properties")
    }

    assert worded["warning"].startswith("没有电子证照和共享数据时，申请人要跑 2 次：")
    assert "pet_name" in worded["info"] and worded["info"].startswith("自定义字段")
