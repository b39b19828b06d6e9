"""The outbox: each step is published once, and its notice retried until the gateway takes it."""

from __future__ import annotations

import socket
import threading
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from backend import db
from backend.accounts.models import Citizen
from backend.applications.models import Outbox
from backend.infra.bus import LocalBus
from backend.notifications.service import (
    Dispatcher,
    Gateway,
    MiniProgramNotifier,
    SmsNotifier,
    channel,
)
from backend.settings import Settings


class StandInGateway:
    """A stand-in for the SMS / subscription-message gateway, served on loopback: it answers
    503 to the first `failures` requests, then accepts and keeps what it received."""

    def __init__(self, failures: int) -> None:
        self.failures, self.received = failures, []

    async def handle(self, request: Request) -> JSONResponse:
        if request.headers.get("authorization") != "Bearer gw-token":
            return JSONResponse({"error": "token"}, status_code=401)
        if self.failures:
            self.failures -= 1
            return JSONResponse({"error": "busy"}, status_code=503)
        self.received.append(await request.json())
        return JSONResponse({"ok": True})


@pytest.fixture
def gateway() -> Iterator[tuple[StandInGateway, str]]:
    gw = StandInGateway(failures=2)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(
        uvicorn.Config(
            Starlette(routes=[Route("/notify", gw.handle, methods=["POST"])]),
            lifespan="off",
            ws="none",
            log_level="warning",
        )
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    yield gw, f"http://127.0.0.1:{sock.getsockname()[1]}/notify"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture
async def connected(settings: Settings) -> AsyncIterator[None]:
    await db.init(settings)
    yield
    await db.close()


async def entry_for(citizen: Citizen) -> Outbox:
    return await Outbox.create(
        application_id="0190a8f2-0000-7000-8000-000000000001",
        citizen_id=citizen.id,
        kind="accepted",
        payload={
            "application_id": "x",
            "kind": "accepted",
            "zh": "已受理",
            "en": "Accepted",
            "at": "2026-11-22T10:00:00+08:00",
        },
    )


async def a_citizen() -> Citizen:
    return await Citizen.create(
        provider="development", subject="demo-1", name="王建国", profile={"mobile": "13805710001"}
    )


async def test_each_entry_is_published_once_and_a_subscription_message_sent_after_retries(
    connected: None, gateway: tuple[StandInGateway, str]
) -> None:
    gw, url = gateway
    entry = await entry_for(await a_citizen())
    bus = LocalBus()
    async with httpx.AsyncClient() as http:
        dispatcher = Dispatcher(bus, MiniProgramNotifier(Gateway(url, "gw-token", http)), "test")
        async with bus.subscribe(channel("test", str(entry.application_id))) as messages:
            assert await dispatcher.publish_pending() == 1
            assert await dispatcher.publish_pending() == 0  # never twice
            assert b"accepted" in await anext(aiter(messages))
        sent = []
        for _ in range(3):  # the gateway fails twice; each retry is due at once for the test
            await Outbox.filter(id=entry.id).update(next_attempt_at=None)
            sent.append(await dispatcher.notify_due())

    await entry.refresh_from_db()
    assert sent == [0, 0, 1]
    assert (entry.attempts, entry.notified_at is not None) == (3, True)
    [message] = gw.received
    assert (message["touser"], message["data"]["thing1"]["value"]) == (
        "development:demo-1",
        "已受理",
    )


async def test_an_sms_goes_to_the_verified_mobile_number(
    connected: None, gateway: tuple[StandInGateway, str]
) -> None:
    gw, url = gateway
    gw.failures = 0
    await entry_for(await a_citizen())
    async with httpx.AsyncClient() as http:
        dispatcher = Dispatcher(LocalBus(), SmsNotifier(Gateway(url, "gw-token", http)), "test")
        await dispatcher.publish_pending()
        assert await dispatcher.notify_due() == 1
    assert gw.received == [{"phone": "13805710001", "sign": "浙里办", "content": "已受理"}]
