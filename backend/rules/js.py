"""JavaScript value semantics, as JsonLogic's reference engine (json-logic-js) inherits them.

Values are the JSON types in Python form: None, bool, int/float (a JS number), str, list
(an array), dict (an object). Anything else that reaches an operator is treated as an opaque
JS object: truthy, NaN as a number, "[object Object]" as a string. No function here reads an
attribute or calls a method of a value beyond the base type's own (`str.__len__`, ...).

`UNDEFINED` stands for a missing positional argument (`{"==": [null]}` compares null with
undefined); it never comes out of an evaluated rule.
"""

import math
import re
from decimal import Decimal
from typing import Any, Final

NAN: Final = math.nan
INF: Final = math.inf
MAX_SAFE: Final = 2**53 - 1


class _Undefined:
    def __repr__(self) -> str:
        return "undefined"


UNDEFINED: Final = _Undefined()

# ECMAScript WhiteSpace and LineTerminator: what Number(" 1 ") trims.
_SPACE = "\t\n\v\f\r \xa0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff" + "".join(
    map(chr, range(0x2000, 0x200B))
)
_INTEGER = re.compile(r"[+-]?[0-9]{1,15}")
_DECIMAL = re.compile(r"[+-]?(?:Infinity|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)")
_RADIX = re.compile(r"0(?:[xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)")

# Kinds of value, in the sense of JavaScript's typeof (null apart).
_UNDEF, _NULL, _BOOLEAN, _NUMBER, _STRING, _OBJECT = range(6)


def _kind(value: Any) -> int:
    if value is None:
        return _NULL
    if value is True or value is False:
        return _BOOLEAN
    if isinstance(value, int | float):
        return _NUMBER
    if isinstance(value, str):
        return _STRING
    if value is UNDEFINED:
        return _UNDEF
    return _OBJECT


def _plain_number(value: Any) -> int | float:
    """An int/float (or subclass) as a plain number; ints beyond 2**53 become floats, as in JS."""
    if isinstance(value, float):
        return float.__float__(value)
    number = int.__int__(value)
    if -MAX_SAFE <= number <= MAX_SAFE:
        return number
    try:
        return float(number)
    except OverflowError:
        return math.copysign(INF, number)


def truthy(value: Any) -> bool:
    """JsonLogic truthiness: JavaScript's, except that an empty array is falsy."""
    kind = type(value)
    if kind is bool:
        return bool(value)
    if kind is str or kind is list:
        return len(value) > 0
    if kind is int:
        return bool(value != 0)
    if kind is dict:
        return True
    if value is None:
        return False
    return _truthy(_kind(value), value)


def _truthy(kind: int, value: Any) -> bool:
    if kind == _NUMBER:
        number = _plain_number(value)
        return number == number and number != 0
    if kind == _STRING:
        return str.__len__(value) > 0
    if isinstance(value, list):
        return list.__len__(value) > 0
    return kind == _OBJECT


def to_number(value: Any) -> int | float:
    """JavaScript's Number(value)."""
    kind = _kind(value)
    if kind == _NUMBER:
        return _plain_number(value)
    if kind == _STRING:
        return _string_to_number(str.__str__(value))
    if kind == _BOOLEAN:
        return 1 if value else 0
    if kind == _NULL:
        return 0
    if isinstance(value, list):
        return _string_to_number(to_string(value))
    return NAN


def _string_to_number(text: str) -> int | float:
    text = text.strip(_SPACE)
    if not text:
        return 0
    if _INTEGER.fullmatch(text):
        number = int(text)
        return -0.0 if number == 0 and text[0] == "-" else number
    if _DECIMAL.fullmatch(text):
        return float(text)
    if _RADIX.fullmatch(text):
        return _plain_number(int(text, 0))
    return NAN


def to_string(value: Any) -> str:
    """JavaScript's String(value)."""
    kind = _kind(value)
    if kind == _STRING:
        return str.__str__(value)
    if kind == _NUMBER:
        return number_to_string(value)
    if kind == _BOOLEAN:
        return "true" if value else "false"
    if kind == _NULL:
        return "null"
    if kind == _UNDEF:
        return "undefined"
    if isinstance(value, list):
        return join(list.__iter__(value), ",")
    return "[object Object]"


def join(values: Any, separator: str) -> str:
    """Array.prototype.join: null and undefined become empty strings."""
    return separator.join("" if v is None or v is UNDEFINED else to_string(v) for v in values)


def number_to_string(value: int | float) -> str:
    """Number.prototype.toString(): 1.0 -> "1", 1e21 -> "1e+21", 1e-7 -> "1e-7"."""
    number = _plain_number(value)
    if isinstance(number, int):
        return str(number)
    if number != number:
        return "NaN"
    if number in (INF, -INF):
        return "Infinity" if number > 0 else "-Infinity"
    if number == 0:
        return "0"
    sign = "-" if number < 0 else ""
    _, digit_tuple, exponent = Decimal(repr(abs(number))).normalize().as_tuple()
    assert isinstance(exponent, int)  # finite
    digits = "".join(map(str, digit_tuple))
    k, n = len(digits), exponent + len(digits)  # number = 0.digits * 10**n
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * -n + digits
    e = f"e{'+' if n >= 1 else '-'}{abs(n - 1)}"
    return sign + (digits if k == 1 else digits[0] + "." + digits[1:]) + e


