"""The supervisor's dashboard's summary (督察汇总): the sweep keeps, per settled day, county and
matter, the figures the dashboard shows by matter, and per day and county (the matter 0) all of
them, so that a province's year is read from the summary's rows instead of a million
applications joined with their completions; and each matter's whole months, quarters and
years from its days (supervision_periods), so that a long period reads a few rows per matter.

What it holds, and when it is right: every day up to the watermark's `settled_through` (the
day before the sweep ran, once that day is SETTLE_AFTER past), as of the sweep's last run;
the dashboard reads the days after it live. Each run redoes every day from the earliest one
still holding an unsettled application (not completed, denied or rejected, or with a
provisional deadline: its figures can still change) through the newly settled days, so a
completion reaches its day of receipt at the next sweep. A final application's figures never
change: a day whose applications are all final is never summarised again. One transaction a
run; two sweeps at once take turns on the watermark row's lock and write the same rows."""

from __future__ import annotations

import datetime as dt

from tortoise.transactions import in_transaction

from backend.backoffice.models import SupervisionDay, SupervisionWatermark
from backend.backoffice.supervision_periods import COARSE, DAY, start_of, whole
from backend.backoffice.supervision_sql import (
    COLUMNS,
    Sql,
    as_date,
    event_rows,
    instant,
    received_rows,
)
from backend.rules.domain import CHINA_TIME

SETTLE_AFTER = dt.timedelta(hours=1)  # a day is summarised this long after it ended
SUMS = ", ".join(f"SUM({c})" for c in COLUMNS.split(", "))


async def summarise(now: dt.datetime | None = None) -> int:
    """Bring the summary up to the day before `now`; returns the days written."""
    now = (now or dt.datetime.now(dt.UTC)).astimezone(CHINA_TIME)
    through = (now - SETTLE_AFTER).date() - dt.timedelta(days=1)
    await SupervisionWatermark.get_or_create(id=1, defaults={"summarised_at": now})
    async with in_transaction():
        # the row's lock: a second sweep waits here until this one commits
        await SupervisionWatermark.filter(id=1).update(summarised_at=now)
        start = await _first_day(Sql(), through)
        if start <= through:
            await SupervisionDay.filter(day__gte=start).delete()
            await _write(Sql(), start, through)
            await _coarsen(Sql(), start, through)
        await SupervisionWatermark.filter(id=1).update(settled_through=through)
    q = Sql()
    if not q.sqlite and start <= through:
        # The rows replaced are dead until a vacuum: a province's dashboard read 2.8 M of them
        # with the 0.9 M live ones (2.3 s, not 0.8) until autovacuum came. Reclaimed now.
        await q.conn.execute_script("VACUUM (ANALYZE) supervision_day")
    return max(0, (through - start).days + 1)


async def _write(q: Sql, start: dt.date, through: dt.date) -> None:
    """The days start..through: a row per day, county and matter of the applications received,
    then a row per day and county (the matter 0) of everything, from those rows and the day's
    completions and ratings."""
    values: dict[str, object] = {
        "live": instant(start),
        "until": instant(through + dt.timedelta(days=1)),
        "start": start,
    }
    into = f"INSERT INTO supervision_day (day, region_code, matter_id, {COLUMNS})"
    await q.rows(
        f"{into} SELECT day, region_code, matter_id, {SUMS}"
        f" FROM ({received_rows(q, 'a.region_code IS NOT NULL')}) x"
        " GROUP BY day, region_code, matter_id",
        values,
    )
    await q.rows(
        f"{into} SELECT day, region_code, 0, {SUMS} FROM (SELECT day, region_code, matter_id,"
        f" {COLUMNS} FROM supervision_day WHERE grain = '{DAY}' AND day >= :start"
        f" UNION ALL {event_rows(q, 'a.region_code IS NOT NULL')}) x GROUP BY day, region_code",
        values,
    )


async def _coarsen(q: Sql, start: dt.date, through: dt.date) -> None:
    """The matters' whole months, quarters and years that hold a day from `start` on, again
    from their days: only whole ones, ended by `through` (the dashboard reads a period's whole
    months… and its other days)."""
    day = "CAST(:first AS DATE)" if not q.sqlite else ":first"
    for grain in COARSE:
        await SupervisionDay.filter(grain=grain, day__gte=start_of(start, grain)).delete()
        for first, last in whole(start, through, grain):
            await q.rows(
                f"INSERT INTO supervision_day (grain, day, region_code, matter_id, {COLUMNS})"
                f" SELECT '{grain}', {day}, region_code, matter_id, {SUMS} FROM supervision_day"
                f" WHERE grain = '{DAY}' AND matter_id <> 0 AND day >= :first AND day <= :last"
                " GROUP BY region_code, matter_id",
                {"first": first, "last": last},
            )


async def _first_day(q: Sql, through: dt.date) -> dt.date:
    """The earliest day to write: the first unsettled one, else the first new one."""
    mark = await SupervisionWatermark.get(id=1)
    unsettled = await SupervisionDay.filter(grain=DAY, unsettled__gt=0).order_by("day").first()
    if mark.settled_through is not None:
        first = mark.settled_through + dt.timedelta(days=1)
    else:
        [row] = await q.rows(
            f"SELECT MIN({q.day('submitted_at')}) AS d FROM application"
            " WHERE matter_code IS NOT NULL",
            {},
        )
        first = through + dt.timedelta(days=1) if row["d"] is None else as_date(row["d"])
    return min(first, unsettled.day) if unsettled is not None else first


async def forget() -> None:
    """Drop the summary (after data was written behind the application's back, as `zerorun
    synthesize` does): the dashboard reads every day live until the next sweep."""
    async with in_transaction():
        await SupervisionDay.all().delete()
        await SupervisionWatermark.all().delete()
