"""Subscriptions as the clients in the field receive them: graphql-ws's own client (Apollo,
urql, Relay and GraphiQL use it) in Node, against the app served by uvicorn on loopback. It
accepts only text frames; a binary one makes it close the connection with 4004."""

from __future__ import annotations

import asyncio
import contextlib
import json
import shutil
from asyncio.subprocess import Process
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import uvicorn
import websockets
from support import free_port, gql, sign_in

from backend.app import create_app
from backend.settings import ROOT, Settings

CLIENT = ROOT / "tests" / "api" / "graphql_ws_subscribe.cjs"
NODE_MODULES = ROOT / "mini_program_stub" / "node_modules"
MATTER = "330106-ZJ-007"  # its neighbours' consent may be a signed commitment
START = "mutation($c: String!) { startApplication(matterCode: $c) { ... on Application { id } } }"
SIGN = 'mutation($id: ID!) { signCommitment(applicationId: $id, materialId: "neighbour_consent") { __typename } }'
WATCH = "subscription Watch($id: ID!) { applicationEvents(id: $id) { kind message { zh en } } }"


@contextlib.asynccontextmanager
async def served(settings: Settings) -> AsyncIterator[str]:
    """The app under uvicorn on a loopback port, in this event loop; its host:port."""
    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    while not server.started:  # uvicorn says when it listens; no clock involved
        if serving.done():
            serving.result()  # it failed to start: raise why
        await asyncio.sleep(0.01)
    try:
        yield f"127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await serving


@pytest.fixture
def node() -> str:
    found = shutil.which("node")
    missing = [n for n, ok in (("node", found), ("graphql-ws", NODE_MODULES.is_dir())) if not ok]
    assert not missing, f"missing {missing}: run scripts/test (it runs npm ci in mini_program_stub)"
    assert found is not None
    return found


async def subscribe_in_node(node: str, host: str, token: str, application: str) -> Process:
    return await asyncio.create_subprocess_exec(
        node,
        str(CLIENT),
        f"ws://{host}/graphql",
        token,
        WATCH,
        json.dumps({"id": application}),
        "commitment_signed",
        stdout=asyncio.subprocess.PIPE,
        env={"NODE_PATH": str(NODE_MODULES)},
    )


async def test_the_graphql_ws_client_receives_a_step_of_the_citizens_application(
    settings: Settings, node: str
) -> None:
    received: list[dict[str, Any]] = []
    heard = asyncio.Event()

    async def listen(subscriber: Process) -> None:
        assert subscriber.stdout is not None
        while line := await subscriber.stdout.readline():
            received.append(json.loads(line))
            heard.set()

    async with (
        served(settings) as host,
        httpx.AsyncClient(base_url=f"http://{host}", timeout=30) as client,
    ):
        token = await sign_in(client, "demo-1")
        started = await gql(client, START, {"c": MATTER}, token)
        application = started["data"]["startApplication"]["id"]
        subscriber = await subscribe_in_node(node, host, token, application)
        listening = asyncio.create_task(listen(subscriber))
        await asyncio.wait_for(heard.wait(), 30)
        assert received[0] == {"connected": True}, received  # binary frames: closed with 4004
        # Sign until the subscriber hears it: the subscription may still be registering when
        # the first is published (at most ten).
        for _ in range(10):
            signed = await gql(client, SIGN, {"id": application}, token)
            assert signed["data"]["signCommitment"]["__typename"] == "Application"
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(subscriber.wait()), 1)
                break
        exit_code = await asyncio.wait_for(subscriber.wait(), 30)
        await listening

    steps = [m["data"]["applicationEvents"] for m in received if "data" in m]
    assert exit_code == 0, received
    assert steps[-1]["kind"] == "commitment_signed"
    assert steps[-1]["message"]["zh"].startswith("已签署告知承诺")


async def test_a_subscription_message_nested_too_deep_closes_the_connection_with_4400(
    settings: Settings,
) -> None:
    deep = "[" * 5000 + "]" * 5000
    async with (
        served(settings) as host,
        websockets.connect(f"ws://{host}/graphql", subprotocols=["graphql-transport-ws"]) as ws,  # type: ignore[list-item]
    ):
        await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        await ws.send(
            '{"id": "1", "type": "subscribe", "payload": {"query": "", "variables": {"v": '
            + deep
            + "}}}"
        )
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await ws.recv()

    assert closed.value.rcvd is not None
    assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (4400, "TOO_DEEP")


async def test_a_live_subscription_sends_no_step_once_its_citizen_has_signed_out(
    settings: Settings,
) -> None:
    async with (
        served(settings) as host,
        httpx.AsyncClient(base_url=f"http://{host}", timeout=30) as client,
    ):
        token = await sign_in(client, "demo-1")
        started = await gql(client, START, {"c": MATTER}, token)
        application = started["data"]["startApplication"]["id"]
        async with websockets.connect(
            f"ws://{host}/graphql",
            subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
        ) as ws:
            await ws.send(
                json.dumps(
                    {"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}}
                )
            )
            assert json.loads(await ws.recv())["type"] == "connection_ack"
            payload = {"query": WATCH, "variables": {"id": application}}
            await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
            first = None
            for _ in range(10):  # the subscription may still be registering (see above)
                await gql(client, SIGN, {"id": application}, token)
                with contextlib.suppress(TimeoutError):
                    first = json.loads(await asyncio.wait_for(ws.recv(), 1))
                    break
            signed_out = await gql(client, "mutation { signOut }", {}, token)
            await gql(client, SIGN, {"id": application}, await sign_in(client, "demo-1"))
            after = json.loads(await asyncio.wait_for(ws.recv(), 30))

    assert first is not None and first["type"] == "next"
    assert signed_out["data"]["signOut"] is True
    assert after == {"id": "1", "type": "complete"}  # not the step signed after signing out
