from typing import Any

from backend.rules import Engine, RuleIssue, default_engine

ENGINE = Engine()
FORM_FIELDS = {"name", "age", "children", "hukou.county", "id.number"}


def test_a_sound_rule_has_no_issues() -> None:
    rule = {
        "if": [
            {"missing": ["name", "age"]},
            "incomplete",
            {"and": [{">=": [{"var": "age"}, 18]}, {"in": [{"var": "hukou.county"}, ["330106"]]}]},
            "eligible",
            "rejected",
        ]
    }

    assert ENGINE.validate(rule, FORM_FIELDS.__contains__) == []


def test_validate_reports_every_problem_at_its_path_inside_the_rule() -> None:
    rule = {
        "and": [
            {"==": [{"var": "name"}]},
            {">=": [{"var": "agee"}, 18]},
            {"frobnicate": [1]},
            {"!": {"var": ["spouse.name", ""]}},
        ]
    }

    issues = ENGINE.validate(rule, FORM_FIELDS.__contains__)

    assert issues == [
        RuleIssue("/and/0", "'==' takes 2 arguments, got 1"),
        RuleIssue("/and/1/>=/0", "unknown variable 'agee'"),
        RuleIssue("/and/2", "unknown operator 'frobnicate'"),
        RuleIssue("/and/3/!", "unknown variable 'spouse.name'"),
    ]


def test_operator_names_are_escaped_in_json_pointers() -> None:
    rule = {"/": [{"var": "a/b"}, {"var": "c~d"}]}

    issues = ENGINE.validate(rule, lambda path: False)

    assert issues == [
        RuleIssue("/~1/0", "unknown variable 'a/b'"),
        RuleIssue("/~1/1", "unknown variable 'c~d'"),
    ]


def test_validate_flags_argument_counts_jsonlogic_com_does_not_document() -> None:
    rules: list[Any] = [{"-": [1, 2, 3]}, {"if": []}, {"!": [1, 2]}, {"?:": [True, 1]}]

    messages = [issue.message for rule in rules for issue in ENGINE.validate(rule)]

    assert messages == [
        "'-' takes 1 to 2 arguments, got 3",
        "'if' takes at least 1 argument, got 0",
        "'!' takes 1 argument, got 2",
        "'?:' takes 3 arguments, got 2",
    ]


def test_custom_operators_are_checked_against_their_signature() -> None:
    engine = default_engine()

    assert engine.validate({"today": []}) == []
    assert engine.validate({"age_at": [{"var": "birth"}, "2024-01-01", 3]}) == [
        RuleIssue("", "'age_at' takes 1 to 2 arguments, got 3")
    ]


def test_vars_read_from_array_items_are_not_checked_against_the_form() -> None:
    rule = {"some": [{"var": "children"}, {"<": [{"var": "age"}, {"var": "school_age"}]}]}

    assert ENGINE.validate(rule, FORM_FIELDS.__contains__) == []
    assert ENGINE.var_paths(rule) == {"children"}


def test_reduce_reads_its_initial_value_from_the_form() -> None:
    rule = {"reduce": [{"var": "children"}, {"+": [{"var": "accumulator"}, 1]}, {"var": "base"}]}

    assert ENGINE.validate(rule, FORM_FIELDS.__contains__) == [
        RuleIssue("/reduce/2", "unknown variable 'base'")
    ]


def test_missing_keys_are_variables_too() -> None:
    rule = {
        "or": [
            {"missing": ["name", "id.numbr"]},
            {"missing": "nickname"},
            {"missing_some": [1, ["id.number", "passport"]]},
        ]
    }

    issues = ENGINE.validate(rule, FORM_FIELDS.__contains__)

    assert issues == [
        RuleIssue("/or/0/missing/1", "unknown variable 'id.numbr'"),
        RuleIssue("/or/1/missing", "unknown variable 'nickname'"),
        RuleIssue("/or/2/missing_some/1/1", "unknown variable 'passport'"),
    ]
    assert ENGINE.var_paths(rule) == {"name", "id.numbr", "nickname", "id.number", "passport"}


def test_var_paths_lists_only_paths_fixed_in_the_rule() -> None:
    rule = {
        "cat": [
            {"var": "name"},
            {"var": 0},
            {"var": ""},
            {"var": {"cat": ["na", "me"]}},
            {"var": [{"var": "field"}, {"var": "fallback"}]},
        ]
    }

    assert ENGINE.var_paths(rule) == {"name", "0", "field", "fallback"}


def test_values_that_are_not_json_are_reported() -> None:
    rule = {"in": [{"var": "x"}, ("a", "b")], "extra": {1: 2}}

    assert ENGINE.validate({"!": rule}) == [RuleIssue("/!", "not a JSON value")]
    assert ENGINE.validate({"in": [{"var": "x"}, ("a", "b")]}) == [
        RuleIssue("/in/1", "not a JSON value")
    ]
