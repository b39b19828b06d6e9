import datetime

import pytest

from backend.rules import Engine, default_engine
from backend.rules.domain import CHINA_TIME, domain_operators

TODAY = datetime.date(2024, 3, 1)
ENGINE = Engine(domain_operators(today=lambda: TODAY))
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def resident_id(first17: str) -> str:
    """A resident ID with its GB 11643 check character."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]


def test_today_is_the_date_of_the_clock_given() -> None:
    assert ENGINE.apply({"today": []}) == "2024-03-01"


def test_the_default_clock_reads_the_date_in_china() -> None:
    before = datetime.datetime.now(CHINA_TIME).date().isoformat()
    today = default_engine().apply({"today": []})
    after = datetime.datetime.now(CHINA_TIME).date().isoformat()

    assert today in {before, after}


@pytest.mark.parametrize(
    ("birth", "at", "years"),
    [
        ("1990-03-02", "2024-03-01", 33),
        ("1990-03-01", "2024-03-01", 34),
        ("2000-02-29", "2023-02-28", 22),
        ("2000-02-29", "2023-03-01", 23),
        ("2024-03-01", "2024-03-01", 0),
    ],
)
def test_age_at_counts_whole_years(birth: str, at: str, years: int) -> None:
    assert ENGINE.apply({"age_at": [birth, at]}) == years


def test_age_at_defaults_to_today() -> None:
    assert ENGINE.apply({"age_at": "2006-03-01"}) == 18
    assert ENGINE.apply({"age_at": [{"var": "born"}]}, {"born": "2006-03-02"}) == 17


@pytest.mark.parametrize(
    "args",
    [["1990-13-01"], ["19900101"], [19900101], [None], ["1990-01-01", None], ["2025-01-01"]],
)
def test_age_at_is_null_on_input_it_cannot_read(args: list[object]) -> None:
    assert ENGINE.apply({"age_at": args}) is None


def test_days_between_counts_from_the_first_date_to_the_second() -> None:
    assert ENGINE.apply({"days_between": ["2024-02-28", "2024-03-01"]}) == 2
    assert ENGINE.apply({"days_between": ["2024-03-01", "2024-02-28"]}) == -2
    assert ENGINE.apply({"days_between": ["2024-02-30", "2024-03-01"]}) is None
    assert ENGINE.apply({"days_between": [{"var": "from"}, {"today": []}]}, {}) is None


def test_a_resident_id_gives_birth_date_and_sex() -> None:
    man, woman = resident_id("33010619900307001"), resident_id("33010619851231002")

    assert ENGINE.apply({"id_birth_date": man}) == "1990-03-07"
    assert ENGINE.apply({"id_sex": man}) == "male"
    assert ENGINE.apply({"id_birth_date": woman}) == "1985-12-31"
    assert ENGINE.apply({"id_sex": [{"var": "id"}]}, {"id": woman}) == "female"


@pytest.mark.parametrize(
    "value",
    [
        "330106199003070010",  # wrong check character
        "33010619900307001",  # 17 digits
        "330106900307001",  # the old 15-digit form
        330106199003070011,
        None,
    ],
)
def test_an_invalid_resident_id_gives_null(value: object) -> None:
    assert ENGINE.apply({"id_birth_date": [value]}) is None
    assert ENGINE.apply({"id_sex": [value]}) is None


def test_a_domain_rule_reads_like_the_matter_it_checks() -> None:
    adult_resident = {
        "and": [
            {">=": [{"age_at": [{"id_birth_date": {"var": "applicant.id"}}]}, 18]},
            {"==": [{"substr": [{"var": "applicant.id"}, 0, 4]}, "3301"]},
        ]
    }

    assert ENGINE.apply(adult_resident, {"applicant": {"id": resident_id("33010619900307001")}})
    assert not ENGINE.apply(adult_resident, {"applicant": {"id": resident_id("33010620100307001")}})
    assert not ENGINE.apply(adult_resident, {"applicant": {}})
