"""A session token is checked once per worker and trusted only until it expires."""

from __future__ import annotations

import asyncio
import dataclasses

import httpx
from support import sign_in

from backend.accounts.models import Citizen
from backend.accounts.service import Sessions
from backend.settings import Settings


async def test_a_token_accepted_before_is_refused_once_it_has_expired(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    await sign_in(client, "demo-1")
    citizen = await Citizen.get(subject="demo-1")
    sessions = Sessions(dataclasses.replace(settings, session_ttl_seconds=1))
    token = sessions.issue(citizen)
    first = await sessions.citizen(token)
    await asyncio.sleep(2.1)  # the token's timestamp counts whole seconds
    later = await sessions.citizen(token)

    assert first is not None and first.id == citizen.id
    assert later is None


async def test_a_forged_token_names_nobody_however_often_it_is_tried(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    await sign_in(client, "demo-1")
    sessions = Sessions(settings)
    token = sessions.issue(await Citizen.get(subject="demo-1"))
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    assert [await sessions.citizen(forged) for _ in range(2)] == [None, None]
    assert (await sessions.citizen(token)) is not None
