"""Working days (工作日) in a region: the national schedule of public holidays and make-up
working days, changed by the region's own overrides and those of the regions above it.

Time limits of government services are counted in working days (《行政许可法》第八十二条:
期限以工作日计算，不含法定节假日). A date in a year the national schedule does not know
raises OutsideKnownYears: the calendar never guesses a year the State Council has not
published.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Final

from backend.calendar.errors import CalendarProblem, InvalidCalendarFiles, OutsideKnownYears
from backend.calendar.national import KNOWN_YEARS, is_national_working_day
from backend.calendar.overrides import RegionOverrides, read_overrides
from backend.regions.service import ancestors
from backend.rules.domain import CHINA_TIME

__all__ = [
    "KNOWN_YEARS",
    "MAX_TIME_LIMIT_DAYS",
    "CalendarProblem",
    "InvalidCalendarFiles",
    "OutsideKnownYears",
    "RegionOverrides",
    "WorkingCalendar",
    "time_limit_end",
]

MAX_TIME_LIMIT_DAYS: Final = 250  # about a year of working days; no statutory limit is longer
_REGION: Final = re.compile(r"[1-9][0-9]{5}")
_ONE_DAY: Final = timedelta(days=1)
_FIRST: Final = date(KNOWN_YEARS[0], 1, 1)
_LAST: Final = date(KNOWN_YEARS[-1], 12, 31)


@dataclass(frozen=True)
class _Schedule:
    """Every working day of the known years under one chain of overrides, in order."""

    days: tuple[date, ...]
    lookup: frozenset[date]


class WorkingCalendar:
    """The working days of every region. Immutable but for its cache of schedules.

    A region's day is decided by the nearest of the region, its city and its province
    (GB/T 2260: 330106 → 330100 → 330000) whose overrides name it, else by the national
    schedule. Regions whose chain holds the same override files share one cached schedule.
    """

    known_years: Final = KNOWN_YEARS

    def __init__(self, overrides: Mapping[str, RegionOverrides] | None = None) -> None:
        self._overrides = dict(overrides or {})
        self._schedules: dict[tuple[str, ...], _Schedule] = {}

    @classmethod
    def load(cls, folder: Path) -> WorkingCalendar:
        """The calendar with every `<region>.json` in `folder` (form_schemas/calendar), read
        once; raises InvalidCalendarFiles listing every problem of every file."""
        return cls(read_overrides(folder))

    def is_working_day(self, day: date, region: str) -> bool:
        _check_known(_plain_date(day))
        return day in self._schedule(region).lookup

    def add_working_days(self, start: datetime, days: int, region: str) -> date:
        """The due date of a time limit of `days` working days that starts at `start`.

        The rule, after 《民法典》第二百零一条 (开始的当日不计入，自下一日开始计算):
        - `start` is read as a date in China Standard Time (UTC+8), whatever its zone.
        - The start day never counts, whatever the hour and whether or not it is a working
          day: day 1 is the first working day after it. So 09:00 and 23:59 on one Monday give
          the same due date, and a start on a Saturday counts Monday as day 1. Where a
          department deems what arrives on a day off received on the next working day, the
          caller passes that moment as `start` (the clock starts at acceptance, 受理).
        - The due date is the `days`-th working day, so always a working day; the time limit
          runs to the end of it.
        - days=0 (即办): the start day if it is a working day, else the next working day.
        Raises OutsideKnownYears when the start or the due date lies outside the known years.
        """
        if not isinstance(start, datetime):
            raise TypeError(f"start must be a datetime with a time zone, not {start!r}")
        if start.utcoffset() is None:
            raise ValueError(f"start must carry a time zone, got the naive {start.isoformat()}")
        if days < 0:
            raise ValueError(f"a time limit cannot be negative: {days} working days")
        first = start.astimezone(CHINA_TIME).date()
        _check_known(first)
        working = self._schedule(region).days
        index = (
            bisect_left(working, first) if days == 0 else bisect_right(working, first) + days - 1
        )
        if index >= len(working):
            asked = f"{days} working days after {first.isoformat()} run past {_LAST.isoformat()}"
            raise OutsideKnownYears(_LAST + _ONE_DAY, KNOWN_YEARS, asked=asked)
        return working[index]

    def working_days_between(self, start: date, end: date, region: str) -> int:
        """The working days after `start` up to and including `end` (the start day does not
        count, as in add_working_days): how long a clock ran, or stood paused, between two
        dates. For n ≥ 1 it gives n back for the due date of n working days from `start`."""
        _check_known(_plain_date(start))
        _check_known(_plain_date(end))
        if end < start:
            raise ValueError(f"the end {end.isoformat()} is before the start {start.isoformat()}")
        working = self._schedule(region).days
        return bisect_right(working, end) - bisect_right(working, start)

    def _schedule(self, region: str) -> _Schedule:
        if not isinstance(region, str) or not _REGION.fullmatch(region):
            raise ValueError(f"{region!r} is not a six-digit GB/T 2260 region code")
        chain = tuple(code for code in ancestors(region) if code in self._overrides)
        schedule = self._schedules.get(chain)
        if schedule is None:
            schedule = _schedule_under(tuple(self._overrides[code] for code in chain))
            self._schedules[chain] = schedule
        return schedule


def _schedule_under(chain: tuple[RegionOverrides, ...]) -> _Schedule:
    """The working days of the known years, the nearest override of a date winning."""
    days: list[date] = []
    day = _FIRST
    while day <= _LAST:
        if _is_working(day, chain):
            days.append(day)
        day += _ONE_DAY
    return _Schedule(tuple(days), frozenset(days))


def _is_working(day: date, chain: tuple[RegionOverrides, ...]) -> bool:
    for overrides in chain:
        decided = overrides.working(day)
        if decided is not None:
            return decided
    return is_national_working_day(day)


def _plain_date(day: date) -> date:
    if isinstance(day, datetime) or not isinstance(day, date):
        raise TypeError(f"expected a calendar date, not {day!r}")
    return day


def _check_known(day: date) -> None:
    if day.year not in KNOWN_YEARS:
        raise OutsideKnownYears(day, KNOWN_YEARS)


def time_limit_end(calendar: WorkingCalendar, region: str, start: date, days: int) -> date:
    """The day a time limit of `days` working days that starts on `start` ends in `region`
    (the start day does not count: see add_working_days), or a CalendarProblem saying which
    input it cannot answer for."""
    if not 0 <= days <= MAX_TIME_LIMIT_DAYS:
        raise CalendarProblem(
            "DAYS_OUT_OF_RANGE",
            "days",
            f"工作日数须在 0 到 {MAX_TIME_LIMIT_DAYS} 之间。",
            f"days must be between 0 and {MAX_TIME_LIMIT_DAYS}.",
        )
    if not _REGION.fullmatch(region):
        raise CalendarProblem(
            "INVALID_REGION",
            "region",
            "地区代码应为 6 位数字，例如 330106（西湖区）。",
            "region must be a six-digit GB/T 2260 code such as 330106 (Xihu District).",
        )
    try:
        return calendar.add_working_days(datetime.combine(start, time(), CHINA_TIME), days, region)
    except OutsideKnownYears as e:
        raise CalendarProblem(
            "UNKNOWN_YEAR",
            "start",
            f"{e.day.year} 年的法定节假日安排尚未公布，暂时无法计算这个期限。",
            f"The public holidays of {e.day.year} are not published yet, so this time limit "
            "cannot be counted.",
        ) from e
