"""Write form_schemas/calendar/national/<year>.json for every year the chinese-calendar package
knows (2004–2026 in 1.11), from its tables of holidays and make-up working days.

    .venv/bin/python scripts/generate_national_calendar.py [--check]

chinese-calendar (a test dependency only; the app reads the files) copies each year from the
State Council's notice, 国务院办公厅关于<year>年部分节假日安排的通知. Running the script again
writes the same bytes; `--check` writes nothing and exits 1 naming each file that differs
(tests/calendar/test_national_files.py runs it). A later year is not generated: the operator
adds its file by hand from the notice (docs/operations.md, "Adding a year's holidays").
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from chinese_calendar import constants  # type: ignore[import-untyped]

OUTPUT = Path(__file__).resolve().parents[1] / "form_schemas" / "calendar" / "national"

# The package's English names, with the Chinese the notices use.
NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}
# The dates the notices bear, where checked against the notice itself (the package does not
# keep them): the 2025 one (国办发明电〔2024〕12号) and the 2026 one, both as Xinhua published them.
ISSUED = {2025: "2024-11-12", 2026: "2025-11-04"}


def documents() -> dict[int, dict[str, Any]]:
    """Each year's file as a document, by year."""
    years = sorted({d.year for d in constants.holidays} | {d.year for d in constants.workdays})
    return {year: _document(year) for year in years}


def _document(year: int) -> dict[str, Any]:
    source: dict[str, str] = {"title": f"国务院办公厅关于{year}年部分节假日安排的通知"}
    if year in ISSUED:
        source["issued"] = ISSUED[year]
    return {
        "year": year,
        "source": source,
        "holidays": _days(constants.holidays, year, ""),
        "workdays": _days(constants.workdays, year, "调休上班"),
    }


def _days(table: dict[date, str], year: int, suffix: str) -> list[dict[str, Any]]:
    english = " (make-up working day)" if suffix else ""
    return [
        {"date": day.isoformat(), "name": {"zh": NAMES[name] + suffix, "en": name + english}}
        for day, name in sorted(table.items())
        if day.year == year
    ]


def render(doc: dict[str, Any]) -> str:
    """The file's text: one day a line, so a change to a notice reads as a one-line diff."""

    def one(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    def days(kind: str) -> str:
        if not doc[kind]:
            return "[]"
        return "[\n" + ",\n".join(f"    {one(d)}" for d in doc[kind]) + "\n  ]"

    return (
        "{\n"
        f'  "year": {doc["year"]},\n'
        f'  "source": {one(doc["source"])},\n'
        f'  "holidays": {days("holidays")},\n'
        f'  "workdays": {days("workdays")}\n'
        "}\n"
    )


def main(argv: list[str]) -> int:
    check = argv == ["--check"]
    if argv and not check:
        print(__doc__, file=sys.stderr)
        return 2
    stale = []
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for year, doc in documents().items():
        path, text = OUTPUT / f"{year}.json", render(doc)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path)
        if not check:
            path.write_text(text, encoding="utf-8")
    verb = "differs from chinese-calendar" if check else "written"
    for path in stale:
        print(f"{path}: {verb}", file=sys.stderr)
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
