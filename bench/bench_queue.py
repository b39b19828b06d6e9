"""The window clerk's queue (ClerkWindowQueue) over loopback: a county of many applications, the
operation as the workbench sends it timed end to end over HTTP for pages of 10, 50 and 100, and
the workbench rendering its queue in headless Chromium, side by side in one run.

    .venv/bin/python bench/bench_queue.py [--applications 10000] [--repeat 15]

A fresh SQLite file in a temporary folder: `zerorun migrate`, `catalog load form_schemas`,
`demo-seed`; then `--applications` applications of Xihu (330106), spread over its published
matters and over one synthetic citizen each (a name and a resident ID), a third waiting at the
window (submitted) and the rest accepted or completed, written straight to the database. Then
`zerorun serve` (development mode, no Redis), the demo window clerk `xihu-window` signs in, and
each page size is sent `--repeat` times after a warm-up (the median, minimum and maximum of the
wall time from sending to the whole answer read, with httpx on loopback). Last, when the
workbench is built (configurator/dist) and Chromium is at /usr/bin/chromium, the queue screen is
loaded `--repeat` times (bench/queue_render.mjs, playwright-core): from navigation to its first
page of rows on screen (the whole app started again), and read again in place (its search
button) until the rows are back. Progress goes to stderr, the table to stdout and bench/results/queue.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[0] = str(ROOT)  # bench.http from the root, never as the standard library's http

import argparse  # noqa: E402
import asyncio  # noqa: E402
import datetime as dt  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from dataclasses import replace  # noqa: E402

import httpx  # noqa: E402

from bench.http.servers import BenchError, free_port, say, serving, zerorun  # noqa: E402

REGION = "330106"
CLERK, PASSWORD = "xihu-window", "zerorun-demo-2026"  # backend/staff/service.py DEMO_STAFF
QUERIES = ROOT / "configurator" / "src" / "workbench" / "clerk" / "queries.graphql"
DIST = ROOT / "configurator" / "dist" / "index.html"
CHROMIUM = Path("/usr/bin/chromium")
RESULTS = ROOT / "bench" / "results" / "queue.md"
PAGES = (10, 50, 100)  # the workbench asks for 100 and shows 20 a page
SIGN_IN = (
    "mutation($u: String!, $p: String!) { signIn(username: $u, password: $p)"
    " { ... on StaffSession { token } } }"
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "建国婷浩然伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华"


def operation(first: int) -> str:
    """ClerkWindowQueue as the workbench sends it (with its ClerkQueueCounts beside it), asking
    for `first` rows instead of its 100."""
    text = QUERIES.read_text(encoding="utf-8")
    queue = text[text.index("query ClerkWindowQueue") : text.index("query ClerkQueueCounts")]
    if "first: 100" not in queue:
        raise BenchError(f"ClerkWindowQueue in {QUERIES} no longer asks for first: 100")
    return queue.replace("first: 100", f"first: {first}")


def resident_id(n: int) -> str:
    return f"{REGION}19{70 + n % 30:02d}0101{n % 10_000:04d}"


async def fill(url: str, total: int) -> int:
    """`total` applications of the county, each of its own synthetic citizen; how many wait."""
    from tortoise.transactions import in_transaction

    from backend import db
    from backend.accounts.service import Citizen
    from backend.applications.service import Application
    from backend.catalog.service import Matter
    from backend.infra.ids import uuid7
    from backend.settings import Settings

    await db.init(replace(Settings.from_env(), database_url=url))
    try:
        versions = [
            (m.code, m.published_version_id)
            for m in await Matter.filter(code__startswith=f"{REGION}-", status="published")
            if m.published_version_id
        ]
        rng = random.Random(7)
        waiting = 0
        start = dt.datetime.now(dt.UTC) - dt.timedelta(days=60)
        for offset in range(0, total, 1000):
            size = min(1000, total - offset)
            async with in_transaction() as conn:
                people = [
                    Citizen(
                        provider="bench",
                        subject=f"bench-{offset + i}",
                        name=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                        id_number=resident_id(offset + i),
                        profile={},
                    )
                    for i in range(size)
                ]
                await Citizen.bulk_create(people, using_db=conn)
                ids = (
                    await Citizen.filter(provider="bench", subject__in=[p.subject for p in people])
                    .using_db(conn)
                    .values_list("id", flat=True)
                )
                rows = []
                for i, citizen_id in enumerate(ids):
                    code, version = rng.choice(versions)
                    status = (
                        "submitted"
                        if rng.random() < 1 / 3
                        else rng.choice(("accepted", "completed"))
                    )
                    waiting += status == "submitted"
                    rows.append(
                        Application(
                            id=uuid7(),
                            citizen_id=citizen_id,
                            matter_version_id=version,
                            matter_code=code,
                            status=status,
                            region_code=REGION,
                            submitted_at=start + dt.timedelta(minutes=(offset + i) * 8),
                        )
                    )
                await Application.bulk_create(rows, using_db=conn)
        return waiting
    finally:
        await db.close()


def timed(client: httpx.Client, token: str, first: int, repeat: int) -> tuple[list[float], int]:
    """Each call's wall time in ms (after one warm-up) and the rows of the answer."""
    body = {"query": operation(first), "variables": {"status": "submitted", "scope": "HERE"}}
    headers = {"Authorization": f"Bearer {token}"}
    times, rows = [], 0
    for n in range(repeat + 1):
        began = time.perf_counter()
        response = client.post("/staff/graphql", json=body, headers=headers)
        answer = response.json()
        elapsed = (time.perf_counter() - began) * 1000
        if response.status_code != 200 or answer.get("errors"):
            raise BenchError(f"ClerkWindowQueue failed: {response.status_code} {answer}")
        rows = len(answer["data"]["windowQueue"])
        if n:
            times.append(elapsed)
    return times, rows


