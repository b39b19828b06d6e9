"""Synthetic citizens: verified profiles like the identity provider's, and how many
applications each has (Zipf-like: most one or two, a few dozens)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from backend.synthetic.vocabulary import GIVEN, SURNAMES

STATUS_MIX = (
    ("completed", 0.55),
    ("draft", 0.12),
    ("submitted", 0.1),
    ("accepted", 0.12),
    ("correction_requested", 0.04),
    ("denied", 0.04),
    ("rejected", 0.03),
)
MAX_PER_CITIZEN = 200
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # GB 11643


@dataclass(frozen=True)
class Person:
    subject: str
    name: str
    profile: dict[str, Any]
    applications: int


def zipf_count(rng: random.Random) -> int:
    """A Pareto draw (shape 1.2) rounded down: mean about 3, median 1, a long tail."""
    return min(MAX_PER_CITIZEN, int(rng.paretovariate(1.2)))


def citizens(total: int, counties: list[str], rng: random.Random) -> list[Person]:
    """Enough people to hold `total` applications between them."""
    people: list[Person] = []
    left = total
    while left > 0:
        n = min(left, zipf_count(rng))
        people.append(_person(len(people) + 1, n, counties, rng))
        left -= n
    return people


def _person(number: int, applications: int, counties: list[str], rng: random.Random) -> Person:
    county = rng.choice(counties)
    born = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 66))
    sex = rng.choice(("male", "female"))
    serial = rng.randint(0, 99) * 10 + rng.choice(
        (1, 3, 5, 7, 9) if sex == "male" else (0, 2, 4, 6, 8)
    )
    body = f"{county}{born:%Y%m%d}{serial:03d}"
    name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))
    profile = {
        "name": name,
        "id_number": body + _check_digit(body),
        "sex": sex,
        "birth_date": born.isoformat(),
        "mobile": f"1{rng.choice((3, 5, 8))}{rng.randint(0, 999_999_999):09d}",
        "hukou_region": county,
    }
    return Person(f"syn-{number}", name, profile, applications)


def _check_digit(body: str) -> str:
    total = sum(int(c) * w for c, w in zip(body, _WEIGHTS, strict=True))
    return "10X98765432"[total % 11]


def statuses(rng: random.Random, total: int) -> list[str]:
    names = [s for s, _ in STATUS_MIX]
    return rng.choices(names, weights=[w for _, w in STATUS_MIX], k=total)
