"""One window, parallel review, conflicts, the audit log: an application all the way through."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from support import (
    consent_to_everything,
    fees_paid,
    gql,
    ready_house_event,
    sign_in,
    staff_gql,
    staff_token,
)

from backend.backoffice.models import AuditEntry

QUEUE = "{ windowQueue { id status lifeEventCode } }"
ACCEPT = "mutation($id: ID!) { acceptApplication(id: $id) { __typename ... on StaffApplication { status tasks { id departmentCode status dueOn } } ... on BackofficeError { code } } }"
CORRECT = """
mutation($id: ID!, $items: [CorrectionItem!]!, $why: String) {
  requestCorrection(id: $id, items: $items, justification: $why) { __typename ... on StaffApplication { status } ... on BackofficeError { code } }
}
"""
REJECT = 'mutation($id: ID!) { rejectApplication(id: $id, reason: "不属于本机关管辖", legalBasis: "《行政许可法》第三十二条") { __typename ... on StaffApplication { status } ... on BackofficeError { code } } }'
TASKS = "{ reviewQueue { id applicationId status } }"
DECIDE = 'mutation($id: ID!, $ok: Boolean!) { decideTask(taskId: $id, approve: $ok, opinion: "材料齐全，符合条件", resultDocument: "西不动产〔2026〕1号") { __typename ... on ReviewTask { status } ... on BackofficeError { code } } }'
CITIZEN_VIEW = "query($id: ID!) { application(id: $id) { status timeline { kind message { zh } } children { status } correction { items { path name { zh } reason } } } }"
RESUBMIT = "mutation($id: ID!, $a: JSON) { submitApplication(input: {applicationId: $id, answers: $a}) { __typename ... on Application { status } ... on ApplicationError { code errors { path code } } } }"
SUBMIT = "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { __typename ... on Application { status } } }"


async def submitted_event(client: httpx.AsyncClient) -> tuple[str, str]:
    citizen = await sign_in(client, "demo-1")
    parent = await ready_house_event(client, citizen)
    assert (await gql(client, SUBMIT, {"id": parent}, citizen))["data"]["submitApplication"][
        "status"
    ] == "SUBMITTED"
    return citizen, parent


async def test_an_application_goes_from_correction_to_parallel_approval_to_an_e_license_in_the_wallet(
    client: httpx.AsyncClient,
) -> None:
    citizen, parent = await submitted_event(client)
    clerk = await staff_token(client, "clerk", "window_clerk")
    assert parent in [
        a["id"] for a in (await staff_gql(client, QUEUE, token=clerk))["data"]["windowQueue"]
    ]

    items = [{"path": "/answers/seller_mobile", "reason": "号码无法接通，请核对"}]
    corrected = (await staff_gql(client, CORRECT, {"id": parent, "items": items}, clerk))["data"][
        "requestCorrection"
    ]
    outside = (
        await gql(
            client,
            RESUBMIT,
            {
                "id": parent,
                "a": {
                    **await current_answers(client, citizen, parent),
                    "transaction_price": 3860000,
                },
            },
            citizen,
        )
    )["data"]["submitApplication"]
    view = (await gql(client, CITIZEN_VIEW, {"id": parent}, citizen))["data"]["application"]
    answers = {"seller_mobile": "13805719999"}
    resubmitted = (
        await gql(
            client,
            RESUBMIT,
            {"id": parent, "a": {**await current_answers(client, citizen, parent), **answers}},
            citizen,
        )
    )["data"]["submitApplication"]

    assert corrected["status"] == "correction_requested"
    assert (
        outside["code"] == "INVALID"
        and {"path": "/answers/transaction_price", "code": "not_listed"} in outside["errors"]
    )
    assert (
        view["timeline"][-1]["message"]["zh"]
        == "请一次性补正以下 1 项：卖方手机号码：号码无法接通，请核对"
    )
    assert view["correction"]["items"] == [
        {
            "path": "/answers/seller_mobile",
            "name": {"zh": "卖方手机号码"},
            "reason": "号码无法接通，请核对",
        }
    ]
    assert resubmitted["status"] == "SUBMITTED", resubmitted
    after = (await gql(client, CITIZEN_VIEW, {"id": parent}, citizen))["data"]["application"]
    assert after["correction"] is None

    accepted = (await staff_gql(client, ACCEPT, {"id": parent}, clerk))["data"]["acceptApplication"]
    departments = {t["departmentCode"] for t in accepted["tasks"]}
    assert accepted["status"] == "accepted" and len(departments) == 3
    await fees_paid(client, parent)  # the deed tax and the registration fee, at the window
    reviewers = {
        d: await staff_token(client, f"reviewer-{d}", "reviewer", department=d) for d in departments
    }
    for department, token in reviewers.items():
        [task] = (await staff_gql(client, TASKS, token=token))["data"]["reviewQueue"]
        assert (await staff_gql(client, DECIDE, {"id": task["id"], "ok": True}, token))["data"][
            "decideTask"
        ]["status"] == "approved", department

    done = (await gql(client, CITIZEN_VIEW, {"id": parent}, citizen))["data"]["application"]
    buyer = await sign_in(client, "demo-2")  # the buyer holds the new certificate
    wallet = (await gql(client, "{ myWallet { type issuedByZerorun } }", {}, buyer))["data"][
        "myWallet"
    ]
    assert (
        done["status"] == "COMPLETED"
        and [c["status"] for c in done["children"]] == ["COMPLETED"] * 3
    )
    assert {"type": "real_estate_certificate", "issuedByZerorun": True} in wallet
    audit = [e.action for e in await AuditEntry.filter(subject_id=parent).order_by("id")]
    assert audit == [
        "consent.granted",
        "consent.granted",
        "application.submitted",
        "correction_requested",
        "application.submitted",
        "accepted",
        "fees_paid_at_window",
        "task_approved",
        "task_approved",
        "task_approved",
    ]


async def current_answers(
    client: httpx.AsyncClient, token: str, application_id: str
) -> dict[str, Any]:
    body = await gql(
        client,
        "query($id: ID!) { application(id: $id) { answers } }",
        {"id": application_id},
        token,
    )
    answers: dict[str, Any] = body["data"]["application"]["answers"]
    return answers


async def test_two_clerks_accepting_at_once_one_wins_and_the_other_gets_a_conflict(
    client: httpx.AsyncClient,
) -> None:
    _, parent = await submitted_event(client)
    first, second = (
        await staff_token(client, "c1", "window_clerk"),
        await staff_token(client, "c2", "window_clerk"),
    )
    results = await asyncio.gather(
        staff_gql(client, ACCEPT, {"id": parent}, first),
        staff_gql(client, ACCEPT, {"id": parent}, second),
    )
    outcomes = sorted(r["data"]["acceptApplication"]["__typename"] for r in results)
    assert outcomes == ["BackofficeError", "StaffApplication"]
    assert "CONFLICT" in [r["data"]["acceptApplication"].get("code") for r in results]


async def test_a_second_correction_naming_new_items_needs_a_justification(
    client: httpx.AsyncClient,
) -> None:
    citizen, parent = await submitted_event(client)
    clerk = await staff_token(client, "clerk", "window_clerk")
    await staff_gql(
        client,
        CORRECT,
        {"id": parent, "items": [{"path": "/answers/buyer_mobile", "reason": "核对"}]},
        clerk,
    )
    await gql(
        client,
        RESUBMIT,
        {"id": parent, "a": await current_answers(client, citizen, parent)},
        citizen,
    )

    new_item = [{"path": "/answers/seller_mobile", "reason": "核对"}]
    refused = (await staff_gql(client, CORRECT, {"id": parent, "items": new_item}, clerk))["data"][
        "requestCorrection"
    ]
    allowed = (
        await staff_gql(
            client, CORRECT, {"id": parent, "items": new_item, "why": "卖方来电更正号码"}, clerk
        )
    )["data"]["requestCorrection"]

    assert refused["code"] == "JUSTIFICATION_REQUIRED"
    assert allowed["status"] == "correction_requested"


async def test_staff_of_another_region_or_department_see_nothing(client: httpx.AsyncClient) -> None:
    _, parent = await submitted_event(client)
    stranger = await staff_token(client, "binjiang", "window_clerk", region="330108")
    accepted = (await staff_gql(client, ACCEPT, {"id": parent}, stranger))["data"][
        "acceptApplication"
    ]
    assert accepted["code"] == "NOT_FOUND"
    assert (await staff_gql(client, QUEUE, token=stranger))["data"]["windowQueue"] == []


@pytest.mark.parametrize(
    ("role", "mutation", "code"),
    [
        ("reviewer", ACCEPT, "FORBIDDEN_ROLE"),
        ("supervisor", ACCEPT, "FORBIDDEN_ROLE"),
        ("window_clerk", DECIDE, "FORBIDDEN_ROLE"),
        (None, ACCEPT, "UNAUTHENTICATED"),
    ],
)
async def test_each_staff_mutation_is_refused_to_the_wrong_role_with_a_stable_code(
    client: httpx.AsyncClient, role: str | None, mutation: str, code: str
) -> None:
    token = await staff_token(client, f"x-{role}", role, department="330106-GTJ") if role else None
    body = await staff_gql(client, mutation, {"id": "1", "ok": True}, token)
    assert body["errors"][0]["extensions"]["code"] == code


async def test_a_rejection_needs_its_legal_basis_and_ends_the_application(
    client: httpx.AsyncClient,
) -> None:
    citizen, parent = await submitted_event(client)
    clerk = await staff_token(client, "clerk", "window_clerk")
    assert (await staff_gql(client, REJECT, {"id": parent}, clerk))["data"]["rejectApplication"][
        "status"
    ] == "rejected"
    assert (
        "不予受理"
        in (await gql(client, CITIZEN_VIEW, {"id": parent}, citizen))["data"]["application"][
            "timeline"
        ][-1]["message"]["zh"]
    )


async def test_the_audit_log_refuses_changes_and_deletion(client: httpx.AsyncClient) -> None:
    _, parent = await submitted_event(client)
    clerk = await staff_token(client, "clerk", "window_clerk")
    await staff_gql(client, REJECT, {"id": parent}, clerk)
    entry = await AuditEntry.filter(subject_id=parent).first()
    assert entry is not None
    entry.action = "nothing happened"
    with pytest.raises(PermissionError):
        await entry.save()
    with pytest.raises(PermissionError):
        await entry.delete()


async def test_the_window_queue_puts_the_earliest_deadline_first_and_filters_by_matter(
    client: httpx.AsyncClient,
) -> None:
    citizen = await sign_in(client, "demo-1")
    house = await ready_house_event(client, citizen)  # statutory 30 working days
    await gql(client, SUBMIT, {"id": house}, citizen)
    mother = await sign_in(client, "demo-3")
    birth = (
        await gql(
            client,
            'mutation { startApplication(matterCode: "330106-ZJ-004") { ... on Application { id } } }',
            {},
            mother,
        )
    )["data"]["startApplication"]["id"]
    answers = {
        "newborn_name": "孙语桐",
        "newborn_sex": "female",
        "newborn_birth_date": "2026-11-08",
        "ethnicity": "汉族",
        "birth_medical_certificate_no": "Q330000123",
        "birth_place_region": "330106",
        "mother_name": "赵敏",
        "mother_id_number": "330106199411050645",
    }
    await gql(
        client,
        'mutation($id: ID!, $a: JSON!) { saveApplication(id: $id, answers: $a, situation: {parents_married: "married", settle_with: "mother"}) { __typename } }',
        {"id": birth, "a": answers},
        mother,
    )
    await consent_to_everything(client, mother, birth)
    await gql(client, SUBMIT, {"id": birth}, mother)  # statutory 3 working days
    clerk = await staff_token(client, "clerk", "window_clerk")

    queue = (await staff_gql(client, "{ windowQueue { id dueOn dueProvisional } }", token=clerk))[
        "data"
    ]["windowQueue"]
    only_births = (
        await staff_gql(client, '{ windowQueue(matterCode: "330106-ZJ-004") { id } }', token=clerk)
    )["data"]["windowQueue"]

    assert [a["id"] for a in queue] == [birth, house]
    assert queue[0]["dueOn"] < queue[1]["dueOn"]  # ISO dates: 3 working days, then 30
    assert all(a["dueProvisional"] is (a["dueOn"][:4] > "2026") for a in queue)  # 2027 estimated
    assert [a["id"] for a in only_births] == [birth]
