"""Acting for others (家人代办): a citizen authorises a relative, who acts in their name within
what the authorisation covers; both ledgers and the audit log show it, the person represented
sees every step done in their name, and revoking it stops the very next action."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import httpx
from PIL import Image
from support import gql, sign_in, upload

from backend.accounts.service import Citizen
from backend.backoffice.models import AuditEntry

MOTHER, DAUGHTER = "demo-4", "demo-7"  # 张秀英 (74) and her daughter 李萍
DAUGHTER_ID = "330106197905160028"
CARD = "330106-ZJ-006"  # the social security card, Xihu District's version

GRANT = """
mutation Grant($rid: String!, $name: String!, $matters: [String!], $until: DateTime!) {
  grantAuthorisation(residentId: $rid, name: $name, matters: $matters, validUntil: $until) {
    __typename
    ... on Authorisation { id basis principalName agentName matters mine inForce }
    ... on ApplicationError { code errors { path code message { zh en } } }
  }
}
"""
REVOKE = """
mutation Revoke($id: ID!) {
  revokeAuthorisation(id: $id) {
    __typename
    ... on Authorisation { id revokedAt inForce }
    ... on ApplicationError { code }
  }
}
"""
ACT_FOR = """
mutation ActFor($id: ID!) {
  actFor(authorisationId: $id) {
    __typename
    ... on Session { token citizen { name actingFor { basis agentName banner { zh en } } } }
    ... on SignInError { code message { zh } }
  }
}
"""
LEDGER = "{ authorisations { id basis principalName agentName matters mine inForce } }"
ME = "{ me { name actingFor { principalName agentName banner { zh } } } }"
IN_MY_NAME = "{ actionsInMyName { applicationId matterName { zh } kind actor at } }"
FOR_OTHERS = "{ actionsForOthers { applicationId kind actor principalName } }"
START = """
mutation Start($code: String!) {
  startApplication(matterCode: $code) {
    __typename ... on Application { id } ... on ApplicationError { code message { zh } }
  }
}
"""
SUBMIT = """
mutation Submit($input: SubmitApplicationInput!) {
  submitApplication(input: $input) {
    __typename
    ... on Application { id status timeline { kind actedBy } }
    ... on ApplicationError { code errors { path code } }
  }
}
"""
MINE = "{ myApplications { edges { node { id } } } }"
CARD_SITUATION = {"card_for": "self"}
CARD_ANSWERS = {
    "ssc_bank": "icbc",
    "delivery_recipient": "张秀英",
    "delivery_mobile": "13605710004",
    "delivery_address": "浙江省杭州市西湖区翠苑一区 12 幢 1 单元 301 室",
}


def in_days(days: int) -> str:
    return (dt.datetime.now(dt.UTC) + dt.timedelta(days=days)).isoformat()


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 80), "white").save(out, "JPEG")
    return out.getvalue()


async def grant(
    client: httpx.AsyncClient, token: str, matters: list[str] | None = None, **changes: Any
) -> dict[str, Any]:
    variables = {
        "rid": DAUGHTER_ID,
        "name": "李萍",
        "matters": matters,
        "until": in_days(30),
        **changes,
    }
    result: dict[str, Any] = (await gql(client, GRANT, variables, token))["data"][
        "grantAuthorisation"
    ]
    return result


async def act_for(client: httpx.AsyncClient, token: str, authorisation: str) -> dict[str, Any]:
    result: dict[str, Any] = (await gql(client, ACT_FOR, {"id": authorisation}, token))["data"][
        "actFor"
    ]
    return result


async def file_the_card(client: httpx.AsyncClient, token: str) -> tuple[str, dict[str, Any]]:
    """The social security card for oneself: the photo uploaded, the form, submitted."""
    app = (await gql(client, START, {"code": CARD}, token))["data"]["startApplication"]["id"]
    uploaded = await upload(client, token, app, "portrait_photo", photo(), "me.jpg")
    assert uploaded["__typename"] == "Application", uploaded
    variables = {
        "input": {"applicationId": app, "answers": CARD_ANSWERS, "situation": CARD_SITUATION}
    }
    submitted: dict[str, Any] = (await gql(client, SUBMIT, variables, token))["data"][
        "submitApplication"
    ]
    return str(app), submitted


async def test_a_daughter_authorised_by_her_mother_files_her_card_until_the_mother_revokes(
    client: httpx.AsyncClient,
) -> None:
    mother, daughter = await sign_in(client, MOTHER), await sign_in(client, DAUGHTER)

    granted = await grant(client, mother, [CARD])
    assert granted == {
        "__typename": "Authorisation",
        "id": granted["id"],
        "basis": "authorisation",
        "principalName": "张秀英",
        "agentName": "李*",
        "matters": [CARD],
        "mine": True,
        "inForce": True,
    }
    [seen] = (await gql(client, LEDGER, token=daughter))["data"]["authorisations"]
    assert (seen["principalName"], seen["agentName"], seen["mine"]) == ("张**", "李萍", False)

    session = await act_for(client, daughter, granted["id"])
    acting = session["token"]
    assert session["citizen"]["name"] == "张秀英"
    assert session["citizen"]["actingFor"]["banner"] == {
        "zh": "您正在为 张秀英 代办",
        "en": "You are acting for 张秀英",
    }
    me = (await gql(client, ME, token=acting))["data"]["me"]
    assert me["actingFor"] == {
        "principalName": "张秀英",
        "agentName": "李萍",
        "banner": {"zh": "您正在为 张秀英 代办"},
    }

    other = (await gql(client, START, {"code": "330106-ZJ-002"}, acting))["data"]
    assert other["startApplication"]["code"] == "NOT_AUTHORISED"
    app, submitted = await file_the_card(client, acting)
    assert submitted["status"] == "SUBMITTED", submitted
    assert {e["actedBy"] for e in submitted["timeline"]} == {"李* 代办"}

    steps = (await gql(client, IN_MY_NAME, token=mother))["data"]["actionsInMyName"]
    assert {s["kind"] for s in steps} >= {"started", "submitted"}
    assert {(s["applicationId"], s["matterName"]["zh"], s["actor"]) for s in steps} == {
        (app, "社会保障卡申领", "李* 代办")
    }
    done = (await gql(client, FOR_OTHERS, token=daughter))["data"]["actionsForOthers"]
    assert {(d["applicationId"], d["principalName"]) for d in done} == {(app, "张**")}

    revoked = (await gql(client, REVOKE, {"id": granted["id"]}, mother))["data"]
    assert revoked["revokeAuthorisation"]["inForce"] is False
    refused = await gql(client, MINE, token=acting)
    assert refused["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert (await gql(client, ME, token=acting))["data"]["me"] is None
    again = await act_for(client, daughter, granted["id"])
    assert (again["__typename"], again["code"]) == ("SignInError", "NOT_AUTHORISED")

    [ledger] = (await gql(client, LEDGER, token=mother))["data"]["authorisations"]
    assert (ledger["inForce"], ledger["mine"]) == (False, True)
    audit = await AuditEntry.filter(action__startswith="representation.").order_by("id")
    assert [e.action for e in audit] == [
        "representation.granted",
        "representation.acting",
        "representation.revoked",
    ]
    mother_row = await Citizen.get(id_number="330106195209180229")
    daughter_row = await Citizen.get(id_number=DAUGHTER_ID)
    assert {e.subject for e in audit} == {f"citizen:{mother_row.id}"}
    assert [e.actor for e in audit] == [
        f"citizen:{i}" for i in (mother_row.id, daughter_row.id, mother_row.id)
    ]
