"""A citizen's session lives in the database: signing out ends it at once on every worker, an
expired one is refused and swept away, a token names a random session id under a key id, and
rotating the signing key signs nobody out."""

from __future__ import annotations

import dataclasses
import datetime as dt

import httpx
from support import QueryCount, Registry, app_client, gql, sign_in

from backend.accounts.models import Citizen, CitizenSession
from backend.accounts.service import (
    Sessions,
    citizen_by_id_number,
    key_id,
    purge_expired_sessions,
)
from backend.settings import Settings

ME = "{ me { name } }"
SIGN_OUT = "mutation { signOut }"
OLD_KEY = "the-key-we-used-until-today-0123456789"
NEW_KEY = "the-key-we-sign-with-from-today-0123456789"


async def test_signing_out_ends_the_session_at_once_on_every_worker(
    settings: Settings, registry: Registry
) -> None:
    async with app_client(settings) as one, app_client(settings) as other:
        token = await sign_in(one, "demo-1")
        before = await gql(other, ME, token=token)
        signed_out = await gql(one, SIGN_OUT, token=token)
        after_here = await gql(one, ME, token=token)
        after_there = await gql(other, ME, token=token)
        again = await gql(other, SIGN_OUT, token=token)

    assert before["data"]["me"]["name"]
    assert signed_out["data"]["signOut"] is True
    assert after_here["data"]["me"] is None and after_there["data"]["me"] is None
    assert again["data"]["signOut"] is False


async def test_signing_out_ends_only_the_session_it_names(client: httpx.AsyncClient) -> None:
    phone = await sign_in(client, "demo-1")
    tablet = await sign_in(client, "demo-1")

    await gql(client, SIGN_OUT, token=phone)

    assert (await gql(client, ME, token=tablet))["data"]["me"]["name"]
    assert (await gql(client, ME, token=phone))["data"]["me"] is None


async def test_a_signed_in_request_reads_its_session_and_citizen_in_one_statement(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-1")

    with QueryCount() as q:
        answer = await gql(client, ME, token=token)

    assert answer["data"]["me"]["name"]
    assert q.count == 1, q.statements


async def test_an_expired_session_is_refused_and_the_sweep_deletes_it(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    expired = await sign_in(client, "demo-1")
    current = await sign_in(client, "demo-2")
    sessions = Sessions(settings)
    [old] = await CitizenSession.filter(citizen__subject="demo-1")
    await CitizenSession.filter(id=old.id).update(
        expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    )

    refused = await sessions.citizen(expired)
    purged = await purge_expired_sessions()

    assert refused is None
    assert purged == 1
    assert await CitizenSession.filter(id=old.id).count() == 0
    assert await sessions.citizen(current) is not None


async def test_a_token_names_a_random_session_under_the_key_id_and_no_citizen_number(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    first = await sign_in(client, "demo-1")
    second = await sign_in(client, "demo-1")
    citizen = await Citizen.get(subject="demo-1")

    kid, session, _signature = first.split(".")
    sessions = {s.id.hex for s in await CitizenSession.filter(citizen=citizen)}
    assert kid == key_id(settings.secret_key)
    assert session in sessions and second.split(".")[1] in sessions
    assert session != second.split(".")[1]
    assert str(citizen.id) not in first.split(".")[:2]


async def test_a_forged_token_names_nobody_however_often_it_is_tried(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    token = await sign_in(client, "demo-1")
    sessions = Sessions(settings)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    assert [await sessions.citizen(forged) for _ in range(2)] == [None, None]
    assert [await sessions.citizen(t) for t in ("", ".", "..", "x.y.z")] == [None] * 4
    assert (await sessions.citizen(token)) is not None


async def test_a_token_signed_under_the_previous_key_still_works_after_rotation(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    await sign_in(client, "demo-1")
    citizen = await Citizen.get(subject="demo-1")
    before = Sessions(dataclasses.replace(settings, secret_key=OLD_KEY))
    after = Sessions(
        dataclasses.replace(settings, secret_key=NEW_KEY, previous_secret_keys=(OLD_KEY,))
    )
    stranger = Sessions(
        dataclasses.replace(settings, secret_key="a-key-nobody-configured-0123456789")
    )
    old_token = await before.issue(citizen)
    new_token = await after.issue(citizen)

    assert old_token.split(".")[0] == key_id(OLD_KEY)
    assert new_token.split(".")[0] == key_id(NEW_KEY)
    assert (await after.citizen(old_token)) is not None
    assert (await after.citizen(new_token)) is not None
    assert (await after.citizen(await stranger.issue(citizen))) is None
    assert (await before.citizen(new_token)) is None  # the old key alone knows no new token


async def test_a_citizen_registered_by_resident_id_keeps_their_account_when_signing_in(
    settings: Settings, registry: Registry
) -> None:
    """A walk-in (or a minor a guardian registered) who signs in later: the same account."""
    async with app_client(settings) as c:
        first = await citizen_by_id_number("330106196803120311", "王建国", {})
        await sign_in(c, "demo-1")
        signed_in = await Citizen.get(provider="development", subject="demo-1")
        placeholders = await Citizen.filter(provider="resident_id").count()

    assert signed_in.id == first.id
    assert signed_in.id_number == "330106196803120311"
    assert placeholders == 0
