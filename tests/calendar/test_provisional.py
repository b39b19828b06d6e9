"""Years not yet published: estimated from weekends and the statutory holidays of
《全国年节及纪念日放假办法》 (2024 revision), marked provisional, made firm by the year's file."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from calendar_support import (
    DEMO_DAY_OFF,
    at,
    calendar_folder,
    calendar_with,
    national_doc,
    write_year,
)
from chinese_calendar import constants
from hypothesis import given
from hypothesis import strategies as st

from backend.calendar.national import read_national
from backend.calendar.provisional import provisional_holidays, qingming
from backend.calendar.service import SHIPPED, NationalYear, RegionOverrides, WorkingCalendar
from backend.rules.domain import CHINA_TIME

NATIONAL = WorkingCalendar()
XIHU = "330106"
LAST_PUBLISHED = NATIONAL.published[-1]


def published_off(year: int) -> set[date]:
    return {d for d in constants.holidays if d.year == year}


def made_up(year: int) -> set[date]:
    return {d for d in constants.workdays if d.year == year}


def every_day(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=i) for i in range((date(year + 1, 1, 1) - first).days)]


@pytest.mark.parametrize("year", range(2008, 2027))  # 清明 is a holiday since 2008
def test_the_qingming_formula_gives_a_day_of_every_published_qingming_holiday(year: int) -> None:
    published = {d for d, name in constants.holidays.items() if name == "Tomb-sweeping Day"}

    assert qingming(year) in published


@pytest.mark.parametrize("year", [2025, 2026])  # the years under the 2024 revision
def test_the_rule_gives_the_published_days_off_but_for_the_make_up_swaps(year: int) -> None:
    """The notice moves weekdays around (a weekday off for each weekend day worked): every day
    the rule gives off is off, and the days off it adds are as many as the days it makes up."""
    by_rule = set(provisional_holidays(year))
    published_weekdays_off = {d for d in published_off(year) if d.weekday() < 5}

    assert by_rule <= published_off(year)
    assert len(published_weekdays_off - by_rule) == len(made_up(year))
    assert sum(map(NATIONAL.is_working_day, every_day(year), [XIHU] * 366)) == sum(
        d.weekday() < 5 and d not in by_rule for d in every_day(year)
    )


def test_the_lunar_festivals_of_2025_fall_where_the_notice_put_them() -> None:
    by_rule = provisional_holidays(2025)

    assert [by_rule[date(2025, 1, d)] for d in (28, 29, 30, 31)] == ["春节"] * 4  # 除夕 to 初三
    assert by_rule[date(2025, 6, 2)] == "端午节补假"  # 端午 on Saturday 31 May: given back Monday
    assert by_rule[date(2025, 10, 6)] == "中秋节"


def test_a_day_of_an_unpublished_year_is_estimated_not_refused() -> None:
    assert NATIONAL.is_working_day(date(2027, 2, 5), XIHU) is False  # 除夕, a Friday
    assert NATIONAL.is_working_day(date(2027, 2, 9), XIHU) is False  # 初一 on Saturday, given back
    assert NATIONAL.is_working_day(date(2027, 2, 11), XIHU) is True
    assert NATIONAL.is_working_day(date(2027, 2, 20), XIHU) is False  # no make-up day foreseen


def test_a_deadline_in_an_unpublished_year_is_provisional_and_one_before_it_is_firm() -> None:
    late = NATIONAL.deadline(at(date(2026, 12, 1)), 30, XIHU)
    early = NATIONAL.deadline(at(date(2026, 6, 1)), 30, XIHU)

    assert (late.on, late.provisional) == (date(2027, 1, 13), True)
    assert early.provisional is False


def test_a_2027_deadline_becomes_firm_and_may_move_once_the_2027_file_is_added(
    tmp_path: Path,
) -> None:
    folder = calendar_folder(tmp_path)
    before = WorkingCalendar.load(folder).deadline(at(date(2027, 1, 29)), 10, XIHU)
    write_year(folder, national_doc(2027, [date(2027, 2, d) for d in range(5, 12)]))

    after = WorkingCalendar.load(folder).deadline(at(date(2027, 1, 29)), 10, XIHU)

    assert (before.on, before.provisional) == (date(2027, 2, 18), True)  # 除夕 to 初三, 2 back
    assert (after.on, after.provisional) == (date(2027, 2, 19), False)  # 5–11 February off


def test_a_regional_day_off_applies_on_top_of_an_estimated_year() -> None:
    day = DEMO_DAY_OFF.replace(year=2027)  # Friday 10 September 2027
    calendar = calendar_with(RegionOverrides("330000", holidays=frozenset({day})))

    assert calendar.is_working_day(day, XIHU) is False
    assert calendar.is_working_day(day, "320106") is True


# --- properties over dates × time limits ------------------------------------------------------

STARTS = st.datetimes(datetime(2004, 1, 2), datetime(2098, 12, 31), timezones=st.just(CHINA_TIME))
DAYS = st.integers(min_value=0, max_value=250)
SHIPPED_YEARS, _ = read_national([SHIPPED / "national"])
# Whatever 2027's file says (here: weekends only), the published years count as before.
WITH_2027 = WorkingCalendar(
    national={**SHIPPED_YEARS, 2027: NationalYear(2027, frozenset(), frozenset())}
)


@given(start=STARTS, days=DAYS)
def test_a_due_date_is_provisional_exactly_when_its_year_is_unpublished(
    start: datetime, days: int
) -> None:
    due = NATIONAL.deadline(start, days, XIHU)

    assert due.provisional is (due.on.year > LAST_PUBLISHED)


@given(start=STARTS, days=DAYS)
def test_the_count_of_a_limit_that_ends_in_published_years_is_the_same_with_a_later_year_added(
    start: datetime, days: int
) -> None:
    """Publishing a later year changes only what was estimated."""
    due = NATIONAL.deadline(start, days, XIHU)

    if not due.provisional:
        assert WITH_2027.deadline(start, days, XIHU) == due
