"""`zerorun catalog lint` refuses form patterns that RE2 cannot run or that backtrack
catastrophically in the browser, each as `file:json-pointer: error: message`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import orjson

from backend.settings import ROOT

BIRTH = Path("matters/330000/330000-ZJ-004.json")
PROPERTY = Path("matters/330000/330000-ZJ-002.json")


def set_pattern(path: Path, field: str, pattern: str) -> None:
    doc = orjson.loads(path.read_bytes())
    doc["form"]["schema"]["properties"][field]["pattern"] = pattern
    path.write_bytes(orjson.dumps(doc, option=orjson.OPT_INDENT_2))


def lint(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backend", "catalog", "lint", str(root)],
        capture_output=True,
        text=True,
        env={**os.environ, "ZERORUN_ENV": "development"},
        timeout=120,
    )


def test_lint_reports_nested_quantifiers_and_what_re2_cannot_run(tmp_path: Path) -> None:
    root = tmp_path / "form_schemas"
    shutil.copytree(ROOT / "form_schemas", root)
    set_pattern(root / BIRTH, "birth_medical_certificate_no", "^(a+)+$")
    set_pattern(root / PROPERTY, "property_unit_no", r"^(?<!x)[0-9]{28}$")

    result = lint(root)

    lines = result.stdout.splitlines()
    nested = f"{root / BIRTH}:/form/schema/properties/birth_medical_certificate_no/pattern: error: "
    lookbehind = f"{root / PROPERTY}:/form/schema/properties/property_unit_no/pattern: error: "
    [nested_line] = [line for line in lines if line.startswith(nested)]
    [lookbehind_line] = [line for line in lines if line.startswith(lookbehind)]
    assert result.returncode != 0
    assert "nested quantifiers" in nested_line and "browser's JavaScript engine" in nested_line
    assert "lookahead or lookbehind" in lookbehind_line and "RE2" in lookbehind_line
