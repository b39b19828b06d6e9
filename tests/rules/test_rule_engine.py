import math
import types
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rules_support import CLASSIC_OPERATORS, js_equal

from backend.rules import Engine, RuleError, RuleIssue, default_engine
from backend.rules.compiler import is_json
from backend.rules.engine import APPLY_CACHE_SIZE

ENGINE = Engine()


def test_a_compiled_rule_runs_on_any_data() -> None:
    adult = ENGINE.compile({">=": [{"var": "age"}, 18]})

    assert adult({"age": 18}) is True
    assert adult({"age": "17"}) is False
    assert adult({}) is False
    assert adult(None) is False


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"cat": [1.0]}, "1"),
        ({"cat": [{"+": [0.1, 0.2]}]}, "0.30000000000000004"),
        ({"cat": [1e21, " ", 1e-7, " ", 123456789.125]}, "1e+21 1e-7 123456789.125"),
        ({"cat": [-0.0, " ", 2**64]}, "0 18446744073709552000"),
        ({"cat": [[1, [2, None]], None, True]}, "1,2,true"),
        ({"cat": [{"/": [1, 0]}, " ", {"-": [{"/": [1, 0]}]}]}, "Infinity -Infinity"),
    ],
)
def test_cat_writes_values_as_javascript_does(rule: Any, expected: str) -> None:
    assert ENGINE.apply(rule) == expected


@pytest.mark.parametrize(
    ("a", "b", "loose", "strict"),
    [
        (1, "1", True, False),
        (1, 1.0, True, True),
        (0, "", True, False),
        (0, False, True, False),
        ("1", True, True, False),
        (None, 0, False, False),
        (None, None, True, True),
        ("abc", "abc", True, True),
        ([], "", True, False),  # an array literal is a new array: never === anything
        ({"var": "list"}, "1,2", True, False),
    ],
)
def test_equality_follows_javascript(a: Any, b: Any, loose: bool, strict: bool) -> None:
    data = {"list": [1, 2]}

    assert ENGINE.apply({"==": [a, b]}, data) is loose
    assert ENGINE.apply({"===": [a, b]}, data) is strict
    assert ENGINE.apply({"!=": [a, b]}, data) is not loose


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"<": ["10", 9]}, False),  # a number and a string compare as numbers
        ({"<": ["10", "9"]}, True),  # two strings compare as strings
        ({"<": [None, 1]}, True),  # null is 0
        ({"<": [1, "x"]}, False),  # NaN compares false both ways
        ({">=": [1, "x"]}, False),
        ({"<=": [1, {"var": "x"}, 3]}, True),
        ({"+": ["1.5", True, None, " 2 "]}, 4.5),
        ({"-": ["0x10", 1]}, 15),
        ({"*": ["1e3", "-2"]}, -2000),
        ({"%": [-7, 3]}, -1),
        ({"+": ["1_000"]}, None),  # NaN: Python's float() would read it
    ],
)
def test_numbers_are_converted_as_javascript_does(rule: Any, expected: Any) -> None:
    result = ENGINE.apply(rule, {"x": 2})

    if expected is None:
        assert result != result  # NaN
    else:
        assert js_equal(result, expected)


def test_in_over_an_array_matches_with_strict_equality() -> None:
    rule = {"in": [{"var": "x"}, ["1", 2, 3.5]]}

    assert [ENGINE.apply(rule, {"x": x}) for x in ["1", 1, 2, 2.0, "2", True, 3.5]] == [
        True,
        False,
        True,
        True,
        False,
        False,
        True,
    ]
    assert ENGINE.apply({"in": [True, [1]]}) is False
    assert ENGINE.apply({"in": ["", ""]}) is False


def test_var_reads_dicts_by_key_and_lists_and_strings_by_index() -> None:
    data = {"a": [{"b": "xyz"}], "0": "zero"}

    assert ENGINE.apply({"var": "a.0.b"}, data) == "xyz"
    assert ENGINE.apply({"var": "a.0.b.1"}, data) == "y"
    assert ENGINE.apply({"var": 0}, data) == "zero"
    assert ENGINE.apply({"var": "a.01"}, data) is None
    assert ENGINE.apply({"var": "a.-1"}, data) is None
    assert ENGINE.apply({"var": "a.length"}, data) is None


def test_var_default_applies_only_when_the_path_is_absent() -> None:
    rule = {"var": ["a", 5]}

    assert ENGINE.apply(rule, {}) == 5
    assert ENGINE.apply(rule, {"a": None}) is None
    assert ENGINE.apply(rule, {"a": 0}) == 0
    assert ENGINE.apply({"var": ["a.b", 5]}, {"a": None}) == 5


class _Guarded(dict[str, Any]):
    """A dict whose own methods must never run, with an attribute to steal."""

    secret = "attribute"

    def get(self, *args: Any) -> Any:
        raise AssertionError("a rule called a method of the data")

    def __getitem__(self, key: str) -> Any:
        raise AssertionError("a rule called a method of the data")


@pytest.mark.parametrize(
    "path",
    ["__class__", "__class__.__name__", "secret", "get", "keys", "items.__len__", "__dict__"],
)
def test_no_rule_reaches_attributes_or_methods_of_the_data(path: str) -> None:
    data = _Guarded(items=[1, 2])

    assert ENGINE.apply({"var": path}, data) is None
    assert ENGINE.apply({"var": path}, types.SimpleNamespace(secret=1, items=[1])) is None
    assert ENGINE.apply({"missing": [path]}, data) == [path]
    assert ENGINE.apply({"var": path}, "text") is None
    assert ENGINE.apply({"var": path}, [1]) is None


