"""A dashboard's period cut into whole years, quarters, months and the other days: every day
once, in order, each run made of whole periods that start where they should."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given
from hypothesis import strategies as st

from backend.backoffice.supervision_periods import end_of, pieces, start_of, whole

DAYS = st.dates(min_value=dt.date(2023, 1, 1), max_value=dt.date(2027, 12, 31))


def days_of(runs: list[tuple[str, dt.date, dt.date]]) -> list[dt.date]:
    covered = []
    for grain, first, last in runs:
        period = first
        while period <= last:
            assert start_of(period, grain) == period, (grain, period)
            end = end_of(period, grain)
            covered += [period + dt.timedelta(days=i) for i in range((end - period).days + 1)]
            period = end + dt.timedelta(days=1)
    return covered


@given(DAYS, st.integers(min_value=0, max_value=400))
def test_every_day_of_the_period_is_read_once_in_whole_periods(
    first: dt.date, length: int
) -> None:
    last = first + dt.timedelta(days=length)
    runs = pieces(first, last)

    assert days_of(runs) == [first + dt.timedelta(days=i) for i in range(length + 1)]
    assert all(a[0] != b[0] for a, b in itertools.pairwise(runs))  # runs merged


def test_a_calendar_year_is_one_row_per_matter_and_a_rolling_year_a_few() -> None:
    assert pieces(dt.date(2025, 1, 1), dt.date(2025, 12, 31)) == [
        ("y", dt.date(2025, 1, 1), dt.date(2025, 1, 1))
    ]
    assert [r[0] for r in pieces(dt.date(2025, 1, 15), dt.date(2026, 1, 14))] == [
        "d",
        "m",
        "q",
        "d",
    ]
    assert pieces(dt.date(2025, 3, 5), dt.date(2025, 3, 4)) == []


def test_the_sweep_rewrites_the_whole_periods_that_hold_a_rewritten_day() -> None:
    assert whole(dt.date(2026, 2, 28), dt.date(2026, 4, 1), "m") == [
        (dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
        (dt.date(2026, 3, 1), dt.date(2026, 3, 31)),
    ]
    assert whole(dt.date(2026, 2, 28), dt.date(2026, 4, 1), "q") == [
        (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    ]
    assert whole(dt.date(2026, 2, 28), dt.date(2026, 4, 1), "y") == []
