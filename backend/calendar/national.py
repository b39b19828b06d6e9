"""The national schedule, from the `chinese-calendar` package (it follows the State Council's
yearly notice on public holidays, 国务院办公厅关于某年部分节假日安排的通知)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Final, cast

from chinese_calendar import constants  # type: ignore[import-untyped]

# Date → English holiday name, e.g. 2025-10-01 → "National Day".
HOLIDAYS: Final = cast(Mapping[date, str], constants.holidays)
# Weekend dates worked to make up for a holiday (调休上班), with the holiday they belong to.
MAKE_UP_WORKDAYS: Final = cast(Mapping[date, str], constants.workdays)
# The years the package knows, by its own rule (it refuses any other year).
KNOWN_YEARS: Final = range(min(HOLIDAYS).year, max(HOLIDAYS).year + 1)


def is_national_working_day(day: date) -> bool:
    """Whether `day` is a working day nationally; `day` must lie in KNOWN_YEARS."""
    if day in MAKE_UP_WORKDAYS:
        return True
    return day.weekday() < 5 and day not in HOLIDAYS
