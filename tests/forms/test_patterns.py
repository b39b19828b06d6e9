"""Form patterns run on RE2 with ECMA-262 meaning, and the patterns staff cannot save."""

import logging
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from backend.forms import patterns
from backend.forms.keywords import FormSchemaValidator
from backend.forms.validation import check_form_schema, check_patterns, compile_form

REDOS = "^(a+)+$"
# Python's re needs about 10 s at 27 characters and twice as long per character more: hours.
HOSTILE = "a" * 40 + "!"


def form(**properties: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "additionalProperties": False}


@pytest.mark.parametrize(
    "written",
    [
        REDOS,
        "(a*)*",
        "(a|aa)+",
        r"^(\w+\s?)+$",
        "(.*,)+x",
        "((a+)b?)+",
        r"(\w|\d)+",
        "(a?){2,}",
    ],
)
def test_a_repeated_part_that_matches_one_text_in_several_ways_is_ambiguous(written: str) -> None:
    refused = patterns.problem(written)

    assert refused is not None and refused[0] == "pattern_ambiguous"
    zh, en = refused[1]
    assert "JavaScript" in en and "linear time" in en and "(a+)+" in en
    assert "浏览器" in zh and "嵌套量词" in zh


@pytest.mark.parametrize(
    "written",
    [
        "^[A-Z][0-9]{9}$",
        "^[0-9]{12}[A-Z]{2}[0-9]{5}[A-Z][0-9]{8}$",
        r"^[a-z]+(\.[a-z]+)+$",  # the dot ends each round
        r"^([a-z0-9-]+\.)+[a-z]{2,}$",
        r"^(/([^~/]|~[01])*)+$",
        r"^(\d{3}-?)+$",
        "^(a|b)+$",
        "(a+b)+",
        r"^[\u4e00-\u9fa5]{2,20}$",
        r"^(?<year>\d{4})-\d{2}$",
        r"^1[3-9]\d{9}$",
    ],
)
def test_common_patterns_are_accepted(written: str) -> None:
    assert patterns.problem(written) is None


@pytest.mark.parametrize(
    ("written", "said"),
    [
        (r"^(a)\1$", "backreference"),
        (r"^(?<x>a)\k<x>$", "backreference"),
        ("^(?=a)a+$", "lookahead or lookbehind"),
        ("(?<!a)b", "lookahead or lookbehind"),
        ("a{1,2000}", "invalid repetition size"),
        ("(" * 400 + "a" + ")" * 400, "nested too deeply"),
        ("[0-9]" * 300, "longer than 1000 characters"),
    ],
)
def test_a_pattern_re2_cannot_run_is_refused_with_the_reason(written: str, said: str) -> None:
    refused = patterns.problem(written)

    assert refused is not None and refused[0] == "pattern_unsupported"
    assert said in refused[1][1], refused[1][1]


def test_answers_are_matched_with_ecma_meaning_not_pythons() -> None:
    # Python's re: `$` also before a final newline, \d any Unicode digit; JavaScript: neither.
    assert not patterns.search("^[0-9]{6}$", "310000\n")
    assert not patterns.search(r"^\d{6}$", "３１００００")
    assert patterns.search(r"^[\u4e00-\u9fa5]{2,4}$", "张秀英")
    assert patterns.search(r"^\s$", "\u3000")  # the ideographic space is white space in JS
    assert not patterns.search("^.$", "\n") and patterns.search("^[^]$", "\n")
    assert patterns.search(r"^\/\x41\u0042$", "/AB")


@pytest.mark.timeout(20)  # Python's re would take hours: fail fast instead
def test_the_answer_to_a_catastrophic_pattern_is_checked_by_re2() -> None:
    validator = compile_form(form(name={"type": "string", "pattern": REDOS, "title": "姓名"}))

    [error] = validator.validate({"name": HOSTILE})
    fine = validator.validate({"name": "aaaa"})

    assert (error.path, error.code) == ("/name", "pattern")
    assert fine == []


