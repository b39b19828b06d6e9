"""Refusals are typed and coded, and every exception is raised fresh: someone else's
application is refused with NOT_FOUND whether it is rated or watched, and raising the same
refusal twice never grows one shared traceback."""

from __future__ import annotations

import asyncio
import dataclasses
import importlib
import json
import pkgutil
import socket
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
import uvicorn
import websockets
from support import gql, sign_in

import backend
from backend.app import create_app
from backend.backoffice import service as backoffice
from backend.ratings import service as ratings
from backend.settings import Settings
from backend.staff import service as staff

START = 'mutation { startApplication(matterCode: "330106-ZJ-004") { ... on Application { id } } }'
RATE = """
mutation($id: ID!) {
  rateApplication(applicationId: $id, score: 4) {
    __typename ... on RatingError { code message { zh en } }
  }
}
"""
WATCH = "subscription($id: ID!) { applicationEvents(id: $id) { kind } }"
ME = "query { me { name } }"


async def test_rating_someone_elses_application_is_a_not_found_rating_error(
    client: httpx.AsyncClient,
) -> None:
    owner, other = await sign_in(client, "demo-1"), await sign_in(client, "demo-3")
    theirs = (await gql(client, START, {}, owner))["data"]["startApplication"]["id"]

    refused = await gql(client, RATE, {"id": theirs}, other)
    missing = await gql(client, RATE, {"id": str(uuid.uuid4())}, other)
    malformed = await gql(client, RATE, {"id": "not-an-id"}, other)

    assert "errors" not in refused, refused
    answers = [r["data"]["rateApplication"] for r in (refused, missing, malformed)]
    assert answers[0]["__typename"] == "RatingError" and answers[0]["code"] == "NOT_FOUND"
    assert answers[0]["message"]["zh"] and answers[0]["message"]["en"]
    assert answers[0] == answers[1] == answers[2]  # nothing tells whether it exists


@asynccontextmanager
async def served(settings: Settings) -> AsyncIterator[str]:
    """The real app on a real loopback socket, served in this test's event loop."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()  # connections wait on the socket until the server accepts them
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), log_level="warning", ws="websockets-sansio")
    )
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        yield f"127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        await serving
        sock.close()


async def receive(ws: websockets.ClientConnection) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(await ws.recv())
    return message


async def test_watching_someone_elses_application_is_a_coded_error_and_the_socket_stays_usable(
    settings: Settings,
) -> None:
    async with served(settings) as host:
        async with httpx.AsyncClient(base_url=f"http://{host}") as http:
            owner, other = await sign_in(http, "demo-1"), await sign_in(http, "demo-3")
            theirs = (await gql(http, START, {}, owner))["data"]["startApplication"]["id"]
        async with websockets.connect(
            f"ws://{host}/graphql",
            subprotocols=[websockets.Subprotocol("graphql-transport-ws")],
        ) as ws:
            init = {"type": "connection_init", "payload": {"Authorization": f"Bearer {other}"}}
            await ws.send(json.dumps(init))
            assert (await receive(ws))["type"] == "connection_ack"

            watch = {"query": WATCH, "variables": {"id": theirs}}
            await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": watch}))
            refused = await receive(ws)
            await ws.send(json.dumps({"id": "2", "type": "subscribe", "payload": {"query": ME}}))
            after = [await receive(ws), await receive(ws)]

    assert refused["type"] == "error" and refused["id"] == "1", refused
    [error] = refused["payload"]
    assert error["extensions"]["code"] == "NOT_FOUND" and error["extensions"]["zh"]
    assert "traceback" not in json.dumps(refused)
    assert [m["type"] for m in after] == ["next", "complete"]
    assert after[0]["payload"]["data"]["me"]["name"]


def raised(make: Any) -> BaseException:
    """The exception a real raise of `make()` leaves behind."""
    try:
        raise make()
    except Exception as error:
        return error


@pytest.mark.parametrize(
    "make",
    [backoffice.not_found, backoffice.conflict, ratings.no_such_application, staff.refused],
)
def test_each_refusal_is_a_fresh_exception_whose_traceback_does_not_grow(make: Any) -> None:
    first, second = raised(make), raised(make)

    assert first is not second
    assert first.__traceback__ is not None and first.__traceback__.tb_next is None
    assert second.__traceback__ is not None and second.__traceback__.tb_next is None


async def test_the_same_not_found_raised_twice_by_the_back_office_is_two_objects(
    client: httpx.AsyncClient,
) -> None:
    clerk = await staff.create(
        "clerk-errors", "窗口", "window_clerk", "330106", None, "correct horse battery staple"
    )
    errors = []
    for _ in range(2):
        with pytest.raises(backoffice.BackofficeProblem) as refused:
            await backoffice.at_window(clerk, str(uuid.uuid4()))
        errors.append(refused.value)

    assert errors[0] is not errors[1]
    assert errors[0].code == errors[1].code == "NOT_FOUND"
    frames = [0, 0]
    for n, error in enumerate(errors):
        tb = error.__traceback__
        while tb is not None:
            frames[n], tb = frames[n] + 1, tb.tb_next
    assert frames[0] == frames[1]  # the second raise did not add to the first's traceback


# Known in files this change does not own; each is to be raised fresh by its owner.
def backend_modules() -> list[Any]:
    names = [
        m.name
        for m in pkgutil.walk_packages(backend.__path__, "backend.")
        if not m.name.startswith(("backend.migrations", "backend.__main__"))
    ]
    return [importlib.import_module(name) for name in names]


def test_no_module_holds_an_exception_instance_or_defines_a_frozen_exception() -> None:
    """A shared instance keeps every raise's traceback; a frozen dataclass exception cannot
    pass through a context manager (contextlib sets its __traceback__)."""
    found = set()
    for module in backend_modules():
        for name, value in vars(module).items():
            where = f"{module.__name__}.{name}"
            if isinstance(value, BaseException):
                found.add(where)
            frozen = (
                isinstance(value, type)
                and issubclass(value, BaseException)
                and value.__module__ == module.__name__
                and dataclasses.is_dataclass(value)
                and value.__dataclass_params__.frozen  # type: ignore[attr-defined]
            )
            if frozen:
                found.add(where)

    assert found == set()
