"""`zerorun exchange`, as an operator runs it: declaring a department's system (refusing a bad
URL in one line, saying when the key's secret is missing), listing them, listing deliveries
and redelivering a dead one."""

from __future__ import annotations

import os
from pathlib import Path

from support import zerorun

from backend.settings import exchange_env_name


def run(tmp_path: Path, *args: str, **env: str) -> tuple[int, str, str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("ZERORUN_")}
    environ.pop("DATABASE_URL", None)
    environ.update(
        DATABASE_URL=f"sqlite://{tmp_path / 'cli.sqlite3'}",
        ZERORUN_SECRET_KEY="a-cli-test-secret-key-of-at-least-32-chars",
        **env,
    )
    done = zerorun(*args, env=environ)
    return done.returncode, done.stdout, done.stderr


def test_an_operator_declares_lists_and_redelivers(tmp_path: Path) -> None:
    assert run(tmp_path, "migrate")[0] == 0
    url = "https://gaj.example/zerorun/inbox"

    bad = run(
        tmp_path, "exchange", "endpoint", "set", "330106-GAJ", "330106", "ftp://x", "--key-id", "k1"
    )
    declared = run(
        tmp_path, "exchange", "endpoint", "set", "330106-GAJ", "330106", url, "--key-id", "gaj-2026"
    )
    listed = run(
        tmp_path, "exchange", "endpoint", "list", **{exchange_env_name("gaj-2026"): "s3cret"}
    )
    deliveries = run(tmp_path, "exchange", "deliveries", "--status", "dead")
    missing = run(tmp_path, "exchange", "redeliver", "42")

    assert (
        bad[0] == 2
        and bad[2].strip() == "Not declared: the URL must be http(s)://host/path, not 'ftp://x'"
    )
    assert declared[0] == 0 and declared[1].split("\t")[:2] == ["330106-GAJ", "330106"]
    assert "set ZERORUN_EXCHANGE_KEY_GAJ_2026 before delivering" in declared[2]
    assert listed[1].splitlines()[1] == f"330106-GAJ\t330106\t{url}\tgaj-2026\tTrue\tset"
    assert "s3cret" not in listed[1] + listed[2]
    assert deliveries[0] == 0 and len(deliveries[1].splitlines()) == 1  # the header only
    assert missing[0] == 1 and "No dead delivery 42" in missing[2]
