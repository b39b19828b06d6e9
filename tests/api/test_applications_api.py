"""A citizen starts, saves and submits applications; the server validates everything and
shows each citizen only their own."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from typing import Any

import httpx
import orjson
from support import ID_CARD, ID_CARD_ANSWERS, app_client, gql, make_settings, sign_in

from backend.catalog import service as catalog
from backend.settings import ROOT, Settings

HOUSE = "330106-ZJ-002"  # two parties: its own journeys are in test_parties_api.py
BUSINESS = "330106-ZJ-007"  # one applicant: 周宇航 (demo-6) opens his repair shop
OPERATOR = "320102199804270414"
BUSINESS_SITUATION = {
    "business_form": "personal",
    "premises_type": "rented",
    "residential_premises": "no",
}
BUSINESS_ANSWERS: dict[str, Any] = {
    "business_name": "杭州市西湖区宇航数码维修店",
    "operator_name": "周宇航",
    "operator_id_number": OPERATOR,
    "applicant_mobile": "18851700006",
    "business_scope": "家用电器修理；计算机及通讯设备维修",
    "business_premises_address": "杭州市西湖区文一西路 100 号 1 楼 3 号商铺",
    "registered_capital": 5,
    "employee_count": 1,
}
APPLICATION_FIELDS = (
    "id status answers situation version matter { code } timeline { kind message { zh } }"
)
START = f"""
mutation Start($code: String!, $key: String) {{
  startApplication(matterCode: $code, idempotencyKey: $key) {{
    __typename ... on Application {{ {APPLICATION_FIELDS} }}
    ... on ApplicationError {{ code message {{ en }} }}
  }}
}}
"""
SAVE = """
mutation Save($id: ID!, $answers: JSON!, $situation: JSON) {
  saveApplication(id: $id, answers: $answers, situation: $situation) {
    __typename
    ... on SavedApplication { application { answers } problems { path code } }
    ... on ApplicationError { code }
  }
}
"""
SUBMIT = f"""
mutation Submit($input: SubmitApplicationInput!) {{
  submitApplication(input: $input) {{
    __typename
    ... on Application {{ {APPLICATION_FIELDS} evaluation {{ runCount }} }}
    ... on ApplicationError {{ code message {{ zh en }} errors {{ path code message {{ zh en }} }} }}
  }}
}}
"""
MINE = """
query Mine($first: Int, $after: String) {
  myApplications(first: $first, after: $after) { edges { cursor node { id status } } pageInfo { hasNextPage endCursor } }
}
"""
ONE = "query One($id: ID!) { application(id: $id) { id status } }"


async def start(
    client: httpx.AsyncClient, token: str, code: str = HOUSE, key: str | None = None
) -> dict[str, Any]:
    result: dict[str, Any] = (await gql(client, START, {"code": code, "key": key}, token))["data"][
        "startApplication"
    ]
    return result


async def submit(
    client: httpx.AsyncClient, token: str, application_id: str, **input: Any
) -> dict[str, Any]:
    variables = {"input": {"applicationId": application_id, **input}}
    result: dict[str, Any] = (await gql(client, SUBMIT, variables, token))["data"][
        "submitApplication"
    ]
    return result


async def id_card_draft(client: httpx.AsyncClient, token: str, key: str | None = None) -> str:
    """陈浩然 (demo-5)'s first ID card: one applicant, one form, nothing to upload."""
    draft = await start(client, token, ID_CARD, key=key)
    return str(draft["id"])


async def test_applications_need_sign_in_with_a_stable_error_code(
    client: httpx.AsyncClient,
) -> None:
    body = await gql(client, MINE)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert body["data"] is None


async def test_development_sign_in_is_refused_outside_development(database_url: str) -> None:
    async with app_client(make_settings(database_url, env="production")) as c:
        body = await gql(
            c,
            'mutation { signIn(provider: "development", credential: "demo-1") { __typename ... on SignInError { code } } }',
        )
    assert body["data"]["signIn"] == {"__typename": "SignInError", "code": "PROVIDER_DISABLED"}


