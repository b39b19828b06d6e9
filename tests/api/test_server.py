"""The real server, as the run command starts it, answers over a socket."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from support import REDIS_URL, free_port, running, server_process

from backend.settings import ROOT


@pytest.fixture
def server(templates: dict[str, str], tmp_path: Path) -> Iterator[str]:
    database = tmp_path / "served.sqlite3"
    shutil.copyfile(templates["sqlite"], database)
    env = {**os.environ, "ZERORUN_ENV": "development", "DATABASE_URL": f"sqlite://{database}"}
    if REDIS_URL:
        env["REDIS_URL"] = REDIS_URL
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "backend", "serve", "--port", str(port), "--workers", "2"],
        env=env,
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    with running(proc, workers=2):
        yield f"http://127.0.0.1:{port}"


def test_served_app_answers_health_and_graphql_from_every_worker(server: str) -> None:
    with httpx.Client(base_url=server) as client:
        assert client.get("/healthz").json() == {"status": "ok"}
        token = client.post(
            "/graphql",
            json={
                "query": 'mutation { signIn(provider: "development", credential: "demo-1") { ... on Session { token } } }'
            },
        ).json()["data"]["signIn"]["token"]
        # any worker accepts a session any other issued: they share the development secret
        for _ in range(6):
            body = client.post(
                "/graphql",
                json={"query": "{ me { name } }"},
                headers={"Authorization": f"Bearer {token}", "Connection": "close"},
            ).json()
            assert body == {"data": {"me": {"name": "王建国"}}}


def test_a_worker_told_to_stop_ends_though_a_client_stalled_halfway_through_a_request(
    templates: dict[str, str], tmp_path: Path
) -> None:
    # given a worker reading a request whose client sent half its body and then nothing
    database = tmp_path / "served.sqlite3"
    shutil.copyfile(templates["sqlite"], database)
    env = {
        **os.environ,
        "ZERORUN_ENV": "development",
        "DATABASE_URL": f"sqlite://{database}",
        "ZERORUN_SHUTDOWN_SECONDS": "1",
    }
    stalled = socket.socket()
    try:
        with server_process(env, tmp_path / "serve.log") as url:
            stalled.connect(("127.0.0.1", int(url.rsplit(":", 1)[1])))
            stalled.sendall(
                b"POST /graphql HTTP/1.1\r\nHost: zerorun\r\nContent-Type: application/json\r\n"
                b'Content-Length: 1000\r\n\r\n{"query": "'
            )
            assert httpx.get(f"{url}/healthz").status_code == 200  # the worker has read it
        # when it is sent SIGTERM (on leaving the block), then it ends: server_process fails
        # the test with the worker's log if it is still running STOP_SECONDS later
        log = (tmp_path / "serve.log").read_text()
        assert "Cancel 1 running task(s), timeout graceful shutdown exceeded" in log
    finally:
        stalled.close()