def rendered(url: str, repeat: int) -> dict[str, list[float]] | str:
    """The workbench's queue screen in headless Chromium, each load's ms; or why not measured."""
    if not DIST.is_file():
        return "not measured: the workbench is not built (npm run build in configurator/)"
    if not CHROMIUM.is_file():
        return f"not measured: no Chromium at {CHROMIUM}"
    done = subprocess.run(
        ["node", str(ROOT / "bench" / "queue_render.mjs"), url, CLERK, PASSWORD, str(repeat)],
        cwd=ROOT / "configurator",
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        raise BenchError(f"bench/queue_render.mjs failed:\n{done.stderr[-2000:]}")
    times: dict[str, list[float]] = json.loads(done.stdout)
    return times


def row(name: str, times: list[float], rows: str) -> str:
    median = statistics.median(times)
    return f"| {name} | {rows} | {median:.1f} | {min(times):.1f} | {max(times):.1f} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-queue-"))
    database = f"sqlite://{folder / 'queue.sqlite3'}"
    env = {
        **os.environ,
        "ZERORUN_ENV": "development",
        "DATABASE_URL": database,
        "REDIS_URL": "",
        "ZERORUN_FILES_DIR": str(folder / "files"),
        "ZERORUN_CACHE_PREFIX": f"bench-queue-{uuid.uuid4().hex[:8]}",
    }
    log = folder / "bench.log"
    try:
        for step in (["migrate"], ["catalog", "load", "form_schemas"], ["demo-seed"]):
            zerorun(step, env, log)
        os.environ.update(DATABASE_URL=database)
        began = time.perf_counter()
        waiting = asyncio.run(fill(database, options.applications))
        say(
            f"{options.applications} applications ({waiting} waiting) in {time.perf_counter() - began:.1f} s"
        )
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        command = [sys.executable, "-m", "backend", "serve", "--port", str(port)]
        with serving("zerorun serve", command, env, f"{url}/healthz", log):
            with httpx.Client(base_url=url, timeout=60) as client:
                signed = client.post(
                    "/staff/graphql",
                    json={"query": SIGN_IN, "variables": {"u": CLERK, "p": PASSWORD}},
                )
                token = signed.json()["data"]["signIn"]["token"]
                http = {first: timed(client, token, first, options.repeat) for first in PAGES}
            screen = rendered(url, options.repeat)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    lines = [
        f"# The clerk's queue over loopback ({options.applications} applications of {REGION}, "
        f"{waiting} waiting)",
        "",
        f"bench/bench_queue.py, {dt.date.today()}: median, fastest and slowest of {options.repeat} "
        "runs after a warm-up, in ms. SQLite, one `zerorun serve` worker in development mode, "
        "no Redis, on the shared 2-core machine: compare the rows of one run, not runs.",
        "",
        "| what | rows | median | min | max |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [
        row(f"ClerkWindowQueue over HTTP, first: {f}", t, str(n)) for f, (t, n) in http.items()
    ]
    fifty, ten = statistics.median(http[50][0]), statistics.median(http[10][0])
    if isinstance(screen, str):
        lines += ["", f"Chromium: {screen}."]
    else:
        shown = "20 shown of 100"
        lines.append(
            row("the queue screen in Chromium, loaded to rows shown", screen["loads"], shown)
        )
        lines.append(
            row("the queue screen in Chromium, read again in place", screen["reads"], shown)
        )
        lines.append(row("… of which until its answer had arrived", screen["answers"], shown))
    lines += [
        "",
        f"A page of 50 costs {fifty / ten:.2f}× a page of 10: the queue reads its waiting "
        "applications (at most 500, earliest first), counts the deadline acceptance would set "
        "for each, and answers the first page; the applicants of a page are read in one "
        "statement (tests/api/test_workbench_clerk.py pins it). In the browser its answer comes "
        "later than alone over HTTP: the screen sends ClerkQueueCounts beside it and, on a load, "
        "opens its live subscription (which reads the queue once), all on the one worker.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        say(str(e))
        sys.exit(1)
