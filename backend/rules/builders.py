"""The operators that build their own closures: those that evaluate their arguments lazily
(if, and, or, map, ...), read the data (var, missing), or have a faster form for the shapes
that dominate real rules (`var` with a fixed path, a comparison with a constant, `in` over a
fixed list, `missing` of fixed keys). The rest is plain JS semantics from `js`.
"""

import copy
import operator
from collections.abc import Callable, Iterable
from typing import Any

from backend.rules import classic, js
from backend.rules.access import ABSENT, Evaluator, blank, fixed_var, lookup, segments
from backend.rules.compiler import (
    SCALARS,
    Builder,
    Compiler,
    call,
    constant,
    is_literal,
    operation,
)
from backend.rules.js import UNDEFINED, truthy

# --- var and missing ------------------------------------------------------------------------


def _var(c: Compiler, args: list[Any]) -> Evaluator:
    default = c.node(args[1]) if len(args) > 1 else None
    if not args or type(args[0]) in SCALARS:
        return fixed_var(segments(args[0] if args else None), default)
    path_of = c.node(args[0])

    def dynamic_var(data: Any) -> Any:
        found = lookup(data, segments(path_of(data)), ABSENT)
        if found is ABSENT:
            return None if default is None else default(data)
        return found

    return dynamic_var


def _keys(values: list[Any]) -> list[Any]:
    """missing's keys: its first argument when that is an array, else all its arguments."""
    return list(values[0]) if values and isinstance(values[0], list) else values


def _absent(data: Any, keys: Iterable[Any]) -> list[Any]:
    return [key for key in keys if blank(lookup(data, segments(key), None))]


def _absent_of(keys: list[Any]) -> Callable[[Any], list[Any]]:
    """_absent for keys fixed when the rule is compiled; one-step keys read plain dicts inline."""
    paths = [(key, segments(key)) for key in keys]
    getters = [(key, fixed_var(path)) for key, path in paths]
    names = [(key, path[0][0]) for key, path in paths if len(path) == 1]

    def absent(data: Any) -> list[Any]:
        return [key for key, get in getters if (value := get(data)) is None or value == ""]

    if len(names) < len(keys):
        return absent

    def absent_names(data: Any) -> list[Any]:
        if type(data) is not dict:
            return absent(data)
        return [key for key, name in names if (value := data.get(name)) is None or value == ""]

    return absent_names


def _missing(c: Compiler, args: list[Any]) -> Evaluator:
    if all(is_literal(arg) for arg in args):
        return _absent_of(_keys(copy.deepcopy(args)))
    parts = c.nodes(args)
    return lambda data: _absent(data, _keys([part(data) for part in parts]))


def _missing_some(c: Compiler, args: list[Any]) -> Evaluator:
    """The missing keys of args[1], or [] when at least args[0] of them are present."""
    if len(args) < 2:
        return lambda data: []
    need = c.node(args[0])
    if isinstance(args[1], list) and is_literal(args[1]):
        count, absent_of = len(args[1]), _absent_of(copy.deepcopy(args[1]))

        def missing_some(data: Any) -> list[Any]:
            absent = absent_of(data)
            return [] if js.greater_equal(count - len(absent), need(data)) else absent

        return missing_some
    options = c.node(args[1])

    def dynamic_missing_some(data: Any) -> list[Any]:
        keys = options(data)
        keys = keys if isinstance(keys, list) else [keys]
        absent = _absent(data, keys)
        return [] if js.greater_equal(len(keys) - len(absent), need(data)) else absent

    return dynamic_missing_some


# --- logic ----------------------------------------------------------------------------------


def _if(c: Compiler, args: list[Any]) -> Evaluator:
    parts = c.nodes(args)
    otherwise = parts.pop() if len(parts) % 2 else constant(None)
    branches = list(zip(parts[0::2], parts[1::2], strict=True))
    if not branches:
        return otherwise
    if len(branches) == 1:
        ((test, then),) = branches

        def if_else(data: Any) -> Any:
            value = test(data)
            if value is True or (value is not False and truthy(value)):
                return then(data)
            return otherwise(data)

        return if_else

    def if_chain(data: Any) -> Any:
        for test, then in branches:
            value = test(data)
            if value is True or (value is not False and truthy(value)):
                return then(data)
        return otherwise(data)

    return if_chain


