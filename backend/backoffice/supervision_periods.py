"""The calendar periods the supervisor's summary keeps besides days (督察汇总的粒度): a matter's
figures of a whole month, quarter and year, so that a long period reads a few rows per matter
instead of one per day it had applications. A province's year holds 438,000 rows of days,
324,000 of months, 224,000 of quarters and 86,000 of the year.

A period of the dashboard is cut into the largest whole periods it holds, days at its ends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

DAY, MONTH, QUARTER, YEAR = "d", "m", "q", "y"
COARSE = (YEAR, QUARTER, MONTH)  # largest first
MONTHS = {MONTH: 1, QUARTER: 3, YEAR: 12}


def start_of(day: dt.date, grain: str) -> dt.date:
    """The first day of the `grain` period holding `day`."""
    if grain == DAY:
        return day
    months = MONTHS[grain]
    return dt.date(day.year, (day.month - 1) // months * months + 1, 1)


def end_of(start: dt.date, grain: str) -> dt.date:
    """The last day of the `grain` period starting on `start`."""
    if grain == DAY:
        return start
    month = start.month - 1 + MONTHS[grain]
    following = dt.date(start.year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def pieces(first: dt.date, last: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """[first, last] as runs of whole periods, each (grain, first start, last start), in order:
    at every day the largest period that starts there and ends by `last`, else the day."""
    runs: list[tuple[str, dt.date, dt.date]] = []
    for grain, start in _walk(first, last):
        if runs and runs[-1][0] == grain:
            runs[-1] = (grain, runs[-1][1], start)
        else:
            runs.append((grain, start, start))
    return runs


def _walk(first: dt.date, last: dt.date) -> Iterator[tuple[str, dt.date]]:
    day = first
    while day <= last:
        grain = next((g for g in COARSE if start_of(day, g) == day and end_of(day, g) <= last), DAY)
        yield grain, day
        day = end_of(day, grain) + dt.timedelta(days=1)


def whole(start: dt.date, through: dt.date, grain: str) -> list[tuple[dt.date, dt.date]]:
    """The `grain` periods that hold a day from `start` on and end by `through`, as (first day,
    last day): what the sweep writes again when it rewrites the days from `start`."""
    found = []
    period = start_of(start, grain)
    while (end := end_of(period, grain)) <= through:
        found.append((period, end))
        period = end + dt.timedelta(days=1)
    return found
