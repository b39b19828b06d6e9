"""National years as data: the shipped files say what chinese-calendar says (and the script
that writes them stays honest), a later year is added by dropping a file in the catalog or the
data folder, and a bad file, a year given twice or a gap is refused with file:pointer."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from calendar_support import at, calendar_folder, national_doc, write_year
from chinese_calendar import constants

from backend.calendar.service import SHIPPED, InvalidCalendarFiles, WorkingCalendar
from backend.catalog.definitions import schema_problems
from backend.settings import ROOT

NATIONAL = SHIPPED / "national"
XIHU = "330106"
# The Spring Festival of 2027 falls on Saturday 6 February: 除夕 is Friday the 5th.
SPRING_2027 = [date(2027, 2, d) for d in range(5, 12)]  # made up for the tests: 5–11 off
SPRING_2027_WORKED = [date(2027, 2, 20)]  # and a Saturday worked


def problems_of(folder: Path, *more: Path) -> list[str]:
    with pytest.raises(InvalidCalendarFiles) as raised:
        WorkingCalendar.load(folder, *more)
    return raised.value.problems


@pytest.mark.parametrize("path", sorted(NATIONAL.glob("*.json")), ids=lambda p: p.name)
def test_every_shipped_national_year_is_valid_against_its_meta_schema(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))

    assert schema_problems(str(path), doc, "calendar_national") == []


def test_the_shipped_years_are_the_days_chinese_calendar_lists_2004_to_2026() -> None:
    holidays: dict[date, str] = {}
    workdays: set[date] = set()
    for path in NATIONAL.glob("*.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        holidays |= {date.fromisoformat(d["date"]): d["name"]["en"] for d in doc["holidays"]}
        workdays |= {date.fromisoformat(d["date"]) for d in doc["workdays"]}

    assert holidays == constants.holidays
    assert workdays == set(constants.workdays)
    assert sorted(int(p.stem) for p in NATIONAL.glob("*.json")) == list(range(2004, 2027))


def test_the_script_that_writes_the_years_would_write_the_same_files() -> None:
    script = ROOT / "scripts" / "generate_national_calendar.py"

    done = subprocess.run([sys.executable, script, "--check"], capture_output=True, text=True)

    assert (done.returncode, done.stderr) == (0, "")


def test_the_app_calendar_reads_the_shipped_years_and_counts_2026_as_published() -> None:
    calendar = WorkingCalendar.load(SHIPPED)

    assert calendar.published == range(2004, 2027)
    assert calendar.is_working_day(date(2026, 2, 14), XIHU) is True  # a Saturday worked
    assert calendar.is_working_day(date(2026, 2, 23), XIHU) is False


def test_a_year_dropped_in_the_data_folder_is_published_on_top_of_the_catalog(
    tmp_path: Path,
) -> None:
    catalog = calendar_folder(tmp_path / "catalog")
    data = tmp_path / "data" / "calendar"
    write_year(data, national_doc(2027, SPRING_2027, SPRING_2027_WORKED))

    calendar = WorkingCalendar.load(catalog, data)

    assert calendar.published == range(2004, 2028)
    assert calendar.is_working_day(date(2027, 2, 11), XIHU) is False  # by the file, not the rule
    assert calendar.is_working_day(date(2027, 2, 20), XIHU) is True
    assert calendar.deadline(at(date(2027, 2, 4)), 1, XIHU).provisional is False


def test_a_data_folder_that_does_not_exist_adds_nothing(tmp_path: Path) -> None:
    calendar = WorkingCalendar.load(calendar_folder(tmp_path), tmp_path / "no" / "calendar")

    assert calendar.published == range(2004, 2027)


def test_a_bad_national_file_is_refused_with_its_file_and_pointer(tmp_path: Path) -> None:
    folder = calendar_folder(tmp_path)
    doc = national_doc(2027, [date(2027, 2, 5), date(2028, 2, 5)], [date(2027, 2, 22)])
    doc["holidays"].append({"date": "2027-02-30", "name": {"zh": "春节", "en": "x"}})
    doc["holidays"].append({"date": "2027-02-05", "name": {"zh": "春节", "en": "x"}})
    del doc["source"]
    write_year(folder, doc)
    write_year(folder, national_doc(2028), name="next")
    (folder / "national" / "2029.json").write_text("{", encoding="utf-8")

    problems = problems_of(folder)

    assert len(problems) == 3, problems
    assert any("2027.json:/:" in p and "'source' is a required property" in p for p in problems)
    assert any("next.json:/year:" in p and "named 2028.json" in p for p in problems)
    assert any("2029.json:/:" in p and "not valid JSON" in p for p in problems)


def test_what_the_meta_schema_cannot_see_is_refused_with_a_pointer_each(tmp_path: Path) -> None:
    folder = calendar_folder(tmp_path)
    doc = national_doc(2027, [date(2027, 2, 5), date(2028, 2, 5)], [date(2027, 2, 22)])
    doc["holidays"].append({"date": "2027-02-30", "name": {"zh": "春节", "en": "x"}})
    doc["holidays"].append({"date": "2027-02-05", "name": {"zh": "春节", "en": "x"}})
    write_year(folder, doc)

    problems = problems_of(folder)

    path = folder / "national" / "2027.json"
    assert problems == [
        f"{path}:/holidays/1/date: error: 2028-02-05 is not in 2027",
        f"{path}:/holidays/2/date: error: 2027-02-30 is not a calendar date",
        f"{path}:/holidays/3/date: error: 2027-02-05 is already listed at /holidays/0/date",
        f"{path}:/workdays/0/date: error: 2027-02-22 is a Monday: a make-up working day is a "
        "Saturday or Sunday",
    ]


def test_a_year_given_in_both_folders_is_refused_naming_both_files(tmp_path: Path) -> None:
    catalog = calendar_folder(tmp_path / "catalog")
    data = tmp_path / "data" / "calendar"
    first = write_year(catalog, national_doc(2027, SPRING_2027))
    write_year(data, national_doc(2027, SPRING_2027))

    [problem] = problems_of(catalog, data)

    assert problem.startswith(f"{data / 'national' / '2027.json'}:/year:")
    assert f"already published by {first}" in problem


def test_a_gap_between_published_years_is_refused_rather_than_estimated_silently(
    tmp_path: Path,
) -> None:
    folder = calendar_folder(tmp_path)
    write_year(folder, national_doc(2028))

    [problem] = problems_of(folder)

    assert problem.startswith(f"{folder / 'national' / '2028.json'}:/year:")
    assert "2027 missing before 2028" in problem


def test_a_catalog_without_national_years_is_an_error_not_an_estimate_of_every_year(
    tmp_path: Path,
) -> None:
    (tmp_path / "calendar").mkdir()

    with pytest.raises(FileNotFoundError, match="national"):
        WorkingCalendar.load(tmp_path / "calendar")