def test_a_dict_subclass_is_read_as_a_plain_dict() -> None:
    data = _Guarded(age=20, hukou={"county": "330106"})

    assert ENGINE.apply({"var": "age"}, data) == 20
    assert ENGINE.apply({">=": [{"var": "age"}, 18]}, data) is True
    assert ENGINE.apply({"in": [{"var": "hukou.county"}, ["330106"]]}, data) is True
    assert ENGINE.apply({"missing": ["age", "name"]}, data) == ["name"]


def test_json_logic_js_method_operator_is_not_available() -> None:
    with pytest.raises(RuleError) as raised:
        ENGINE.compile({"method": [{"var": "name"}, "upper"]})

    assert raised.value.issues == [RuleIssue("", "unknown operator 'method'")]


def test_custom_operators_belong_to_the_engine_they_are_given_to() -> None:
    doubling = Engine({"double": lambda x: 2 * x})
    plain = Engine()

    assert doubling.apply({"double": [{"var": "n"}]}, {"n": 21}) == 42
    with pytest.raises(RuleError, match="unknown operator 'double'"):
        plain.compile({"double": [1]})
    assert plain.validate({"double": [1]}) == [RuleIssue("", "unknown operator 'double'")]
    with pytest.raises(RuleError):
        plain.compile({"today": []})
    assert default_engine().apply({"!!": {"today": []}}) is True


def test_an_engine_keeps_its_own_copy_of_the_operators_it_was_given() -> None:
    operators = {"double": lambda x: 2 * x}
    engine = Engine(operators)

    operators["triple"] = lambda x: 3 * x
    del operators["double"]

    assert engine.apply({"double": 2}) == 4
    with pytest.raises(RuleError):
        engine.compile({"triple": 2})


def test_a_custom_operator_cannot_replace_a_built_in_one() -> None:
    with pytest.raises(ValueError, match="var"):
        Engine({"var": lambda path: None})


def test_a_custom_operator_given_the_wrong_argument_count_is_refused_when_compiled() -> None:
    engine = Engine({"double": lambda x: 2 * x})

    with pytest.raises(RuleError) as raised:
        engine.compile({"if": [True, {"double": [1, 2]}]})

    assert raised.value.issues == [RuleIssue("/if/1", "'double' takes 1 argument, got 2")]


def test_compile_reports_every_unknown_operator_at_its_path() -> None:
    with pytest.raises(RuleError) as raised:
        ENGINE.compile({"and": [{"foo": 1}, {"!": {"bar": [2]}}]})

    assert raised.value.issues == [
        RuleIssue("/and/0", "unknown operator 'foo'"),
        RuleIssue("/and/1/!", "unknown operator 'bar'"),
    ]
    assert "/and/0: unknown operator 'foo'" in str(raised.value)


def test_compile_refuses_values_that_are_not_json() -> None:
    with pytest.raises(RuleError) as raised:
        ENGINE.compile({"in": [{"var": "x"}, {"a", "b"}]})

    assert raised.value.issues == [RuleIssue("/in/1", "not a JSON value")]


def test_a_rule_nested_too_deeply_is_refused_not_crashed_on() -> None:
    rule: Any = True
    for _ in range(5000):
        rule = {"!": [rule]}

    with pytest.raises(RuleError, match="nested too deeply"):
        ENGINE.apply(rule)
    assert ENGINE.validate(rule) == [RuleIssue("", "the rule is nested too deeply")]


def test_apply_compiles_a_rule_once_and_keeps_a_bounded_number_of_rules(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    engine = Engine()
    compiled: list[Any] = []
    compile_rule = engine.compile
    monkeypatch.setattr(engine, "compile", lambda rule: compiled.append(rule) or compile_rule(rule))
    first = {"+": [{"var": "a"}, 1]}

    results = [engine.apply(first, {"a": a}) for a in range(3)]
    for n in range(APPLY_CACHE_SIZE):
        engine.apply({"+": [n, 1]})
    engine.apply(first, {"a": 0})

    assert results == [1, 2, 3]
    assert compiled.count(first) == 2  # once, and again after it was pushed out
    assert len(compiled) == APPLY_CACHE_SIZE + 2


def test_apply_never_confuses_rules_that_serialise_alike() -> None:
    engine = Engine()

    assert engine.apply({"==": [{"var": "x"}, None]}, {}) is True
    assert engine.apply({"==": [{"var": "x"}, math.nan]}, {}) is False  # orjson writes null
    assert engine.apply({"in": ["a", ["a"]]}) is True
    with pytest.raises(RuleError, match="not a JSON value"):
        engine.apply({"in": ["a", ("a",)]})  # orjson writes an array


def test_results_do_not_share_lists_with_the_compiled_rule() -> None:
    rule = ENGINE.compile({"if": [{"var": "x"}, ["a"], ["b"]]})

    rule({"x": True}).append("changed")

    assert rule({"x": True}) == ["a"]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=4),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["a", "b", "current", "0"]), inner, max_size=3)
    ),
    max_leaves=10,
)
OPERATORS = sorted(CLASSIC_OPERATORS - {"log"})
RULES = st.recursive(
    JSON,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.tuples(st.sampled_from(OPERATORS), inner | st.lists(inner, max_size=4)).map(
            lambda pair: {pair[0]: pair[1]}
        )
    ),
    max_leaves=15,
)


@settings(max_examples=300, deadline=None)
@given(rule=RULES, data=JSON)
def test_any_rule_made_of_classic_operators_evaluates_without_raising(rule: Any, data: Any) -> None:
    try:
        evaluate = ENGINE.compile(rule)
    except RuleError:  # a literal object with one key reads as an unknown operator
        return

    assert is_json(evaluate(data))  # never a Python-only value such as the JS undefined
