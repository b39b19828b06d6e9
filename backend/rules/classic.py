"""The classic operators that simply take their evaluated arguments (see the package
docstring for where they follow the community suite rather than json-logic-js)."""

import logging
import math
from collections.abc import Callable
from typing import Any

from backend.rules import js
from backend.rules.js import NAN, UNDEFINED, to_number

logger = logging.getLogger(__name__)


def _safe(number: int | float) -> int | float:
    """Keep integers within JavaScript's exact range; beyond it JS would round."""
    return js.to_number(number) if type(number) is int else number


def plus(*args: Any) -> int | float:
    total: int | float = 0
    for arg in args:
        total += to_number(arg)
    return _safe(total)


def times(*args: Any) -> int | float:
    product: int | float = 1
    for arg in args:
        product = _safe(product * to_number(arg))
    return product


def minus(*args: Any) -> int | float:
    if not args:
        return NAN
    if len(args) == 1:
        return -to_number(args[0])
    result = to_number(args[0])
    for arg in args[1:]:
        result = _safe(result - to_number(arg))
    return result


def divide(*args: Any) -> float:
    if not args:
        return NAN
    numbers = [to_number(arg) for arg in args]
    if len(numbers) == 1:
        numbers.insert(0, 1)
    result = float(numbers[0])
    for divisor in numbers[1:]:
        result = _divide(result, divisor)
    return result


def _divide(a: float, b: int | float) -> float:
    if b == 0:
        if a == 0 or a != a:
            return NAN
        return math.copysign(js.INF, a) * math.copysign(1.0, b)
    return a / b


def modulo(*args: Any) -> int | float:
    if len(args) < 2:
        return NAN
    result = to_number(args[0])
    for arg in args[1:]:
        result = _remainder(result, to_number(arg))
    return result


def _remainder(a: int | float, b: int | float) -> int | float:
    """JavaScript's %: the sign follows the dividend."""
    if type(a) is int and type(b) is int and b != 0:
        remainder = abs(a) % abs(b)
        return -remainder if a < 0 else remainder
    if b == 0 or a != a or b != b or a in (js.INF, -js.INF):
        return NAN
    if b in (js.INF, -js.INF):
        return a
    return math.fmod(a, b)


def minimum(*args: Any) -> int | float:
    numbers = [to_number(arg) for arg in args]
    if any(n != n for n in numbers):
        return NAN
    return min(numbers, default=js.INF)


def maximum(*args: Any) -> int | float:
    numbers = [to_number(arg) for arg in args]
    if any(n != n for n in numbers):
        return NAN
    return max(numbers, default=-js.INF)


def cat(*args: Any) -> str:
    return js.join(args, "")


def substr(source: Any = UNDEFINED, start: Any = UNDEFINED, end: Any = UNDEFINED, *_: Any) -> str:
    """json-logic-js: a negative end counts back from the end of the string."""
    if end is not UNDEFINED and js.less(end, 0):
        rest = js.substr(source, start)
        return js.substr(rest, 0, js.add(js.length(rest), end))
    return js.substr(source, start, end)


def merge(*args: Any) -> list[Any]:
    merged: list[Any] = []
    for arg in args:
        if isinstance(arg, list):
            merged.extend(list.__iter__(arg))
        else:
            merged.append(arg)
    return merged


def contains(needle: Any = UNDEFINED, haystack: Any = UNDEFINED, *_: Any) -> bool:
    """`in`: substring of a string, or an element (===) of an array."""
    if isinstance(haystack, str):
        return str.__len__(haystack) > 0 and js.to_string(needle) in str.__str__(haystack)
    if isinstance(haystack, list):
        return any(js.strict_equal(needle, item) for item in list.__iter__(haystack))
    return False


def log(value: Any = None, *_: Any) -> Any:
    logger.info("jsonlogic log: %r", value)
    return value


# Operators compiled as a plain call on their evaluated arguments.
EAGER: dict[str, Callable[..., Any]] = {
    "+": plus,
    "*": times,
    "-": minus,
    "/": divide,
    "%": modulo,
    "min": minimum,
    "max": maximum,
    "cat": cat,
    "substr": substr,
    "merge": merge,
    "log": log,
}

# The argument counts a rule should use (min, max or None), as jsonlogic.com documents the
# operators. The engine evaluates other counts the way JavaScript would; `validate` flags them.
ARITY: dict[str, tuple[int, int | None]] = {
    "var": (0, 2),
    "missing": (0, None),
    "missing_some": (2, 2),
    "if": (1, None),
    "?:": (3, 3),
    "==": (2, 2),
    "===": (2, 2),
    "!=": (2, 2),
    "!==": (2, 2),
    "<": (2, 3),
    "<=": (2, 3),
    ">": (2, 2),
    ">=": (2, 2),
    "!": (1, 1),
    "!!": (1, 1),
    "and": (1, None),
    "or": (1, None),
    "+": (1, None),
    "*": (1, None),
    "-": (1, 2),
    "/": (2, 2),
    "%": (2, 2),
    "min": (1, None),
    "max": (1, None),
    "in": (2, 2),
    "cat": (0, None),
    "substr": (2, 3),
    "merge": (0, None),
    "map": (2, 2),
    "filter": (2, 2),
    "all": (2, 2),
    "none": (2, 2),
    "some": (2, 2),
    "reduce": (2, 3),
    "log": (1, 1),
}

# Operators whose argument at index 1 is evaluated once per array item, with the item
# (for reduce: {"current", "accumulator"}) as its data.
SCOPED = frozenset({"map", "filter", "all", "none", "some", "reduce"})
