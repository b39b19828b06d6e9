"""Structured logs: every line the app writes is one JSON object; a request's lines, the outbox
entry it wrote and the notice sent for that entry all carry the request's id."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import pytest
import uvicorn
import websockets
from support import ID_CARD, ID_CARD_ANSWERS, app_client, free_port, gql, sign_in

from backend.app import create_app
from backend.notifications.models import Outbox
from backend.settings import Settings

START = (
    "mutation Start($c: String!) { startApplication(matterCode: $c) { ... on Application { id } } }"
)
SUBMIT = """mutation Submit($id: ID!, $a: JSON!) {
  submitApplication(input: {applicationId: $id, answers: $a, deliveryMode: "express"}) {
    __typename
  }
}"""
SECONDS = 30.0


def json_lines(text: str) -> list[dict[str, Any]]:
    """Every line of the log, each of which must be a JSON object."""
    lines = [json.loads(line) for line in text.splitlines() if line.strip()]
    assert all(isinstance(line, dict) for line in lines)
    return lines


async def notified(entry_ids: list[int]) -> None:
    deadline = time.monotonic() + SECONDS
    while await Outbox.filter(id__in=entry_ids, notified_at__isnull=True).exists():
        assert time.monotonic() < deadline, f"notices not sent within {SECONDS} s"
        await asyncio.sleep(0.05)


async def test_a_request_its_outbox_entry_and_its_notice_share_the_request_id_in_json_lines(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    async with app_client(settings) as client:
        token = await sign_in(client, "demo-5")
        started = await gql(client, START, {"c": ID_CARD}, token)
        application = started["data"]["startApplication"]["id"]
        response = await client.post(
            "/graphql",
            json={"query": SUBMIT, "variables": {"id": application, "a": ID_CARD_ANSWERS}},
            headers={"Authorization": f"Bearer {token}", "X-Request-Id": "submit-1"},
        )
        entries = await Outbox.filter(request_id="submit-1").values_list("id", "kind")
        await notified([i for i, _ in entries])
    lines = json_lines(capsys.readouterr().err)

    assert response.status_code == 200 and response.headers["X-Request-Id"] == "submit-1"
    assert response.json()["data"]["submitApplication"]["__typename"] == "Application"
    assert entries and {kind for _, kind in entries} >= {"submitted"}
    [access] = [
        x for x in lines if x["logger"] == "zerorun.access" and x.get("request_id") == "submit-1"
    ]
    assert (access["method"], access["path"], access["status"]) == ("POST", "/graphql", 200)
    assert access["client"] == "127.0.0.1" and access["duration_ms"] >= 0
    assert access["timestamp"].endswith("Z") and access["level"] == "info"
    notices = [x for x in lines if x["event"] == "notice logged, not delivered"]
    assert {x["key"] for x in notices if x.get("request_id") == "submit-1"} == {
        f"{settings.cache_prefix}:outbox:{i}" for i, _ in entries
    }
    assert all("text" not in x and "zh" not in x for x in notices)  # the text may be personal
    said = [x for x in lines if x["event"].startswith("no notice gateway configured")]
    assert len(said) == 1 and said[0]["level"] == "warning"


async def test_a_request_without_a_well_formed_id_gets_one_of_its_own(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    async with app_client(settings) as client:
        plain = await client.get("/healthz")
        forged = await client.get("/healthz", headers={"X-Request-Id": "not;well formed"})
    lines = json_lines(capsys.readouterr().err)

    ids = [plain.headers["X-Request-Id"], forged.headers["X-Request-Id"]]
    assert len(set(ids)) == 2 and all(len(i) == 16 for i in ids)
    logged = [x["request_id"] for x in lines if x["logger"] == "zerorun.access"]
    assert logged == ids


async def test_a_websocket_connection_has_one_access_line_with_its_request_id(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    port = free_port()
    config = uvicorn.Config(create_app(settings), port=port, log_config=None, access_log=False)
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    while not server.started:  # uvicorn says when it listens; no clock involved
        assert not serving.done()
        await asyncio.sleep(0.01)
    try:
        async with websockets.connect(
            f"ws://127.0.0.1:{port}/graphql",
            subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
            additional_headers={"X-Request-Id": "ws-1"},
        ) as ws:
            await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
            ack = json.loads(await ws.recv())
    finally:
        server.should_exit = True
        await serving
    lines = json_lines(capsys.readouterr().err)

    assert ack["type"] == "connection_ack"
    [access] = [x for x in lines if x["logger"] == "zerorun.access" and x["path"] == "/graphql"]
    assert (access["method"], access["status"], access["request_id"]) == ("WEBSOCKET", 101, "ws-1")
