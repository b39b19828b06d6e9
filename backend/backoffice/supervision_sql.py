"""The rows the supervisor's figures are made of, in SQL portable between SQLite and
PostgreSQL: what the dashboard reads live for the recent days and what the sweep's summary
(supervision_summary) keeps for the settled ones."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from backend.backoffice.models import ReviewTask
from backend.db import positional
from backend.rules.domain import CHINA_TIME

BAD = 2  # a score of 2 or less is a bad rating (差评)
MEMORY = "64MB"  # per hash or sort of a report's statement, on PostgreSQL

# The trips an application cost: the run count submission evaluated and kept; for one
# submitted before it was kept, an estimate from what is recorded of it (a filing at the
# window is one visit, a result picked up at a hall another).
RUNS = (
    "COALESCE(a.run_count, CASE WHEN a.channel = 'window' THEN 1 ELSE 0 END"
    " + CASE WHEN a.delivery_mode = 'pickup' THEN 1 ELSE 0 END)"
)


class Sql:
    """Portable statements: `:name` parameters, a China-time day expression, and parameters
    SQLite compares as text (it keeps times and dates as ISO text)."""

    def __init__(self) -> None:
        self.conn: BaseDBAsyncClient = ReviewTask._meta.db
        self.sqlite = self.conn.capabilities.dialect == "sqlite"

    def day(self, column: str) -> str:
        if self.sqlite:
            return f"date({column}, '+8 hours')"
        return f"CAST(({column} AT TIME ZONE 'Asia/Shanghai') AS DATE)"

    def during(self, column: str, start: str, end: str) -> str:
        """`column` (a time) in [:start, :end). SQLite keeps a time as ISO text with the offset
        it was written with (+08:00 by a model's save, +00:00 by an update given a UTC time),
        and text compares the wall clocks: between 00:00 and 08:00 in China a UTC text names
        the day before. So the instants are compared (datetime() reads the offset), after a
        text range wide enough for either offset that the column's index serves."""
        if not self.sqlite:
            return f"{column} >= :{start} AND {column} < :{end}"
        return (
            f"{column} >= datetime(:{start}) AND {column} < :{end}"
            f" AND datetime({column}) >= datetime(:{start}) AND datetime({column}) < datetime(:{end})"
        )

    def param(self, value: object) -> object:
        if self.sqlite and isinstance(value, dt.datetime):
            # Tortoise writes times in the configured zone (Asia/Shanghai) as
            # "2026-03-31 23:30:00[.ffffff]+08:00": a bound in that form without fractions
            # compares as text exactly as the instants do ("+" sorts before ".").
            return value.astimezone(CHINA_TIME).isoformat(" ", "seconds")
        if self.sqlite and isinstance(value, dt.date):
            return value.isoformat()
        return value

    def positional(self, text: str, values: dict[str, object]) -> tuple[str, list[object]]:
        text, params = positional(text, values, self.sqlite)
        return text, [self.param(v) for v in params]

    async def rows(self, text: str, values: dict[str, object]) -> list[dict[str, Any]]:
        _, rows = await self.conn.execute_query(*self.positional(text, values))
        return [dict(r) for r in rows]

    async def report(self, text: str, values: dict[str, object]) -> list[dict[str, Any]]:
        """A statement aggregating up to a province's year, on PostgreSQL: without JIT
        compilation (a third of a second to compile, nothing saved) and with the memory to
        group 100,000 matters in a hash (the default 4 MB sorted them on disk)."""
        if self.sqlite:
            return await self.rows(text, values)
        async with in_transaction(self.conn.connection_name) as conn:
            await conn.execute_script(f"SET LOCAL jit = off; SET LOCAL work_mem = '{MEMORY}'")
            _, rows = await conn.execute_query(*self.positional(text, values))
        return [dict(r) for r in rows]


def as_date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def instant(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), CHINA_TIME)


FINAL = "('completed', 'denied', 'rejected')"  # an application's figures change no more


COLUMNS = (
    "received, completed, zero_run, one_run, on_time, timed, unsettled, done, rated, score_sum, bad"
)


def received_rows(q: Sql, region: str) -> str:
    """One row per matter application received in [:live, :until) in the region (`region` on
    alias a), with its matter's id: what the figures by matter are made of."""
    return (
        f"SELECT {q.day('a.submitted_at')} AS day, a.region_code, m.id AS matter_id,"
        " 1 AS received,"
        " CASE WHEN a.status = 'completed' THEN 1 ELSE 0 END AS completed,"
        f" CASE WHEN {RUNS} = 0 THEN 1 ELSE 0 END AS zero_run,"
        f" CASE WHEN {RUNS} = 1 THEN 1 ELSE 0 END AS one_run,"
        f" CASE WHEN e.at IS NOT NULL AND a.due_on IS NOT NULL AND {q.day('e.at')} <= a.due_on"
        " THEN 1 ELSE 0 END AS on_time,"
        " CASE WHEN e.at IS NOT NULL AND a.due_on IS NOT NULL THEN 1 ELSE 0 END AS timed,"
        f" CASE WHEN a.status IN {FINAL} AND NOT a.due_provisional THEN 0 ELSE 1 END AS unsettled,"
        " 0 AS done, 0 AS rated, 0 AS score_sum, 0 AS bad"
        " FROM application a JOIN matter m ON m.code = a.matter_code"
        " LEFT JOIN application_event e ON e.application_id = a.id AND e.kind = 'completed'"
        f" WHERE a.matter_code IS NOT NULL AND {q.during('a.submitted_at', 'live', 'until')}"
        f" AND {region}"
    )


def event_rows(q: Sql, region: str) -> str:
    """One row per completion and per rating in [:live, :until) in the region (the matter 0):
    with the received rows, what the figures by day are made of."""
    done = (
        f"SELECT {q.day('e.at')} AS day, a.region_code, 0 AS matter_id, 0 AS received,"
        " 0 AS completed, 0 AS zero_run, 0 AS one_run, 0 AS on_time, 0 AS timed,"
        " 0 AS unsettled, 1 AS done, 0 AS rated, 0 AS score_sum, 0 AS bad"
        " FROM application_event e JOIN application a ON a.id = e.application_id"
        f" WHERE e.kind = 'completed' AND {q.during('e.at', 'live', 'until')}"
        f" AND a.matter_code IS NOT NULL AND {region}"
    )
    rated = (
        f"SELECT {q.day('r.created_at')}, a.region_code, 0, 0, 0, 0, 0, 0, 0, 0, 0,"
        f" 1, r.score, CASE WHEN r.score <= {BAD} THEN 1 ELSE 0 END"
        " FROM rating r JOIN application a ON a.id = r.application_id"
        f" WHERE {q.during('r.created_at', 'live', 'until')} AND {region}"
    )
    return f"{done} UNION ALL {rated}"
