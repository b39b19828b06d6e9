from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.forms.validation import FieldError, FormSchemaError, check_form_schema, compile_form

HOUSE_SALE: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["applicant_name", "seller", "region"],
    "properties": {
        "applicant_name": {
            "type": "string",
            "title": "申请人姓名",
            "x-title-en": "Applicant name",
            "minLength": 2,
            "maxLength": 20,
        },
        "seller": {"$ref": "#/$defs/person", "title": "卖方", "x-title-en": "Seller"},
        "region": {"type": "string", "format": "cn-region-code", "title": "房屋所在区县"},
        "area_m2": {"type": "number", "title": "建筑面积", "exclusiveMinimum": 0, "maximum": 10000},
        "use": {"enum": ["residential", "commercial"], "title": "房屋用途"},
        "postcode": {"type": "string", "pattern": "^[0-9]{6}$", "title": "邮政编码"},
        "email": {"type": "string", "format": "email", "title": "电子邮箱"},
        "contract_date": {"type": "string", "format": "date", "title": "合同签订日期"},
        "buyers": {
            "type": "array",
            "title": "买方",
            "minItems": 1,
            "items": {"$ref": "#/$defs/person"},
        },
    },
    "$defs": {
        "person": {
            "type": "object",
            "required": ["name", "id_number"],
            "properties": {
                "name": {"type": "string", "title": "姓名", "x-title-en": "Name"},
                "id_number": {
                    "type": "string",
                    "format": "cn-resident-id",
                    "title": "身份证号码",
                    "x-title-en": "Resident ID number",
                },
                "mobile": {"type": "string", "format": "cn-mobile", "title": "手机号码"},
            },
        }
    },
}

VALID_ANSWERS: dict[str, Any] = {
    "applicant_name": "张三",
    "seller": {"name": "李四", "id_number": "11010519491231002X"},
    "region": "330106",
    "area_m2": 89.5,
    "use": "residential",
    "buyers": [{"name": "张三", "id_number": "11010519491231002X", "mobile": "13800138000"}],
}


def codes(errors: list[FieldError]) -> list[tuple[str, str]]:
    return [(e.path, e.code) for e in errors]


def test_valid_answers_have_no_errors() -> None:
    assert compile_form(HOUSE_SALE).validate(VALID_ANSWERS) == []


def test_every_error_comes_back_at_once_sorted_by_field_pointer() -> None:
    answers = {
        "applicant_name": "张",
        "seller": {"name": 7, "id_number": "110105194912310021"},
        "region": "999999",
        "area_m2": 0,
        "use": "farm",
        "postcode": "31000",
        "email": "nobody",
        "contract_date": "2024-13-01",
        "buyers": [],
        "note": "hello",
    }

    errors = compile_form(HOUSE_SALE).validate(answers)

    assert codes(errors) == [
        ("/applicant_name", "min_length"),
        ("/area_m2", "minimum"),
        ("/buyers", "invalid"),
        ("/contract_date", "format"),
        ("/email", "format"),
        ("/note", "unknown_field"),
        ("/postcode", "pattern"),
        ("/region", "format"),
        ("/seller/id_number", "format"),
        ("/seller/name", "type"),
        ("/use", "enum"),
    ]


def test_a_missing_property_is_reported_at_its_own_pointer_with_its_title() -> None:
    errors = compile_form(HOUSE_SALE).validate({"seller": {"name": "李四"}, "region": "330106"})

    assert errors == [
        FieldError("/applicant_name", "required", "请填写“申请人姓名”", "Fill in “Applicant name”"),
        FieldError(
            "/seller/id_number", "required", "请填写“身份证号码”", "Fill in “Resident ID number”"
        ),
    ]


def test_a_bad_resident_id_checksum_says_so_plainly() -> None:
    answers = {**VALID_ANSWERS, "seller": {"name": "李四", "id_number": "110105194912310021"}}

    [error] = compile_form(HOUSE_SALE).validate(answers)

    assert error.path == "/seller/id_number"
    assert error.message_zh == "身份证号码校验位不正确"


def test_nested_arrays_give_nested_pointers_with_numeric_order() -> None:
    buyer = {"name": "王五", "id_number": "11010519491231002X"}
    buyers = [buyer] * 12
    buyers[2] = {"name": "王五", "id_number": "11010519491231002X", "mobile": "123"}
    buyers[10] = {"id_number": "11010519491231002X"}

    errors = compile_form(HOUSE_SALE).validate({**VALID_ANSWERS, "buyers": buyers})

    assert codes(errors) == [("/buyers/2/mobile", "format"), ("/buyers/10/name", "required")]
    assert errors[0].message_zh == "请填写 11 位手机号码"


