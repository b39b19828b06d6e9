"""The supervisor's dashboard (督察看板): what a region and the regions below it received and
completed in a period, by matter and by department, how much of it on time, how many trips it
cost, what citizens thought of it, and the work overdue now. Every figure is a SQL aggregate
(GROUP BY with CASE sums, portable between SQLite and PostgreSQL) over the sweep's summary of
settled days (supervision_summary) and the live rows of the days after them, in one statement:
a dashboard is a fixed handful of statements whatever the number of applications. `live=True`
computes every day live: what the summary must equal.

The unit is the matter application (a life event's child counts once per matter; the life
event's parent, which names no matter, does not). Ratings and follow-ups are read from their
tables here, read-only, as a report: the ratings domain builds on this one, not the reverse."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import uuid
from dataclasses import dataclass
from typing import Any

from backend.backoffice.models import ReviewTask, SupervisionWatermark
from backend.backoffice.records import BackofficeProblem
from backend.backoffice.supervision_periods import DAY, pieces
from backend.backoffice.supervision_sql import (
    COLUMNS,
    Sql,
    as_date,
    event_rows,
    instant,
    received_rows,
)
from backend.forms.validation import FieldError
from backend.regions.service import code_range, covers
from backend.rules.domain import CHINA_TIME
from backend.staff.service import StaffMember

MAX_DAYS = 366
MAX_ROWS = 100  # matters and departments, most applications first
OVERDUE_SHOWN = 50
READERS = ("supervisor", "county_admin")


@dataclass(frozen=True)
class DayCount:
    day: dt.date
    received: int
    completed: int


@dataclass(frozen=True)
class Figures:
    """Applications received in the period (of one matter, one department, or all)."""

    applications: int
    completed: int
    zero_run: int
    one_run: int
    on_time: int
    timed: int  # completed with a statutory deadline: on_time's denominator
    code: str = ""
    name_zh: str = ""
    name_en: str = ""


@dataclass(frozen=True)
class Overdue:
    application_id: uuid.UUID
    root_id: uuid.UUID
    matter_code: str
    department_code: str
    department_name: str
    due_on: dt.date
    days_over: int


@dataclass(frozen=True)
class Ratings:
    count: int
    average: float | None
    bad: int
    follow_ups_open: int
    follow_ups_closed: int
    follow_ups_late: int


@dataclass(frozen=True)
class Dashboard:
    region_code: str
    start: dt.date
    end: dt.date
    daily: list[DayCount]
    total: Figures
    by_matter: list[Figures]
    by_department: list[Figures]
    overdue_count: int
    overdue: list[Overdue]
    ratings: Ratings


def _invalid(path: str, code: str, zh: str, en: str) -> FieldError:
    return FieldError(path, code, zh, en)


def _scope(staff: StaffMember, start: dt.date, end: dt.date, region: str | None) -> str:
    """The region to report on; every input at fault is reported at once."""
    if staff.role not in READERS:
        raise BackofficeProblem(
            "NOT_FOUND", "只有督察和县级管理员可以查看。", "Only supervisors and administrators."
        )
    errors: list[FieldError] = []
    if start > end:
        errors.append(_invalid("/to", "RANGE", "结束日期不能早于开始日期。", "to is before from."))
    elif (end - start).days + 1 > MAX_DAYS:
        errors.append(
            _invalid(
                "/to",
                "RANGE",
                f"统计期间最长 {MAX_DAYS} 天。",
                f"The period is at most {MAX_DAYS} days.",
            )
        )
    chosen = staff.region_code if region is None else region
    if region is not None and not re.fullmatch(r"\d{6}", region):
        errors.append(
            _invalid("/region", "FORMAT", "地区代码为 6 位数字。", "A region code is 6 digits.")
        )
    if errors:
        raise BackofficeProblem(
            "INVALID_INPUT", "请检查统计条件。", "Check the dashboard's inputs.", errors
        )
    if not covers(staff.region_code, chosen):
        raise BackofficeProblem(
            "NOT_FOUND",
            "该地区不在您的管辖范围内。",
            "That region is outside yours.",
            [_invalid("/region", "OUTSIDE", "不在您的管辖范围内。", "Outside your region.")],
        )
    return chosen


def _int(value: Any) -> int:
    return int(value or 0)


FIGURES = (
    "SUM(received) AS applications, SUM(completed) AS completed, SUM(zero_run) AS zero_run,"
    " SUM(one_run) AS one_run, SUM(on_time) AS on_time, SUM(timed) AS timed"
)
OF_MATTERS = FIGURES.replace("SUM(received)", "SUM(applications)")  # summing matters' figures


def _runs(first: dt.date, last: dt.date) -> tuple[list[str], dict[str, object]]:
    """The settled days [first, last] as the summary's rows of matters to read: a condition
    per run of whole years, quarters, months or days (supervision_periods), and its values."""
    conditions: list[str] = []
    values: dict[str, object] = {}
    for i, (grain, start, end) in enumerate(pieces(first, last)):
        name = chr(ord("a") + i)  # parameters are named in letters
        conditions.append(f"s.grain = '{grain}' AND s.day >= :from{name} AND s.day <= :to{name}")
        values |= {f"from{name}": start, f"to{name}": end}
    return conditions, values


def _dashboard_sql(q: Sql, region: str, runs: list[str]) -> str:
    """Every figure but the follow-ups and the overdue work, in one statement, from the
    summary's settled days [:first, :last] and the live rows of the days after them: by matter
    from the rows of matters, of their whole years, quarters and months and the other days
    (`runs`), grouped by id, then the matters' codes, names and departments joined (a
    province's year is 86,000 rows into 86,000 matters; as days it was 440,000); by day from
    the rows of days (90 counties a day), which hold the ratings too."""
    s = region.replace("a.", "s.")
    of_matters = " UNION ALL ".join(
        [
            *(
                f"SELECT s.matter_id, {COLUMNS} FROM supervision_day s WHERE {run}"
                f" AND {s} AND s.matter_id <> 0"
                for run in runs
            ),
            f"SELECT matter_id, {COLUMNS} FROM ({received_rows(q, region)}) x",
        ]
    )
    period = f"s.grain = '{DAY}' AND s.day >= :first AND s.day <= :last AND {s}"
    of_days = (
        f"SELECT s.day, {COLUMNS} FROM supervision_day s WHERE {period} AND s.matter_id = 0"
        f" UNION ALL SELECT day, {COLUMNS} FROM ({received_rows(q, region)}) r"
        f" UNION ALL SELECT day, {COLUMNS} FROM ({event_rows(q, region)}) e"
    )
    rest = "0 AS done, 0 AS rated, 0 AS score_sum, 0 AS bad"
    return (
        "WITH g AS MATERIALIZED (SELECT m.code, m.name_zh, m.name_en, m.department_code,"
        f" m.department_name, f.* FROM (SELECT matter_id, {FIGURES} FROM ({of_matters}) u"
        " GROUP BY matter_id) f JOIN matter m ON m.id = f.matter_id)"
        " SELECT * FROM (SELECT 'm' AS k, code, name_zh, name_en, applications, completed,"
        f" zero_run, one_run, on_time, timed, {rest} FROM g ORDER BY 5 DESC, 2"
        f" LIMIT {MAX_ROWS}) ms"
        " UNION ALL SELECT * FROM (SELECT 'd', department_code, department_name,"
        f" department_code, {OF_MATTERS}, {rest} FROM g GROUP BY department_code,"
        f" department_name ORDER BY 5 DESC, 2 LIMIT {MAX_ROWS}) ds"
        f" UNION ALL SELECT 'r', CAST(day AS TEXT), '', '', {FIGURES}, SUM(done), SUM(rated),"
        f" SUM(score_sum), SUM(bad) FROM ({of_days}) y GROUP BY day"
    )


def _figures(row: dict[str, Any]) -> Figures:
    return Figures(
        applications=_int(row["applications"]),
        completed=_int(row["completed"]),
        zero_run=_int(row["zero_run"]),
        one_run=_int(row["one_run"]),
        on_time=_int(row["on_time"]),
        timed=_int(row["timed"]),
        code=str(row["code"]),
        name_zh=str(row["name_zh"] or row["code"]),
        name_en=str(row["name_en"] or row["code"]),
    )


def _daily(rows: list[dict[str, Any]], start: dt.date, end: dt.date) -> list[DayCount]:
    counts = {as_date(r["code"]): r for r in rows}
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    return [
        DayCount(
            d, _int(counts.get(d, {}).get("applications")), _int(counts.get(d, {}).get("done"))
        )
        for d in days
    ]


def _total(days: list[dict[str, Any]]) -> Figures:
    """The period's figures: its days' rows summed."""
    names = ("applications", "completed", "zero_run", "one_run", "on_time", "timed")
    sums = {c: sum(_int(d[c]) for d in days) for c in names}
    return _figures({**sums, "code": "", "name_zh": "", "name_en": ""})


async def _follow_ups(q: Sql, region: str, values: dict[str, object]) -> dict[str, Any]:
    """The follow-ups of the period's bad ratings, read live (a follow-up is in its
    application's region, opened when it was rated)."""
    rows = await q.rows(
        "SELECT SUM(CASE WHEN f.closed_at IS NULL THEN 1 ELSE 0 END) AS open,"
        " SUM(CASE WHEN f.closed_at IS NOT NULL THEN 1 ELSE 0 END) AS closed,"
        # late: a deadline missed, past it undone or done after it (the callback's and the
        # rectification's; the single answer's of the follow-ups opened before those steps)
        " SUM(CASE WHEN (f.closed_at IS NULL AND f.rectified_at IS NULL AND f.due_on < :today)"
        " OR (f.closed_at IS NULL AND f.callback_at IS NULL AND f.callback_due_on < :today)"
        f" OR (f.callback_due_on IS NULL AND {q.day('f.closed_at')} > f.due_on)"
        f" OR {q.day('f.rectified_at')} > f.due_on"
        f" OR {q.day('f.callback_at')} > f.callback_due_on THEN 1 ELSE 0 END) AS late"
        " FROM follow_up f"
        f" WHERE {q.during('f.opened_at', 'since', 'until')} AND {region}",
        values,
    )
    return rows[0]


