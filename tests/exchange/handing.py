"""Helpers of the hand-off tests: the ID card reviewed in the police's own system, which the
stand-in registry plays; an application accepted and so handed over; a deliverer with short
waits; a report signed as a department's system signs it."""

from __future__ import annotations

import hashlib
import hmac
import time
import uuid
from typing import Any

import httpx
import orjson
from support import (
    ID_CARD,
    ID_CARD_ANSWERS,
    REGISTRY_TOKEN,
    Registry,
    gql,
    sign_in,
    staff_gql,
    staff_token,
)

from backend.catalog.service import MatterVersion, content_hash
from backend.exchange import service as exchange
from backend.settings import Settings, dev_exchange_secret

POLICE, REGION = "330106-GAJ", "330106"
START = "mutation($c: String!) { startApplication(matterCode: $c) { ... on Application { id } } }"
SAVE = "mutation($id: ID!, $a: JSON!) { saveApplication(id: $id, answers: $a) { __typename } }"
SUBMIT = "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { __typename ... on Application { status } } }"
ACCEPT = "mutation($id: ID!) { acceptApplication(id: $id) { __typename ... on StaffApplication { tasks { id } } } }"
STATUS = "query($id: ID!) { application(id: $id) { status } }"


async def reviewed_in_own_system() -> str:
    """The ID card's published version reviewed in the police's own system; a key id of this
    test's own (the stand-in keeps deliveries by key id and Idempotency-Key)."""
    version = await MatterVersion.filter(matter__code=ID_CARD).order_by("-number").first()
    assert version is not None
    definition = {**version.definition, "review": {"in": "own_system"}}
    await MatterVersion.filter(id=version.id).update(
        definition=definition, content_hash=content_hash(definition)
    )
    return f"gaj-{uuid.uuid4().hex[:8]}"


async def declared(url: str, key_id: str) -> None:
    await exchange.declare_endpoint(POLICE, REGION, url, key_id)


async def accepted_id_card(client: httpx.AsyncClient) -> tuple[str, str, int]:
    """陈浩然's ID card submitted and accepted at the window: (citizen token, id, task id)."""
    citizen = await sign_in(client, "demo-5")
    app = (await gql(client, START, {"c": ID_CARD}, citizen))["data"]["startApplication"]["id"]
    await gql(client, SAVE, {"id": app, "a": ID_CARD_ANSWERS}, citizen)
    body = await gql(client, SUBMIT, {"id": app}, citizen)
    assert body["data"]["submitApplication"]["status"] == "SUBMITTED", body
    clerk = await staff_token(client, f"clerk-{uuid.uuid4().hex[:6]}", "window_clerk")
    accepted = (await staff_gql(client, ACCEPT, {"id": app}, clerk))["data"]["acceptApplication"]
    [task] = accepted["tasks"]
    return citizen, str(app), int(task["id"])


async def handed_over(client: httpx.AsyncClient, registry: Registry) -> tuple[str, str, int, str]:
    """The ID card reviewed in the police's own system (the stand-in's inbox), submitted and
    accepted, so handed over: (citizen token, application id, task id, key id)."""
    key_id = await reviewed_in_own_system()
    await declared(f"{registry.url}/department/inbox", key_id)
    citizen, app, task_id = await accepted_id_card(client)
    return citizen, app, task_id, key_id


async def status_of(client: httpx.AsyncClient, citizen: str, app: str) -> str:
    return str((await gql(client, STATUS, {"id": app}, citizen))["data"]["application"]["status"])


def deliverer(settings: Settings, http: httpx.AsyncClient, **changes: Any) -> exchange.Deliverer:
    options: dict[str, Any] = {
        "timeout_seconds": 2.0,
        "max_attempts": 4,
        "lease_seconds": 10.0,
        "backoff_first": 0.05,
        "backoff_max": 0.2,
        **changes,
    }
    return exchange.Deliverer(http, settings.exchange_secret, **options)


def signed(
    report: dict[str, Any], key_id: str, secret: str | None = None, at: float | None = None
) -> tuple[bytes, dict[str, str]]:
    """The report's body and headers as a department's system signs them (computed here, not
    with the code under test)."""
    body = orjson.dumps(report)
    timestamp = str(int(time.time() if at is None else at))
    key = (secret or dev_exchange_secret(key_id)).encode()
    mac = hmac.new(key, f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    headers = {
        "Content-Type": "application/json",
        "X-ZeroRun-Key-Id": key_id,
        "X-ZeroRun-Timestamp": timestamp,
        "X-ZeroRun-Signature": mac,
    }
    return body, headers


async def received(registry_url: str, key_id: str) -> list[dict[str, Any]]:
    """What the stand-in department system kept of this key id's deliveries (each with the
    number of signed POSTs of it)."""
    async with httpx.AsyncClient() as http:
        answer = await http.get(
            f"{registry_url}/department/deliveries",
            params={"key_id": key_id},
            headers={"Authorization": f"Bearer {REGISTRY_TOKEN}"},
        )
    kept: list[dict[str, Any]] = answer.json()["deliveries"]
    return kept
