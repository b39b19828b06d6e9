"""Compile a JsonLogic rule once into nested Python closures.

Each rule node becomes an `Evaluator`, a function of the data. Nothing is generated as source
text, so no rule content is ever passed to eval/exec. Operators with a `Builder` (see
`builders`) make their own closures; the others are called on their evaluated arguments.
"""

import copy
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from backend.rules import classic
from backend.rules.access import Evaluator
from backend.rules.js import UNDEFINED

Operator = Callable[..., Any]
Builder = Callable[["Compiler", list[Any]], Evaluator]
# The (fewest, most or None) arguments an operator takes.
Arity = tuple[int, int | None]

SCALARS = (str, int, float, bool, type(None))


class InvalidRule(Exception):
    """A rule the compiler cannot turn into code; `validation.scan` says why."""


def is_json(value: Any) -> bool:
    if isinstance(value, SCALARS):
        return True
    if isinstance(value, list):
        return all(is_json(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and is_json(v) for k, v in value.items())
    return False


def operation(node: Any) -> tuple[str, list[Any]] | None:
    """(operator, arguments) when a node is an operation: an object with exactly one key."""
    if not isinstance(node, dict) or len(node) != 1:
        return None
    op, args = next(iter(node.items()))
    if not isinstance(op, str):
        raise InvalidRule
    return op, args if isinstance(args, list) else [args]


def is_literal(node: Any) -> bool:
    """A node holding no operation anywhere inside."""
    if isinstance(node, list):
        return all(is_literal(item) for item in node)
    return not (isinstance(node, dict) and len(node) == 1)


def fits(arity: Arity, count: int) -> bool:
    fewest, most = arity
    return fewest <= count and (most is None or count <= most)


class Compiler:
    """Turns rule nodes into evaluators: `builders` for operators that make their own closures,
    `classic.EAGER`, then `operators`, the engine's own, with their arity."""

    def __init__(
        self, builders: Mapping[str, Builder], operators: Mapping[str, tuple[Operator, Arity]]
    ) -> None:
        self.builders = builders
        self.operators = operators

    def node(self, rule: Any) -> Evaluator:
        found = operation(rule)
        if found is not None:
            op, args = found
            build = self.builders.get(op)
            if build is not None:
                return build(self, args)
            function = classic.EAGER.get(op)
            if function is None:
                function, arity = self.operators.get(op) or (None, (0, None))
                if function is None or not fits(arity, len(args)):
                    raise InvalidRule  # a custom operator would raise TypeError on the call
            return call(function, self.nodes(args))
        if isinstance(rule, list):
            if all(type(item) in SCALARS for item in rule):
                snapshot = list(rule)
                return lambda data: snapshot.copy()
            parts = self.nodes(rule)
            return lambda data: [part(data) for part in parts]
        if not is_json(rule):
            raise InvalidRule
        return constant(copy.deepcopy(rule) if isinstance(rule, dict) else rule)

    def nodes(self, rules: Iterable[Any]) -> list[Evaluator]:
        return [self.node(rule) for rule in rules]

    def arg(self, args: list[Any], index: int, missing: Any = UNDEFINED) -> Evaluator:
        return self.node(args[index]) if index < len(args) else constant(missing)


def constant(value: Any) -> Evaluator:
    return lambda data: value


def call(function: Operator, parts: list[Evaluator]) -> Evaluator:
    if not parts:
        return lambda data: function()
    if len(parts) == 1:
        (a,) = parts
        return lambda data: function(a(data))
    if len(parts) == 2:
        a, b = parts
        return lambda data: function(a(data), b(data))
    return lambda data: function(*[part(data) for part in parts])
