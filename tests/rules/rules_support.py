"""Shared by the rules tests: JavaScript deep equality and the conformance data's location."""

from pathlib import Path
from typing import Any

import pytest

# The shared/ folder sits beside the repository (here /work/shared, in CI <clone>/../shared).
CONFORMANCE = Path(__file__).resolve().parents[2] / ".." / "shared" / "conformance" / "jsonlogic"

# jsonlogic.com's operators (json-logic-js also has "method", which calls methods of the data).
CLASSIC_OPERATORS = frozenset({
    "var", "missing", "missing_some", "if", "?:", "==", "===", "!=", "!==", "!", "!!", "and",
    "or", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "min", "max", "in", "cat", "substr",
    "merge", "map", "filter", "reduce", "all", "none", "some", "log",
})  # fmt: skip

# Lines for the terminal summary (see conftest.py), set by the conformance tests.
SUMMARY = pytest.StashKey[list[str]]()


def js_equal(a: Any, b: Any) -> bool:
    """deepEqual as the JsonLogic test runners use it: 1 equals 1.0, true is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(map(js_equal, a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(js_equal(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def conformance_file(*parts: str) -> Path:
    path = CONFORMANCE.joinpath(*parts)
    if not path.exists():
        pytest.fail(
            f"JsonLogic conformance data not found at {path.resolve()}: the shared/ folder must "
            "be checked out beside the repository (<clone>/../shared).",
            pytrace=False,
        )
    return path
