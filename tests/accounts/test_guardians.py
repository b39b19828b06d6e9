"""Guardians of minors act by right once the household register shows the child registered
with them: until the child turns 18, for every matter; a relation it does not show needs the
material, reviewed in the matter itself."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
from support import ID_CARD, Registry, gql, sign_in

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
    assert "出生医学证明" in refused["message"]["zh"]


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
