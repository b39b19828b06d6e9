"""Guardians of minors act by right once the household register shows the child registered
with them: until the child turns 18, for every matter; a relation it does not show is shown by
a material the guardian uploads, granted or refused by a window clerk of their county."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from typing import Any

import httpx
from support import ID_CARD, PDF, PNG, Registry, gql, sign_in, staff_gql, staff_token

from backend.backoffice.models import AuditEntry

MOTHER, SON = "demo-8", "demo-5"  # 林慧 and 陈浩然 (16), registered in one household
SON_ID = "330106201006080031"
CLAIM = """
mutation Claim($rid: String!, $name: String!) {
  claimGuardianship(residentId: $rid, name: $name) {
    __typename
    ... on Authorisation { id basis principalName agentName matters validUntil mine inForce }
    ... on ApplicationError { code message { zh } errors { path code } }
  }
}
"""
ACT_FOR = "mutation($id: ID!) { actFor(authorisationId: $id) { __typename ... on Session { token citizen { name } } } }"
REVOKE = "mutation($id: ID!) { revokeAuthorisation(id: $id) { __typename ... on Authorisation { inForce } ... on ApplicationError { code } } }"
START = "mutation($c: String!) { startApplication(matterCode: $c) { __typename ... on Application { id timeline { actedBy } } } }"
IN_MY_NAME = "{ actionsInMyName { applicationId kind actor } }"


async def claim(
    client: httpx.AsyncClient, token: str, rid: str = SON_ID, name: str = "陈浩然"
) -> dict[str, Any]:
    result: dict[str, Any] = (await gql(client, CLAIM, {"rid": rid, "name": name}, token))["data"][
        "claimGuardianship"
    ]
    return result


async def test_a_mother_the_household_register_shows_acts_for_her_son_until_he_turns_18(
    client: httpx.AsyncClient,
) -> None:
    mother = await sign_in(client, MOTHER)

    claimed = await claim(client, mother)
    until = dt.datetime.fromisoformat(claimed.pop("validUntil"))
    assert until == dt.datetime(2028, 6, 8, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert claimed == {
        "__typename": "Authorisation",
        "id": claimed["id"],
        "basis": "guardian",
        "principalName": "陈**",
        "agentName": "林慧",
        "matters": None,
        "mine": False,
        "inForce": True,
    }
    assert (await claim(client, mother))["id"] == claimed["id"]  # claiming again makes no second

    acting = (await gql(client, ACT_FOR, {"id": claimed["id"]}, mother))["data"]["actFor"]
    assert acting["citizen"]["name"] == "陈浩然"
    started = (await gql(client, START, {"c": ID_CARD}, acting["token"]))["data"]
    assert started["startApplication"]["timeline"] == [{"actedBy": "林* 代办"}]

    son = await sign_in(client, SON)  # the account the claim registered is his
    steps = (await gql(client, IN_MY_NAME, token=son))["data"]["actionsInMyName"]
    assert steps == [
        {"applicationId": started["startApplication"]["id"], "kind": "started", "actor": "林* 代办"}
    ]
    refused = (await gql(client, REVOKE, {"id": claimed["id"]}, son))["data"]
    assert refused["revokeAuthorisation"] == {
        "__typename": "ApplicationError",
        "code": "NOT_AUTHORISED",
    }
    given_up = (await gql(client, REVOKE, {"id": claimed["id"]}, mother))["data"]
    assert given_up["revokeAuthorisation"]["inForce"] is False


async def test_a_relation_the_household_register_does_not_show_needs_the_material(
    client: httpx.AsyncClient,
) -> None:
    stranger = await sign_in(client, "demo-7")  # 李萍: 陈浩然 is not registered with her

    refused = await claim(client, stranger)

    assert refused["code"] == "NEEDS_MATERIAL"
    assert "上传出生医学证明" in refused["message"]["zh"]


async def test_an_adult_or_a_malformed_resident_id_is_refused_with_its_field(
    client: httpx.AsyncClient,
) -> None:
    mother = await sign_in(client, MOTHER)

    adult = await claim(client, mother, "330106196803120311", "王建国")
    malformed = await claim(client, mother, "33010620100608003X", "")

    assert (adult["code"], adult["errors"]) == (
        "INVALID_INPUT",
        [{"path": "/residentId", "code": "NOT_A_MINOR"}],
    )
    assert [(e["path"], e["code"]) for e in malformed["errors"]] == [
        ("/residentId", "INVALID_RESIDENT_ID"),
        ("/name", "INVALID_LENGTH"),
    ]


async def test_a_household_register_that_does_not_answer_says_so_and_grants_nothing(
    client: httpx.AsyncClient, registry: Registry
) -> None:
    mother = await sign_in(client, MOTHER)
    registry.set(fail="error")

    refused = await claim(client, mother)

    assert refused["code"] == "NEEDS_MATERIAL"
    assert "暂时查询不到" in refused["message"]["zh"]
    registry.set(fail="none")
    assert (await claim(client, mother))["basis"] == "guardian"  # tried again, it answers


BY_MATERIAL = """
mutation($rid: String!, $name: String!, $file: Upload!) {
  claimGuardianshipByMaterial(residentId: $rid, name: $name, file: $file) {
    __typename
    ... on GuardianshipClaim { id childName childResidentId filename status reason }
    ... on ApplicationError { code errors { path code } }
  }
}
"""
MY_CLAIMS = "{ guardianshipClaims { id status reason } }"
TO_REVIEW = "{ guardianshipClaims { id guardianName guardianResidentId childName childResidentId contentType status } }"
MATERIAL = "{ guardianshipClaims { id material } }"
DECIDE = """
mutation($id: ID!, $grant: Boolean!, $reason: String) {
  decideGuardianshipClaim(id: $id, grant: $grant, reason: $reason) {
    __typename
    ... on StaffGuardianshipClaim { status reason decidedBy }
    ... on GuardianshipError { code errors { path code } }
  }
}
"""
AUTHORISATIONS = "{ authorisations { id basis principalName inForce } }"


async def by_material(
    client: httpx.AsyncClient,
    token: str,
    content: bytes = PDF,
    rid: str = SON_ID,
    name: str = "陈浩然",
) -> dict[str, Any]:
    operations = {"query": BY_MATERIAL, "variables": {"rid": rid, "name": name, "file": None}}
    response = await client.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": ("出生医学证明.pdf", content, "application/octet-stream")},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()["data"]["claimGuardianshipByMaterial"]
    return result


async def test_a_relation_shown_by_a_material_is_granted_by_the_window_of_her_county(
    client: httpx.AsyncClient,
) -> None:
    aunt = await sign_in(client, "demo-7")  # 李萍: the register does not list 陈浩然 with her
    clerk = await staff_token(client, "clerk", "window_clerk")
    elsewhere = await staff_token(client, "far-clerk", "window_clerk", "330102")

    claimed = await by_material(client, aunt)
    assert claimed == {
        "__typename": "GuardianshipClaim",
        "id": claimed["id"],
        "childName": "陈浩然",
        "childResidentId": "330106********0031",
        "filename": "出生医学证明.pdf",
        "status": "pending",
        "reason": None,
    }
    assert (await gql(client, AUTHORISATIONS, token=aunt))["data"]["authorisations"] == []

    assert (await staff_gql(client, TO_REVIEW, token=elsewhere))["data"]["guardianshipClaims"] == []
    [listed] = (await staff_gql(client, TO_REVIEW, token=clerk))["data"]["guardianshipClaims"]
    assert (listed["guardianName"], listed["childResidentId"], listed["contentType"]) == (
        "李萍",
        SON_ID,
        "application/pdf",
    )
    [shown] = (await staff_gql(client, MATERIAL, token=clerk))["data"]["guardianshipClaims"]
    assert shown["material"].startswith("data:application/pdf;base64,")
    assert (
        await AuditEntry.filter(action="guardianship.claims_read", actor="staff:clerk").count() == 2
    )
    assert (
        await AuditEntry.filter(action="guardianship.material_read", actor="staff:clerk").count()
        == 1
    )

    far = await staff_gql(client, DECIDE, {"id": listed["id"], "grant": True}, elsewhere)
    assert far["data"]["decideGuardianshipClaim"]["code"] == "NOT_FOUND"
    granted = await staff_gql(client, DECIDE, {"id": listed["id"], "grant": True}, clerk)
    assert granted["data"]["decideGuardianshipClaim"] == {
        "__typename": "StaffGuardianshipClaim",
        "status": "granted",
        "reason": None,
        "decidedBy": "clerk",
    }
    again = await staff_gql(
        client, DECIDE, {"id": listed["id"], "grant": False, "reason": "x"}, clerk
    )
    assert again["data"]["decideGuardianshipClaim"]["code"] == "CONFLICT"

    [ward] = (await gql(client, AUTHORISATIONS, token=aunt))["data"]["authorisations"]
    assert (ward["basis"], ward["principalName"], ward["inForce"]) == ("guardian", "陈**", True)
    acting = (await gql(client, ACT_FOR, {"id": ward["id"]}, aunt))["data"]["actFor"]
    assert acting["citizen"]["name"] == "陈浩然"
    [mine] = (await gql(client, MY_CLAIMS, token=aunt))["data"]["guardianshipClaims"]
    assert mine["status"] == "granted"


async def test_a_refusal_needs_a_reason_the_guardian_reads_and_two_clerks_decide_once(
    client: httpx.AsyncClient,
) -> None:
    aunt = await sign_in(client, "demo-7")
    clerks = [await staff_token(client, f"clerk-{n}", "window_clerk") for n in (1, 2)]
    claim_id = (await by_material(client, aunt, PNG))["id"]

    bare = await staff_gql(client, DECIDE, {"id": claim_id, "grant": False}, clerks[0])
    assert bare["data"]["decideGuardianshipClaim"]["errors"] == [
        {"path": "/reason", "code": "required"}
    ]
    reason = "出生医学证明上的母亲姓名与申请人不一致"
    both = await asyncio.gather(
        *(
            staff_gql(client, DECIDE, {"id": claim_id, "grant": False, "reason": reason}, c)
            for c in clerks
        )
    )
    results = sorted(b["data"]["decideGuardianshipClaim"]["__typename"] for b in both)
    assert results == ["GuardianshipError", "StaffGuardianshipClaim"]
    assert (await gql(client, MY_CLAIMS, token=aunt))["data"]["guardianshipClaims"] == [
        {"id": claim_id, "status": "refused", "reason": reason}
    ]
    assert (await gql(client, AUTHORISATIONS, token=aunt))["data"]["authorisations"] == []
    assert await AuditEntry.filter(action="guardianship.decided").count() == 1


async def test_a_material_that_is_not_a_document_or_an_adult_child_is_refused_with_its_field(
    client: httpx.AsyncClient,
) -> None:
    aunt = await sign_in(client, "demo-7")
    reviewer = await staff_token(client, "land", "reviewer", department="330106-GTJ")

    text = await by_material(client, aunt, "我是他的监护人".encode())
    adult = await by_material(client, aunt, rid="330106196803120311", name="王建国")

    assert (text["code"], text["errors"]) == (
        "INVALID_INPUT",
        [{"path": "/file", "code": "type_not_allowed"}],
    )
    assert adult["errors"] == [{"path": "/residentId", "code": "NOT_A_MINOR"}]
    assert (await gql(client, MY_CLAIMS, token=aunt))["data"]["guardianshipClaims"] == []
    forbidden = await staff_gql(client, TO_REVIEW, token=reviewer)
    assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN_ROLE"
