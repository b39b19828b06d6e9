"""The national schedule as data: one file per year the State Council has published
(国务院办公厅关于某年部分节假日安排的通知), form_schemas/calendar/national/<year>.json, checked
against form_schemas/schema/calendar_national.schema.json and then for what a schema cannot
say. The catalog's folder ships 2004–2026; an operator adds a later year there or, where the
catalog is baked into an image, in <ZERORUN_DATA_DIR>/calendar/national/."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from backend.catalog.service import Problem, read_json, schema_problems


@dataclass(frozen=True)
class NationalYear:
    """One published year: its days off and its make-up working days (always weekend days)."""

    year: int
    holidays: frozenset[date]
    workdays: frozenset[date]

    def is_working_day(self, day: date) -> bool:
        return day in self.workdays or (day.weekday() < 5 and day not in self.holidays)


def read_national(folders: Iterable[Path]) -> tuple[dict[int, NationalYear], list[Problem]]:
    """Every `<year>.json` directly in those of the `national/` folders that exist, by year,
    with every problem found: a bad file, a year given twice, a gap between published years."""
    years: dict[int, NationalYear] = {}
    seen: dict[int, Path] = {}
    problems: list[Problem] = []
    paths = [p for folder in folders if folder.is_dir() for p in sorted(folder.glob("*.json"))]
    for path in paths:  # folder by folder: a year given again is named in the later folder
        doc, unreadable = read_json(path)
        found = [unreadable] if unreadable else schema_problems(str(path), doc, "calendar_national")
        if not found:
            found = list(_content_problems(path, doc))
        if not found and doc["year"] in seen:
            found = [
                Problem(
                    str(path),
                    "/year",
                    f"{doc['year']} is already published by {seen[doc['year']]}: keep one file",
                )
            ]
        if found:
            problems += found
            continue
        seen[doc["year"]] = path
        years[doc["year"]] = _year_of(doc)
    problems += _gaps(seen)
    return years, problems


def _content_problems(path: Path, doc: Any) -> Iterator[Problem]:
    """What the meta-schema cannot check, in a document it has accepted."""
    year = doc["year"]
    if path.stem != str(year):
        yield Problem(str(path), "/year", f"the file of {year} must be named {year}.json")
    first_seen: dict[str, str] = {}
    for kind in ("holidays", "workdays"):
        for i, entry in enumerate(doc[kind]):
            where = f"/{kind}/{i}/date"
            try:
                day = date.fromisoformat(entry["date"])
            except ValueError:
                yield Problem(str(path), where, f"{entry['date']} is not a calendar date")
                continue
            if day.year != year:
                yield Problem(str(path), where, f"{entry['date']} is not in {year}")
            if kind == "workdays" and day.weekday() < 5:
                yield Problem(
                    str(path),
                    where,
                    f"{entry['date']} is a {day:%A}: a make-up working day is a Saturday or Sunday",
                )
            if entry["date"] in first_seen:
                yield Problem(
                    str(path),
                    where,
                    f"{entry['date']} is already listed at {first_seen[entry['date']]}",
                )
            first_seen.setdefault(entry["date"], where)


def _gaps(seen: Mapping[int, Path]) -> Iterator[Problem]:
    """Published years follow one another: after a missing year, a later file would make a time
    limit that crosses the gap look firm although part of it is estimated."""
    if not seen:
        return
    missing = [y for y in range(min(seen), max(seen)) if y not in seen]
    if missing:
        later = min(y for y in seen if y > missing[0])
        names = ", ".join(map(str, missing))
        yield Problem(
            str(seen[later]),
            "/year",
            f"published years must follow one another: {names} missing before {later}",
        )


def _year_of(doc: Any) -> NationalYear:
    def dates(kind: str) -> frozenset[date]:
        return frozenset(date.fromisoformat(entry["date"]) for entry in doc[kind])

    return NationalYear(doc["year"], dates("holidays"), dates("workdays"))