@pytest.mark.timeout(20)  # Python's re would take hours: fail fast instead
def test_property_names_are_matched_by_re2_wherever_jsonschema_would_use_re() -> None:
    keyed = {"type": "object", "patternProperties": {REDOS: {"type": "integer"}}}
    closed = {**keyed, "additionalProperties": False}
    composed = {"allOf": [keyed], "unevaluatedProperties": False, "type": "object"}

    for schema in (keyed, closed, composed):
        assert compile_form(schema).validate({"aaa": 1}) == []
    assert [e.path for e in compile_form(closed).validate({HOSTILE: 1})] == [f"/{HOSTILE}"]
    assert [e.code for e in compile_form(composed).validate({HOSTILE: 1})] == ["unknown_field"]


def test_a_published_pattern_re2_cannot_run_refuses_the_answer_and_is_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    schema = form(code={"type": "string", "pattern": r"^(a)\1$", "title": "编号"})
    assert check_form_schema(schema) == []  # such a form still compiles: nothing 500s

    with caplog.at_level(logging.WARNING, logger="backend.forms.patterns"):
        errors = compile_form(schema).validate({"code": "aa"})

    assert [(e.path, e.code) for e in errors] == [("/code", "pattern")]
    assert "cannot run on RE2" in caplog.text


def test_check_patterns_names_each_refused_pattern_by_its_pointer() -> None:
    schema = {
        "type": "object",
        "properties": {
            "a": {"type": "string", "pattern": REDOS},
            "b": {"type": "array", "items": {"type": "string", "pattern": r"(x)\1"}},
            "fine": {"type": "string", "pattern": "^[0-9]+$"},
        },
        "patternProperties": {"^x/(?=y)": {}},
    }

    found = [(p.path, p.code) for p in check_patterns(schema)]

    assert found == [
        ("/patternProperties/^x~1(?=y)", "pattern_unsupported"),
        ("/properties/a/pattern", "pattern_ambiguous"),
        ("/properties/b/items/pattern", "pattern_unsupported"),
    ]


def test_check_patterns_reads_any_document_without_failing() -> None:
    for junk in (None, [], "x", {"properties": []}, {"properties": {"a": 1}, "allOf": {}}):
        assert check_patterns(junk) == []


KEYED = {"patternProperties": {"^n_[0-9]+$": {"type": "integer"}}}
PARITY_SCHEMAS: list[dict[str, Any]] = [
    {"type": "object", "properties": {"p": {"type": "string", "pattern": "^[0-9]{6}$"}}},
    {"type": "object", **KEYED, "additionalProperties": False},
    {"type": "object", **KEYED, "additionalProperties": {"type": "string"}},
    {"type": "object", "allOf": [KEYED], "unevaluatedProperties": False},
    {
        "type": "object",
        "properties": {"kind": {"enum": ["a", "b"]}},
        "if": {"properties": {"kind": {"const": "a"}}},
        "then": KEYED,
        "else": {"properties": {"other": {"type": "string"}}},
        "dependentSchemas": {"x": {"properties": {"x": {"pattern": "^x"}}}},
        "unevaluatedProperties": False,
    },
    {
        "type": "object",
        "$defs": {"keyed": KEYED},
        "anyOf": [{"$ref": "#/$defs/keyed"}, {"required": ["zzz"]}],
        "unevaluatedProperties": {"type": "boolean"},
    },
]
PARITY_ANSWERS: list[Any] = [
    {},
    {"p": "310000"},
    {"p": "31000"},
    {"n_1": 1, "n_2": "two"},
    {"n_1": 1, "other": "x"},
    {"kind": "a", "n_3": 3},
    {"kind": "b", "n_3": 3, "other": "o"},
    {"kind": "a", "x": "x1", "y": True},
    {"zzz": 1, "w": False},
    {"w": "not a boolean"},
    "not an object",
]


@pytest.mark.parametrize("schema", PARITY_SCHEMAS)
def test_the_re2_keywords_give_the_same_errors_as_jsonschemas_own(schema: dict[str, Any]) -> None:
    ours, theirs = FormSchemaValidator(schema), Draft202012Validator(schema)

    for answers in PARITY_ANSWERS:
        found = sorted((list(e.absolute_path), e.validator) for e in ours.iter_errors(answers))
        expected = sorted((list(e.absolute_path), e.validator) for e in theirs.iter_errors(answers))
        assert found == expected, answers
