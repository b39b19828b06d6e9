"""HTTP benchmark: the real app under wrk, on SQLite and on PostgreSQL + Redis, against a raw
Starlette JSON route measured in the same run.

    .venv/bin/python bench/bench_http.py [--seconds 10] [--warmup 3] [--connections 64]
                                         [--only sqlite|postgres] [--skip-rules]

For each backend: a fresh database (a SQLite file in a temporary folder; a PostgreSQL database
created for the run and dropped after it, with Redis under a cache prefix of the run's own),
`zerorun migrate`, `catalog load form_schemas` and `demo-seed`, the stand-in registry, and
`zerorun serve` (one uvicorn worker, production mode). Each operation is checked once, then
driven by wrk (2 threads, 64 connections): a warm-up, then the measured run. Progress goes to
stderr, the table to stdout and to bench/results/http.md and http.json, followed by the
JsonLogic bench (bench/bench_rules.py). Every process started is stopped at the end, whatever
happened. Needs wrk (`apt-get install wrk`), and for PostgreSQL a server and Redis on loopback.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Import bench.http from the repository root; with bench/ first on the path, the folder
# bench/http would stand where the standard library's http package is looked for.
sys.path[0] = str(ROOT)

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import uuid  # noqa: E402
from contextlib import ExitStack  # noqa: E402

from bench.http import report, servers, wrk  # noqa: E402
from bench.http.operations import (  # noqa: E402
    DRAFT_ID,
    LISTED,
    OPERATIONS,
    SUBMITTER,
    Citizens,
    Operation,
    persisted,
)
from bench.http.servers import BenchError, say  # noqa: E402

BACKEND = [sys.executable, "-m", "backend"]  # `zerorun`, from this interpreter
NOTES = [
    "The machine is shared and noisy (2 cores): wrk runs on it too, its 2 threads competing "
    "with the server for the same cores. Compare ratios within a run, not figures across runs.",
    "One uvicorn worker, started by `python -m backend serve` (uvicorn's default loop and HTTP "
    "parser, info logging with access lines); the raw Starlette route is served by the same "
    "uvicorn settings. Production mode (ZERORUN_ENV unset: errors masked, no GraphiQL), with the "
    "rate limit raised so it never refuses the load.",
    "Citizens sign in through the WeChat mini-program flow against `zerorun dev-registry` (the "
    "development sign-in is refused in production mode).",
    "Every operation is sent as the mini-program sends it: POST /graphql carrying only "
    "extensions.persistedQuery.sha256Hash; the text was registered once before timing.",
    "wrk -t2 -c64 (a closed loop: latency is measured from each request's sending, not "
    "corrected for coordinated omission), a warm-up run, then the measured run. Every answer "
    "is checked: a 200 with the expected data and no `errors`; bad answers are counted in the "
    "table.",
    "SQLite: a fresh file, no Redis. PostgreSQL: a fresh database on 127.0.0.1:5432 and Redis "
    "(persisted queries, caches, the bus) under a cache prefix of the run's own.",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="each measured run")
    parser.add_argument("--warmup", type=float, default=3.0, help="each warm-up run")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--skip-rules", action="store_true", help="skip bench/bench_rules.py")
    options = parser.parse_args()
    backends = [options.only] if options.only else ["sqlite", "postgres"]

    workdir = Path(tempfile.mkdtemp(prefix="zerorun-bench-"))
    # A `kill` unwinds like Ctrl-C: every process started is stopped, the database dropped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        measure_all(options, backends, workdir)
    except BenchError as e:
        say(f"FAILED: {e}")
        if any(workdir.iterdir()):
            say(f"the servers' logs are kept in {workdir}")
        return 1
    except KeyboardInterrupt:
        say(f"interrupted; every process started was stopped (logs in {workdir})")
        return 130
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


def measure_all(options: argparse.Namespace, backends: list[str], workdir: Path) -> report.Run:
    services = {"wrk": wrk.version()}
    if "postgres" in backends:
        say(f"checking PostgreSQL at {options.postgres} and Redis at {options.redis}")
        services["postgresql"] = servers.postgres_version(options.postgres)
        services["redis"] = servers.redis_version(options.redis)
    settings = {
        "seconds": options.seconds,
        "warmup": options.warmup,
        "connections": options.connections,
        "threads": wrk.THREADS,
    }
    operations = {op.name: op.what for op in OPERATIONS}
    run = report.Run(settings, report.machine(services), operations, NOTES)
    with ExitStack() as stack:
        port = servers.free_port()
        baseline = f"http://127.0.0.1:{port}"
        stack.enter_context(
            servers.serving(
                "the raw Starlette route",
                [sys.executable, "-m", "uvicorn", "bench.http.baseline:app", "--port", str(port)],
                dict(os.environ),
                baseline + "/",
                workdir / "baseline.log",
            )
        )
        for backend in backends:
            run.rows += measure_backend(backend, options, baseline, workdir)
    run.machine["load_average_at_end"] = report.load_average()
    if not options.skip_rules:
        run.rules = run_rules()
    report.write(ROOT / "bench" / "results", run)
    print("\n".join(report.table(run.rows)))
    print("\n" + (run.rules or "bench/bench_rules.py skipped"))
    say("wrote bench/results/http.json and bench/results/http.md")
    return run


def app_env(
    backend: str, options: argparse.Namespace, database_url: str, workdir: Path
) -> dict[str, str]:
    """The app's environment: production mode, the run's own database and cache prefix, the
    stand-in registry as the data-sharing platform, WeChat and the identity service."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("ZERORUN_") and k not in ("DATABASE_URL", "REDIS_URL")
    }
    registry = f"http://127.0.0.1:{servers.free_port()}"
    token = "bench-registry-" + uuid.uuid4().hex
    env.update(
        DATABASE_URL=database_url,
        ZERORUN_SECRET_KEY=servers.secret_key(),
        ZERORUN_RATE_LIMIT_PER_MINUTE="1000000000",
        ZERORUN_FILES_DIR=str(workdir / f"files-{backend}"),
        ZERORUN_CACHE_PREFIX=f"bench-{uuid.uuid4().hex[:12]}:",
        ZERORUN_REGISTRY_URL=registry,
        ZERORUN_REGISTRY_TOKEN=token,
        ZERORUN_WECHAT_APPID="bench-wechat-app",
        ZERORUN_WECHAT_SECRET="bench-wechat-secret",
        ZERORUN_WECHAT_URL=registry,
        ZERORUN_IDENTITY_URL=registry,
        ZERORUN_IDENTITY_TOKEN=token,
    )
    if backend == "postgres":
        env["REDIS_URL"] = options.redis
    return env


