"""The staff workbench in real Chromium against a real demo server: each role's day
(configurator/workbench-e2e/*.e2e.ts) with the demo staff of every role, the citizens' side
sent through the citizen API by the journeys themselves."""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import demo_env, run_journeys, serving
from support import STAFF_PASSWORD

from backend.settings import ROOT

CONFIGURATOR = ROOT / "configurator"
ARTIFACTS = ROOT / "artifacts" / "workbench"


@pytest.fixture
def server(
    templates: dict[str, str], tmp_path: Path, registry_server: str
) -> Iterator[tuple[str, dict[str, str]]]:
    """One server process on a copy of the demo database, with the demo halls and staff."""
    database = tmp_path / "workbench.sqlite3"
    shutil.copyfile(templates["sqlite"], database)
    env = demo_env(database, tmp_path, "workbench")
    seeded = subprocess.run(
        [sys.executable, "-m", "backend", "demo-seed"],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert seeded.returncode == 0, seeded.stderr
    with serving(env) as url:
        yield url, env


def test_each_role_does_its_day_in_the_workbench(server: tuple[str, dict[str, str]]) -> None:
    url, env = server
    run_journeys(
        CONFIGURATOR,
        {
            **env,
            "ZERORUN_URL": url,
            # the configurator's support module asks for these; the workbench signs in as the
            # demo staff of each role (configurator/workbench-e2e/support.ts)
            "ZERORUN_STAFF_USER": "xihu-admin",
            "ZERORUN_LOCAL_STAFF_USER": "xihu-admin",
            "ZERORUN_STAFF_PASSWORD": STAFF_PASSWORD,
        },
        ARTIFACTS,
        script="test:workbench",
    )
    # the access log names the clerk who read each file the clerk's journey previewed
    previewed = json.loads((ARTIFACTS / "clerk-file-reads.json").read_text(encoding="utf-8"))
    assert set(previewed) <= files_read(env, "staff:xihu-window")


def files_read(env: dict[str, str], actor: str) -> set[str]:
    """The applications whose uploaded files `actor` downloaded, from the audit log."""
    database = env["DATABASE_URL"].removeprefix("sqlite://")
    with contextlib.closing(sqlite3.connect(database)) as db:
        rows = db.execute(
            "SELECT subject_id FROM audit_entry WHERE action = 'file.read' AND actor = ?", (actor,)
        )
        return {str(subject) for (subject,) in rows}
