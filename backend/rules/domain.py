"""Our matters' own operators: dates in China Standard Time and resident ID numbers.

Each returns null on input it cannot read, as the classic operators do, so a rule over an
incomplete form evaluates instead of failing.
"""

import datetime
import re
from collections.abc import Callable
from typing import Any, Final

from backend.forms.formats import parse_resident_id
from backend.rules.compiler import Operator
from backend.rules.engine import Engine

# Asia/Shanghai has kept UTC+8 without daylight saving since 1991; a fixed offset needs no
# time zone database on the host.
CHINA_TIME: Final = datetime.timezone(datetime.timedelta(hours=8), "Asia/Shanghai")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TODAY: Final = object()  # age_at's default at_date


def today_in_china() -> datetime.date:
    return datetime.datetime.now(CHINA_TIME).date()


def parse_date(value: Any) -> datetime.date | None:
    """An ISO calendar date "YYYY-MM-DD", else None."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def domain_operators(today: Callable[[], datetime.date] = today_in_china) -> dict[str, Operator]:
    """The operators, reading the current date from `today` (tests pass a fixed one)."""

    def today_() -> str:
        return today().isoformat()

    def age_at(birth_date: Any, at_date: Any = _TODAY) -> int | None:
        """Whole years from birth_date to at_date (default today); null before birth."""
        born = parse_date(birth_date)
        at = today() if at_date is _TODAY else parse_date(at_date)
        if born is None or at is None or at < born:
            return None
        return at.year - born.year - ((at.month, at.day) < (born.month, born.day))

    return {
        "today": today_,
        "age_at": age_at,
        "days_between": days_between,
        "id_birth_date": id_birth_date,
        "id_sex": id_sex,
    }


def days_between(a: Any, b: Any) -> int | None:
    """b - a in days."""
    first, second = parse_date(a), parse_date(b)
    return None if first is None or second is None else (second - first).days


def id_birth_date(resident_id: Any) -> str | None:
    parsed = parse_resident_id(resident_id) if isinstance(resident_id, str) else None
    return None if parsed is None else parsed[0].isoformat()


def id_sex(resident_id: Any) -> str | None:
    """ "male" or "female" (the 17th digit odd or even)."""
    parsed = parse_resident_id(resident_id) if isinstance(resident_id, str) else None
    return None if parsed is None else parsed[1]


def default_engine() -> Engine:
    """An engine with the classic operators and ours."""
    return Engine(domain_operators())