def measure_backend(
    backend: str, options: argparse.Namespace, baseline: str, workdir: Path
) -> list[report.Row]:
    """The raw route, then each operation, against the app on this backend."""
    say(f"=== {backend} ===")
    with ExitStack() as stack:
        app = start_app(stack, backend, options, workdir)
        citizens = Citizens(app)
        stack.callback(citizens.close)
        prepare(citizens)

        say(f"measuring the raw Starlette route ({backend}'s turn)")
        raw = measure(baseline, wrk.Request("/"), '"data"', options, workdir)
        rows = [report.Row(backend, "raw Starlette JSON route", raw, raw, None)]
        for op in OPERATIONS:
            say(f"measuring {op.name} on {backend}")
            load = (
                measure_submit(citizens, op, app, options, workdir)
                if op.per_draft
                else measure(app, graphql(citizens, op), op.marker, options, workdir)
            )
            row = report.Row(backend, op.name, load, raw, op.target)
            rows.append(row)
            say(
                f"{backend} {op.name}: {load.rps:,.0f} requests/s, p50 {load.p50_ms:.1f} ms, "
                f"p99 {load.p99_ms:.1f} ms, {row.ratio:.3f} of the raw route"
                + (f"; {load.bad} BAD ANSWERS, e.g. {load.sample}" if load.bad else "")
            )
        return rows


