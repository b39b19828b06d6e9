"""The supervisor's dashboard (supervisionDashboard) at province scale: the service call a
request makes, timed for a county, a city and the province over the calendar year 2025 (read
as each matter's year) and over a year not aligned with the calendar (its days, months and
quarters), read from the
sweep's summary of settled days (the new way) and computed live from the applications (the old
way, `live=True`: what the summary must equal), side by side in one run.

    .venv/bin/python bench/bench_supervision.py DATABASE_URL [DATABASE_URL …] [--repeat 5]

Prepare each database with a synthetic Zhejiang (`zerorun synthesize`, see bench_province.py):

    DATABASE_URL=sqlite:///tmp/province.sqlite3 zerorun migrate
    DATABASE_URL=sqlite:///tmp/province.sqlite3 zerorun catalog load form_schemas
    DATABASE_URL=sqlite:///tmp/province.sqlite3 zerorun synthesize --scale 0.01

The synthetic province has applications only; the first run adds, once, what the dashboard
reads besides (marked by the synthetic events it writes): a "submitted" event for each submitted
application and a "completed" one for each completed one (completed 1–15 days after submission,
due 10 days after it), channels and delivery modes (a fifth at the window, a third picked up),
a review task for each accepted or completed application (the accepted ones pending and flagged
overdue), a rating for each completed one (scores 1–5) and a follow-up for each bad one. Then,
per database: the summary dropped and written again from scratch, as the first sweep does
(timed), and each region's dashboard both ways: once to warm the caches, then the median of
`--repeat` calls, checking that both ways give the same figures. Prints a Markdown table with
the ratio and writes it to bench/results/supervision.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[0] = str(ROOT)

import argparse  # noqa: E402
import asyncio  # noqa: E402
import datetime as dt  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from dataclasses import replace  # noqa: E402
from typing import Any  # noqa: E402

from tortoise.backends.base.client import BaseDBAsyncClient  # noqa: E402

YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
# a year not aligned with the calendar: read as days, months and quarters, not as one year
ROLLING = (dt.date(2024, 12, 15), dt.date(2025, 12, 14))
PERIODS = {"2025": YEAR, "2024-12-15..2025-12-14": ROLLING}
MARK = "bench-supervision"


def enrich_sql(sqlite: bool) -> list[str]:
    """What the dashboard reads besides applications, derived from the synthetic ones."""
    if sqlite:
        local = "strftime('%Y-%m-%d %H:%M:%S+08:00', {0}, '+8 hours'{1})"
        later = local.format("a.submitted_at", ", '+' || (1 + abs(random()) % 15) || ' days'")
        now = local.format("'now'", "")
        due = "date(a.submitted_at, '+8 hours', '+10 days')"
        pick = "abs(random()) % {0} = 0"
        score = "1 + abs(random()) % 5"
    else:
        later = "a.submitted_at + (1 + floor(random() * 15)) * interval '1 day'"
        now = "now()"
        due = "CAST((a.submitted_at AT TIME ZONE 'Asia/Shanghai') + interval '10 days' AS DATE)"
        pick = "random() < 1.0 / {0}"
        score = "1 + floor(random() * 5)"
    return [
        f"UPDATE application SET due_on = (SELECT {due} FROM application a WHERE a.id = application.id)"
        " WHERE status IN ('accepted', 'completed', 'denied') AND submitted_at IS NOT NULL",
        f"UPDATE application SET channel = 'window' WHERE {pick.format(5)}",
        "UPDATE application SET delivery_mode = 'e_license' WHERE delivery_mode IS NULL",
        f"UPDATE application SET delivery_mode = 'pickup' WHERE {pick.format(3)}",
        "INSERT INTO application_event (application_id, kind, message_zh, message_en, actor, at)"
        f" SELECT a.id, 'submitted', '{MARK}', '', 'system', a.submitted_at FROM application a"
        " WHERE a.submitted_at IS NOT NULL",
        "INSERT INTO application_event (application_id, kind, message_zh, message_en, actor, at)"
        f" SELECT a.id, 'completed', '{MARK}', '', 'system', {later} FROM application a"
        " WHERE a.status = 'completed' AND a.submitted_at IS NOT NULL",
        "INSERT INTO review_task (application_id, root_id, matter_code, department_code,"
        " department_name, region_code, status, due_on, due_provisional, overdue_flagged_at,"
        " created_at)"
        " SELECT a.id, a.id, a.matter_code, 'D', 'D', a.region_code,"
        " CASE WHEN a.status = 'accepted' THEN 'pending' ELSE 'approved' END, a.due_on, false,"
        f" CASE WHEN a.status = 'accepted' THEN {now} END, {now}"
        " FROM application a WHERE a.status IN ('accepted', 'completed')",
        "INSERT INTO rating (application_id, citizen_id, score, tags, comment, created_at)"
        f" SELECT e.application_id, a.citizen_id, {score}, '[]', '', e.at"
        " FROM application_event e JOIN application a ON a.id = e.application_id"
        f" WHERE e.kind = 'completed' AND e.message_zh = '{MARK}'",
        "INSERT INTO follow_up (rating_id, region_code, opened_at, due_on)"
        " SELECT r.id, a.region_code, r.created_at, a.due_on FROM rating r"
        " JOIN application a ON a.id = r.application_id WHERE r.score <= 2",
    ]


async def enrich(conn: BaseDBAsyncClient, sqlite: bool) -> float:
    _, found = await conn.execute_query(
        f"SELECT 1 FROM application_event WHERE message_zh = '{MARK}' LIMIT 1"
    )
    if found:
        return 0.0
    began = time.perf_counter()
    async with conn._in_transaction() as tx:
        for statement in enrich_sql(sqlite):
            await tx.execute_script(statement)
    await conn.execute_script("ANALYZE")
    return time.perf_counter() - began


async def regions(conn: BaseDBAsyncClient) -> dict[str, str]:
    """The county with the most applications, its city, and the province."""
    _, rows = await conn.execute_query(
        "SELECT region_code, COUNT(*) AS n FROM application GROUP BY region_code"
        " ORDER BY n DESC LIMIT 1"
    )
    county = str(rows[0]["region_code"])
    return {
        f"county {county}": county,
        f"city {county[:4]}00": county[:4] + "00",
        "province 330000": "330000",
    }


async def timed(
    region: str, period: tuple[dt.date, dt.date], repeat: int, live: bool
) -> tuple[float, Any]:
    from backend.backoffice.service import supervision_dashboard
    from backend.staff.service import StaffMember

    staff = StaffMember(username="bench", role="supervisor", region_code="330000")
    d = await supervision_dashboard(staff, *period, region, live=live)  # warm
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        await supervision_dashboard(staff, *period, region, live=live)
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000, d


async def summarised() -> float:
    """The summary written again from scratch, as the first sweep does: seconds."""
    from backend.backoffice.service import forget_supervision_summary, summarise_supervision

    await forget_supervision_summary()
    began = time.perf_counter()
    await summarise_supervision()
    return time.perf_counter() - began


async def measure(url: str, repeat: int) -> list[str]:
    from backend import db
    from backend.settings import Settings

    await db.init(replace(Settings.from_env(), database_url=url))
    try:
        from backend.applications.service import Application

        conn: BaseDBAsyncClient = Application._meta.db
        sqlite = conn.capabilities.dialect == "sqlite"
        kind = "SQLite" if sqlite else "PostgreSQL"
        _, count = await conn.execute_query("SELECT COUNT(*) AS n FROM application")
        total = int(count[0]["n"])
        enriched = await enrich(conn, sqlite)
        took = await summarised()
        await conn.execute_script("ANALYZE")
        _, rows = await conn.execute_query("SELECT COUNT(*) AS n FROM supervision_day")
        print(
            f"{kind}: {total} applications; enriched in {enriched:.1f} s; summarised in"
            f" {took:.1f} s ({rows[0]['n']} summary rows)",
            file=sys.stderr,
        )
        places = await regions(conn)
        cases = [(k, r, p) for k, r in places.items() for p in PERIODS]
        new = {(k, p): await timed(r, PERIODS[p], repeat, live=False) for k, r, p in cases}
        old = {(k, p): await timed(r, PERIODS[p], repeat, live=True) for k, r, p in cases}
        for case, (_, figures) in new.items():
            if figures != old[case][1]:
                raise SystemExit(f"{kind} {case}: the summary's figures differ from the live ones")
        return [
            f"| {kind} | {total:,} | {k} | {p} | {new[k, p][1].total.applications:,} |"
            f" {new[k, p][0]:.0f} | {old[k, p][0]:.0f} | {old[k, p][0] / new[k, p][0]:.1f}× |"
            for k, _, p in cases
        ] + [f"| {kind} | {total:,} | summary written from scratch | | | {took * 1000:.0f} | | |"]
    finally:
        await db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("databases", nargs="+")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    lines = [
        f"Supervisor's dashboard over a year: median of {args.repeat} calls of the service"
        " (the statements a request sends), read from the summary of settled days and computed"
        " live (the same figures, checked).",
        "",
        "| database | applications | region | period | received | summary (ms) |"
        " live (ms) | ratio |",
        "| --- | ---: | --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for url in args.databases:
        lines += asyncio.run(measure(url, args.repeat))
    text = "\n".join(lines) + "\n"
    print(text)
    (ROOT / "bench" / "results" / "supervision.md").write_text(text)


if __name__ == "__main__":
    main()
