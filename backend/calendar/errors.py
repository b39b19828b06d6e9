"""What the working calendar refuses: a date it cannot count, a calendar file it cannot trust."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date


class OutsideKnownYears(ValueError):
    """A date the calendar cannot count: before the first published year, or after the last
    year it can estimate (the lunar tables end in 2099)."""

    def __init__(self, day: date, known: range, *, asked: str | None = None) -> None:
        self.day = day
        self.known = known
        first, last = known[0], known[-1]
        hint = (
            f"no estimate is made after {last}, where the lunar tables end"
            if day.year > last
            else f"no schedule before {first} is kept"
        )
        super().__init__(
            f"No working days can be counted in {day.year} ({asked or day.isoformat()}); "
            f"the calendar covers {first}–{last}: {hint}."
        )


class InvalidCalendarFiles(ValueError):
    """One or more calendar files (regions' overrides, national years) are unreadable or wrong;
    every problem is listed as `file:pointer: message`."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("invalid calendar files:\n" + "\n".join(self.problems))


class CalendarProblem(Exception):
    """What a caller asked of the calendar that it cannot answer, with the input at fault."""

    def __init__(self, code: str, path: str, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.code, self.path = code, path
        self.message_zh, self.message_en = message_zh, message_en
