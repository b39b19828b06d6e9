"""A citizen watches their application live (graphql-transport-ws over WebSocket); with Redis
an event made by one server process reaches a subscriber connected to another."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Iterator
from contextlib import ExitStack, asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets
from support import (
    BUYER_KEYS,
    CONFIRM,
    HOUSE_EVENT,
    HOUSE_EVENT_ANSWERS,
    HOUSE_EVENT_SITUATION,
    INVITE,
    JOIN,
    PDF,
    REDIS_URL,
    SIGN,
    STAFF_PASSWORD,
    START_EVENT,
    consent_to_everything,
    free_port,
    gql,
    running,
    sign_in,
    staff_gql,
    upload,
)
from support import SAVE as SAVE_EVENT
from support import SUBMIT as SUBMIT_EVENT

from backend.settings import ROOT

START = 'mutation { startApplication(matterCode: "330106-ZJ-002") { ... on Application { id } } }'
SIGN_IN = 'mutation { signIn(provider: "development", credential: "demo-1") { ... on Session { token } } }'
UPLOAD = "mutation($id: ID!, $m: String!, $f: Upload!) { uploadMaterial(applicationId: $id, materialId: $m, file: $f) { __typename } }"
WATCH = "subscription($id: ID!) { applicationEvents(id: $id) { kind message { zh } } }"


def serve(stack: ExitStack, env: dict[str, str]) -> str:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "backend", "serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    stack.enter_context(running(proc))
    return f"127.0.0.1:{port}"


@pytest.fixture
def servers(templates: dict[str, str], tmp_path: Path, registry_server: str) -> Iterator[list[str]]:
    """Server processes on one database and, when configured, one Redis."""
    database = tmp_path / "live.sqlite3"
    shutil.copyfile(templates["sqlite"], database)
    env = {
        **os.environ,
        "ZERORUN_ENV": "development",
        "DATABASE_URL": f"sqlite://{database}",
        "ZERORUN_FILES_DIR": str(tmp_path / "files"),
        "ZERORUN_CACHE_PREFIX": f"live-{tmp_path.name}",
    }
    staff = {
        "clerk": ("window_clerk", None),
        "admin": ("county_admin", None),
        "housing": ("reviewer", "330106-ZJJ"),
        "land": ("reviewer", "330106-GTJ"),
        "tax": ("reviewer", "330106-SWJ"),
    }
    for username, (role, department) in staff.items():  # as an administrator creates them
        extra = ["--department", department] if department else []
        command = [
            sys.executable,
            "-m",
            "backend",
            "staff",
            "create",
            username,
            "--name",
            username,
            "--role",
            role,
            "--region",
            "330106",
            *extra,
        ]
        created = subprocess.run(
            command,
            input=STAFF_PASSWORD + "\n",
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert created.returncode == 0, created.stderr
    with ExitStack() as stack:
        # Two processes share one outbox; without Redis each would publish on its own local
        # bus, which is not a deployment we support, so then only one runs.
        yield [serve(stack, env) for _ in range(2 if REDIS_URL else 1)]


def post(
    client: httpx.Client,
    path: str,
    query: str,
    variables: dict[str, Any] | None = None,
    token: str | None = None,
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    body: dict[str, Any] = client.post(
        path, json={"query": query, "variables": variables or {}}, headers=headers
    ).json()
    return body


@asynccontextmanager
async def subscribed(
    host: str, token: str, application_id: str
) -> AsyncIterator[AsyncIterator[str]]:
    """A graphql-transport-ws subscription to the application's steps, as the mini-program opens it."""
    async with websockets.connect(
        f"ws://{host}/graphql", subprotocols=["graphql-transport-ws"]
    ) as ws:  # type: ignore[list-item]
        await ws.send(
            json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}})
        )
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        subscribe = {"query": WATCH, "variables": {"id": application_id}}
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": subscribe}))

        async def kinds() -> AsyncIterator[str]:
            while True:
                message = json.loads(await ws.recv())
                assert message["type"] == "next", message
                yield message["payload"]["data"]["applicationEvents"]["kind"]

        yield kinds()


async def watch(
    host: str,
    token: str,
    application_id: str,
    expected: int,
    ready: asyncio.Event,
    done: asyncio.Event,
) -> list[str]:
    seen: list[str] = []  # "started" may arrive too: the outbox publishes it a moment later
    async with subscribed(host, token, application_id) as kinds:
        ready.set()
        async for kind in kinds:
            seen.append(kind)
            if seen.count("uploaded") == expected:
                break
    done.set()
    return seen


