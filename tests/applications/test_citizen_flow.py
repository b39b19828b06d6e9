"""The citizen's flow (issue 18): a rule on an answer not given yet is pending, the verified
identity is filled and locked by the server, every problem of a submit comes at once, and each
department's review shows as it decides."""

from __future__ import annotations

from typing import Any

import httpx
from support import gql, ready_house_event, sign_in, staff_token

BUSINESS = "330106-ZJ-007"  # one applicant: the operator must be the applicant and an adult
OPERATOR = "320102199804270414"  # 周宇航 (demo-6)
MOVE = "330106-ZJ-008"  # 户口迁入: the region moved from must be the applicant's own
MOVE_FROM_OWN = (
    "迁出地要填您现在的户口所在地。系统查到您的户口在另一个县（市、区），请核对后重新选择。"
)
SITUATION = {"business_form": "personal", "premises_type": "rented", "residential_premises": "no"}
START = "mutation($c: String!) { startApplication(matterCode: $c) { ... on Application { id } } }"
READ = """query($id: ID!) { application(id: $id) {
  answers eligibilityPending identityFields
  evaluation { eligibility { id passed } }
  reviews { applicationId departmentName status decidedAt }
  children { id }
} }"""
SAVE = """mutation($id: ID!, $a: JSON!, $s: JSON) { saveApplication(id: $id, answers: $a, situation: $s) {
  ... on SavedApplication { application { answers eligibilityPending } problems { path code } }
} }"""
SUBMIT = """mutation($id: ID!, $a: JSON) { submitApplication(input: {applicationId: $id, answers: $a}) {
  __typename ... on ApplicationError { errors { path code message { zh } } }
} }"""
SUBMIT_EVENT = (
    "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { __typename } }"
)
ACCEPT = "mutation($id: ID!) { acceptApplication(id: $id) { __typename } }"
DECIDE = """mutation($t: ID!) { decideTask(taskId: $t, approve: true, opinion: "同意") {
  __typename } }"""


async def read(client: httpx.AsyncClient, token: str, app: str) -> dict[str, Any]:
    body = await gql(client, READ, {"id": app}, token)
    result: dict[str, Any] = body["data"]["application"]
    return result


async def test_a_rule_on_answers_not_given_yet_is_pending_until_they_are(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-1")  # 王建国 moves his household registration
    app = str((await gql(client, START, {"c": MOVE}, token))["data"]["startApplication"]["id"])

    before = await read(client, token, app)
    wrong = {"move_from_region": "330102"}  # not where he is registered
    saved = (
        await gql(client, SAVE, {"id": app, "a": wrong, "s": {"reason": "house_purchase"}}, token)
    )["data"]["saveApplication"]
    after = await read(client, token, app)

    outcome = {o["id"]: o["passed"] for o in before["evaluation"]["eligibility"]}
    assert "moving_from_own_registration" in before["eligibilityPending"]
    assert outcome["moving_from_own_registration"] is False  # pending: failed only in two states
    assert "moving_from_own_registration" not in saved["application"]["eligibilityPending"]
    outcome = {o["id"]: o["passed"] for o in after["evaluation"]["eligibility"]}
    assert outcome["moving_from_own_registration"] is False  # judged now: it fails


async def test_the_verified_identity_is_filled_and_locked(client: httpx.AsyncClient) -> None:
    token = await sign_in(client, "demo-6")
    app = str((await gql(client, START, {"c": BUSINESS}, token))["data"]["startApplication"]["id"])

    started = await read(client, token, app)
    saved = (
        await gql(
            client,
            SAVE,
            {
                "id": app,
                "a": {
                    "operator_id_number": "330106196803120311",
                    "applicant_mobile": "13900000000",
                },
            },
            token,
        )
    )["data"]["saveApplication"]

    assert started["identityFields"] == ["operator_id_number"]  # a blocking rule binds it to him
    assert started["answers"] == {"operator_id_number": OPERATOR, "applicant_mobile": "18851700006"}
    answers = [p for p in saved["problems"] if p["path"].startswith("/answers/")]
    assert answers == [{"path": "/answers/operator_id_number", "code": "read_only"}]
    # the identity stays his; the mobile is a contact he may change
    assert saved["application"]["answers"] == {
        "operator_id_number": OPERATOR,
        "applicant_mobile": "13900000000",
    }


async def test_a_submit_reports_form_eligibility_and_materials_at_once(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-5")  # 陈浩然 is 16: not old enough to run a shop
    app = str((await gql(client, START, {"c": BUSINESS}, token))["data"]["startApplication"]["id"])
    await gql(client, SAVE, {"id": app, "a": {}, "s": SITUATION}, token)

    result = (await gql(client, SUBMIT, {"id": app}, token))["data"]["submitApplication"]

    codes = {(e["path"], e["code"]) for e in result["errors"]}
    assert ("/answers/business_name", "required") in codes
    assert ("", "not_eligible") in codes  # 经营者须年满 18 周岁, with the form's errors
    assert ("/materials/lease_contract", "upload_missing") in codes
    not_eligible = [e for e in result["errors"] if e["code"] == "not_eligible"]
    assert len(not_eligible) == 1 and not_eligible[0]["message"]["zh"].startswith("经营者须年满")


async def test_a_rule_still_waiting_on_a_required_answer_is_pending_at_submit(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-1")
    app = str((await gql(client, START, {"c": MOVE}, token))["data"]["startApplication"]["id"])
    await gql(client, SAVE, {"id": app, "a": {}, "s": {"reason": "house_purchase"}}, token)

    result = (await gql(client, SUBMIT, {"id": app}, token))["data"]["submitApplication"]

    codes = {(e["path"], e["code"]) for e in result["errors"]}
    assert ("/answers/move_from_region", "required") in codes
    pending = [e["message"]["zh"] for e in result["errors"] if e["code"] == "eligibility_pending"]
    assert pending == ["填写后判断：" + MOVE_FROM_OWN]
    assert ("", "not_eligible") not in codes


async def test_each_department_review_shows_as_it_decides(client: httpx.AsyncClient) -> None:
    seller = await sign_in(client, "demo-1")
    parent = await ready_house_event(client, seller)
    await gql(client, SUBMIT_EVENT, {"id": parent}, seller)
    before = await read(client, seller, parent)
    clerk = await staff_token(client, "flow-clerk", "window_clerk")
    await gql(client, ACCEPT, {"id": parent}, clerk, "/staff/graphql")
    reviewer = await staff_token(client, "flow-housing", "reviewer", department="330106-ZJJ")
    [task] = (await gql(client, "{ reviewQueue { id } }", {}, reviewer, "/staff/graphql"))["data"][
        "reviewQueue"
    ]
    await gql(client, DECIDE, {"t": task["id"]}, reviewer, "/staff/graphql")

    after = await read(client, seller, parent)

    assert before["reviews"] == []  # not accepted yet
    statuses = sorted(r["status"] for r in after["reviews"])
    assert statuses == ["APPROVED", "PENDING", "PENDING"]
    children = {c["id"] for c in after["children"]}
    assert {r["applicationId"] for r in after["reviews"]} == children
    approved = next(r for r in after["reviews"] if r["status"] == "APPROVED")
    assert approved["decidedAt"] and approved["departmentName"]
