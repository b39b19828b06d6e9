"""The supervisor's dashboard (督察看板): what a region and the regions below it received and
completed in a period, by matter and by department, how much of it on time, how many trips it
cost, what citizens thought of it, and the work overdue now. Every figure is a SQL aggregate
(GROUP BY with CASE sums, portable between SQLite and PostgreSQL): a dashboard is a fixed
handful of statements whatever the number of applications.

The unit is the matter application (a life event's child counts once per matter; the life
event's parent, which names no matter, does not). Ratings and follow-ups are read from their
tables here, read-only, as a report: the ratings domain builds on this one, not the reverse."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from backend.backoffice.models import ReviewTask
from backend.backoffice.records import BackofficeProblem
from backend.catalog.service import Matter
from backend.forms.validation import FieldError
from backend.regions.service import covers
from backend.rules.domain import CHINA_TIME
from backend.staff.service import StaffMember

MAX_DAYS = 366
MAX_ROWS = 100  # matters and departments, most applications first
OVERDUE_SHOWN = 50
BAD = 2  # a score of 2 or less is a bad rating (差评)
READERS = ("supervisor", "county_admin")

# The trips an application cost, from what is recorded of it: a filing at the window is one
# visit, a result picked up at a hall another. (The evaluation's run count is computed per
# application in Python and not stored; these two columns are what SQL can count.)
RUNS = (
    "(CASE WHEN a.channel = 'window' THEN 1 ELSE 0 END"
    " + CASE WHEN a.delivery_mode = 'pickup' THEN 1 ELSE 0 END)"
)


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


def _bounds(region: str) -> tuple[str, str]:
    """The region and the regions below it as a range of codes (an index range, not LIKE)."""
    prefix = (
        region[:2] if region.endswith("0000") else region[:4] if region.endswith("00") else region
    )
    return prefix, str(int(prefix) + 1)


class _Sql:
    """Portable statements: `$n` placeholders, a China-time day expression, and parameters
    SQLite compares as text (it keeps times and dates as ISO text)."""

    def __init__(self) -> None:
        self.conn: BaseDBAsyncClient = ReviewTask._meta.db
        self.sqlite = self.conn.capabilities.dialect == "sqlite"

    def day(self, column: str) -> str:
        if self.sqlite:
            return f"date({column}, '+8 hours')"
        return f"CAST(({column} AT TIME ZONE 'Asia/Shanghai') AS DATE)"

    def param(self, value: object) -> object:
        if self.sqlite and isinstance(value, dt.datetime):
            # Tortoise writes times in the configured zone (Asia/Shanghai) as
            # "2026-03-31 23:30:00[.ffffff]+08:00": a bound in that form without fractions
            # compares as text exactly as the instants do ("+" sorts before ".").
            return value.astimezone(CHINA_TIME).isoformat(" ", "seconds")
        if self.sqlite and isinstance(value, dt.date):
            return value.isoformat()
        return value

    async def rows(self, text: str, values: list[object]) -> list[dict[str, Any]]:
        if self.sqlite:
            text = re.sub(r"\$(\d+)", r"?\1", text)
        _, rows = await self.conn.execute_query(text, [self.param(v) for v in values])
        return [dict(r) for r in rows]


def _date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _int(value: Any) -> int:
    return int(value or 0)


# $1, $2: the period's instants [start, end); $3: a county's code, or $3, $4: a city's or the
# province's codes [lo, hi) (a county's own applications are one index range of its period).
IN_COUNTY = "a.region_code = $3"
IN_REGION = "a.region_code >= $3 AND a.region_code < $4"
RECEIVED = "a.matter_code IS NOT NULL AND a.submitted_at >= $1 AND a.submitted_at < $2 AND {region}"


def _where(values: list[object]) -> str:
    return IN_COUNTY if len(values) == 3 else IN_REGION


def _figures_sql(q: _Sql, group: str, region: str) -> str:
    done = f"{q.day('e.at')}"
    select = f"{group}, " if group else ""
    tail = f" GROUP BY {group} ORDER BY applications DESC, 1 LIMIT {MAX_ROWS}" if group else ""
    join = " JOIN matter m ON m.code = a.matter_code" if "m." in group else ""
    return (
        f"SELECT {select}COUNT(*) AS applications,"
        " SUM(CASE WHEN a.status = 'completed' THEN 1 ELSE 0 END) AS completed,"
        f" SUM(CASE WHEN {RUNS} = 0 THEN 1 ELSE 0 END) AS zero_run,"
        f" SUM(CASE WHEN {RUNS} = 1 THEN 1 ELSE 0 END) AS one_run,"
        f" SUM(CASE WHEN e.at IS NOT NULL AND a.due_on IS NOT NULL AND {done} <= a.due_on"
        " THEN 1 ELSE 0 END) AS on_time,"
        " SUM(CASE WHEN e.at IS NOT NULL AND a.due_on IS NOT NULL THEN 1 ELSE 0 END) AS timed"
        f" FROM application a{join}"
        " LEFT JOIN application_event e ON e.application_id = a.id AND e.kind = 'completed'"
        f" WHERE {RECEIVED}{tail}"
    ).replace("{region}", region)


def _figures(row: dict[str, Any], code: str = "", zh: str = "", en: str = "") -> Figures:
    return Figures(
        applications=_int(row["applications"]),
        completed=_int(row["completed"]),
        zero_run=_int(row["zero_run"]),
        one_run=_int(row["one_run"]),
        on_time=_int(row["on_time"]),
        timed=_int(row["timed"]),
        code=code,
        name_zh=zh,
        name_en=en,
    )


async def _daily(q: _Sql, values: list[object], start: dt.date, end: dt.date) -> list[DayCount]:
    rows = await q.rows(
        f"SELECT 'r' AS k, {q.day('a.submitted_at')} AS d, COUNT(*) AS n FROM application a"
        f" WHERE {RECEIVED.replace('{region}', _where(values))}"
        f" GROUP BY {q.day('a.submitted_at')}"
        f" UNION ALL SELECT 'c' AS k, {q.day('e.at')} AS d, COUNT(*) AS n"
        " FROM application_event e JOIN application a ON a.id = e.application_id"
        " WHERE e.kind = 'completed' AND e.at >= $1 AND e.at < $2 AND a.matter_code IS NOT NULL"
        f" AND {_where(values)} GROUP BY {q.day('e.at')}",
        values,
    )
    counts: dict[tuple[str, dt.date], int] = {(r["k"], _date(r["d"])): _int(r["n"]) for r in rows}
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    return [DayCount(d, counts.get(("r", d), 0), counts.get(("c", d), 0)) for d in days]


async def _by_matter(q: _Sql, values: list[object]) -> list[Figures]:
    rows = await q.rows(_figures_sql(q, "a.matter_code", _where(values)), values)
    codes = [str(r["matter_code"]) for r in rows]
    names = {
        m["code"]: (m["name_zh"], m["name_en"])
        for m in await Matter.filter(code__in=codes).values("code", "name_zh", "name_en")
    }
    return [_figures(r, c, *names.get(c, (c, c))) for r, c in zip(rows, codes, strict=True)]


async def _by_department(q: _Sql, values: list[object]) -> list[Figures]:
    rows = await q.rows(
        _figures_sql(q, "m.department_code, m.department_name", _where(values)), values
    )
    return [
        _figures(r, str(r["department_code"]), str(r["department_name"]), str(r["department_code"]))
        for r in rows
    ]


async def _ratings(q: _Sql, values: list[object], today: dt.date) -> Ratings:
    rows = await q.rows(
        "SELECT COUNT(*) AS n, AVG(r.score * 1.0) AS average,"
        f" SUM(CASE WHEN r.score <= {BAD} THEN 1 ELSE 0 END) AS bad,"
        " SUM(CASE WHEN f.id IS NOT NULL AND f.closed_at IS NULL THEN 1 ELSE 0 END) AS open,"
        " SUM(CASE WHEN f.closed_at IS NOT NULL THEN 1 ELSE 0 END) AS closed,"
        f" SUM(CASE WHEN (f.closed_at IS NULL AND f.due_on < ${len(values) + 1})"
        f" OR {q.day('f.closed_at')} > f.due_on THEN 1 ELSE 0 END) AS late"
        " FROM rating r JOIN application a ON a.id = r.application_id"
        " LEFT JOIN follow_up f ON f.rating_id = r.id"
        " WHERE r.created_at >= $1 AND r.created_at < $2"
        f" AND {_where(values)}",
        [*values, today],
    )
    r = rows[0]
    average = r["average"]
    return Ratings(
        count=_int(r["n"]),
        average=None if average is None else round(float(average), 2),
        bad=_int(r["bad"]),
        follow_ups_open=_int(r["open"]),
        follow_ups_closed=_int(r["closed"]),
        follow_ups_late=_int(r["late"]),
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


async def dashboard(
    staff: StaffMember,
    start: dt.date,
    end: dt.date,
    region: str | None = None,
    today: dt.date | None = None,
) -> Dashboard:
    """The dashboard of `region` (default: mine) for the days start..end (China time)."""
    chosen = _scope(staff, start, end, region)
    today = today or dt.datetime.now(CHINA_TIME).date()
    lo, hi = _bounds(chosen)
    since = dt.datetime.combine(start, dt.time(), CHINA_TIME)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), CHINA_TIME)
    county = len(chosen) == len(lo)  # a county: its own code
    values: list[object] = [since, until, lo] if county else [since, until, lo, hi]
    q = _Sql()
    totals = await q.rows(_figures_sql(q, "", _where(values)), values)
    count, overdue = await _overdue(lo, hi, today)
    return Dashboard(
        region_code=chosen,
        start=start,
        end=end,
        daily=await _daily(q, values, start, end),
        total=_figures(totals[0]),
        by_matter=await _by_matter(q, values),
        by_department=await _by_department(q, values),
        overdue_count=count,
        overdue=overdue,
        ratings=await _ratings(q, values, today),
    )