async def act(
    host: str, token: str, application_id: str, ready: asyncio.Event, done: asyncio.Event
) -> int:
    """Uploads from the phone, one after another, until the watcher has seen three: the
    subscription may still be registering when the first is published (at most 20 uploads)."""
    await ready.wait()
    materials = ("sale_contract", "deed_tax_receipt", "spouse_consent")
    async with httpx.AsyncClient(base_url=f"http://{host}", timeout=30) as client:
        for n in range(20):
            if done.is_set():
                return n
            ops = {
                "query": UPLOAD,
                "variables": {"id": application_id, "m": materials[n % 3], "f": None},
            }
            response = await client.post(
                "/graphql",
                data={"operations": json.dumps(ops), "map": json.dumps({"0": ["variables.f"]})},
                files={"0": ("scan.pdf", PDF, "application/pdf")},
                headers={"Authorization": f"Bearer {token}"},
            )
            response.raise_for_status()
            with contextlib.suppress(
                TimeoutError
            ):  # give the step its moment to arrive before the next
                await asyncio.wait_for(done.wait(), 1)
    return 20


@pytest.mark.parametrize("across", [False, True], ids=["same process", "across processes"])
async def test_the_citizen_receives_every_step_live(servers: list[str], across: bool) -> None:
    if across and not REDIS_URL:
        pytest.skip(
            "needs REDIS_URL: without Redis, events stay in their process (CI always sets it)"
        )
    watcher, actor = servers[0], servers[1] if across else servers[0]
    with httpx.Client(base_url=f"http://{actor}", timeout=30) as client:
        token = post(client, "/graphql", SIGN_IN)["data"]["signIn"]["token"]
        application_id = post(client, "/graphql", START, token=token)["data"]["startApplication"][
            "id"
        ]
    ready, done = asyncio.Event(), asyncio.Event()

    kinds, uploads = await asyncio.wait_for(
        asyncio.gather(
            watch(watcher, token, application_id, 3, ready, done),
            act(actor, token, application_id, ready, done),
        ),
        timeout=90,
    )

    assert [k for k in kinds if k != "started"] == ["uploaded", "uploaded", "uploaded"]
    assert uploads <= 4  # at most the first step was missed while subscribing


STAFF_SIGN_IN = "mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { ... on StaffSession { token } } }"
JOURNEY = [
    "uploaded",
    "commitment_signed",
    "submitted",
    "correction_requested",
    "accepted",
    "fees_paid",
    "task_approved",
    "completed",
    "rated",
    "follow_up_opened",
    "follow_up_called_back",
    "follow_up_rectified",
    "re_rated",
]


async def staff_journey(
    host: str,
    citizen: str,
    parent: str,
    ready: asyncio.Event,
    heard: asyncio.Event,
    done: asyncio.Event,
) -> None:
    """Through the other process: the citizen finishes and submits; the window accepts; the
    three departments approve in parallel."""
    await ready.wait()
    async with httpx.AsyncClient(base_url=f"http://{host}", timeout=30) as client:
        await gql(client, SAVE_EVENT, {"id": parent, "a": {}, "s": HOUSE_EVENT_SITUATION}, citizen)
        await consent_to_everything(client, citizen, parent)
        for _ in range(10):  # until the subscriber hears an upload: it may still be registering
            await upload(client, citizen, parent, "property.co_owner_consent")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(heard.wait(), 1)
                break
        seller = {k: v for k, v in HOUSE_EVENT_ANSWERS.items() if k.startswith("seller_")}
        await gql(
            client, SAVE_EVENT, {"id": parent, "a": seller, "s": HOUSE_EVENT_SITUATION}, citizen
        )
        buyer = await sign_in(client, "demo-2")  # the buyer does her own part and confirms
        invited = await gql(client, INVITE, {"id": parent}, citizen)
        await gql(client, JOIN, {"c": invited["data"]["inviteParty"]["shareCode"]}, buyer)
        await consent_to_everything(client, buyer, parent)
        await gql(client, SIGN, {"id": parent, "m": "tax.family_housing_commitment"}, buyer)
        mine = {k: HOUSE_EVENT_ANSWERS[k] for k in BUYER_KEYS}
        await gql(client, SAVE_EVENT, {"id": parent, "a": mine, "s": HOUSE_EVENT_SITUATION}, buyer)
        await gql(client, CONFIRM, {"id": parent}, buyer)
        assert (await gql(client, SUBMIT_EVENT, {"id": parent}, citizen))["data"][
            "submitApplication"
        ]["status"] == "SUBMITTED"
        tokens = {}
        for username in ("clerk", "housing", "land", "tax", "admin"):
            body = await staff_gql(client, STAFF_SIGN_IN, {"u": username, "p": STAFF_PASSWORD})
            tokens[username] = body["data"]["signIn"]["token"]
        correction = 'mutation($id: ID!) { requestCorrection(id: $id, items: [{path: "/answers/seller_mobile", reason: "号码无法接通"}]) { __typename } }'
        await expect(
            staff_gql(client, correction, {"id": parent}, tokens["clerk"]), "StaffApplication"
        )
        answers = (
            await gql(
                client,
                "query($id: ID!) { application(id: $id) { answers } }",
                {"id": parent},
                citizen,
            )
        )["data"]["application"]["answers"]
        resubmit = "mutation($id: ID!, $a: JSON) { submitApplication(input: {applicationId: $id, answers: $a}) { __typename } }"
        await expect(
            gql(
                client,
                resubmit,
                {"id": parent, "a": {**answers, "seller_mobile": "13805719999"}},
                citizen,
            ),
            "Application",
        )
        accept = "mutation($id: ID!) { acceptApplication(id: $id) { __typename } }"
        await expect(staff_gql(client, accept, {"id": parent}, tokens["clerk"]), "StaffApplication")
        paid = "mutation($id: ID!) { recordWindowPayment(id: $id) { __typename } }"
        await expect(staff_gql(client, paid, {"id": parent}, tokens["clerk"]), "StaffApplication")
        for reviewer in ("housing", "land", "tax"):
            [task] = (await staff_gql(client, "{ reviewQueue { id } }", token=tokens[reviewer]))[
                "data"
            ]["reviewQueue"]
            decide = 'mutation($id: ID!) { decideTask(taskId: $id, approve: true, opinion: "同意") { __typename } }'
            await expect(
                staff_gql(client, decide, {"id": task["id"]}, tokens[reviewer]), "ReviewTask"
            )
        wallet = (await gql(client, "{ myWallet { type issuedByZerorun } }", {}, buyer))["data"][
            "myWallet"
        ]
        assert {"type": "real_estate_certificate", "issuedByZerorun": True} in wallet
        rate = 'mutation($id: ID!) { rateApplication(applicationId: $id, score: 2, comment: "补正来回一次") { __typename } }'
        assert (await gql(client, rate, {"id": parent}, citizen))["data"]["rateApplication"][
            "__typename"
        ] == "Rating"
        [follow_up] = (
            await staff_gql(client, "{ followUpsInState { id } }", token=tokens["admin"])
        )["data"]["followUpsInState"]
        call = 'mutation($id: ID!) { recordFollowUpCallback(id: $id, method: PHONE, note: "已致电") { __typename } }'
        rectify = 'mutation($id: ID!) { recordFollowUpRectification(id: $id, rectification: "已改进") { __typename } }'
        for step in (call, rectify):
            await expect(
                staff_gql(client, step, {"id": follow_up["id"]}, tokens["admin"]), "FollowUp"
            )
        re_rate = (
            "mutation($id: ID!) { reRateApplication(applicationId: $id, score: 4) { __typename } }"
        )
        await expect(gql(client, re_rate, {"id": parent}, citizen), "FollowUp")
    await done.wait()


