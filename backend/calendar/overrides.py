"""Regions' overrides of the national schedule: form_schemas/calendar/<region code>.json,
checked against form_schemas/schema/calendar.schema.json and then for what a schema cannot
say (the file's name, real calendar dates, a date listed twice)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from backend.catalog.service import Problem, read_json, schema_problems


@dataclass(frozen=True)
class RegionOverrides:
    """One region's own days off and make-up working days."""

    region: str
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()

    def working(self, day: date) -> bool | None:
        """True or False where the region decides `day`, None where it leaves it to others."""
        if day in self.holidays:
            return False
        if day in self.workdays:
            return True
        return None


def read_overrides(folder: Path) -> tuple[dict[str, RegionOverrides], list[Problem]]:
    """Every `<region>.json` directly in `folder`, by region code, with every problem found."""
    if not folder.is_dir():
        raise FileNotFoundError(f"no calendar folder at {folder}")
    overrides: dict[str, RegionOverrides] = {}
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.json")):
        doc, unreadable = read_json(path)
        found = [unreadable] if unreadable else schema_problems(str(path), doc, "calendar")
        if not found:
            found = list(_content_problems(path, doc))
        if found:
            problems += found
        else:
            overrides[doc["region"]] = _overrides_of(doc)
    return overrides, problems


def _content_problems(path: Path, doc: Any) -> Iterator[Problem]:
    """What the meta-schema cannot check, in a document it has accepted."""
    if path.stem != doc["region"]:
        yield Problem(
            str(path),
            "/region",
            f"the file of region {doc['region']} must be named {doc['region']}.json",
        )
    first_seen: dict[str, str] = {}
    for kind in ("holidays", "workdays"):
        for i, entry in enumerate(doc[kind]):
            where = f"/{kind}/{i}/date"
            try:
                date.fromisoformat(entry["date"])
            except ValueError:
                yield Problem(str(path), where, f"{entry['date']} is not a calendar date")
            if entry["date"] in first_seen:
                yield Problem(
                    str(path),
                    where,
                    f"{entry['date']} is already listed at {first_seen[entry['date']]}",
                )
            first_seen.setdefault(entry["date"], where)


def _overrides_of(doc: Any) -> RegionOverrides:
    def dates(kind: str) -> frozenset[date]:
        return frozenset(date.fromisoformat(entry["date"]) for entry in doc[kind])

    return RegionOverrides(doc["region"], dates("holidays"), dates("workdays"))
