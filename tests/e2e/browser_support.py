"""Shared by the browser journeys: a real server process on a copy of the demo database, and
a web client's journeys run by npm in Debian's Chromium."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import free_port, running

from backend.settings import ROOT

CHROMIUM = Path("/usr/bin/chromium")


def demo_env(database: Path, tmp_path: Path, prefix: str) -> dict[str, str]:
    """A development server's environment on `database`; the payment platform is the stand-in
    registry's (tests/conftest.py serves it and names it in ZERORUN_REGISTRY_URL)."""
    return {
        **os.environ,
        "ZERORUN_ENV": "development",
        "DATABASE_URL": f"sqlite://{database}",
        "ZERORUN_FILES_DIR": str(tmp_path / "files"),
        "ZERORUN_CACHE_PREFIX": f"{prefix}-{tmp_path.name}",
        "ZERORUN_PAY_URL": os.environ.get("ZERORUN_REGISTRY_URL", ""),
        "ZERORUN_PAY_TOKEN": os.environ.get("ZERORUN_REGISTRY_TOKEN", ""),
        "ZERORUN_PAY_MCHID": f"{prefix}-{tmp_path.name}"[:32],
    }


@contextlib.contextmanager
def serving(env: dict[str, str], port: int | None = None) -> Iterator[str]:
    """`python -m backend serve` on `port` (a free one by default), until the block ends;
    yields its URL."""
    port = port or free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "backend", "serve", "--port", str(port)],
        env=env, cwd=ROOT, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    with running(proc):
        yield f"http://127.0.0.1:{port}"


def run_journeys(
    client: Path, env: dict[str, str], artifacts: Path, script: str = "test:e2e"
) -> None:
    """`npm run <script>` (test:e2e by default) in the client's folder; npm, Chromium and the
    built client must be there (fail, never skip). Screenshots go to `artifacts`, emptied
    first."""
    npm = shutil.which("npm")
    missing = [
        what
        for what, there in (
            ("npm", npm is not None),
            (str(CHROMIUM), CHROMIUM.exists()),
            (f"{client.name}/node_modules", (client / "node_modules").is_dir()),
            (f"{client.name}/dist", (client / "dist" / "index.html").is_file()),
        )
        if not there
    ]
    if npm is None or missing:
        pytest.fail(
            f"missing {', '.join(missing)}: run scripts/test (it installs Chromium, runs npm ci and npm run build)"
        )
    shutil.rmtree(artifacts, ignore_errors=True)
    journeys = subprocess.run(
        [npm, "run", script],
        cwd=client,
        env={**env, "ZERORUN_ARTIFACTS": str(artifacts)},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert journeys.returncode == 0, journeys.stdout[-8000:] + journeys.stderr[-4000:]
