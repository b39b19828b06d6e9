"""Steps of multi-party applications as the parties' clients send them (tests/api/test_parties*)."""

from __future__ import annotations

from typing import Any

import httpx
from support import (
    HOUSE_EVENT,
    HOUSE_EVENT_SITUATION,
    consent_to_everything,
    fees_paid,
    gql,
    sign_in,
    staff_gql,
    staff_token,
    upload,
)

SELLER_ID = "330106196803120311"
SELLER_MOBILE = "13805710001"
BUYER_ID = "330102199107210522"

START = "mutation($c: String!, $p: String) { startLifeEvent(code: $c, asParty: $p) { __typename ... on Application { id myParty answers } ... on ApplicationError { code errors { path code } } } }"
SAVE = "mutation($id: ID!, $a: JSON!, $s: JSON) { saveApplication(id: $id, answers: $a, situation: $s) { __typename ... on SavedApplication { problems { path code } } ... on ApplicationError { code errors { path code } } } }"
ANSWERS = "query($id: ID!) { application(id: $id) { answers } }"
INVITE = """
mutation($id: ID!, $p: String!, $r: String, $m: String) {
  inviteParty(applicationId: $id, party: $p, residentId: $r, mobile: $m) {
    __typename
    ... on PartyInvitation { shareCode: code link expiresAt party }
    ... on ApplicationError { code errors { path code } }
  }
}
"""
JOIN = "mutation($c: String!) { joinApplication(code: $c) { __typename ... on Application { id myParty answers } ... on ApplicationError { code errors { path code } } } }"
CONFIRM = "mutation($id: ID!) { confirmParty(applicationId: $id) { __typename ... on Application { status } ... on ApplicationError { code errors { path code message { zh } } } } }"
EVERYTHING = """
query($id: ID!) {
  application(id: $id) {
    id status answers myParty situation
    parties { party name { zh } role required status isMe holderName confirmText { zh } declineReason }
    prefilled { field value sourceId }
    dataSharing { sourceId lastPull { status } }
    evaluation { runCount materials { id status } trips { itemId reason { zh } } }
    timeline { kind message { zh en } }
    children { answers evaluation { materials { id status } } }
  }
}
"""
BUYER_PART = {"buyer_mobile": "13905710021", "payment_method": "full_payment"}
SIGN = "mutation($id: ID!, $m: String!) { signCommitment(applicationId: $id, materialId: $m) { __typename ... on ApplicationError { code errors { path code } } } }"
WALLET = "{ myWallet { type holderName status heldFor issuedByZerorun } }"
ACCEPT = "mutation($id: ID!) { acceptApplication(id: $id) { __typename ... on StaffApplication { status tasks { departmentCode } } ... on BackofficeError { code } } }"
TASKS = "{ reviewQueue { id applicationId } }"
DECIDE = 'mutation($id: ID!) { decideTask(taskId: $id, approve: true, opinion: "材料齐全，符合条件", resultDocument: "西不动产〔2026〕1号") { __typename ... on ReviewTask { status } ... on BackofficeError { code } } }'


async def data(client: httpx.AsyncClient, query: str, variables: dict[str, Any], token: str) -> Any:
    body = await gql(client, query, variables, token)
    assert "errors" not in body, body
    return next(iter(body["data"].values()))


async def start_house(client: httpx.AsyncClient, token: str) -> str:
    """The house-transfer life event, started as the seller, its situation answered."""
    started = await data(client, START, {"c": HOUSE_EVENT, "p": None}, token)
    assert started["myParty"] == "seller", started
    await save(client, token, started["id"], started["answers"], HOUSE_EVENT_SITUATION)
    return str(started["id"])


async def save(
    client: httpx.AsyncClient,
    token: str,
    application_id: str,
    answers: dict[str, Any],
    situation: dict[str, Any] | None = None,
) -> list[dict[str, str]]:
    saved = await data(client, SAVE, {"id": application_id, "a": answers, "s": situation}, token)
    assert saved["__typename"] == "SavedApplication", saved
    problems: list[dict[str, str]] = saved["problems"]
    return problems


