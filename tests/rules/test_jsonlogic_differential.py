"""Our engine and panzi-json-logic agree on generated rules over the corners where both follow
JavaScript.

The generator keeps to well-typed rules (numbers with numbers, strings with strings) over
data without nulls, because that is where panzi follows JavaScript. Left out, with panzi's
deviation:
- `/` and `%` with a negative or zero operand: Python's ZeroDivisionError and floored modulo
  (JS: Infinity/NaN, and -1 % 2 == -1); `%` is generated only as non-negative % positive;
- null anywhere: panzi's cat writes "null" (JS join writes ""), var returns its default for
  a null value (JS only for an absent one), null < "1" compares strings (JS numbers);
- `==`/`in` between numbers and "" or booleans: panzi's Number("") is NaN (JS 0) and its
  === and `in` let 1 equal true;
- `in` with an empty string to search: panzi finds "" (JS `!b` returns false first);
- min/max of nothing or of booleans, `log`, a reduce whose initial value is an operation
  (panzi does not evaluate it), and `.length` in var paths (panzi emulates it; we refuse it);
- `-`, `/`, `%` with more than two arguments (we fold them, as the community suite does);
- arithmetic reaching non-terminating binary fractions: panzi prints them with %.15g.
"""

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from json_logic import jsonLogic
from rules_support import js_equal

from backend.rules import Engine

ENGINE = Engine()
SMALL = st.integers(-20, 20)
WORD = st.text(alphabet="abcxyz019", min_size=1, max_size=5)
DATA = st.fixed_dictionaries(
    {
        "n": st.integers(0, 50),
        "i": SMALL,
        "s": WORD,
        "flag": st.booleans(),
        "items": st.lists(SMALL, max_size=5),
        "words": st.lists(WORD, min_size=1, max_size=4),  # words.0 is never null
        "nested": st.fixed_dictionaries({"x": SMALL, "t": WORD}),
    }
)
KEYS = st.sampled_from(["n", "i", "s", "nested.x", "nested.t", "items.0", "nope", "nested.nope"])


def op(name: str, *args: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.tuples(*args).map(lambda values: {name: list(values)})


def op_n(name: str, arg: st.SearchStrategy[Any], most: int = 3) -> st.SearchStrategy[Any]:
    return st.lists(arg, min_size=1, max_size=most).map(lambda values: {name: values})


def numbers(leaf: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Number expressions over `leaf`, with every arithmetic operator but / and %."""
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            op_n("+", inner),
            op_n("*", inner),
            op_n("min", inner),
            op_n("max", inner),
            op("-", inner, inner),
            op("-", inner),
        ),
        max_leaves=6,
    )


NUMBER_LEAF = st.one_of(
    SMALL,
    SMALL.map(str),  # numeric strings: both engines convert them
    st.sampled_from([{"var": "n"}, {"var": "i"}, {"var": "nested.x"}, {"var": ["nope", 3]}]),
    st.integers(1, 9).map(lambda k: {"%": [{"var": "n"}, k]}),
)
NUMBER = numbers(NUMBER_LEAF)
ITEM_NUMBER = numbers(st.one_of(SMALL, st.just({"var": ""})))
ITEM_TEST = st.one_of(
    *(op(name, ITEM_NUMBER, ITEM_NUMBER) for name in ["<", "<=", ">", ">=", "=="])
)
TEXT = st.recursive(
    st.one_of(WORD, st.sampled_from([{"var": "s"}, {"var": "nested.t"}, {"var": "words.0"}])),
    lambda inner: st.one_of(
        op_n("cat", st.one_of(inner, SMALL)),
        op("substr", inner, SMALL),
        op("substr", inner, SMALL, SMALL),
    ),
    max_leaves=4,
)
HAYSTACK = st.one_of(WORD, st.just({"var": "s"}), st.lists(WORD, max_size=4))


COMPARISONS = ["<", "<=", ">", ">=", "==", "!=", "===", "!=="]
COMPARISON = st.one_of(
    st.sampled_from(COMPARISONS).flatmap(lambda name: op(name, NUMBER, NUMBER)),
    st.sampled_from(COMPARISONS).flatmap(lambda name: op(name, TEXT, TEXT)),
    st.sampled_from(["<", "<="]).flatmap(lambda name: op(name, NUMBER, NUMBER, NUMBER)),
    op("in", TEXT, HAYSTACK),
    st.sampled_from(["all", "some", "none"]).flatmap(
        lambda name: op(name, st.just({"var": "items"}), ITEM_TEST)
    ),
)
TEST = st.recursive(
    st.one_of(COMPARISON, st.booleans(), st.just({"var": "flag"})),
    lambda inner: st.one_of(
        op("!", st.one_of(inner, NUMBER, TEXT)),
        op("!!", st.one_of(inner, NUMBER, TEXT)),
        op_n("and", st.one_of(inner, NUMBER, TEXT)),
        op_n("or", st.one_of(inner, NUMBER, TEXT)),
        op("if", inner, inner, inner),
    ),
    max_leaves=6,
)
LIST = st.one_of(
    op_n("merge", st.one_of(NUMBER, st.lists(SMALL, max_size=3)), most=4),
    op("map", st.just({"var": "items"}), ITEM_NUMBER),
    op("filter", st.just({"var": "items"}), ITEM_TEST),
    st.lists(KEYS, max_size=4).map(lambda keys: {"missing": keys}),
    op("missing_some", st.integers(0, 3), st.lists(KEYS, max_size=4)),
    st.just({"reduce": [{"var": "items"}, {"+": [{"var": "current"}, {"var": "accumulator"}]}, 0]}),
)
RULE = st.one_of(
    NUMBER,
    COMPARISON,
    TEST,
    TEXT,
    LIST,
    op("if", TEST, NUMBER, TEXT),
    op("?:", TEST, LIST, NUMBER),
)


@settings(max_examples=400, deadline=None)
@given(rule=RULE, data=DATA)
def test_our_engine_agrees_with_panzi_json_logic_where_both_follow_javascript(
    rule: Any, data: dict[str, Any]
) -> None:
    ours = ENGINE.compile(rule)(data)
    theirs = jsonLogic(rule, data)

    assert js_equal(ours, theirs), (ours, theirs)
