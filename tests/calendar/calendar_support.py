"""Factories for calendar tests: override files and calendars built from them."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from backend.calendar.service import SHIPPED, RegionOverrides, WorkingCalendar
from backend.rules.domain import CHINA_TIME

# A made-up local day off, clearly not a real holiday: 2026-09-10 is a Thursday.
DEMO_DAY_OFF = date(2026, 9, 10)
# A made-up local make-up working day on a Saturday.
DEMO_SATURDAY_WORKED = date(2026, 9, 12)


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """A moment on `day` in China Standard Time."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=CHINA_TIME)


def entry(day: date | str, zh: str = "演示地方假日（虚构）") -> dict[str, Any]:
    text = day if isinstance(day, str) else day.isoformat()
    return {"date": text, "name": {"zh": zh, "en": "Demo local day (made up)"}}


def override_doc(
    region: str, holidays: Sequence[date | str] = (), workdays: Sequence[date | str] = ()
) -> dict[str, Any]:
    return {
        "region": region,
        "holidays": [entry(d) for d in holidays],
        "workdays": [entry(d, "演示调休上班（虚构）") for d in workdays],
    }


def write_override(folder: Path, doc: Any, name: str | None = None) -> Path:
    path = folder / f"{name or doc['region']}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def calendar_folder(parent: Path, *, through: int | None = None) -> Path:
    """A catalog's calendar/ folder with the shipped national years (up to `through`) and no
    override: what WorkingCalendar.load reads."""
    folder = parent / "calendar"
    (folder / "national").mkdir(parents=True)
    for path in (SHIPPED / "national").glob("*.json"):
        if through is None or int(path.stem) <= through:
            shutil.copy(path, folder / "national" / path.name)
    return folder


def national_doc(year: int, holidays: Sequence[date] = (), workdays: Sequence[date] = ()) -> Any:
    """A national year's file, as an operator writes it from the State Council's notice."""
    return {
        "year": year,
        "source": {"title": f"国务院办公厅关于{year}年部分节假日安排的通知"},
        "holidays": [entry(d, "春节") for d in holidays],
        "workdays": [entry(d, "春节调休上班") for d in workdays],
    }


def write_year(folder: Path, doc: Any, name: str | None = None) -> Path:
    """Write a national year's file into `folder`/national (made if missing)."""
    (folder / "national").mkdir(parents=True, exist_ok=True)
    path = folder / "national" / f"{name or doc['year']}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def calendar_with(*overrides: RegionOverrides) -> WorkingCalendar:
    return WorkingCalendar({o.region: o for o in overrides})


# Zhejiang takes a made-up day off and works the Saturday after; Hangzhou city keeps the day
# as a working day, so only Zhejiang's other cities (e.g. Ningbo, 330200) take it.
ZHEJIANG_DEMO = calendar_with(
    RegionOverrides("330000", frozenset({DEMO_DAY_OFF}), frozenset({DEMO_SATURDAY_WORKED})),
    RegionOverrides("330100", workdays=frozenset({DEMO_DAY_OFF})),
)