async def read(client: httpx.AsyncClient, token: str, application_id: str) -> dict[str, Any]:
    answers: dict[str, Any] = (await data(client, ANSWERS, {"id": application_id}, token))[
        "answers"
    ]
    return answers


async def raw(client: httpx.AsyncClient, token: str, application_id: str) -> str:
    """Everything a party's client can read of the application, as the raw response text."""
    response = await client.post(
        "/graphql",
        json={"query": EVERYTHING, "variables": {"id": application_id}},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200 and '"errors"' not in response.text, response.text
    return response.text.replace(" ", "")


async def invite(
    client: httpx.AsyncClient,
    token: str,
    application_id: str,
    party: str,
    resident_id: str | None = None,
    mobile: str | None = None,
) -> dict[str, Any]:
    """The invitation (its code as `code`: a union's members must alias their `code` fields
    apart, as the invitation's is a String and an error's an enum), or the error."""
    variables = {"id": application_id, "p": party, "r": resident_id, "m": mobile}
    result: dict[str, Any] = await data(client, INVITE, variables, token)
    if "shareCode" in result:
        result["code"] = result.pop("shareCode")
    return result


async def join(client: httpx.AsyncClient, token: str, code: str) -> dict[str, Any]:
    result: dict[str, Any] = await data(client, JOIN, {"c": code}, token)
    return result


async def confirm(client: httpx.AsyncClient, token: str, application_id: str) -> dict[str, Any]:
    result: dict[str, Any] = await data(client, CONFIRM, {"id": application_id}, token)
    return result


async def wallet(client: httpx.AsyncClient, token: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = await data(client, WALLET, {}, token)
    return found


async def approve_everywhere(client: httpx.AsyncClient, application_id: str) -> None:
    """The window accepts; a reviewer of each department approves its part."""
    clerk = await staff_token(client, "clerk", "window_clerk")
    accepted = (await staff_gql(client, ACCEPT, {"id": application_id}, clerk))["data"][
        "acceptApplication"
    ]
    assert accepted["status"] == "accepted", accepted
    await fees_paid(client, application_id)  # so that the last approval decides it
    for department in sorted({t["departmentCode"] for t in accepted["tasks"]}):
        reviewer = await staff_token(
            client, f"reviewer-{department}", "reviewer", department=department
        )
        for task in (await staff_gql(client, TASKS, token=reviewer))["data"]["reviewQueue"]:
            decided = await staff_gql(client, DECIDE, {"id": task["id"]}, reviewer)
            assert decided["data"]["decideTask"]["status"] == "approved", decided


async def seller_ready(client: httpx.AsyncClient) -> tuple[str, str]:
    """王建国 (demo-1) starts the transfer as the seller, fills and consents for his part."""
    seller = await sign_in(client, "demo-1")
    parent = await start_house(client, seller)
    await consent_to_everything(client, seller, parent)
    assert (await upload(client, seller, parent, "property.co_owner_consent"))[
        "__typename"
    ] == "Application"
    await save(
        client,
        seller,
        parent,
        {**await read(client, seller, parent), "seller_mobile": SELLER_MOBILE},
    )
    return seller, parent


async def buyer_joined(client: httpx.AsyncClient, seller: str, parent: str) -> str:
    """李婷 (demo-2) joins with the share code the seller gave her and does her part."""
    buyer = await sign_in(client, "demo-2")
    invitation = await invite(client, seller, parent, "buyer")
    assert (await join(client, buyer, invitation["code"]))["__typename"] == "Application"
    await consent_to_everything(client, buyer, parent)
    signed = await gql(client, SIGN, {"id": parent, "m": "tax.family_housing_commitment"}, buyer)
    assert signed["data"]["signCommitment"]["__typename"] == "Application", signed
    problems = await save(
        client, buyer, parent, {**await read(client, buyer, parent), **BUYER_PART}
    )
    assert problems == [], problems
    return buyer
