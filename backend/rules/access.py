"""Reading the data: `var` paths, the only way a rule sees its input.

A path walks dicts by key and lists/strings by integer index, through the base types' own
methods (`dict.get(data, key)`), so a dict subclass cannot intercept the lookup, and nothing
else is reachable: no attribute, no method, no `__class__`. `{"var": "__class__"}` is null.
"""

from collections.abc import Callable
from typing import Any, Final

from backend.rules import js
from backend.rules.js import UNDEFINED

# A compiled rule node: a function of the data.
Evaluator = Callable[[Any], Any]

ABSENT: Final = object()

Segments = tuple[tuple[str, int | None], ...]


def segments(path: Any) -> Segments:
    """A var path split as JS does (String(path).split(".")); () means the data itself."""
    if path is None or path is UNDEFINED or (isinstance(path, str) and not path):
        return ()
    return tuple((key, _index(key)) for key in js.to_string(path).split("."))


def _index(key: str) -> int | None:
    """The array index a property name denotes, if it is one ("0", "12"; not "01", "-1")."""
    if key.isascii() and key.isdigit() and len(key) <= 10 and (key == "0" or key[0] != "0"):
        return int(key)
    return None


def lookup(data: Any, path: Segments, default: Any) -> Any:
    """Follow a path through dicts (by key) and lists/strings (by index); nothing else."""
    for key, index in path:
        if data is None:
            return default
        if isinstance(data, dict):
            data = dict.get(data, key, ABSENT)
        elif index is not None and isinstance(data, list):
            data = list.__getitem__(data, index) if index < list.__len__(data) else ABSENT
        elif index is not None and isinstance(data, str):
            data = str.__getitem__(data, index) if index < str.__len__(data) else ABSENT
        else:
            return default
        if data is ABSENT:
            return default
    return data


def blank(value: Any) -> bool:
    """What `missing` counts as missing: null (absent included) or the empty string."""
    return value is None or value == ""


def fixed_var(path: Segments, default: Evaluator | None = None) -> Evaluator:
    """A `var` whose path is known when the rule is compiled."""
    if not path:
        return lambda data: data
    if default is not None:

        def var_or_default(data: Any) -> Any:
            found = lookup(data, path, ABSENT)
            return default(data) if found is ABSENT else found

        return var_or_default
    if len(path) == 1:
        ((key, _),) = path

        def var1(data: Any) -> Any:
            return data.get(key) if type(data) is dict else lookup(data, path, None)

        return var1
    if len(path) == 2:
        (first, _), (second, _) = path

        def var2(data: Any) -> Any:
            if type(data) is dict:
                inner = data.get(first)
                if type(inner) is dict:
                    return inner.get(second)
            return lookup(data, path, None)

        return var2
    return lambda data: lookup(data, path, None)
