"""The real server, as the run command starts it, answers over a socket."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from support import REDIS_URL, free_port, running

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
