"""The GraphQL operations the web clients send, read from their .graphql files as the clients
read them (each operation followed by the fragments it spreads, from fragments.graphql), and
replayed against the app with a statement counter: `Replay.run("mini_program/Home", ...)`."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx
from graphql import ExecutableDefinitionNode, FragmentDefinitionNode, parse
from starlette.applications import Starlette
from support import QueryCount, app_client, gql

from backend.settings import ROOT, Settings

# Each client: where its .graphql files are, and the endpoint it sends them to.
CLIENTS = {
    "configurator": (ROOT / "configurator" / "src", "/staff/graphql"),
    "mini_program": (ROOT / "mini_program_stub" / "src", "/graphql"),
    # the workbench's walk-in filing, sent with the walk-in's citizen token (workbench/desk)
    "workbench_citizen": (ROOT / "configurator" / "citizen", "/graphql"),
    "staff": (Path(__file__).parent / "staff_operations", "/staff/graphql"),
}
SPREAD = re.compile(r"\.\.\.\s*(\w+)")


def definitions(path: Path) -> dict[str, str]:
    """The file's definitions by name, each exactly as written."""
    source = path.read_text(encoding="utf-8")
    found: dict[str, str] = {}
    for node in parse(source).definitions:
        assert isinstance(node, ExecutableDefinitionNode) and node.name and node.loc, path
        assert (path.name == "fragments.graphql") == isinstance(node, FragmentDefinitionNode), (
            f"{path}: fragments live in fragments.graphql, operations elsewhere"
        )
        found[node.name.value] = source[node.loc.start : node.loc.end]
    return found


def with_fragments(operation: str, fragments: dict[str, str]) -> str:
    """The operation and every fragment it spreads, directly or through another, once each."""
    needed: list[str] = []

    def visit(text: str) -> None:
        for name in SPREAD.findall(text):
            if name != "on" and name not in needed:
                needed.append(name)
                visit(fragments[name])

    visit(operation)
    return "\n\n".join([operation, *(fragments[name] for name in needed)])


def documents() -> dict[str, str]:
    """Every operation of every client, keyed "client/OperationName", as the client sends it."""
    found: dict[str, str] = {}
    for client, (folder, _) in CLIENTS.items():
        files = sorted(folder.rglob("*.graphql"))
        fragments = {
            k: v for p in files if p.name == "fragments.graphql" for k, v in definitions(p).items()
        }
        for path in files:
            if path.name != "fragments.graphql":
                for name, text in definitions(path).items():
                    assert f"{client}/{name}" not in found, f"{path}: {name} twice"
                    found[f"{client}/{name}"] = with_fragments(text, fragments)
    return found


DOCUMENTS = documents()


def refused(data: dict[str, Any]) -> list[Any]:
    """The results of a mutation that are one of its error types."""
    return [
        v
        for v in data.values()
        if isinstance(v, dict) and v.get("__typename", "").endswith("Error")
    ]