async def test_a_forged_token_is_treated_as_signed_out(client: httpx.AsyncClient) -> None:
    token = await sign_in(client, "demo-1")
    body = await gql(client, MINE, token=token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_submit_reports_every_error_at_once_with_field_paths_and_saves_nothing(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-6")
    draft = await start(client, token, BUSINESS, key="draft-1")
    bad = {
        **BUSINESS_ANSWERS,
        "operator_id_number": OPERATOR[:-1] + "9",
        "applicant_mobile": "12345",
        "registered_capital": "lots",
        "surprise": 1,
    }
    del bad["business_name"]

    result = await submit(
        client, token, draft["id"], answers=bad, situation={**BUSINESS_SITUATION, "nope": 1}
    )

    assert result["code"] == "INVALID"
    paths = {e["path"]: e["code"] for e in result["errors"]}
    assert paths == {
        "/answers/operator_id_number": "read_only",  # his verified ID, whatever is typed
        "/answers/applicant_mobile": "format",
        "/answers/registered_capital": "type",
        "/answers/business_name": "required",
        "/answers/surprise": "unknown_field",
        "/situation/nope": "unknown_field",
        "/materials/lease_contract": "upload_missing",  # with the form's, not on a second submit
    }
    identity = next(e for e in result["errors"] if e["path"] == "/answers/operator_id_number")
    assert "实名认证" in identity["message"]["zh"]
    again = (await gql(client, ONE, {"id": draft["id"]}, token))["data"]["application"]
    assert again["status"] == "DRAFT"


async def test_submit_lists_every_material_still_to_provide(client: httpx.AsyncClient) -> None:
    token = await sign_in(client, "demo-6")  # consents to nothing: no shared data, no e-license
    draft = await start(client, token, BUSINESS)

    result = await submit(
        client, token, draft["id"], answers=BUSINESS_ANSWERS, situation=BUSINESS_SITUATION
    )

    missing = {e["path"]: e["code"] for e in result["errors"]}
    assert missing == {"/materials/lease_contract": "upload_missing"}


async def test_fixing_and_submitting_pins_the_version_and_records_the_timeline(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-5")
    draft_id = await id_card_draft(client, token)
    saved = (
        await gql(
            client,
            SAVE,
            {"id": draft_id, "answers": {**ID_CARD_ANSWERS, "applicant_mobile": "1"}},
            token,
        )
    )["data"]["saveApplication"]
    assert saved["problems"] == [{"path": "/answers/applicant_mobile", "code": "format"}]

    result = await submit(client, token, draft_id, answers=ID_CARD_ANSWERS)

    assert result["__typename"] == "Application", result
    assert (result["status"], result["version"], result["evaluation"]["runCount"]) == (
        "SUBMITTED",
        1,
        1,  # fingerprints and portrait are taken in person
    )
    assert [t["kind"] for t in result["timeline"]] == ["started", "submitted"]


async def test_the_operator_is_the_verified_applicant_whatever_the_answers_say(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-1")  # 王建国 claims to be the shop's operator
    draft = await start(client, token, BUSINESS)
    result = await submit(
        client, token, draft["id"], answers=BUSINESS_ANSWERS, situation=BUSINESS_SITUATION
    )
    assert result["code"] == "INVALID"
    # the rule binds the operator's ID to the applicant's: the server fills in his own
    assert {e["path"]: e["code"] for e in result["errors"]}["/answers/operator_id_number"] == (
        "read_only"
    )
    assert "not_eligible" not in [e["code"] for e in result["errors"]]


async def test_a_retried_submit_never_creates_a_second_application(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-5")
    draft_id = await id_card_draft(client, token, key="once")
    first, again = await asyncio.gather(
        submit(client, token, draft_id, answers=ID_CARD_ANSWERS),
        submit(client, token, draft_id, answers=ID_CARD_ANSWERS),
    )
    assert first["id"] == again["id"] and first["status"] == again["status"] == "SUBMITTED"
    assert [t["kind"] for t in again["timeline"]].count("submitted") == 1
    mine = (await gql(client, MINE, {}, token))["data"]["myApplications"]["edges"]
    assert len(mine) == 1


async def test_start_with_the_same_key_returns_the_same_draft(client: httpx.AsyncClient) -> None:
    token = await sign_in(client, "demo-1")
    assert (await start(client, token, key="k1"))["id"] == (await start(client, token, key="k1"))[
        "id"
    ]


async def test_a_citizen_cannot_read_or_change_another_citizens_application(
    client: httpx.AsyncClient,
) -> None:
    owner, other = await sign_in(client, "demo-1"), await sign_in(client, "demo-2")
    draft = await start(client, owner)

    read = (await gql(client, ONE, {"id": draft["id"]}, other))["data"]["application"]
    save = (await gql(client, SAVE, {"id": draft["id"], "answers": {}}, other))["data"][
        "saveApplication"
    ]
    sub = await submit(client, other, draft["id"])
    listed = (await gql(client, MINE, {}, other))["data"]["myApplications"]["edges"]

    assert (read, save["code"], sub["code"], listed) == (None, "NOT_FOUND", "NOT_FOUND", [])
    assert (await gql(client, ONE, {"id": "not-a-uuid"}, owner))["data"]["application"] is None


async def test_my_applications_are_paginated_newest_first(client: httpx.AsyncClient) -> None:
    token = await sign_in(client, "demo-1")
    ids = [(await start(client, token, key=f"p{i}"))["id"] for i in range(5)]
    seen, after = [], None
    while True:
        page = (await gql(client, MINE, {"first": 2, "after": after}, token))["data"][
            "myApplications"
        ]
        seen += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == ids[::-1]


async def test_submit_against_a_retired_matter_is_refused(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    token = await sign_in(client, "demo-5")
    draft_id = await id_card_draft(client, token)
    await catalog.retire(ID_CARD)  # the app's own connection is open in this process

    result = await submit(client, token, draft_id, answers=ID_CARD_ANSWERS)

    assert result["code"] == "MATTER_RETIRED"
    assert (await start(client, token, ID_CARD))["code"] == "MATTER_RETIRED"


async def test_a_new_version_does_not_move_applications_already_started(
    client: httpx.AsyncClient, tmp_path: Path
) -> None:
    token = await sign_in(client, "demo-5")
    draft_id = await id_card_draft(client, token)
    changed = tmp_path / "form_schemas"
    shutil.copytree(ROOT / "form_schemas", changed)
    county = changed / "matters" / "330106" / f"{ID_CARD}.json"
    doc = orjson.loads(county.read_bytes())
    doc["keywords"] = [*doc.get("keywords", []), "新版本"]
    county.write_bytes(orjson.dumps(doc))
    await catalog.load(changed)

    fresh = await start(client, token, ID_CARD, key="after-change")
    result = await submit(client, token, draft_id, answers=ID_CARD_ANSWERS)

    assert (result["version"], fresh["version"]) == (1, 2)


async def test_save_after_submit_is_refused(client: httpx.AsyncClient) -> None:
    token = await sign_in(client, "demo-5")
    done = await submit(client, token, await id_card_draft(client, token), answers=ID_CARD_ANSWERS)
    result = (await gql(client, SAVE, {"id": done["id"], "answers": {}}, token))["data"][
        "saveApplication"
    ]
    assert result["code"] == "NOT_EDITABLE"
