"""A citizen watches their application live (graphql-transport-ws over WebSocket); with Redis
an event made by one server process reaches a subscriber connected to another."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets
from support import PDF, REDIS_URL, STAFF_PASSWORD

from backend.settings import ROOT

START = 'mutation { startApplication(matterCode: "330106-ZJ-002") { ... on Application { id } } }'
SIGN_IN = 'mutation { signIn(provider: "development", credential: "demo-1") { ... on Session { token } } }'
UPLOAD = "mutation($id: ID!, $m: String!, $f: Upload!) { uploadMaterial(applicationId: $id, materialId: $m, file: $f) { __typename } }"
WATCH = "subscription($id: ID!) { applicationEvents(id: $id) { kind message { zh } } }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(stack: ExitStack, env: dict[str, str]) -> str:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "backend", "serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    for line in proc.stderr:  # wait for the server to say so, not for a clock
        if "Application startup complete" in line:
            break
    stack.callback(lambda: (proc.terminate(), proc.communicate(timeout=30)))
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
    created = subprocess.run(
        [
            sys.executable,
            "-m",
            "backend",
            "staff",
            "create",
            "clerk",
            "--name",
            "窗口",
            "--role",
            "window_clerk",
            "--region",
            "330106",
        ],
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


async def watch(
    host: str,
    token: str,
    application_id: str,
    expected: int,
    ready: asyncio.Event,
    done: asyncio.Event,
) -> list[str]:
    async with websockets.connect(
        f"ws://{host}/graphql", subprotocols=["graphql-transport-ws"]
    ) as ws:  # type: ignore[list-item]
        await ws.send(
            json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}})
        )
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        await ws.send(
            json.dumps(
                {
                    "id": "1",
                    "type": "subscribe",
                    "payload": {"query": WATCH, "variables": {"id": application_id}},
                }
            )
        )
        ready.set()
        kinds: list[str] = []  # "started" may arrive too: the outbox publishes it a moment later
        while kinds.count("uploaded") < expected:
            message = json.loads(await ws.recv())
            assert message["type"] == "next", message
            kinds.append(message["payload"]["data"]["applicationEvents"]["kind"])
        done.set()
        return kinds


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
