"""Every problem in a rule, each at its JSON pointer inside the rule, and the data it reads."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from backend.rules import classic, js
from backend.rules.compiler import Arity, InvalidRule, fits, is_json, is_literal, operation
from backend.rules.errors import RuleIssue


@dataclass
class Scan:
    issues: list[RuleIssue] = field(default_factory=list)
    # (JSON pointer, var path) of each fixed path read from the rule's own data, not from an
    # array item inside map/filter/reduce/all/none/some.
    variables: list[tuple[str, str]] = field(default_factory=list)


def scan(
    rule: Any,
    arities: Mapping[str, Arity | None],
    known_var: Callable[[str], bool] | None = None,
) -> Scan:
    """Walk a rule once. `arities` names every known operator, with None where its argument
    count is not to be checked."""
    scanner = _Scanner(arities, known_var)
    scanner.walk(rule, "", top=True)
    return scanner.found


class _Scanner:
    def __init__(
        self, arities: Mapping[str, Arity | None], known_var: Callable[[str], bool] | None
    ) -> None:
        self.arities = arities
        self.known_var = known_var
        self.found = Scan()

    def issue(self, pointer: str, message: str) -> None:
        self.found.issues.append(RuleIssue(pointer, message))

    def walk(self, node: Any, pointer: str, top: bool) -> None:
        if isinstance(node, list):
            for i, item in enumerate(node):
                self.walk(item, f"{pointer}/{i}", top)
            return
        try:
            found = operation(node)
        except InvalidRule:
            self.issue(pointer, "object keys must be strings")
            return
        if found is None:
            if not is_json(node):
                self.issue(pointer, "not a JSON value")
            return
        op, args = found
        here = f"{pointer}/{op.replace('~', '~0').replace('/', '~1')}"
        listed = isinstance(node[op], list)
        pointers = [f"{here}/{i}" for i in range(len(args))] if listed else [here]
        self.check(op, len(args), pointer)
        if top:
            self.variables(op, args, pointer, pointers)
        for i, (arg, at) in enumerate(zip(args, pointers, strict=True)):
            self.walk(arg, at, top and not (i == 1 and op in classic.SCOPED))

    def check(self, op: str, count: int, pointer: str) -> None:
        if op not in self.arities:
            self.issue(pointer, f"unknown operator {op!r}")
            return
        arity = self.arities[op]
        if arity is not None and not fits(arity, count):
            self.issue(pointer, f"{op!r} takes {_count(*arity)}, got {count}")

    def variables(self, op: str, args: list[Any], pointer: str, pointers: list[str]) -> None:
        keys: list[tuple[Any, str]] = []
        if op == "var" and args:
            keys = [(args[0], pointer)]
        elif op == "missing" and all(is_literal(arg) for arg in args):
            if args and isinstance(args[0], list):
                keys = [(key, f"{pointers[0]}/{j}") for j, key in enumerate(args[0])]
            else:
                keys = list(zip(args, pointers, strict=True))
        elif op == "missing_some" and len(args) > 1 and isinstance(args[1], list):
            keys = [(key, f"{pointers[1]}/{j}") for j, key in enumerate(args[1])]
        for key, at in keys:
            if type(key) in (str, int, float) and (path := js.to_string(key)):
                self.found.variables.append((at, path))
                if self.known_var is not None and not self.known_var(path):
                    self.issue(at, f"unknown variable {path!r}")


def _count(fewest: int, most: int | None) -> str:
    if most is None:
        return f"at least {fewest} argument{'s' * (fewest != 1)}"
    if fewest == most:
        return f"{fewest} argument{'s' * (fewest != 1)}"
    return f"{fewest} to {most} arguments"