def test_a_field_without_title_is_named_by_its_key() -> None:
    schema = {"type": "object", "properties": {"floor": {"type": "integer", "maximum": 99}}}

    [error] = compile_form(schema).validate({"floor": 120})

    assert error == FieldError(
        "/floor", "maximum", "“floor”不能大于 99", "“floor” must be at most 99"
    )


def test_a_type_error_names_the_expected_kind_of_answer() -> None:
    [error] = compile_form(HOUSE_SALE).validate({**VALID_ANSWERS, "area_m2": "ninety"})

    assert error == FieldError(
        "/area_m2", "type", "“建筑面积”应填写数字", "“建筑面积” must be a number"
    )


def test_answers_that_are_not_an_object_are_one_root_error() -> None:
    assert codes(compile_form(HOUSE_SALE).validate(["张三"])) == [("", "type")]


def test_a_draft_save_ignores_missing_answers_but_not_wrong_ones() -> None:
    form = compile_form(HOUSE_SALE)

    errors = form.validate_partial({"seller": {"id_number": "110105194912310021"}})

    assert codes(errors) == [("/seller/id_number", "format")]


def test_dependent_required_fields_are_reported_at_the_missing_field() -> None:
    schema = {
        "type": "object",
        "properties": {"married": {"type": "boolean"}, "spouse_name": {"type": "string"}},
        "dependentRequired": {"married": ["spouse_name"]},
    }

    assert codes(compile_form(schema).validate({"married": True})) == [("/spouse_name", "required")]
    assert compile_form(schema).validate_partial({"married": True}) == []


def test_pointers_escape_slashes_and_tildes_in_property_names() -> None:
    schema = {"type": "object", "additionalProperties": False, "properties": {}}

    assert codes(compile_form(schema).validate({"a/b~c": 1})) == [("/a~1b~0c", "unknown_field")]


def test_compiling_a_broken_schema_lists_every_problem() -> None:
    schema = {
        "type": "object",
        "required": ["nmae"],
        "properties": {"name": {"type": "strng"}, "id": {"type": "string", "format": "cn-id"}},
    }

    with pytest.raises(FormSchemaError) as raised:
        compile_form(schema)

    assert [p.path for p in raised.value.problems] == ["/properties/name/type"]
    assert "/properties/name/type" in str(raised.value)


def test_the_schema_check_points_inside_the_schema_at_each_problem() -> None:
    schema = {
        "type": "object",
        "required": ["nmae"],
        "properties": {
            "name": {"type": "string"},
            "people": {"type": "array", "items": {"type": "string", "format": "cn-id"}},
        },
    }

    problems = check_form_schema(schema)

    assert [(p.path, p.code) for p in problems] == [
        ("/properties/people/items/format", "unknown_format"),
        ("/required/0", "required_undefined"),
    ]


def test_a_form_schema_must_describe_an_object_in_draft_2020_12() -> None:
    problems = check_form_schema({"$schema": "http://json-schema.org/draft-07/schema#"})

    assert [(p.path, p.code) for p in problems] == [
        ("/$schema", "dialect"),
        ("/type", "not_object"),
    ]


def test_the_catalog_examples_schema_is_accepted() -> None:
    assert check_form_schema(HOUSE_SALE) == []


FIELDS = [f"field_{i}" for i in range(6)]
FLAT_FORM = compile_form(
    {
        "type": "object",
        "required": FIELDS,
        "properties": {name: {"type": "string", "title": name.upper()} for name in FIELDS},
    }
)


@given(st.lists(st.sampled_from(["ok", "missing", "wrong_type"]), min_size=6, max_size=6))
def test_the_validator_reports_each_bad_field_once_at_its_pointer(states: list[str]) -> None:
    answers: dict[str, Any] = {}
    for name, state in zip(FIELDS, states, strict=True):
        if state == "ok":
            answers[name] = "text"
        elif state == "wrong_type":
            answers[name] = 42
    expected = [
        (f"/{name}", "required" if state == "missing" else "type")
        for name, state in zip(FIELDS, states, strict=True)
        if state != "ok"
    ]

    assert codes(FLAT_FORM.validate(answers)) == expected


@given(st.lists(st.booleans(), max_size=15))
def test_each_array_item_missing_a_name_gets_its_own_nested_pointer(named: list[bool]) -> None:
    buyers = [
        {"name": "王五", "id_number": "11010519491231002X"}
        if has_name
        else {"id_number": "11010519491231002X"}
        for has_name in named
    ]

    errors = compile_form(HOUSE_SALE).validate({**VALID_ANSWERS, "buyers": buyers})

    missing = [(f"/buyers/{i}/name", "required") for i, has in enumerate(named) if not has]
    assert codes(errors) == ([("/buyers", "invalid")] if not named else []) + missing
