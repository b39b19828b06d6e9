"""Working days (工作日) in a region: the national schedule of public holidays and make-up
working days, changed by the region's own overrides and those of the regions above it.

Time limits of government services are counted in working days (《行政许可法》第八十二条:
期限以工作日计算，不含法定节假日). A year the State Council has published (a file in
calendar/national/) is counted as published; a later year, up to 2099, is estimated from
weekends and the statutory holidays (backend/calendar/provisional.py), and a due date in it
is provisional (预计) until its year is published and the sweep counts it again. A date before
the first published year is refused (OutsideKnownYears): no schedule of it is kept.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import Final

from backend.calendar.errors import CalendarProblem, InvalidCalendarFiles, OutsideKnownYears
from backend.calendar.national import NationalYear, read_national
from backend.calendar.overrides import RegionOverrides, read_overrides
from backend.calendar.provisional import LAST_YEAR, is_provisional_working_day
from backend.regions.service import ancestors
from backend.rules.domain import CHINA_TIME
from backend.settings import ROOT

__all__ = [
    "MAX_TIME_LIMIT_DAYS",
    "CalendarProblem",
    "Deadline",
    "InvalidCalendarFiles",
    "NationalYear",
    "OutsideKnownYears",
    "RegionOverrides",
    "WorkingCalendar",
    "time_limit_end",
]

MAX_TIME_LIMIT_DAYS: Final = 250  # about a year of working days; no statutory limit is longer
_REGION: Final = re.compile(r"[1-9][0-9]{5}")
_ONE_DAY: Final = timedelta(days=1)
SHIPPED: Final = ROOT / "form_schemas" / "calendar"


@dataclass(frozen=True)
class Deadline:
    """A due date, and whether it is provisional (预计): it lies in a year whose holidays are
    not published yet, so the sweep counts it again once they are."""

    on: date
    provisional: bool


@dataclass
class _Schedule:
    """The working days under one chain of overrides (nearest first), in order, from the first
    published year through `through`; extended as questions reach later years."""

    chain: tuple[RegionOverrides, ...]
    through: int
    days: list[date] = field(default_factory=list)
    lookup: set[date] = field(default_factory=set)


class WorkingCalendar:
    """The working days of every region. Immutable but for its cache of schedules.

    A region's day is decided by the nearest of the region, its city and its province
    (GB/T 2260: 330106 → 330100 → 330000) whose overrides name it, else by the national
    schedule: the published year's file, or the estimate of a later year. Regions whose chain
    holds the same override files share one cached schedule.
    """

    def __init__(
        self,
        overrides: Mapping[str, RegionOverrides] | None = None,
        national: Mapping[int, NationalYear] | None = None,
    ) -> None:
        """`national` is the published years (they follow one another); by default those
        shipped in form_schemas/calendar/national, for tools and tests: the app passes what
        `load` read from its own folders."""
        self._overrides = dict(overrides or {})
        self._national = dict(_shipped_years() if national is None else national)
        if not self._national:
            raise ValueError("a working calendar needs at least one published year")
        self.published: Final = range(min(self._national), max(self._national) + 1)
        if len(self.published) != len(self._national):
            raise ValueError(f"published years must follow one another: {sorted(self._national)}")
        self.known_years: Final = range(self.published[0], LAST_YEAR + 1)
        self._schedules: dict[tuple[str, ...], _Schedule] = {}

    @classmethod
    def load(cls, folder: Path, *more: Path) -> WorkingCalendar:
        """The calendar of `folder` (the catalog's calendar/): every `<region>.json` in it and
        every `<year>.json` in its `national/`, plus the `national/` of each of `more` that
        exists (e.g. <ZERORUN_DATA_DIR>/calendar, where an operator adds a year to an image).
        Read once; raises InvalidCalendarFiles listing every problem of every file."""
        return cls(*_read(folder, more, _stamp(folder, *more)))

    def is_provisional(self, day: date) -> bool:
        """Whether a due date on `day` is an estimate: its year is not published. Published
        years follow one another, so a count that ends in a published year crossed only
        published years."""
        return day.year > self.published[-1]

    def is_working_day(self, day: date, region: str) -> bool:
        self._check_known(_plain_date(day))
        return day in self._schedule(region, day.year).lookup

    def deadline(self, start: datetime, days: int, region: str) -> Deadline:
        """add_working_days, with whether the due date is provisional."""
        due = self.add_working_days(start, days, region)
        return Deadline(due, self.is_provisional(due))

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
        A due date in an unpublished year is an estimate (see is_provisional). Raises
        OutsideKnownYears when the start is before the first published year or the due date
        after 2099.
        """
        if not isinstance(start, datetime):
            raise TypeError(f"start must be a datetime with a time zone, not {start!r}")
        if start.utcoffset() is None:
            raise ValueError(f"start must carry a time zone, got the naive {start.isoformat()}")
        if days < 0:
            raise ValueError(f"a time limit cannot be negative: {days} working days")
        first = start.astimezone(CHINA_TIME).date()
        self._check_known(first)
        schedule = self._schedule(region, first.year)
        index = (
            bisect_left(schedule.days, first)
            if days == 0
            else bisect_right(schedule.days, first) + days - 1
        )
        while index >= len(schedule.days):
            if schedule.through == LAST_YEAR:
                asked = f"{days} working days after {first.isoformat()} run past {LAST_YEAR}"
                raise OutsideKnownYears(date(LAST_YEAR + 1, 1, 1), self.known_years, asked=asked)
            self._extend(schedule, schedule.through + 1)
        return schedule.days[index]

    def working_days_between(self, start: date, end: date, region: str) -> int:
        """The working days after `start` up to and including `end` (the start day does not
        count, as in add_working_days): how long a clock ran, or stood paused, between two
        dates. For n ≥ 1 it gives n back for the due date of n working days from `start`."""
        self._check_known(_plain_date(start))
        self._check_known(_plain_date(end))
        if end < start:
            raise ValueError(f"the end {end.isoformat()} is before the start {start.isoformat()}")
        working = self._schedule(region, end.year).days
        return bisect_right(working, end) - bisect_right(working, start)

    def _check_known(self, day: date) -> None:
        if day.year not in self.known_years:
            raise OutsideKnownYears(day, self.known_years)

    def _schedule(self, region: str, through: int) -> _Schedule:
        """The schedule of `region`'s chain of overrides, covering at least `through`."""
        if not isinstance(region, str) or not _REGION.fullmatch(region):
            raise ValueError(f"{region!r} is not a six-digit GB/T 2260 region code")
        chain = tuple(code for code in ancestors(region) if code in self._overrides)
        schedule = self._schedules.get(chain)
        if schedule is None:
            overrides = tuple(self._overrides[code] for code in chain)
            schedule = _Schedule(overrides, through=self.published[0] - 1)
            self._schedules[chain] = schedule
        if schedule.through < through:
            self._extend(schedule, through)
        return schedule

    def _extend(self, schedule: _Schedule, through: int) -> None:
        for year in range(schedule.through + 1, through + 1):
            day = date(year, 1, 1)
            while day.year == year:
                if self._is_working(day, schedule.chain):
                    schedule.days.append(day)
                    schedule.lookup.add(day)
                day += _ONE_DAY
            schedule.through = year

    def _is_working(self, day: date, chain: Iterable[RegionOverrides]) -> bool:
        """The nearest override of a date wins; else the national schedule or its estimate."""
        for overrides in chain:
            decided = overrides.working(day)
            if decided is not None:
                return decided
        published = self._national.get(day.year)
        if published is None:
            return is_provisional_working_day(day)
        return published.is_working_day(day)


@cache
def _shipped_years() -> dict[int, NationalYear]:
    years, problems = read_national([SHIPPED / "national"])
    if problems:
        raise InvalidCalendarFiles([str(p) for p in problems])
    return years


def _plain_date(day: date) -> date:
    if isinstance(day, datetime) or not isinstance(day, date):
        raise TypeError(f"expected a calendar date, not {day!r}")
    return day


def time_limit_end(calendar: WorkingCalendar, region: str, start: date, days: int) -> Deadline:
    """The day a time limit of `days` working days that starts on `start` ends in `region`
    (the start day does not count: see add_working_days) and whether that day is provisional,
    or a CalendarProblem saying which input it cannot answer for."""
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
        return calendar.deadline(datetime.combine(start, time(), CHINA_TIME), days, region)
    except OutsideKnownYears as e:
        first, last = e.known[0], e.known[-1]
        raise CalendarProblem(
            "UNKNOWN_YEAR",
            "start",
            f"只能计算 {first} 年至 {last} 年之间的期限，{e.day.year} 年不在其中。",
            f"Time limits can be counted between {first} and {last} only, not in {e.day.year}.",
        ) from e


def _stamp(*folders: Path) -> tuple[tuple[str, int, int], ...]:
    """The calendar files as they are now (names, sizes, times): a changed file is read again."""
    files = (p for f in folders if f.is_dir() for p in sorted(f.rglob("*.json")))
    return tuple((str(p), s.st_size, s.st_mtime_ns) for p in files for s in [p.stat()])


@cache
def _read(
    folder: Path, more: tuple[Path, ...], stamp: tuple[tuple[str, int, int], ...]
) -> tuple[dict[str, RegionOverrides], dict[int, NationalYear]]:
    """The files of `load`, checked once a process while they stay the same (each app a test
    builds, each worker and each command loads the calendar; checking 23 years against the
    meta-schema took a third of a second)."""
    overrides, problems = read_overrides(folder)
    if not (folder / "national").is_dir():
        raise FileNotFoundError(f"no national holiday schedule at {folder / 'national'}")
    years, more_problems = read_national(f / "national" for f in (folder, *more))
    problems += more_problems
    if not years and not problems:
        raise FileNotFoundError(f"no <year>.json in {folder / 'national'}")
    if problems:
        raise InvalidCalendarFiles([str(p) for p in problems])
    return overrides, years
