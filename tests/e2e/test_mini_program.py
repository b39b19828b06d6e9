"""The citizen's mini-program in real Chromium at a phone's size against a real server
(mini_program_stub/e2e/*.e2e.ts): zero trips for a house transfer watched live while the
departments decide, one booked trip for a first ID card, and a correction fixed in elderly mode.
Screenshots of every page land in artifacts/mini-program/."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from support import STAFF_PASSWORD, make_settings

from backend import db
from backend.appointments.demo import seed_demo_hall
from backend.settings import ROOT
from backend.staff import service as staff

CLIENT = ROOT / "mini_program_stub"
ARTIFACTS = ROOT / "artifacts" / "mini-program"
CHROMIUM = Path("/usr/bin/chromium")
CLERK = "clerk"
REVIEWERS = {"housing": "330106-ZJJ", "land": "330106-GTJ", "tax": "330106-SWJ"}

SIGN_IN = 'mutation($r: String!) { signIn(provider: "development", credential: $r) { ... on Session { token } } }'
MINE = """
{
  myApplications(first: 5) {
    edges { node { status answers lifeEvent { code } matter { code } rating { score } } }
  }
  myAppointments { status applicationId }
}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def require_built_client() -> str:
    """npm, Debian's Chromium and the built mini-program must be there: fail, never skip."""
    npm = shutil.which("npm")
    missing = [
        what
        for what, there in (
            ("npm", npm is not None),
            (str(CHROMIUM), CHROMIUM.exists()),
            ("mini_program_stub/node_modules", (CLIENT / "node_modules").is_dir()),
            ("mini_program_stub/dist", (CLIENT / "dist" / "index.html").is_file()),
        )
        if not there
    ]
    if npm is None or missing:
        pytest.fail(
            f"missing {', '.join(missing)}: run scripts/test (it installs Chromium, runs npm ci and npm run build)"
        )
    return npm


@pytest.fixture
async def server(
    templates: dict[str, str], tmp_path: Path, registry_server: str
) -> AsyncIterator[tuple[str, dict[str, str]]]:
    """One server process on a copy of the demo database, with the demo service hall, a window
    clerk and a reviewer in each department of the house transfer."""
    database = tmp_path / "mini-program.sqlite3"
    shutil.copyfile(templates["sqlite"], database)
    await db.init(make_settings(f"sqlite://{database}"))
    try:
        await seed_demo_hall()
        await staff.create(CLERK, "西湖区综合窗口", "window_clerk", "330106", None, STAFF_PASSWORD)
        for username, department in REVIEWERS.items():
            await staff.create(username, username, "reviewer", "330106", department, STAFF_PASSWORD)
    finally:
        await db.close()
    env = {
        **os.environ,
        "ZERORUN_ENV": "development",
        "DATABASE_URL": f"sqlite://{database}",
        "ZERORUN_FILES_DIR": str(tmp_path / "files"),
        "ZERORUN_CACHE_PREFIX": f"mini-program-{tmp_path.name}",
    }
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "backend", "serve", "--port", str(port)],
        env=env, cwd=ROOT, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert proc.stderr is not None
    for line in proc.stderr:  # wait for the server to say so, not for a clock
        if "Application startup complete" in line:
            break
    try:
        yield f"http://127.0.0.1:{port}", env
    finally:
        proc.terminate()
        proc.communicate(timeout=30)


def mine(client: httpx.Client, resident: str) -> dict[str, Any]:
    token = client.post("/graphql", json={"query": SIGN_IN, "variables": {"r": resident}}).json()
    headers = {"Authorization": f"Bearer {token['data']['signIn']['token']}"}
    body: dict[str, Any] = client.post("/graphql", json={"query": MINE}, headers=headers).json()
    assert "errors" not in body, body
    return body["data"]  # type: ignore[no-any-return]


def test_citizens_apply_watch_book_and_correct_through_the_mini_program(
    server: tuple[str, dict[str, str]],
) -> None:
    # given: a running server and the built mini-program
    npm = require_built_client()
    url, env = server
    shutil.rmtree(ARTIFACTS, ignore_errors=True)

    # when: the three citizens' journeys run in Chromium at a phone's size
    journeys = subprocess.run(
        [npm, "run", "test:e2e"],
        cwd=CLIENT,
        env={
            **env,
            "ZERORUN_URL": url,
            "ZERORUN_STAFF_CLERK": CLERK,
            "ZERORUN_STAFF_REVIEWERS": ",".join(REVIEWERS),
            "ZERORUN_STAFF_PASSWORD": STAFF_PASSWORD,
            "ZERORUN_ARTIFACTS": str(ARTIFACTS),
        },
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert journeys.returncode == 0, journeys.stdout[-8000:] + journeys.stderr[-4000:]

    # then: the server holds what the pages showed
    with httpx.Client(base_url=url, timeout=60) as client:
        [house] = [e["node"] for e in mine(client, "demo-1")["myApplications"]["edges"]]
        id_card = mine(client, "demo-5")
        [card] = [e["node"] for e in mine(client, "demo-4")["myApplications"]["edges"]]
    assert house["lifeEvent"]["code"] == "330106-YJS-001"
    assert house["status"] == "COMPLETED" and house["rating"] == {"score": 5}
    assert [a["status"] for a in id_card["myAppointments"]] == ["BOOKED"]
    assert card["status"] == "SUBMITTED"
    assert card["answers"]["delivery_address"] == "杭州市西湖区翠苑一区 12 幢 1 单元 301 室"
    assert sorted(p.name for p in ARTIFACTS.glob("*.png"))[:3] == [
        "01-signin.png",
        "02-home.png",
        "03-guide.png",
    ]
