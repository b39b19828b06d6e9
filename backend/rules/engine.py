import copy
import inspect
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any

import orjson

from backend.rules import classic
from backend.rules.access import Evaluator
from backend.rules.builders import BUILDERS, BUILTIN_OPERATORS
from backend.rules.compiler import Arity, Compiler, InvalidRule, Operator
from backend.rules.errors import RuleError, RuleIssue
from backend.rules.validation import scan

APPLY_CACHE_SIZE = 256
_TOO_DEEP = RuleIssue("", "the rule is nested too deeply")


class Engine:
    """A JsonLogic engine: the classic operators plus this engine's own `operators`.

    Each engine has its own operator registry; nothing is shared or global. A custom operator
    is called with its evaluated arguments; its signature gives the argument counts it takes.
    """

    def __init__(self, operators: Mapping[str, Operator] | None = None) -> None:
        custom = dict(operators or {})
        clash = sorted(BUILTIN_OPERATORS.intersection(custom))
        if clash:
            raise ValueError(f"cannot replace built-in operators: {', '.join(clash)}")
        self._operators = {name: (op, _arity(op)) for name, op in custom.items()}
        own = {name: arity for name, (_, arity) in self._operators.items()}
        self._lint: dict[str, Arity | None] = {**classic.ARITY, **own}
        self._strict: dict[str, Arity | None] = {**dict.fromkeys(BUILTIN_OPERATORS), **own}
        # apply's compiled rules by JSON text, each with a copy of its rule: orjson writes NaN as
        # null and tuples as arrays, so a hit counts only when the rules are also equal.
        self._cache: OrderedDict[bytes, tuple[Any, Evaluator]] = OrderedDict()
        self._lock = threading.Lock()

    def compile(self, rule: Any) -> Callable[[Any], Any]:
        """The rule as a function of the data; RuleError when it cannot run (unknown operator,
        a custom operator given the wrong argument count, a value that is not JSON)."""
        try:
            return Compiler(BUILDERS, self._operators).node(rule)
        except RecursionError:
            raise RuleError([_TOO_DEEP]) from None
        except InvalidRule:
            issues = scan(rule, self._strict).issues
            raise RuleError(issues or [RuleIssue("", "invalid rule")]) from None

    def apply(self, rule: Any, data: Any = None) -> Any:
        """Compile (cached; past APPLY_CACHE_SIZE rules the least recently used goes) and run."""
        try:
            key = orjson.dumps(rule)
        except TypeError:  # not JSON (orjson.JSONEncodeError is a TypeError): compile says why
            return self.compile(rule)(data)
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
        if cached is not None and cached[0] == rule:
            return cached[1](data)
        evaluator = self.compile(rule)
        with self._lock:
            self._cache[key] = (copy.deepcopy(rule), evaluator)
            if len(self._cache) > APPLY_CACHE_SIZE:
                self._cache.popitem(last=False)
        return evaluator(data)

    def validate(
        self, rule: Any, known_var: Callable[[str], bool] | None = None
    ) -> list[RuleIssue]:
        """Every problem, for staff saving a rule: unknown operators, argument counts other
        than jsonlogic.com documents, values that are not JSON, and fixed `var`/`missing`
        paths that `known_var` does not know (paths inside map/filter/... read array items and
        are not checked)."""
        try:
            return scan(rule, self._lint, known_var).issues
        except RecursionError:
            return [_TOO_DEEP]

    def var_paths(self, rule: Any) -> set[str]:
        """The fixed paths the rule reads from its data (`var`, `missing`, `missing_some`)."""
        try:
            return {path for _, path in scan(rule, self._lint).variables}
        except RecursionError:
            return set()


def _arity(op: Operator) -> Arity:
    try:
        parameters = inspect.signature(op).parameters.values()
    except (TypeError, ValueError):  # some builtins have no signature
        return (0, None)
    fewest = most = 0
    for parameter in parameters:
        if parameter.kind is parameter.VAR_POSITIONAL:
            return (fewest, None)
        if parameter.kind in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD):
            most += 1
            fewest += parameter.default is parameter.empty
    return (fewest, most)
