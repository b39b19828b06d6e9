"""The HTTP bench's own logic, without servers or wrk: how wrk's summary is read, what the
generated Lua script sends, and how a result is judged against the issue's targets."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # bench/ is not installed

from bench.http import report, wrk

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8000/graphql
  2 threads and 64 connections
BENCH {"requests": 20000, "duration_us": 10000000, "p50_us": 2500, "p99_us": 120000, "max_us": 300000, "socket_errors": 0, "bad": 3, "past_end": 0}
SAMPLE 500 {"errors": [{"message": "Unexpected error."}]}
Requests/sec:   2000.00
"""


def load(rps: float, p99_ms: float = 10.0) -> wrk.Load:
    return wrk.Load(int(rps), 1.0, rps, 1.0, p99_ms, p99_ms, 0, 0, 0, "")


def test_the_summary_is_read_from_the_scripts_bench_line() -> None:
    parsed = wrk.parse(WRK_OUTPUT)

    assert (parsed.requests, parsed.rps, parsed.p50_ms, parsed.p99_ms) == (20000, 2000, 2.5, 120)
    assert parsed.bad == 3 and parsed.sample.startswith("500 {")


def test_a_request_per_draft_puts_each_id_where_the_placeholder_was() -> None:
    request = wrk.Request(
        "/graphql",
        "POST",
        (("Authorization", "Bearer t"),),
        '{"variables": {"input": {"applicationId": "@@ID@@"}}}',
        Path("/tmp/ids.txt"),
        "@@ID@@",
    )

    lua = wrk.script(request, '"status":"SUBMITTED"')

    assert (
        '[====[{"variables": {"input": {"applicationId": "]====] .. id .. [====["}}}]====]' in lua
    )
    assert "wrk.headers[ [====[Authorization]====] ] = [====[Bearer t]====]" in lua
    assert "@@ID@@" not in lua


def test_an_operation_meets_its_targets_by_ratio_to_the_raw_route_and_by_p99() -> None:
    raw = load(10_000)
    fast = report.Row("sqlite", "guide", load(6_000, p99_ms=40), raw, 0.50)
    slow = report.Row("sqlite", "evaluate", load(900, p99_ms=140), raw, 0.10)

    assert fast.ratio == 0.6 and fast.ratio_met and fast.p99_met
    assert not slow.ratio_met and not slow.p99_met


def test_the_results_point_to_the_account_of_what_blocks_a_target_only_when_one_is_missed() -> None:
    raw = load(10_000)
    machine = {
        "commit": "abc1234",
        "cpu": "test CPU",
        "cores": 2,
        "load_average_at_start": [0, 0, 0],
        "python": "3.11",
        "packages": {},
    }
    run = report.Run({"seconds": 1, "warmup": 1, "connections": 64}, machine, {}, [])
    run.rows = [report.Row("sqlite", "guide", load(6_000, p99_ms=40), raw, 0.50)]
    all_met = report.markdown(run)
    run.rows.append(report.Row("sqlite", "evaluate", load(900, p99_ms=140), raw, 0.10))
    one_missed = report.markdown(run)

    assert "docs/performance.md" not in all_met
    assert "docs/performance.md" in one_missed and "1 of 2 measurements" in one_missed
