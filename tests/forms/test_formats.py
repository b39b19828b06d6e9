import datetime

from hypothesis import given
from hypothesis import strategies as st

from backend.forms.formats import (
    FORMAT_CHECKER,
    USCC_CHARS,
    USCC_TYPES,
    china_today,
    is_cn_mobile,
    is_cn_region_code,
    is_cn_resident_id,
    is_cn_uscc,
    is_email,
    is_iso_date,
    parse_resident_id,
    resident_id_problem,
    uscc_problem,
)

PROVINCES = ["11", "31", "33", "44", "50", "65", "81", "82", "83"]


def mod_11_2(digits: str) -> str:
    """ISO 7064 MOD 11-2 in its recursive form, independent of the weights in formats.py."""
    p = 0
    for d in digits:
        p = (p + int(d)) * 2 % 11
    return "0123456789X"[(12 - p) % 11]


def mod_31_3(chars: str) -> str:
    """GB 32100 check: weights are powers of 3 modulo 31."""
    total = sum(USCC_CHARS.index(c) * pow(3, i, 31) for i, c in enumerate(chars))
    return USCC_CHARS[-total % 31]


@st.composite
def resident_ids(draw: st.DrawFn) -> str:
    region = draw(st.sampled_from(PROVINCES)) + draw(st.from_regex(r"[0-9]{4}", fullmatch=True))
    born = draw(st.dates(datetime.date(1900, 1, 1), china_today()))
    sequence = draw(st.from_regex(r"[0-9]{3}", fullmatch=True))
    body = region + born.strftime("%Y%m%d") + sequence
    return body + mod_11_2(body)


@st.composite
def usccs(draw: st.DrawFn) -> str:
    authority = draw(st.sampled_from(sorted(USCC_TYPES)))
    kind = draw(st.sampled_from(USCC_TYPES[authority]))
    region = draw(st.from_regex(r"[0-9]{6}", fullmatch=True))
    subject = "".join(draw(st.lists(st.sampled_from(USCC_CHARS), min_size=9, max_size=9)))
    body = authority + kind + region + subject
    return body + mod_31_3(body)


def test_the_standards_example_resident_id_is_a_woman_born_on_new_years_eve_1949() -> None:
    assert parse_resident_id("11010519491231002X") == (datetime.date(1949, 12, 31), "female")


def test_an_odd_sequence_digit_means_male() -> None:
    body = "33010619900101001"
    assert parse_resident_id(body + mod_11_2(body)) == (datetime.date(1990, 1, 1), "male")


def test_a_lowercase_x_check_character_is_refused_with_its_own_reason() -> None:
    assert resident_id_problem("11010519491231002x") == "lowercase_x"
    assert parse_resident_id("11010519491231002x") is None


def test_a_wrong_check_digit_is_a_checksum_problem() -> None:
    assert resident_id_problem("110105194912310021") == "checksum"


def test_a_birth_year_before_1900_is_refused_even_with_a_right_check_digit() -> None:
    # The standard's other example, born in 1880.
    assert mod_11_2("44052418800101001") == "4"
    assert resident_id_problem("440524188001010014") == "birth_date"


def test_an_impossible_or_future_birth_date_is_refused() -> None:
    tomorrow = china_today() + datetime.timedelta(days=1)
    for born in ("19900230", tomorrow.strftime("%Y%m%d")):
        body = "330106" + born + "001"
        assert resident_id_problem(body + mod_11_2(body)) == "birth_date"


def test_a_region_outside_any_province_is_refused() -> None:
    body = "99010619900101001"
    assert resident_id_problem(body + mod_11_2(body)) == "region"


def test_wrong_length_or_characters_are_a_shape_problem() -> None:
    for value in ("", "11010519491231002", "11010519491231002XX", "1101051949123100２X"):
        assert resident_id_problem(value) == "shape"


@given(resident_ids())
def test_every_well_formed_resident_id_passes(value: str) -> None:
    assert is_cn_resident_id(value)
    assert parse_resident_id(value) is not None


@given(resident_ids())
def test_changing_any_single_character_of_a_resident_id_makes_it_fail(value: str) -> None:
    for i, original in enumerate(value):
        for other in "0123456789X" if i == 17 else "0123456789":
            if other != original:
                assert not is_cn_resident_id(value[:i] + other + value[i + 1 :])


def test_a_published_unified_social_credit_code_passes() -> None:
    assert is_cn_uscc("91350100M000100Y43")


def test_a_uscc_with_an_unknown_authority_or_type_is_refused() -> None:
    for prefix in ("94", "Y2", "B1", "00"):
        body = prefix + "350100M000100Y4"
        assert uscc_problem(body + mod_31_3(body)) == "type"


def test_a_uscc_with_letters_in_the_region_or_forbidden_letters_is_a_shape_problem() -> None:
    for value in ("9135A100M000100Y43", "91350100M000100I43", "91350100m000100y43", "9135"):
        assert uscc_problem(value) == "shape"


@given(usccs())
def test_every_well_formed_uscc_passes(value: str) -> None:
    assert is_cn_uscc(value)


@given(usccs())
def test_changing_any_single_character_of_a_uscc_makes_it_fail(value: str) -> None:
    for i, original in enumerate(value):
        for other in USCC_CHARS:
            if other != original:
                assert not is_cn_uscc(value[:i] + other + value[i + 1 :])


def test_mobile_numbers_are_eleven_digits_starting_13_to_19() -> None:
    assert is_cn_mobile("13800138000")
    assert is_cn_mobile("19912345678")
    for value in ("12800138000", "1380013800", "138001380001", "+8613800138000", "1380013800a"):
        assert not is_cn_mobile(value)


def test_region_codes_must_exist_in_the_regions_file() -> None:
    assert is_cn_region_code("330106")
    assert is_cn_region_code("330000")
    assert not is_cn_region_code("330103")  # 下城区, merged away in 2021
    assert not is_cn_region_code("33010")
    assert not is_cn_region_code("３３０１０６")


def test_dates_must_be_real_iso_dates() -> None:
    assert is_iso_date("2024-02-29")
    for value in ("2023-02-29", "20240101", "2024-1-01", "2024-01-01T00:00"):
        assert not is_iso_date(value)


def test_emails_need_a_local_part_and_a_dotted_domain() -> None:
    assert is_email("zhang.san@example.cn")
    for value in ("zhang", "zhang@", "@example.cn", "zhang@example", "zh ang@example.cn"):
        assert not is_email(value)


def test_the_format_checker_knows_every_form_format_and_leaves_non_strings_to_type() -> None:
    assert set(FORMAT_CHECKER.checkers) == {
        "cn-resident-id",
        "cn-uscc",
        "cn-mobile",
        "cn-region-code",
        "date",
        "email",
    }
    assert FORMAT_CHECKER.conforms("13800138000", "cn-mobile")
    assert not FORMAT_CHECKER.conforms("110105194912310021", "cn-resident-id")
    assert FORMAT_CHECKER.conforms(12345, "cn-mobile")