def _ratings(days: list[dict[str, Any]], f: dict[str, Any]) -> Ratings:
    """The period's ratings from its days' rows, with the follow-ups of the bad ones."""
    count, scores = sum(_int(d["rated"]) for d in days), sum(_int(d["score_sum"]) for d in days)
    return Ratings(
        count=count,
        average=round(scores / count, 2) if count else None,
        bad=sum(_int(d["bad"]) for d in days),
        follow_ups_open=_int(f["open"]),
        follow_ups_closed=_int(f["closed"]),
        follow_ups_late=_int(f["late"]),
    )


async def _overdue(lo: str, hi: str, today: dt.date) -> tuple[int, list[Overdue]]:
    """Pending tasks the sweep flagged past their deadline, now (as overdueWork), oldest first."""
    tasks = ReviewTask.filter(
        status="pending", overdue_flagged_at__isnull=False, region_code__gte=lo, region_code__lt=hi
    )
    count = await tasks.count()
    shown = await tasks.order_by("due_on", "id").limit(OVERDUE_SHOWN)
    return count, [
        Overdue(
            t.application_id,
            t.root_id,
            t.matter_code,
            t.department_code,
            t.department_name,
            t.due_on,
            (today - t.due_on).days,
        )
        for t in shown
        if t.due_on is not None
    ]


