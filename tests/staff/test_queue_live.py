"""The window's queue live (windowQueueChanged over graphql-transport-ws on /staff/graphql): a
clerk hears each application that comes into their county's queue or leaves it; another
county's clerk hears nothing of it; only window clerks subscribe; the stream ends with the
session. From another worker, news comes through Redis when there is one, and by each worker
reading the queue itself when there is none or it is lost."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import uvicorn
import websockets
from private_redis import PrivateRedis
from support import (
    ID_CARD,
    ID_CARD_ANSWERS,
    STAFF_PASSWORD,
    STAFF_SIGN_IN,
    Registry,
    free_port,
    gql,
    running,
    sign_in,
    staff_gql,
    staff_token,
)

from backend.app import create_app
from backend.backoffice import live_queue
from backend.settings import ROOT, Settings

WATCH = "subscription { windowQueueChanged { applicationId status } }"
START = "mutation($c: String!) { startApplication(matterCode: $c) { ... on Application { id } } }"
SAVE = "mutation($id: ID!, $a: JSON!) { saveApplication(id: $id, answers: $a) { __typename } }"
SUBMIT = "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { __typename ... on Application { status } } }"
ACCEPT = "mutation($id: ID!) { acceptApplication(id: $id) { __typename } }"
SIGN_OUT = "mutation { signOut }"
WAIT = 15.0  # seconds: without Redis the queue is read every two; with it, every thirty


@contextlib.asynccontextmanager
async def served(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The app under uvicorn on a loopback port, in this event loop; a client of it."""
    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    while not server.started:
        if serving.done():
            serving.result()
        await asyncio.sleep(0.01)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            yield client
    finally:
        server.should_exit = True
        await serving


@contextlib.asynccontextmanager
async def subscribed(
    client: httpx.AsyncClient, token: str | None
) -> AsyncIterator[websockets.ClientConnection]:
    url = str(client.base_url).replace("http://", "ws://") + "/staff/graphql"
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as ws:  # type: ignore[list-item]
        payload = {"Authorization": f"Bearer {token}"} if token else {}
        await ws.send(json.dumps({"type": "connection_init", "payload": payload}))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": WATCH}}))
        yield ws


async def watching(ws: websockets.ClientConnection) -> None:
    """Until the stream's first message: the queue is read, every change after it is news."""
    first = await message(ws)
    assert first["payload"]["data"]["windowQueueChanged"] == {
        "applicationId": None,
        "status": "watching",
    }, first


async def message(ws: websockets.ClientConnection, wait: float = WAIT) -> Any:
    return json.loads(await asyncio.wait_for(ws.recv(), wait))


async def submitted_id_card(client: httpx.AsyncClient) -> str:
    citizen = await sign_in(client, "demo-5")
    app = (await gql(client, START, {"c": ID_CARD}, citizen))["data"]["startApplication"]["id"]
    await gql(client, SAVE, {"id": app, "a": ID_CARD_ANSWERS}, citizen)
    body = await gql(client, SUBMIT, {"id": app}, citizen)
    assert body["data"]["submitApplication"]["status"] == "SUBMITTED", body
    return str(app)


async def test_the_clerk_hears_an_application_come_in_and_leave_and_another_county_hears_nothing(
    settings: Settings, registry: Registry
) -> None:
    async with served(settings) as client:
        clerk = await staff_token(client, "clerk-l1", "window_clerk")
        other = await staff_token(client, "clerk-l2", "window_clerk", region="330102")
        async with subscribed(client, clerk) as mine, subscribed(client, other) as theirs:
            await watching(mine)
            await watching(theirs)
            app = await submitted_id_card(client)

            came = await message(mine)
            assert came == {
                "id": "1",
                "type": "next",
                "payload": {
                    "data": {"windowQueueChanged": {"applicationId": app, "status": "submitted"}}
                },
            }
            accepted = await staff_gql(client, ACCEPT, {"id": app}, clerk)
            assert accepted["data"]["acceptApplication"]["__typename"] == "StaffApplication"
            left = await message(mine)
            assert left["payload"]["data"]["windowQueueChanged"] == {
                "applicationId": app,
                "status": "accepted",
            }
            try:
                heard = await message(theirs, 5.0)
            except TimeoutError:
                heard = None
            assert heard is None, "another county's application is not theirs to hear of"