def start_app(stack: ExitStack, backend: str, options: argparse.Namespace, workdir: Path) -> str:
    """A fresh database with the demo catalog, the stand-in registry and the app, each undone
    when `stack` closes; returns the app's URL."""
    if backend == "postgres":
        database_url = stack.enter_context(servers.postgres_database(options.postgres))
    else:
        database_url = f"sqlite://{workdir / 'bench.sqlite3'}"
    env = app_env(backend, options, database_url, workdir)
    if backend == "postgres":
        stack.callback(servers.forget_redis_keys, options.redis, env["ZERORUN_CACHE_PREFIX"])
    log = workdir / f"{backend}-app.log"
    for step in (["migrate"], ["catalog", "load", "form_schemas"], ["demo-seed"]):
        servers.zerorun(step, env, log)
    registry, token = env["ZERORUN_REGISTRY_URL"], env["ZERORUN_REGISTRY_TOKEN"]
    stack.enter_context(
        servers.serving(
            "the stand-in registry",
            [*BACKEND, "dev-registry", "--port", registry.rsplit(":", 1)[1], "--token", token],
            env,
            registry + "/healthz",
            workdir / f"{backend}-registry.log",
        )
    )
    port = servers.free_port()
    stack.enter_context(
        servers.serving(
            f"the app on {backend}",
            [*BACKEND, "serve", "--port", str(port)],
            env,
            f"http://127.0.0.1:{port}/healthz",
            log,
        )
    )
    return f"http://127.0.0.1:{port}"


def prepare(citizens: Citizens) -> None:
    """Sign the citizens in, give the listed one applications, check every operation once."""
    for resident in (LISTED, SUBMITTER):
        citizens.sign_in(resident)
    citizens.seed_applications(LISTED)
    for op in OPERATIONS:
        variables = op.variables
        if op.per_draft:
            (draft,) = citizens.drafts(1)
            variables = {"input": {**variables["input"], "applicationId": draft}}
        say(f"checked {op.name}: {citizens.check(op, variables)}")


def graphql(citizens: Citizens, op: Operation, ids_file: Path | None = None) -> wrk.Request:
    """POST /graphql with the operation's hash and variables, as the op's citizen."""
    headers = [("Content-Type", "application/json"), *citizens.headers(op.who).items()]
    body = json.dumps(persisted(op.document, op.variables))
    placeholder = DRAFT_ID if ids_file else ""
    return wrk.Request("/graphql", "POST", tuple(headers), body, ids_file, placeholder)


def measure(
    url: str, request: wrk.Request, marker: str, options: argparse.Namespace, workdir: Path
) -> wrk.Load:
    wrk.run(url, request, marker, options.warmup, options.connections, workdir)
    return wrk.run(url, request, marker, options.seconds, options.connections, workdir)


def measure_submit(
    citizens: Citizens, op: Operation, url: str, options: argparse.Namespace, workdir: Path
) -> wrk.Load:
    """Each request submits a draft never submitted before: enough drafts are started for the
    warm-up (a guess), then for the measured run (from the warm-up's rate, with room for the
    requests in flight at the end); if they still run out, once more with twice as many."""
    spare = 2 * options.connections
    count = int(options.warmup * 200) + spare
    for attempt, seconds in enumerate((options.warmup, options.seconds, options.seconds)):
        ids = workdir / "drafts.txt"
        ids.write_text("\n".join(citizens.drafts(count)) + "\n", encoding="utf-8")
        load = wrk.run(
            url, graphql(citizens, op, ids), op.marker, seconds, options.connections, workdir
        )
        if attempt and not load.past_end:
            return load
        count = int(max(load.rps, 50) * options.seconds * 1.5) * (2 if load.past_end else 1) + spare
        if attempt:
            say(f"{load.past_end} requests found no fresh draft; measuring again with {count}")
    raise BenchError("the drafts ran out twice: the submit rate could not be measured")


def run_rules() -> str:
    say("running bench/bench_rules.py")
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_rules.py")], capture_output=True, text=True
    )
    if done.returncode != 0:
        say(f"bench/bench_rules.py failed:\n{done.stderr[-1500:]}")
        return f"bench/bench_rules.py failed (exit {done.returncode}); run it alone to see why."
    return done.stdout


if __name__ == "__main__":
    sys.exit(main())