def _and(c: Compiler, args: list[Any]) -> Evaluator:
    """The first falsy operand, else the last one."""
    if not args:
        return constant(False)
    *heads, last = c.nodes(args)
    if len(heads) == 1:
        head = heads[0]

        def and2(data: Any) -> Any:
            value = head(data)
            if value is not True and (value is False or not truthy(value)):
                return value
            return last(data)

        return and2

    def and_(data: Any) -> Any:
        for head in heads:
            value = head(data)
            if value is not True and (value is False or not truthy(value)):
                return value
        return last(data)

    return and_


def _or(c: Compiler, args: list[Any]) -> Evaluator:
    """The first truthy operand, else the last one."""
    if not args:
        return constant(False)
    *heads, last = c.nodes(args)
    if len(heads) == 1:
        head = heads[0]

        def or2(data: Any) -> Any:
            value = head(data)
            if value is True or (value is not False and truthy(value)):
                return value
            return last(data)

        return or2

    def or_(data: Any) -> Any:
        for head in heads:
            value = head(data)
            if value is True or (value is not False and truthy(value)):
                return value
        return last(data)

    return or_


def _not(c: Compiler, args: list[Any]) -> Evaluator:
    a = c.arg(args, 0)
    return lambda data: not truthy(a(data))


def _truthy(c: Compiler, args: list[Any]) -> Evaluator:
    a = c.arg(args, 0)
    return lambda data: truthy(a(data))


# --- comparison -----------------------------------------------------------------------------
#
# A comparison of a `var` with a constant is the commonest node of a real rule. Its closure
# reads a one- or two-step path from plain dicts inline (saving a call) and, when the value has
# the constant's plain type, lets Python compare directly; anything else takes the JS route.

Test = Callable[[Any, Any], bool]
_NUMBERS = frozenset({int, float})
_STRINGS = frozenset({str})


def _dict_keys(node: Any) -> tuple[str | None, str | None]:
    """The keys of a `var` node reading one or two steps into its data, else (None, None)."""
    found = operation(node)
    if found is not None and found[0] == "var" and len(found[1]) == 1:
        path = found[1][0]
        steps = segments(path) if type(path) in SCALARS else ()
        if 1 <= len(steps) <= 2:
            return steps[0][0], steps[1][0] if len(steps) == 2 else None
    return None, None


def _comparison(test: Test, fast: Test, strings: bool) -> Builder:
    """Each argument against the next: {"<": [1, x, 10]} is 1 < x < 10. `fast` may stand in
    for `test` on two plain numbers (and, when `strings`, two plain strings)."""

    def build(c: Compiler, args: list[Any]) -> Evaluator:
        parts = c.nodes(args) + [constant(UNDEFINED)] * (2 - len(args))
        if len(parts) > 2:

            def chain(data: Any) -> bool:
                values = [part(data) for part in parts]
                return all(map(test, values, values[1:]))

            return chain
        a, b = parts
        bound = args[1] if len(args) == 2 else None
        kinds = _NUMBERS if type(bound) in _NUMBERS else _STRINGS if strings else None
        if kinds is None or type(bound) not in kinds:
            return lambda data: test(a(data), b(data))
        first, second = _dict_keys(args[0])

        def versus_constant(data: Any) -> bool:
            if first is not None and type(data) is dict:
                value = data.get(first)
                if second is not None:
                    value = value.get(second) if type(value) is dict else a(data)
            else:
                value = a(data)
            return fast(value, bound) if type(value) in kinds else test(value, bound)

        return versus_constant

    return build


