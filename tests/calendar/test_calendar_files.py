"""Override files: the shipped ones load, and a wrong one is refused with every problem of
every file listed, by file and JSON pointer."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from calendar_support import DEMO_DAY_OFF, calendar_folder, override_doc, write_override

from backend.calendar.service import InvalidCalendarFiles, WorkingCalendar
from backend.catalog.definitions import schema_problems
from backend.settings import ROOT

SHIPPED = ROOT / "form_schemas" / "calendar"


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(InvalidCalendarFiles) as raised:
        WorkingCalendar.load(folder)
    return raised.value.problems


@pytest.mark.parametrize("path", sorted(SHIPPED.glob("*.json")), ids=lambda p: p.name)
def test_every_shipped_override_file_is_valid_against_the_meta_schema(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))

    assert schema_problems(str(path), doc, "calendar") == []


def test_the_shipped_overrides_load_and_leave_zhejiang_on_the_national_schedule() -> None:
    calendar = WorkingCalendar.load(SHIPPED)

    assert calendar.is_working_day(date(2025, 10, 8), "330106") is False
    assert calendar.is_working_day(date(2025, 10, 11), "330106") is True


def test_a_county_inherits_a_province_file_read_from_the_folder(tmp_path: Path) -> None:
    folder = calendar_folder(tmp_path)
    write_override(folder, override_doc("330000", holidays=[DEMO_DAY_OFF]))

    calendar = WorkingCalendar.load(folder)

    assert calendar.is_working_day(DEMO_DAY_OFF, "330106") is False
    assert calendar.is_working_day(DEMO_DAY_OFF, "440106") is True


def test_every_problem_of_every_file_is_listed_at_once(tmp_path: Path) -> None:
    folder = calendar_folder(tmp_path)
    unknown_key = override_doc("330000") | {"remarks": "x"}
    write_override(folder, unknown_key)
    write_override(folder, override_doc("330100", holidays=["2026-02-30"]))
    write_override(folder, override_doc("330106", holidays=[DEMO_DAY_OFF], workdays=[DEMO_DAY_OFF]))
    write_override(folder, override_doc("330200"), name="ningbo")
    (folder / "330300.json").write_text("{", encoding="utf-8")

    problems = problems_of(folder)

    assert len(problems) == 5
    assert any("330000.json:/:" in p and "remarks" in p for p in problems)
    assert any(
        "330100.json:/holidays/0/date:" in p and "not a calendar date" in p for p in problems
    )
    assert any(
        "330106.json:/workdays/0/date:" in p and "already listed at /holidays/0/date" in p
        for p in problems
    )
    assert any("ningbo.json:/region:" in p and "named 330200.json" in p for p in problems)
    assert any("330300.json" in p and "not valid JSON" in p for p in problems)


def test_a_day_without_a_name_is_refused(tmp_path: Path) -> None:
    folder = calendar_folder(tmp_path)
    doc = override_doc("330000", holidays=[DEMO_DAY_OFF])
    del doc["holidays"][0]["name"]
    write_override(folder, doc)

    [problem] = problems_of(folder)

    assert "/holidays/0" in problem
    assert "'name' is a required property" in problem


def test_a_missing_folder_is_an_error_not_an_empty_calendar(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="calendar"):
        WorkingCalendar.load(tmp_path / "calendar")
