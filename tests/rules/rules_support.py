"""Shared by the rules tests: JavaScript deep equality and the conformance data's location."""

import os
from pathlib import Path
from typing import Any

import pytest

# The shared/ folder sits beside the repository (<clone>/../shared); README: "Conformance data".
CONFORMANCE = Path(__file__).resolve().parents[2] / ".." / "shared" / "conformance" / "jsonlogic"
SOURCES = {
    "jsonlogic.com": "tests.json of github.com/jwadhams/json-logic, branch gh-pages",
    "compat-tables": "the folder suites/ of github.com/json-logic/compat-tables",
}

# jsonlogic.com's operators (json-logic-js also has "method", which calls methods of the data).
CLASSIC_OPERATORS = frozenset({
    "var", "missing", "missing_some", "if", "?:", "==", "===", "!=", "!==", "!", "!!", "and",
    "or", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "min", "max", "in", "cat", "substr",
    "merge", "map", "filter", "reduce", "all", "none", "some", "log",
})  # fmt: skip

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
    """A file of the conformance data; without it the test is skipped, or fails under CI=true."""
    path = CONFORMANCE.joinpath(*parts)
    if not path.exists():
        missing = (
            f"JsonLogic conformance data not found: {path.resolve()} ({SOURCES[parts[0]]}). "
            "Put the suites in shared/conformance/jsonlogic/ beside the clone, as the README's "
            "'Conformance data' says"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"{missing}; CI=true requires them.", pytrace=False)
        pytest.skip(f"{missing}; skipped (CI=true fails instead).")
    return path
