"""An estimate of a year the State Council has not published yet: weekends and the statutory
holidays, without the make-up working days (调休) that only the year's notice decides.

The holidays are those of 《全国年节及纪念日放假办法》 as revised by the State Council on
10 November 2024 (in force from 1 January 2025):
- 第二条: 元旦 1 day (1 January); 春节 4 days (农历除夕, 正月初一 to 初三); 清明节 1 day (the
  day of the 清明 solar term); 劳动节 2 days (1 and 2 May); 端午节 1 day (农历五月初五);
  中秋节 1 day (农历八月十五); 国庆节 3 days (1 to 3 October).
- 第六条: a holiday of all citizens that falls on a Saturday or Sunday is given back on a
  working day (补假). The notice says which; we take the first weekday after the festival that
  is not off already, and treat a day two festivals share (中秋 on 1–3 October) the same way.
The yearly notices then move weekdays around (a weekday off, a weekend day worked), which
leaves the count of working days unchanged; so an estimate is rarely off by more than a day or
two near a holiday. Lunar dates come from `lunardate` (years 1900–2099).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import Final

from lunardate import LunarDate  # type: ignore[import-untyped]

LAST_YEAR: Final = 2099  # lunardate's last year: no estimate beyond it
_ONE_DAY: Final = timedelta(days=1)


def qingming(year: int) -> date:
    """The day of the 清明 solar term (the sun at 15° ecliptic longitude), in China.

    The 寿星 general formula for the solar terms of the 21st century, [Y×D+C]−L, with Y the
    year's last two digits, D = 0.2422, C = 4.81 for 清明 and L = [Y/4] the leap days (寿星天文历,
    许剑伟; as quoted in the usual tables of 二十四节气 formulas). It has no exception for 清明
    in 2000–2099: it gave the same day as PyEphem's apparent solar longitude (UTC+8) for every
    year of 2000–2099 when this was written, and tests/calendar/test_provisional.py checks it
    against every published 清明 (2008–2026).
    """
    if not 2000 <= year <= LAST_YEAR:
        raise ValueError(f"the 清明 formula holds for 2000–{LAST_YEAR}, not {year}")
    y = year % 100
    return date(year, 4, int(y * 0.2422 + 4.81) - y // 4)


def _lunar(year: int, month: int, day: int) -> date:
    solar: date = LunarDate(year, month, day).to_solar_date()
    return solar


@cache
def provisional_holidays(year: int) -> dict[date, str]:
    """The estimated days off of `year` that are not weekends' own, with the festival's name."""
    new_year = _lunar(year, 1, 1)
    festivals = [
        ("元旦", [date(year, 1, 1)]),
        ("春节", [new_year - _ONE_DAY + timedelta(days=i) for i in range(4)]),
        ("清明节", [qingming(year)]),
        ("劳动节", [date(year, 5, 1), date(year, 5, 2)]),
        ("端午节", [_lunar(year, 5, 5)]),
        ("中秋节", [_lunar(year, 8, 15)]),
        ("国庆节", [date(year, 10, d) for d in (1, 2, 3)]),
    ]
    off: dict[date, str] = {}
    for name, days in sorted(festivals, key=lambda f: f[1][0]):
        owed = 0
        for day in days:
            if day.weekday() >= 5 or day in off:
                owed += 1
            else:
                off[day] = name
        day = days[-1]
        while owed:
            day += _ONE_DAY
            if day.weekday() < 5 and day not in off:
                off[day] = f"{name}补假"
                owed -= 1
    return off


def is_provisional_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in provisional_holidays(day.year)
