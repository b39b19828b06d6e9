"""A dispatcher that loses its database says so once, backs off, says so again when it is back
and sends what waited; a dispatcher of its own (`zerorun dispatch`) does the workers' part."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from notices_support import a_citizen, add_notices
from support import admin_sql, app_client, free_port

from backend.notifications.models import Outbox
from backend.notifications.service import now
from backend.settings import ROOT, Settings

OUTAGE_SECONDS = 5.0
SECONDS = 60.0  # for a notice to go out once the database is back: the backoff reaches 30 s


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


async def sent(entry_id: int) -> None:
    deadline = time.monotonic() + SECONDS
    while (await Outbox.get(id=entry_id)).notified_at is None:
        assert time.monotonic() < deadline, f"the notice was not sent within {SECONDS} s"
        await asyncio.sleep(0.1)


async def test_a_dispatcher_that_loses_postgresql_says_so_once_and_sends_once_it_is_back(
    database_url: str, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    if not database_url.startswith("postgres"):
        pytest.skip("SQLite is a file the process holds open: it cannot refuse the dispatcher")
    name = database_url.rsplit("/", 1)[1]
    async with app_client(settings):
        citizen = await a_citizen()
        [entry_id] = await add_notices(citizen, 1)
        # Claimed by a worker that died: due again once its lease runs out, during the outage.
        await Outbox.filter(id=entry_id).update(
            published_at=now(),
            notify_claim="gone:1:abcdef",
            notify_lease_until=now() + dt.timedelta(seconds=1),
        )
        capsys.readouterr()
        await admin_sql(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        try:
            await admin_sql(
                f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
            )
            await asyncio.sleep(OUTAGE_SECONDS)  # the outage lasts; nothing is measured
            during = json_lines(capsys.readouterr().err)
        finally:
            await admin_sql(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        await sent(entry_id)
    after = json_lines(capsys.readouterr().err)

    dispatcher = [x for x in during if x["logger"] == "zerorun.notify"]
    assert 1 <= len(dispatcher) <= 3, dispatcher
    assert dispatcher[0]["level"] == "warning" and dispatcher[0]["error"]
    back = [x for x in after if x["event"] == "outbox dispatch succeeds again"]
    assert len(back) == 1
    [notice] = [x for x in after if x["event"] == "notice logged, not delivered"]
    assert notice["key"] == f"{settings.cache_prefix}:outbox:{entry_id}"


async def test_with_dispatching_off_in_workers_zerorun_dispatch_sends_and_stops_on_sigterm(
    settings: Settings, tmp_path: Path
) -> None:
    async with app_client(replace(settings, dispatch_in_workers=False)):
        running = [t for t in asyncio.all_tasks() if "Dispatcher.run" in repr(t.get_coro())]
        [entry_id] = await add_notices(await a_citizen(), 1)
        env = {
            **os.environ,
            "DATABASE_URL": settings.database_url,
            "ZERORUN_CACHE_PREFIX": settings.cache_prefix,
            "ZERORUN_LOG_FORMAT": "json",
        }
        if settings.redis_url:
            env["REDIS_URL"] = settings.redis_url
        log = tmp_path / "dispatch.log"
        port = free_port()
        with log.open("w") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "backend", "dispatch", "--metrics-port", str(port)],
                env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip
            try:
                await sent(entry_id)
                scraped = httpx.get(f"http://127.0.0.1:{port}/metrics").text
            finally:
                process.send_signal(signal.SIGTERM)
                code = process.wait(timeout=60)
        entry = await Outbox.get(id=entry_id)

    lines = json_lines(log.read_text())
    assert running == []  # the worker has no dispatcher of its own
    assert code == 0
    assert entry.notify_claim and entry.notify_claim.split(":")[1] == str(process.pid)
    events = [x["event"] for x in lines]
    assert events.count("notice logged, not delivered") == 1
    assert "dispatcher stopped" in events  # it finished its round and closed down
    assert 'zerorun_notices_total{outcome="sent"} 1.0' in scraped
