"""Lint that guards citizens: a promised time limit longer than the statutory one, and a material
that names no document, are errors, each as `file:json-pointer: error: message`."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest
from test_lint_patterns import lint

from backend.catalog.lint_citizens import GENERIC, PRECISE_CHARACTERS
from backend.settings import ROOT

HOUSE = Path("matters/330000/330000-ZJ-002.json")  # statutory 30 working days, promised 5


def test_a_longer_promise_and_vague_materials_are_errors_at_their_place(tmp_path: Path) -> None:
    root = tmp_path / "form_schemas"
    shutil.copytree(ROOT / "form_schemas", root)
    path = root / HOUSE
    doc = orjson.loads(path.read_bytes())
    doc["time_limits"]["promised_days"] = 45
    doc["time_limits"]["overrides"] = [
        {"when": True, "promised_days": 31, "note": {"zh": "加急", "en": "Urgent"}}
    ]
    doc["materials"][1]["name"]["zh"] = "相关证明材料"
    doc["materials"][2]["name"]["zh"] = "其他证明文件"
    doc["materials"][3]["description"]["zh"] = "请到有关部门开具。"
    path.write_bytes(orjson.dumps(doc, option=orjson.OPT_INDENT_2))

    result = lint(root)

    errors = {
        line.split(": error: ")[0].removeprefix(f"{path}:"): line.split(": error: ")[1]
        for line in result.stdout.splitlines()
        if line.startswith(f"{path}:") and ": error: " in line
    }
    assert result.returncode != 0
    assert set(errors) == {
        "/time_limits/promised_days",
        "/time_limits/overrides/0/promised_days",
        "/materials/1/name/zh",
        "/materials/2/name/zh",
        "/materials/3/description/zh",
    }
    assert "(45 working days) is longer than the statutory one (30)" in errors[
        "/time_limits/promised_days"
    ]
    assert "相关证明" in errors["/materials/1/name/zh"]
    assert "有关部门" in errors["/materials/3/description/zh"]


@pytest.mark.parametrize(
    ("name", "precise"),
    [
        ("身份证", True),
        ("户口簿", True),
        ("卖方的结婚证", True),
        ("契税完税凭证（或减免税凭证）", True),
        ("证明材料", False),
        ("材料", False),
        ("其他文件及复印件", False),
        ("证明、材料", False),
    ],
)
def test_a_material_name_must_say_which_document(name: str, precise: bool) -> None:
    assert (len(GENERIC.sub("", name)) >= PRECISE_CHARACTERS) is precise


def test_a_fields_visibility_rule_is_checked_like_every_rule(tmp_path: Path) -> None:
    root = tmp_path / "form_schemas"
    shutil.copytree(ROOT / "form_schemas", root)
    path = root / "matters/330000/330000-ZJ-009.json"
    doc = orjson.loads(path.read_bytes())
    doc["form"]["ui"]["guardian_name"]["ui:visibleWhen"] = {"younger_than": [16]}
    path.write_bytes(orjson.dumps(doc, option=orjson.OPT_INDENT_2))

    result = lint(root)

    where = f"{path}:/form/ui/guardian_name/ui:visibleWhen"
    assert result.returncode != 0
    assert [line for line in result.stdout.splitlines() if line.startswith(where)], result.stdout