async def test_only_a_signed_in_window_clerk_may_subscribe(
    settings: Settings, registry: Registry
) -> None:
    async with served(settings) as client:
        reviewer = await staff_token(client, "review-l1", "reviewer", department="330106-GAJ")
        citizen = await sign_in(client, "demo-5")
        for token, code in (
            (reviewer, "FORBIDDEN_ROLE"),
            (None, "UNAUTHENTICATED"),
            (citizen, "UNAUTHENTICATED"),
        ):
            async with subscribed(client, token) as ws:
                refused = await message(ws)
                assert refused["type"] == "error", refused
                assert refused["payload"][0]["extensions"]["code"] == code


async def test_the_stream_ends_once_the_clerk_signs_out(
    settings: Settings, registry: Registry
) -> None:
    async with served(settings) as client:
        clerk = await staff_token(client, "clerk-l3", "window_clerk")
        async with subscribed(client, clerk) as ws:
            await watching(ws)
            assert (await staff_gql(client, SIGN_OUT, token=clerk))["data"] == {"signOut": True}
            await submitted_id_card(client)

            ended = await message(ws)

            assert ended == {"id": "1", "type": "complete"}


@contextlib.contextmanager
def server(env: dict[str, str]) -> Any:
    """`zerorun serve` in a process of its own (a worker as deployed); its base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "backend", "serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    with running(proc):
        yield f"http://127.0.0.1:{port}"


@contextlib.asynccontextmanager
async def two_workers(
    templates: dict[str, str], tmp_path: Path, redis_url: str
) -> AsyncIterator[tuple[httpx.AsyncClient, httpx.AsyncClient, str]]:
    """Two `zerorun serve` workers on one database (and on `redis_url`'s Redis, or none when
    it is empty): a client of each, and the token of a window clerk of Xihu signed in."""
    database = tmp_path / "live.sqlite3"
    shutil.copyfile(templates["sqlite"], database)
    env = {
        **os.environ,
        "ZERORUN_ENV": "development",
        "DATABASE_URL": f"sqlite://{database}",
        "REDIS_URL": redis_url,
        "ZERORUN_FILES_DIR": str(tmp_path / "files"),
        "ZERORUN_CACHE_PREFIX": f"queue-{tmp_path.name}",
    }
    created = subprocess.run(
        [
            sys.executable,
            "-m",
            "backend",
            "staff",
            "create",
            "clerk-l4",
            "--name",
            "clerk-l4",
            "--role",
            "window_clerk",
            "--region",
            "330106",
        ],  # as an administrator creates one
        input=STAFF_PASSWORD + "\n",
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert created.returncode == 0, created.stderr
    with server(env) as one, server(env) as other:
        async with (
            httpx.AsyncClient(base_url=one) as first,
            httpx.AsyncClient(base_url=other) as second,
        ):
            body = await staff_gql(first, STAFF_SIGN_IN, {"u": "clerk-l4", "p": STAFF_PASSWORD})
            yield first, second, str(body["data"]["signIn"]["token"])


async def test_without_redis_a_submission_on_one_worker_reaches_the_clerk_on_another(
    templates: dict[str, str], tmp_path: Path, registry_server: str
) -> None:
    async with two_workers(templates, tmp_path, "") as (first, second, clerk):
        async with subscribed(first, clerk) as ws:
            await watching(ws)
            app = await submitted_id_card(second)

            came = await message(ws)

        assert came["payload"]["data"]["windowQueueChanged"] == {
            "applicationId": app,
            "status": "submitted",
        }


async def test_with_redis_a_submission_on_one_worker_wakes_the_clerk_on_another_through_it(
    templates: dict[str, str], tmp_path: Path, registry_server: str, private_redis: PrivateRedis
) -> None:
    async with two_workers(templates, tmp_path, private_redis.url) as (first, second, clerk):
        async with subscribed(first, clerk) as ws:
            await watching(ws)
            app = await submitted_id_card(second)

            # Sooner than the worker reads its queue for itself with Redis (QUIET_SECONDS): the
            # other worker's dispatcher announced it on the county's channel.
            came = await message(ws, live_queue.QUIET_SECONDS / 2)

        assert came["payload"]["data"]["windowQueueChanged"] == {
            "applicationId": app,
            "status": "submitted",
        }


async def test_with_redis_killed_the_clerk_still_hears_another_worker_by_reading_the_queue(
    templates: dict[str, str], tmp_path: Path, registry_server: str, private_redis: PrivateRedis
) -> None:
    async with two_workers(templates, tmp_path, private_redis.url) as (first, second, clerk):
        async with subscribed(first, clerk) as ws:
            await watching(ws)
            private_redis.kill()
            app = await submitted_id_card(second)

            came = await message(ws)

        assert came["payload"]["data"]["windowQueueChanged"] == {
            "applicationId": app,
            "status": "submitted",
        }