def _negated(test: Test) -> Builder:
    def build(c: Compiler, args: list[Any]) -> Evaluator:
        a, b = c.arg(args, 0), c.arg(args, 1)
        return lambda data: not test(a(data), b(data))

    return build


def _in(c: Compiler, args: list[Any]) -> Evaluator:
    """Membership in a constant array of strings and numbers is a set lookup."""
    fixed = len(args) == 2 and isinstance(args[1], list) and is_literal(args[1])
    if not fixed or not all(type(x) in (str, int, float) for x in args[1]):
        return call(classic.contains, c.nodes(args))
    needle = c.node(args[0])
    haystack = list(args[1])
    members = frozenset(haystack)  # plain strings and numbers: hashing agrees with ===
    first, second = _dict_keys(args[0])

    def in_fixed(data: Any) -> bool:
        if first is not None and type(data) is dict:
            value = data.get(first)
            if second is not None:
                value = value.get(second) if type(value) is dict else needle(data)
        else:
            value = needle(data)
        kind = type(value)
        if kind is str or kind is int or kind is float:
            return value in members
        return classic.contains(value, haystack)

    return in_fixed


# --- iteration: the argument at index 1 runs once per item, with the item as its data ------


def _map(c: Compiler, args: list[Any]) -> Evaluator:
    items, each = c.arg(args, 0), c.arg(args, 1, None)

    def map_(data: Any) -> list[Any]:
        values = items(data)
        return [each(item) for item in values] if isinstance(values, list) else []

    return map_


def _filter(c: Compiler, args: list[Any]) -> Evaluator:
    items, keep = c.arg(args, 0), c.arg(args, 1, None)

    def filter_(data: Any) -> list[Any]:
        values = items(data)
        return [item for item in values if truthy(keep(item))] if isinstance(values, list) else []

    return filter_


def _reduce(c: Compiler, args: list[Any]) -> Evaluator:
    items, step, initial = c.arg(args, 0), c.arg(args, 1, None), c.arg(args, 2, None)

    def reduce_(data: Any) -> Any:
        values, accumulator = items(data), initial(data)
        if isinstance(values, list):
            for item in values:
                accumulator = step({"current": item, "accumulator": accumulator})
        return accumulator

    return reduce_


def _quantifier(empty: bool, stop_on: bool, stopped: bool) -> Builder:
    """An empty (or non-array) input gives `empty`; else the first item whose test's truth is
    `stop_on` gives `stopped`, and running out of items gives the opposite."""

    def build(c: Compiler, args: list[Any]) -> Evaluator:
        items, test = c.arg(args, 0), c.arg(args, 1, None)

        def quantifier(data: Any) -> bool:
            values = items(data)
            if not isinstance(values, list) or not values:
                return empty
            for item in values:
                if truthy(test(item)) is stop_on:
                    return stopped
            return not stopped

        return quantifier

    return build


BUILDERS: dict[str, Builder] = {
    "var": _var,
    "missing": _missing,
    "missing_some": _missing_some,
    "if": _if,
    "?:": _if,
    "and": _and,
    "or": _or,
    "!": _not,
    "!!": _truthy,
    "==": _comparison(js.loose_equal, operator.eq, strings=True),
    "===": _comparison(js.strict_equal, operator.eq, strings=True),
    "!=": _negated(js.loose_equal),
    "!==": _negated(js.strict_equal),
    "<": _comparison(js.less, operator.lt, strings=False),
    "<=": _comparison(js.less_equal, operator.le, strings=False),
    ">": _comparison(js.greater, operator.gt, strings=False),
    ">=": _comparison(js.greater_equal, operator.ge, strings=False),
    "in": _in,
    "map": _map,
    "filter": _filter,
    "reduce": _reduce,
    "all": _quantifier(empty=False, stop_on=False, stopped=False),
    "some": _quantifier(empty=False, stop_on=True, stopped=True),
    "none": _quantifier(empty=True, stop_on=True, stopped=False),
}

BUILTIN_OPERATORS = frozenset(BUILDERS) | frozenset(classic.EAGER)