@dataclass
class Replay:
    """Sends the clients' operations and keeps, for each, the statements it cost the first time
    on a cold worker."""

    client: httpx.AsyncClient
    app: Starlette
    counts: dict[str, int] = field(default_factory=dict)

    async def run(
        self, key: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        """Operation `key` measured: its data; a top-level error or an error result fails."""
        return await self._measured(key, lambda: self.send(key, variables, token))

    async def send(
        self, key: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        """Operation `key` again, not measured."""
        body = await gql(
            self.client, DOCUMENTS[key], variables, token, CLIENTS[key.split("/")[0]][1]
        )
        assert "errors" not in body and not refused(body["data"]), (key, body)
        data: dict[str, Any] = body["data"]
        return data

    async def upload(
        self, key: str, variables: dict[str, Any], file: str, content: bytes, token: str
    ) -> dict[str, Any]:
        """A GraphQL multipart request, as the mini-program sends a file: `file` of `variables`."""

        async def send() -> dict[str, Any]:
            operations = {"query": DOCUMENTS[key], "variables": {**variables, file: None}}
            response = await self.client.post(
                CLIENTS[key.split("/")[0]][1],
                data={
                    "operations": json.dumps(operations),
                    "map": json.dumps({"0": [f"variables.{file}"]}),
                },
                files={"0": ("scan.pdf", content, "application/pdf")},
                headers={"Authorization": f"Bearer {token}"},
            )
            body = response.json()
            assert "errors" not in body and not refused(body["data"]), (key, body)
            data: dict[str, Any] = body["data"]
            return data

        return await self._measured(key, send)

    async def _measured(
        self, key: str, send: Callable[[], Awaitable[dict[str, Any]]]
    ) -> dict[str, Any]:
        assert key not in self.counts, f"{key} is measured once; send it again with send()"
        # measured on a worker that keeps nothing of the catalog: what it kept would depend on
        # how long the test has run (the kept rows' age) and on Redis answering in time
        self.app.state.services.forget_catalog()
        with QueryCount() as q:
            data = await send()
        self.counts[key] = q.count
        return data

    @asynccontextmanager
    async def subscription(
        self, key: str, variables: dict[str, Any], token: str
    ) -> AsyncIterator[Callable[[], Awaitable[dict[str, Any]]]]:
        """Operation `key` subscribed over graphql-transport-ws, measured until it listens on the
        bus; yields the function that awaits its next event."""
        bus = self.app.state.services.bus
        before = listeners(bus)
        with QueryCount() as q:  # the connection's task is counted: it starts inside
            socket = Socket(self.app, CLIENTS[key.split("/")[0]][1])
            await socket.open({"Authorization": f"Bearer {token}"})
            await socket.send(
                {
                    "id": "1",
                    "type": "subscribe",
                    "payload": {"query": DOCUMENTS[key], "variables": variables},
                }
            )
            async with asyncio.timeout(60):  # a guard against a hang, not a measurement
                while listeners(bus) == before:
                    assert socket.outgoing.empty(), socket.outgoing.get_nowait()  # refused
                    await asyncio.sleep(0.01)
        self.counts[key] = q.count

        async def next_event() -> dict[str, Any]:
            async with asyncio.timeout(60):
                message = await socket.receive()
            assert message["type"] == "next", message
            data: dict[str, Any] = message["payload"]["data"]
            return data

        try:
            yield next_event
        finally:
            await socket.close()


@asynccontextmanager
async def replaying(settings: Settings) -> AsyncIterator[Replay]:
    """The app, through its lifespan, and a Replay of it. Without Redis: on a busy machine a
    Redis answer later than its timeout marks Redis lost, then back, and each time the worker
    forgets the catalog rows it keeps, possibly in the middle of a measured operation, which
    then reads a row twice. Redis changes no statement of an operation, only when they run."""
    app = app_client(replace(settings, redis_url=None))
    async with app as client:
        yield Replay(client, app.app)


def listeners(bus: Any) -> int:
    """How many subscriptions this worker's bus delivers to."""
    local = getattr(bus, "local", bus)  # RedisBus hands messages to its LocalBus
    return sum(len(queues) for queues in local._queues.values())


class Socket:
    """A graphql-transport-ws connection to the app in this event loop, over ASGI."""

    def __init__(self, app: Starlette, path: str) -> None:
        self.incoming: asyncio.Queue[dict[str, Any]] = asyncio.Queue()  # to the app
        self.outgoing: asyncio.Queue[dict[str, Any]] = asyncio.Queue()  # from the app
        scope = {
            "type": "websocket",
            "asgi": {"version": "3.0"},
            "scheme": "ws",
            "http_version": "1.1",
            "path": path,
            "raw_path": path.encode(),
            "root_path": "",
            "query_string": b"",
            "headers": [
                (b"host", b"testserver"),
                (b"sec-websocket-protocol", b"graphql-transport-ws"),
            ],
            "client": ("127.0.0.1", 50000),
            "server": ("testserver", 80),
            "subprotocols": ["graphql-transport-ws"],
        }
        self.task = asyncio.create_task(app(scope, self.incoming.get, self.outgoing.put))

    async def open(self, payload: dict[str, str]) -> None:
        await self.incoming.put({"type": "websocket.connect"})
        accepted = await self.outgoing.get()
        assert accepted["type"] == "websocket.accept", accepted
        await self.send({"type": "connection_init", "payload": payload})
        assert (await self.receive())["type"] == "connection_ack"

    async def send(self, message: dict[str, Any]) -> None:
        await self.incoming.put({"type": "websocket.receive", "text": json.dumps(message)})

    async def receive(self) -> dict[str, Any]:
        frame = await self.outgoing.get()
        assert frame["type"] == "websocket.send", frame
        message: dict[str, Any] = json.loads(frame["text"])
        return message

    async def close(self) -> None:
        await self.incoming.put({"type": "websocket.disconnect", "code": 1000})
        async with asyncio.timeout(30):
            await self.task
