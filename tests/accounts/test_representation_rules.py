"""The rules around authorisations: every input problem at once with its field, nothing granted
or revoked from a session acting for someone, another person's authorisation reads as missing,
and an authorisation that expires ends its sessions like a revoked one."""

from __future__ import annotations

import datetime as dt

import httpx
from support import gql, sign_in
from test_representation import ACT_FOR, GRANT, LEDGER, MINE, REVOKE, act_for, grant, in_days

from backend.accounts.service import Representation

CLAIM = 'mutation { claimGuardianship(residentId: "330106201006080031", name: "陈浩然") { __typename ... on ApplicationError { code } } }'
IN_MY_NAME = "{ actionsInMyName { kind } }"


async def test_every_problem_of_a_grant_is_named_at_once_under_its_field(
    client: httpx.AsyncClient,
) -> None:
    mother = await sign_in(client, "demo-4")
    variables = {
        "rid": "330106195209180220",  # a wrong check digit
        "name": "",
        "matters": ["330106-ZJ-006", "NOPE-1"],
        "until": in_days(400),
    }

    refused = (await gql(client, GRANT, variables, mother))["data"]["grantAuthorisation"]
    too_many = await grant(client, mother, [f"X-{i}" for i in range(21)])
    none = await grant(client, mother, [])

    assert refused["code"] == "INVALID_INPUT"
    assert [(e["path"], e["code"]) for e in refused["errors"]] == [
        ("/residentId", "INVALID_RESIDENT_ID"),
        ("/name", "INVALID_LENGTH"),
        ("/validUntil", "OUT_OF_RANGE"),
        ("/matters/1", "UNKNOWN_MATTER"),
    ]
    assert [(e["path"], e["code"]) for e in too_many["errors"]] == [("/matters", "TOO_MANY")]
    assert [(e["path"], e["code"]) for e in none["errors"]] == [("/matters", "EMPTY")]
    assert (await gql(client, LEDGER, token=mother))["data"]["authorisations"] == []


async def test_a_resident_id_with_another_persons_name_is_refused(
    client: httpx.AsyncClient,
) -> None:
    mother = await sign_in(client, "demo-4")
    await sign_in(client, "demo-7")  # 李萍 is known by her resident ID now

    refused = await grant(client, mother, name="李平")

    assert [(e["path"], e["code"]) for e in refused["errors"]] == [("/name", "NAME_MISMATCH")]


async def test_a_session_acting_for_someone_grants_revokes_and_claims_nothing(
    client: httpx.AsyncClient,
) -> None:
    mother, daughter = await sign_in(client, "demo-4"), await sign_in(client, "demo-7")
    granted = await grant(client, mother)  # every matter
    acting = (await act_for(client, daughter, granted["id"]))["token"]

    onward = await grant(client, acting)
    revoked = (await gql(client, REVOKE, {"id": granted["id"]}, acting))["data"]
    again = await act_for(client, acting, granted["id"])
    claimed = (await gql(client, CLAIM, token=acting))["data"]["claimGuardianship"]

    assert onward["code"] == revoked["revokeAuthorisation"]["code"] == "NOT_AUTHORISED"
    assert (again["__typename"], again["code"]) == ("SignInError", "NOT_AUTHORISED")
    assert claimed["code"] == "NOT_AUTHORISED"
    [only] = (await gql(client, LEDGER, token=acting))["data"]["authorisations"]
    assert only["id"] == granted["id"]
    assert (await gql(client, IN_MY_NAME, token=acting))["data"]["actionsInMyName"] == []


async def test_someone_elses_authorisation_reads_as_missing(client: httpx.AsyncClient) -> None:
    mother, stranger = await sign_in(client, "demo-4"), await sign_in(client, "demo-1")
    granted = await grant(client, mother)

    revoked = (await gql(client, REVOKE, {"id": granted["id"]}, stranger))["data"]
    acted = (await gql(client, ACT_FOR, {"id": granted["id"]}, stranger))["data"]["actFor"]
    nonsense = (await gql(client, REVOKE, {"id": "99999999999999999999"}, mother))["data"]

    assert revoked["revokeAuthorisation"]["code"] == "NOT_FOUND"
    assert acted["code"] == "NOT_FOUND"
    assert nonsense["revokeAuthorisation"]["code"] == "NOT_FOUND"


async def test_an_authorisation_that_expires_ends_the_sessions_acting_under_it(
    client: httpx.AsyncClient,
) -> None:
    mother, daughter = await sign_in(client, "demo-4"), await sign_in(client, "demo-7")
    granted = await grant(client, mother)
    acting = (await act_for(client, daughter, granted["id"]))["token"]
    assert "errors" not in await gql(client, MINE, token=acting)

    past = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    await Representation.filter(id=int(granted["id"])).update(valid_until=past)

    assert (await gql(client, MINE, token=acting))["errors"][0]["extensions"]["code"] == (
        "UNAUTHENTICATED"
    )
    assert (await act_for(client, daughter, granted["id"]))["code"] == "NOT_AUTHORISED"


async def test_someone_who_never_signed_in_finds_the_authorisation_on_signing_in(
    client: httpx.AsyncClient,
) -> None:
    mother = await sign_in(client, "demo-4")
    granted = await grant(client, mother)  # 李萍 has never signed in

    daughter = await sign_in(client, "demo-7")

    [found] = (await gql(client, LEDGER, token=daughter))["data"]["authorisations"]
    assert (found["id"], found["agentName"], found["mine"]) == (granted["id"], "李萍", False)


async def test_a_citizen_grants_at_most_twenty_authorisations_in_force(
    client: httpx.AsyncClient,
) -> None:
    mother = await sign_in(client, "demo-4")
    granted = [await grant(client, mother) for _ in range(20)]  # the same person, twenty times

    refused = await grant(client, mother)
    await gql(client, REVOKE, {"id": granted[0]["id"]}, mother)
    again = await grant(client, mother)

    assert {g["__typename"] for g in granted} == {"Authorisation"}
    assert [(e["path"], e["code"]) for e in refused["errors"]] == [("/residentId", "TOO_MANY")]
    assert again["__typename"] == "Authorisation"
