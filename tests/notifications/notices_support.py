"""The notice gateway's stand-in, real server processes of the app, and notices to send."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from support import REDIS_URL, free_port
from tortoise.transactions import in_transaction

from backend.accounts.models import Citizen
from backend.notifications.models import Outbox
from backend.settings import ROOT

TOKEN = "gw-token"
APPLICATION = "0190a8f2-0000-7000-8000-000000000001"


@dataclass
class CountingGateway:
    """A stand-in for the SMS / subscription-message gateway, served on loopback. It accepts a
    notice by answering 200 and keeps it with its idempotency key; it answers 503 to the first
    `failures` requests; with `kill_first_sender` set, it kills that process (SIGKILL) on the
    first request instead of answering it, as a worker crashing mid-send."""

    failures: int = 0
    kill_first_sender: int | None = None
    accepted: list[tuple[str | None, dict[str, object]]] = field(default_factory=list)
    refused: int = 0

    async def handle(self, request: Request) -> JSONResponse:
        if request.headers.get("authorization") != f"Bearer {TOKEN}":
            return JSONResponse({"error": "token"}, status_code=401)
        body = await request.json()
        if self.kill_first_sender is not None:
            os.kill(self.kill_first_sender, signal.SIGKILL)
            self.kill_first_sender = None
            self.refused += 1
            return JSONResponse({"error": "sender gone"}, status_code=503)
        if self.failures:
            self.failures -= 1
            self.refused += 1
            return JSONResponse({"error": "busy"}, status_code=503)
        self.accepted.append((request.headers.get("idempotency-key"), body))
        return JSONResponse({"ok": True})

    def contents(self) -> Counter[object]:
        """How many times each text message was accepted."""
        return Counter(body.get("content") for _, body in self.accepted)


@contextmanager
def serving(gateway: CountingGateway, port: int) -> Iterator[str]:
    """The gateway on 127.0.0.1:`port` until the block ends; yields its URL."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    server = uvicorn.Server(
        uvicorn.Config(
            Starlette(routes=[Route("/notify", gateway.handle, methods=["POST"])]),
            lifespan="off",
            ws="none",
            log_level="warning",
        )
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()  # requests queue on the bound socket until the server accepts them
    try:
        yield f"http://127.0.0.1:{port}/notify"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


class Worker:
    """The app in a server process of its own (uvicorn, as `zerorun serve` runs each worker),
    dispatching the outbox to the gateway by SMS."""

    def __init__(self, database_url: str, gateway_url: str, prefix: str, lease: float) -> None:
        env = {
            **os.environ,
            "ZERORUN_ENV": "development",
            "DATABASE_URL": database_url,
            "ZERORUN_NOTIFY_URL": gateway_url,
            "ZERORUN_NOTIFY_TOKEN": TOKEN,
            "ZERORUN_NOTIFY_ADAPTER": "sms",
            "ZERORUN_CACHE_PREFIX": prefix,
            "ZERORUN_OUTBOX_LEASE_SECONDS": str(lease),
        }
        if REDIS_URL:
            env["REDIS_URL"] = REDIS_URL
        port = str(free_port())  # on 127.0.0.1, uvicorn's default host
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "backend.app:create_app",
                "--port",
                port,
            ],
            env=env,
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.log: list[str] = []
        self.started = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        """Keep the server's log (and the pipe drained); note when it has started."""
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.append(line)
            if "Application startup complete" in line:
                self.started.set()

    def wait_started(self) -> None:
        """Until the worker has started (its lifespan ran: it dispatches), not for a clock."""
        while not self.started.wait(0.1):
            assert self.process.poll() is None, "".join(self.log)

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> int:
        """Shut down as an operator would (SIGTERM: the dispatcher finishes its round)."""
        if self.process.poll() is None:
            self.process.terminate()
        code = self.process.wait(timeout=60)
        self._reader.join(timeout=10)
        if self.process.stderr:
            self.process.stderr.close()
        return code


async def a_citizen() -> Citizen:
    return await Citizen.create(
        provider="development", subject="demo-1", name="王建国", profile={"mobile": "13805710001"}
    )


async def add_notices(citizen: Citizen, count: int, application: str = APPLICATION) -> list[int]:
    """`count` steps written together (one transaction), the text of each its number; their ids."""
    async with in_transaction():
        await Outbox.bulk_create(
            [
                Outbox(
                    application_id=application,
                    citizen_id=citizen.id,
                    kind="accepted",
                    payload={
                        "application_id": application,
                        "kind": "accepted",
                        "zh": f"通知 {n}",
                        "en": f"Notice {n}",
                        "at": "2026-11-22T10:00:00+08:00",
                    },
                )
                for n in range(count)
            ]
        )
    ids = await Outbox.filter(application_id=application).order_by("-id").limit(count)
    return sorted(e.id for e in ids)
