"""What the working calendar refuses: a date it cannot know, an override file it cannot trust."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date


class OutsideKnownYears(ValueError):
    """A date in a year whose national holiday schedule is not known: never guessed."""

    def __init__(self, day: date, known: range, *, asked: str | None = None) -> None:
        self.day = day
        self.known = known
        first, last = known[0], known[-1]
        hint = (
            f"upgrade chinese-calendar once the State Council has published the {day.year} schedule"
            if day.year > last
            else f"no schedule before {first} is kept"
        )
        super().__init__(
            f"No national holiday schedule is known for {day.year} ({asked or day.isoformat()}); "
            f"known years are {first}–{last}: {hint}."
        )


class InvalidCalendarFiles(ValueError):
    """One or more override files are unreadable or wrong; every problem is listed."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("invalid calendar override files:\n" + "\n".join(self.problems))


class CalendarProblem(Exception):
    """What a caller asked of the calendar that it cannot answer, with the input at fault."""

    def __init__(self, code: str, path: str, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.code, self.path = code, path
        self.message_zh, self.message_en = message_zh, message_en