async def expect(answer: Awaitable[dict[str, Any]], typename: str) -> None:
    """A step of the journey succeeded: its only field is of the success type (an error result
    or a GraphQL error fails the test at the step that went wrong, with the answer)."""
    body = await answer
    [result] = (body.get("data") or {None: None}).values()
    assert (result or {}).get("__typename") == typename, body


async def watch_until_completed(
    host: str,
    token: str,
    parent: str,
    ready: asyncio.Event,
    heard: asyncio.Event,
    done: asyncio.Event,
) -> list[str]:
    seen: list[str] = []
    async with subscribed(host, token, parent) as kinds:
        ready.set()
        async for kind in kinds:
            seen.append(kind)
            if kind == "uploaded":
                heard.set()
            if kind == "re_rated":  # the 追评 closes the follow-up: the journey's last step
                break
    done.set()
    return seen


async def test_a_subscriber_on_one_process_sees_the_whole_journey_made_through_another(
    servers: list[str], tmp_path: Path
) -> None:
    if len(servers) < 2:
        pytest.skip("needs REDIS_URL: two processes share events through Redis (CI always sets it)")
    watcher, actor = servers
    async with httpx.AsyncClient(base_url=f"http://{actor}", timeout=30) as client:
        citizen = await sign_in(client, "demo-1")
        parent = (await gql(client, START_EVENT, {"c": HOUSE_EVENT}, citizen))["data"][
            "startLifeEvent"
        ]["id"]
    ready, heard, done = asyncio.Event(), asyncio.Event(), asyncio.Event()

    kinds, _ = await asyncio.wait_for(
        asyncio.gather(
            watch_until_completed(watcher, citizen, parent, ready, heard, done),
            staff_journey(actor, citizen, parent, ready, heard, done),
        ),
        timeout=120,
    )

    firsts = [kinds.index(k) for k in JOURNEY]  # every kind of step arrived, in the journey's order
    assert firsts == sorted(firsts), kinds
    assert kinds.count("task_approved") == 3 and kinds.count("completed") == 4
    # the life event and its three departments, before and after the correction
    assert kinds.count("submitted") == 8
    audit = (
        sqlite3.connect(tmp_path / "live.sqlite3")
        .execute("SELECT action FROM audit_entry WHERE subject_id = ? ORDER BY id", (parent,))
        .fetchall()
    )
    assert [a for (a,) in audit] == [
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
        "rated",
        "follow_up_opened",
        "follow_up_called_back",
        "follow_up_rectified",
        "re_rated",
    ]
