"""Province scale: catalog search and "my applications" under wrk, on databases prepared
beforehand (the demo catalog, and a synthetic Zhejiang from `zerorun synthesize`).

    .venv/bin/python bench/bench_province.py DATABASE_URL [DATABASE_URL …]
                     [--seconds 10] [--warmup 3] [--connections 64]

For each database, in turn: `zerorun serve` on it (one uvicorn worker, production mode, no
Redis), a session for the synthetic citizen with the most applications (issued with the
server's own secret), then each operation checked once and driven by wrk (2 threads): a warm-up,
then the measured run. Every request carries only the persisted query's hash, as the
mini-program sends it. Prints a Markdown table (requests/s, p50, p99) and writes it with the
figures as JSON to bench/results/province.md and province.json. Prepare a database with:

    DATABASE_URL=sqlite:///tmp/province.sqlite3 zerorun migrate
    DATABASE_URL=sqlite:///tmp/province.sqlite3 zerorun catalog load form_schemas
    DATABASE_URL=sqlite:///tmp/province.sqlite3 zerorun synthesize   # --scale 0.001 for the demo row
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[0] = str(ROOT)  # import bench.http from the root, not bench/http as `http`

import argparse  # noqa: E402
import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
from contextlib import ExitStack  # noqa: E402
from dataclasses import replace  # noqa: E402
from typing import Any  # noqa: E402

import httpx  # noqa: E402

from bench.http import servers, wrk  # noqa: E402
from bench.http.operations import MY_APPLICATIONS, SEARCH, persisted  # noqa: E402
from bench.http.servers import BenchError, say  # noqa: E402

SEARCHES = {
    "search 330106 '杭州' (the demo's matters)": {"region": "330106", "keyword": "杭州"},
    "search 330106 '登记' (a page of 20)": {"region": "330106", "keyword": "登记"},
}


async def busiest_citizen_token(database_url: str, secret: str) -> tuple[str, int]:
    """A session for the synthetic citizen with the most applications, and how many."""
    from tortoise.functions import Count

    from backend import db
    from backend.accounts.models import Citizen
    from backend.accounts.service import Sessions
    from backend.settings import Settings

    settings = replace(Settings.from_env(), database_url=database_url, secret_key=secret)
    await db.init(settings)
    try:
        citizen = (
            await Citizen.filter(provider="synthetic")
            .annotate(n=Count("applications"))
            .order_by("-n")
            .first()
        )
        if citizen is None:
            raise BenchError(f"{database_url} holds no synthetic citizen: run `zerorun synthesize`")
        count: int = getattr(citizen, "n", 0)
        return await Sessions(settings).issue(citizen), count
    finally:
        await db.close()


def measure_database(
    database_url: str, options: argparse.Namespace, workdir: Path
) -> list[dict[str, Any]]:
    secret = servers.secret_key()
    token, owned = asyncio.run(busiest_citizen_token(database_url, secret))
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("ZERORUN_") and k not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(
        DATABASE_URL=database_url,
        ZERORUN_SECRET_KEY=secret,
        ZERORUN_RATE_LIMIT_PER_MINUTE="1000000000",
        ZERORUN_FILES_DIR=str(workdir / "files"),
    )
    port = servers.free_port()
    url = f"http://127.0.0.1:{port}"
    operations: list[tuple[str, str, dict[str, Any], str | None, str]] = [
        (name, SEARCH, variables, None, '"edges"') for name, variables in SEARCHES.items()
    ]
    operations.append(
        (f"my applications (first 20 of {owned})", MY_APPLICATIONS, {}, token, '"edges"')
    )
    rows = []
    with ExitStack() as stack:
        stack.enter_context(
            servers.serving(
                f"the app on {database_url}",
                [sys.executable, "-m", "backend", "serve", "--port", str(port)],
                env,
                url + "/healthz",
                workdir / "app.log",
            )
        )
        for name, document, variables, who, marker in operations:
            headers = {"Content-Type": "application/json"}
            if who:
                headers["Authorization"] = f"Bearer {who}"
            first = httpx.post(
                url + "/graphql", json=persisted(document, variables, text=True), headers=headers
            ).json()
            if first.get("errors"):
                raise BenchError(f"{name} answered errors: {first['errors']}")
            edges = next(iter(first["data"].values()))["edges"]
            body = json.dumps(persisted(document, variables))
            request = wrk.Request("/graphql", "POST", tuple(headers.items()), body)
            wrk.run(url, request, marker, options.warmup, options.connections, workdir)
            load = wrk.run(url, request, marker, options.seconds, options.connections, workdir)
            say(f"{name}: {len(edges)} answers; {load.rps:,.0f}/s, p99 {load.p99_ms:.1f} ms")
            rows.append({"database": database_url, "operation": name, **load.as_json()})
    return rows


def table(rows: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| database | operation | requests/s | p50 ms | p99 ms | bad |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['database']} | {r['operation']} | {r['requests_per_second']:,.0f} | "
            f"{r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['bad_answers']} |"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("databases", nargs="+", help="prepared DATABASE_URLs, measured in turn")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--connections", type=int, default=64)
    options = parser.parse_args()
    say(f"wrk {wrk.version()}")
    workdir = Path(tempfile.mkdtemp(prefix="zerorun-province-"))
    try:
        rows = [r for url in options.databases for r in measure_database(url, options, workdir)]
    except BenchError as e:
        say(f"FAILED: {e} (logs in {workdir})")
        return 1
    out = ROOT / "bench" / "results"
    (out / "province.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    (out / "province.md").write_text("\n".join(table(rows)) + "\n", encoding="utf-8")
    print("\n".join(table(rows)))
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