def to_integer(value: Any) -> int | float:
    """ToIntegerOrInfinity: NaN -> 0, truncated towards zero, infinities kept."""
    number = to_number(value)
    if number != number:
        return 0
    if number in (INF, -INF):
        return number
    return math.trunc(number)


def _primitive(value: Any) -> Any:
    """ToPrimitive: arrays and objects become their string form; scalars stay."""
    return to_string(value) if _kind(value) == _OBJECT else value


def loose_equal(a: Any, b: Any) -> bool:
    """JavaScript's a == b."""
    ta = type(a)
    if ta is type(b) and (ta is str or ta is int or ta is float or ta is bool):
        return bool(a == b)
    ka, kb = _kind(a), _kind(b)
    if ka <= _NULL and kb <= _NULL:
        return True
    if ka == kb:
        return a is b if ka == _OBJECT else bool(_scalar(a) == _scalar(b))
    if ka <= _NULL or kb <= _NULL:
        return False
    if ka == _BOOLEAN:
        return loose_equal(to_number(a), b)
    if kb == _BOOLEAN:
        return loose_equal(a, to_number(b))
    if ka == _OBJECT or kb == _OBJECT:
        return loose_equal(_primitive(a), _primitive(b))
    return to_number(a) == to_number(b)  # a number and a string


def strict_equal(a: Any, b: Any) -> bool:
    """JavaScript's a === b."""
    ta = type(a)
    if ta is type(b) and (ta is str or ta is int or ta is float or ta is bool):
        return bool(a == b)
    ka = _kind(a)
    if ka != _kind(b):
        return False
    if ka == _OBJECT:
        return a is b
    return ka <= _NULL or bool(_scalar(a) == _scalar(b))


def _scalar(value: Any) -> Any:
    """A str/number/bool (or subclass) as its plain base value."""
    kind = _kind(value)
    if kind == _NUMBER:
        return _plain_number(value)
    return str.__str__(value) if kind == _STRING else value


def _ordered(a: Any, b: Any) -> tuple[Any, Any]:
    """The two operands of a relational comparison after JS's conversions."""
    a, b = _primitive(a), _primitive(b)
    if _kind(a) == _STRING and _kind(b) == _STRING:
        a, b = str.__str__(a), str.__str__(b)
        if _astral(a) or _astral(b):  # JS compares UTF-16 code units
            return a.encode("utf-16-be", "surrogatepass"), b.encode("utf-16-be", "surrogatepass")
        return a, b
    return to_number(a), to_number(b)  # NaN compares false either way, as in JS


def less(a: Any, b: Any) -> bool:
    if (type(a) is int or type(a) is float) and (type(b) is int or type(b) is float):
        return bool(a < b)
    x, y = _ordered(a, b)
    return bool(x < y)


def less_equal(a: Any, b: Any) -> bool:
    if (type(a) is int or type(a) is float) and (type(b) is int or type(b) is float):
        return bool(a <= b)
    x, y = _ordered(a, b)
    return bool(x <= y)


def greater(a: Any, b: Any) -> bool:
    return less(b, a)


def greater_equal(a: Any, b: Any) -> bool:
    return less_equal(b, a)


def _astral(text: str) -> bool:
    return not text.isascii() and max(text) > "\uffff"


def length(text: str) -> int:
    """A string's .length: UTF-16 code units."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2 if _astral(text) else len(text)


def substr(source: Any, start: Any, count: Any = UNDEFINED) -> str:
    """String.prototype.substr(start, length), counting UTF-16 code units as JS does."""
    text = to_string(source)
    if not _astral(text):
        first, end = _span(len(text), start, count)
        return text[first:end]
    units = text.encode("utf-16-le", "surrogatepass")
    first, end = _span(len(units) // 2, start, count)
    return units[2 * first : 2 * end].decode("utf-16-le", "surrogatepass")


def _span(size: int, start: Any, count: Any) -> tuple[int, int]:
    first = to_integer(start)
    if first < 0:
        first = max(size + first, 0)
    first = int(min(first, size))
    taken = size - first if count is UNDEFINED else min(max(to_integer(count), 0), size - first)
    return first, first + int(taken)


def add(a: Any, b: Any) -> Any:
    """JavaScript's binary a + b: string concatenation unless both sides are non-strings."""
    a, b = _primitive(a), _primitive(b)
    if _kind(a) == _STRING or _kind(b) == _STRING:
        return to_string(a) + to_string(b)
    return to_number(a) + to_number(b)
