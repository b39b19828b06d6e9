"""Code arithmetic down to townships: a township's nine digits sit under its county."""

from __future__ import annotations

import pytest

from backend.regions.service import ancestors, county_of, covers, is_code, is_county_code


@pytest.mark.parametrize("code", ["330000", "330100", "330106", "330106109"])
def test_six_and_nine_digit_codes_are_codes(code: str) -> None:
    assert is_code(code)


@pytest.mark.parametrize(
    "text", ["", "33010", "3301061", "33010610", "3301061090", "33O106", "３３０１０６"]
)
def test_other_lengths_and_non_ascii_digits_are_not_codes(text: str) -> None:
    assert not is_code(text)


def test_only_six_digits_make_a_county_or_above_code() -> None:
    assert is_county_code("330106") and not is_county_code("330106109")


def test_a_townships_ancestors_are_its_county_city_and_province_nearest_first() -> None:
    assert ancestors("330106109") == ["330106109", "330106", "330100", "330000"]
    assert ancestors("330106") == ["330106", "330100", "330000"]


def test_a_county_covers_its_townships_and_a_township_only_itself() -> None:
    assert covers("330106", "330106109") and covers("330100", "330106109")
    assert covers("330000", "330106109") and covers("330106109", "330106109")
    assert not covers("330106109", "330106") and not covers("330106109", "330106110")
    assert not covers("330102", "330106109")


def test_a_townships_county_is_its_first_six_digits() -> None:
    assert county_of("330106109") == "330106" and county_of("330106") == "330106"