async def settled_through() -> dt.date | None:
    """The last day the summary holds (None before the first summary)."""
    mark = await SupervisionWatermark.get_or_none(id=1)
    return None if mark is None else mark.settled_through


async def dashboard(
    staff: StaffMember,
    start: dt.date,
    end: dt.date,
    region: str | None = None,
    today: dt.date | None = None,
    live: bool = False,
) -> Dashboard:
    """The dashboard of `region` (default: mine) for the days start..end (China time): the
    days the sweep summarised as of its last run, the days after them live (today always);
    `live` reads every day live (what the summary must equal)."""
    chosen = _scope(staff, start, end, region)
    today = today or dt.datetime.now(CHINA_TIME).date()
    lo, hi = code_range(chosen)
    settled = None if live else await settled_through()
    last = min(end, settled) if settled is not None else start - dt.timedelta(days=1)
    county = len(chosen) == len(lo)  # a county: its own code, one index range of its period
    where = "a.region_code = :lo" if county else "a.region_code >= :lo AND a.region_code < :hi"
    values: dict[str, object] = {
        "since": instant(start),
        "until": instant(end + dt.timedelta(days=1)),
        "live": instant(max(start, last + dt.timedelta(days=1))),
        "first": start,
        "last": last,
        "lo": lo,
        "hi": hi,
        "today": today,
    }
    runs, bounds = _runs(start, last)
    q = Sql()
    # three statements at once, each on a connection of its own (one after the other on SQLite)
    rows, (count, overdue), follow_ups = await asyncio.gather(
        q.report(_dashboard_sql(q, where, runs), values | bounds),
        _overdue(lo, hi, today),
        _follow_ups(q, where.replace("a.", "f."), values),
    )
    days = [r for r in rows if r["k"] == "r"]
    of = {  # the matters and departments most applications first (each kind chosen so in SQL)
        k: sorted(
            (_figures(r) for r in rows if r["k"] == k), key=lambda f: (-f.applications, f.code)
        )
        for k in ("m", "d")
    }
    return Dashboard(
        region_code=chosen,
        start=start,
        end=end,
        daily=_daily(days, start, end),
        total=_total(days),
        by_matter=of["m"],
        by_department=of["d"],
        overdue_count=count,
        overdue=overdue,
        ratings=_ratings(days, follow_ups),
    )
