"""Working days on the national schedule and under regional overrides, and the counting of
working-day time limits (the start day never counts; the due date is a working day)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from calendar_support import (
    DEMO_DAY_OFF,
    DEMO_SATURDAY_WORKED,
    ZHEJIANG_DEMO,
    at,
    calendar_with,
)
from hypothesis import given
from hypothesis import strategies as st

from backend.calendar.service import OutsideKnownYears, RegionOverrides, WorkingCalendar
from backend.rules.domain import CHINA_TIME

NATIONAL = WorkingCalendar()
HANGZHOU_XIHU = "330106"
FIRST_YEAR = NATIONAL.known_years[0]  # the first published year, 2004
LAST_YEAR = NATIONAL.known_years[-1]  # the last year estimated, 2099 (lunardate's last)

# --- the national schedule ------------------------------------------------------------------

# 2025: National Day and Mid-autumn together, 1–8 October off; Sunday 28 September and
# Saturday 11 October worked (the State Council's notice on the 2025 holidays).
NATIONAL_DAY_2025 = {
    date(2025, 9, 26): True,  # Friday
    date(2025, 9, 27): False,  # Saturday
    date(2025, 9, 28): True,  # Sunday, worked
    date(2025, 9, 29): True,
    date(2025, 9, 30): True,
    **{date(2025, 10, d): False for d in range(1, 9)},
    date(2025, 10, 9): True,  # Thursday
    date(2025, 10, 10): True,
    date(2025, 10, 11): True,  # Saturday, worked
    date(2025, 10, 12): False,  # Sunday
}

# 2026: Spring Festival 15–23 February off; Saturdays 14 and 28 February worked
# (the State Council's notice on the 2026 holidays).
SPRING_FESTIVAL_2026 = {
    date(2026, 2, 13): True,  # Friday
    date(2026, 2, 14): True,  # Saturday, worked
    **{date(2026, 2, d): False for d in range(15, 24)},
    date(2026, 2, 24): True,  # Tuesday
    date(2026, 2, 27): True,
    date(2026, 2, 28): True,  # Saturday, worked
    date(2026, 3, 1): False,  # Sunday
}


@pytest.mark.parametrize(("day", "working"), NATIONAL_DAY_2025.items(), ids=str)
def test_the_2025_national_day_week_is_off_with_its_weekend_make_up_days_worked(
    day: date, working: bool
) -> None:
    assert NATIONAL.is_working_day(day, HANGZHOU_XIHU) is working


@pytest.mark.parametrize(("day", "working"), SPRING_FESTIVAL_2026.items(), ids=str)
def test_spring_festival_2026_is_nine_days_off_between_two_saturdays_worked(
    day: date, working: bool
) -> None:
    assert NATIONAL.is_working_day(day, HANGZHOU_XIHU) is working


def test_a_time_limit_across_national_day_2025_skips_it_and_counts_the_saturday_worked() -> None:
    start = at(date(2025, 9, 30))

    assert NATIONAL.add_working_days(start, 1, HANGZHOU_XIHU) == date(2025, 10, 9)
    assert NATIONAL.add_working_days(start, 3, HANGZHOU_XIHU) == date(2025, 10, 11)
    assert NATIONAL.add_working_days(start, 4, HANGZHOU_XIHU) == date(2025, 10, 13)


def test_a_make_up_sunday_is_the_first_working_day_after_a_friday() -> None:
    assert NATIONAL.add_working_days(at(date(2025, 9, 26)), 1, HANGZHOU_XIHU) == date(2025, 9, 28)


def test_five_working_days_from_the_friday_before_spring_festival_2026_end_on_27_february() -> None:
    start = at(date(2026, 2, 13), 16)

    assert NATIONAL.add_working_days(start, 5, HANGZHOU_XIHU) == date(2026, 2, 27)
    assert NATIONAL.add_working_days(start, 6, HANGZHOU_XIHU) == date(2026, 2, 28)
    assert NATIONAL.working_days_between(date(2026, 2, 13), date(2026, 2, 24), HANGZHOU_XIHU) == 2


# --- the counting rule ----------------------------------------------------------------------


def test_the_start_day_never_counts_whatever_the_hour() -> None:
    monday = date(2025, 6, 9)
    early, late = at(monday, 0, 0), at(monday, 23, 59)

    assert NATIONAL.add_working_days(early, 1, HANGZHOU_XIHU) == date(2025, 6, 10)
    assert NATIONAL.add_working_days(late, 1, HANGZHOU_XIHU) == date(2025, 6, 10)


def test_a_start_on_a_saturday_counts_monday_as_the_first_day() -> None:
    assert NATIONAL.add_working_days(at(date(2025, 6, 7)), 1, HANGZHOU_XIHU) == date(2025, 6, 9)


def test_the_start_is_read_as_a_date_in_china_whatever_its_time_zone() -> None:
    # 16:30 UTC on Thursday 25 September 2025 is 00:30 on Friday the 26th in China.
    start = datetime(2025, 9, 25, 16, 30, tzinfo=UTC)

    assert NATIONAL.add_working_days(start, 1, HANGZHOU_XIHU) == date(2025, 9, 28)


def test_zero_days_is_the_same_day_when_it_is_a_working_day() -> None:
    assert NATIONAL.add_working_days(at(date(2025, 9, 30), 18), 0, HANGZHOU_XIHU) == date(
        2025, 9, 30
    )


def test_zero_days_on_a_holiday_is_the_next_working_day() -> None:
    assert NATIONAL.add_working_days(at(date(2025, 10, 4)), 0, HANGZHOU_XIHU) == date(2025, 10, 9)


def test_a_naive_start_is_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        NATIONAL.add_working_days(datetime(2025, 6, 9, 10), 1, HANGZHOU_XIHU)


def test_a_negative_time_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        NATIONAL.add_working_days(at(date(2025, 6, 9)), -1, HANGZHOU_XIHU)


def test_a_moment_is_refused_where_a_calendar_date_is_expected() -> None:
    with pytest.raises(TypeError, match="calendar date"):
        NATIONAL.is_working_day(at(date(2025, 6, 9)), HANGZHOU_XIHU)


@pytest.mark.parametrize("region", ["33010", "3301066", "033010", "杭州"])
def test_a_region_that_is_not_a_six_digit_code_is_refused(region: str) -> None:
    with pytest.raises(ValueError, match="GB/T 2260"):
        NATIONAL.is_working_day(date(2025, 6, 9), region)


def test_an_end_before_the_start_is_refused() -> None:
    with pytest.raises(ValueError, match="before the start"):
        NATIONAL.working_days_between(date(2025, 6, 9), date(2025, 6, 8), HANGZHOU_XIHU)


# --- regional overrides ---------------------------------------------------------------------


def test_a_provincial_day_off_holds_in_its_counties_and_not_in_another_province() -> None:
    assert ZHEJIANG_DEMO.is_working_day(DEMO_DAY_OFF, "330212") is False  # Ningbo, Yinzhou
    assert ZHEJIANG_DEMO.is_working_day(DEMO_DAY_OFF, "330000") is False
    assert ZHEJIANG_DEMO.is_working_day(DEMO_DAY_OFF, "320106") is True  # Nanjing, Gulou


def test_the_nearest_override_wins_a_city_working_day_over_its_province_day_off() -> None:
    assert ZHEJIANG_DEMO.is_working_day(DEMO_DAY_OFF, "330100") is True
    assert ZHEJIANG_DEMO.is_working_day(DEMO_DAY_OFF, HANGZHOU_XIHU) is True


def test_a_local_make_up_saturday_counts_as_a_working_day_in_time_limits() -> None:
    friday = at(date(2026, 9, 11))

    assert ZHEJIANG_DEMO.is_working_day(DEMO_SATURDAY_WORKED, "330212") is True
    assert ZHEJIANG_DEMO.add_working_days(friday, 1, "330212") == DEMO_SATURDAY_WORKED
    assert ZHEJIANG_DEMO.add_working_days(friday, 1, "320106") == date(2026, 9, 14)


def test_a_time_limit_in_a_county_skips_its_province_day_off() -> None:
    wednesday = at(date(2026, 9, 9))

    assert ZHEJIANG_DEMO.add_working_days(wednesday, 1, "330212") == date(2026, 9, 11)
    assert ZHEJIANG_DEMO.add_working_days(wednesday, 1, "320106") == DEMO_DAY_OFF


# --- outside the years the calendar counts -------------------------------------------------


def test_a_date_after_the_last_estimated_year_raises_naming_its_year_and_the_years_covered() -> (
    None
):
    day = date(LAST_YEAR + 1, 1, 4)

    with pytest.raises(OutsideKnownYears) as raised:
        NATIONAL.is_working_day(day, HANGZHOU_XIHU)

    message = str(raised.value)
    assert str(LAST_YEAR + 1) in message
    assert day.isoformat() in message
    assert f"{FIRST_YEAR}–{LAST_YEAR}" in message
    assert raised.value.day == day


def test_a_date_before_the_first_published_year_raises() -> None:
    with pytest.raises(OutsideKnownYears, match=str(FIRST_YEAR - 1)):
        NATIONAL.working_days_between(date(FIRST_YEAR - 1, 12, 31), date(2025, 1, 2), "330106")


def test_a_due_date_past_the_last_estimated_year_raises_rather_than_guessing() -> None:
    start = at(date(LAST_YEAR, 12, 20))

    with pytest.raises(OutsideKnownYears, match=f"{LAST_YEAR + 1}.*30 working days after"):
        NATIONAL.add_working_days(start, 30, HANGZHOU_XIHU)


def test_an_override_cannot_make_a_year_past_the_estimates_countable() -> None:
    day = date(LAST_YEAR + 1, 3, 2)
    calendar = calendar_with(RegionOverrides("330000", workdays=frozenset({day})))

    with pytest.raises(OutsideKnownYears):
        calendar.is_working_day(day, "330212")


# --- properties over every date of the known years -----------------------------------------

REGIONS = st.sampled_from([HANGZHOU_XIHU, "330212", "330100", "320106"])
ZONES = st.sampled_from([CHINA_TIME, UTC, timezone(timedelta(hours=-5))])
# Starts late in the last known year could run past it; the properties stay clear of that.
STARTS = st.datetimes(datetime(FIRST_YEAR, 1, 2), datetime(LAST_YEAR, 10, 31), timezones=ZONES)
DAYS = st.integers(min_value=0, max_value=30)


def china_date(moment: datetime) -> date:
    return moment.astimezone(CHINA_TIME).date()


@given(start=STARTS, a=DAYS, b=DAYS, region=REGIONS)
def test_a_longer_time_limit_never_ends_earlier(
    start: datetime, a: int, b: int, region: str
) -> None:
    shorter, longer = sorted((a, b))

    first = ZHEJIANG_DEMO.add_working_days(start, shorter, region)
    second = ZHEJIANG_DEMO.add_working_days(start, longer, region)

    assert first <= second
    if shorter >= 1 and longer > shorter:
        assert first < second


@given(start=STARTS, days=DAYS, region=REGIONS)
def test_every_due_date_is_a_working_day_and_never_before_the_start(
    start: datetime, days: int, region: str
) -> None:
    due = ZHEJIANG_DEMO.add_working_days(start, days, region)

    assert ZHEJIANG_DEMO.is_working_day(due, region)
    assert due >= china_date(start)
    assert due > china_date(start) or days == 0


@given(start=STARTS, days=st.integers(min_value=1, max_value=30), region=REGIONS)
def test_working_days_between_the_start_and_the_due_date_are_the_time_limit(
    start: datetime, days: int, region: str
) -> None:
    due = ZHEJIANG_DEMO.add_working_days(start, days, region)
    day = china_date(start)

    assert ZHEJIANG_DEMO.working_days_between(day, due, region) == days
    assert ZHEJIANG_DEMO.working_days_between(day, due - timedelta(days=1), region) == days - 1


@given(
    days=st.lists(
        st.dates(date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)), min_size=3, max_size=3
    ),
    region=REGIONS,
)
def test_working_days_between_add_up_over_a_paused_clock(days: list[date], region: str) -> None:
    a, b, c = sorted(days)

    whole = ZHEJIANG_DEMO.working_days_between(a, c, region)
    parts = ZHEJIANG_DEMO.working_days_between(a, b, region)
    parts += ZHEJIANG_DEMO.working_days_between(b, c, region)

    assert whole == parts


@given(day=st.dates(date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)), region=REGIONS)
def test_working_days_between_a_day_and_the_next_is_whether_the_next_is_worked(
    day: date, region: str
) -> None:
    following = day + timedelta(days=1)
    if following.year > LAST_YEAR:
        return

    counted = ZHEJIANG_DEMO.working_days_between(day, following, region)

    assert counted == int(ZHEJIANG_DEMO.is_working_day(following, region))
