"""`zerorun catalog lint` and `catalog load` as a county administrator runs them."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import orjson
import pytest
from private_redis import PrivateRedis
from support import zerorun as cli

from backend.settings import ROOT

CATALOG = ROOT / "form_schemas"


def zerorun(
    *args: str, database_url: str | None = None, redis_url: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ZERORUN_ENV": "development"}
    if database_url:
        env["DATABASE_URL"] = database_url
    if redis_url:
        env["REDIS_URL"] = redis_url
    return cli(*args, env=env)


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "form_schemas"
    shutil.copytree(CATALOG, copy)
    return copy


def first_template(root: Path) -> Path:
    return sorted((root / "matters" / "330000").glob("*.json"))[0]


def edit(path: Path, change: dict[str, object]) -> None:
    doc = orjson.loads(path.read_bytes())
    doc.update(change)
    path.write_bytes(orjson.dumps(doc, option=orjson.OPT_INDENT_2))


def test_the_demo_catalog_lints_clean() -> None:
    result = zerorun("catalog", "lint", str(CATALOG))
    assert result.returncode == 0, result.stdout + result.stderr
    assert ": error:" not in result.stdout


def test_lint_reports_every_problem_as_file_pointer_message(catalog_copy: Path) -> None:
    broken = first_template(catalog_copy)
    doc = orjson.loads(broken.read_bytes())
    doc["materials"][0]["ways"] = [{"kind": "teleport"}]
    broken.write_bytes(orjson.dumps(doc))
    (catalog_copy / "matters" / "330000" / "zz-not-json.json").write_text(
        "{ nope", encoding="utf-8"
    )

    result = zerorun("catalog", "lint", str(catalog_copy))

    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"{broken}:/materials/0/ways/0") for line in lines), result.stdout
    assert any("zz-not-json.json:/: error: not valid JSON" in line for line in lines), result.stdout
    assert "Fix the errors above" in result.stderr


def test_lint_finds_unknown_operators_and_vars_inside_rules(catalog_copy: Path) -> None:
    broken = first_template(catalog_copy)
    doc = orjson.loads(broken.read_bytes())
    n = len(doc.get("eligibility", []))
    doc["eligibility"] = [
        *doc.get("eligibility", []),
        {
            "id": "bad_op",
            "rule": {"frobnicate": [1]},
            "effect": "block",
            "message": {"zh": "x", "en": "x"},
        },
        {
            "id": "bad_var",
            "rule": {"==": [{"var": "answers.no_such_field"}, 1]},
            "effect": "warn",
            "message": {"zh": "y", "en": "y"},
        },
    ]
    broken.write_bytes(orjson.dumps(doc))

    out = zerorun("catalog", "lint", str(catalog_copy)).stdout

    assert f"{broken}:/eligibility/{n}/rule" in out and "frobnicate" in out, out
    assert f"{broken}:/eligibility/{n + 1}/rule/==/0" in out and "answers.no_such_field" in out, out


def test_lint_refuses_extends_of_a_missing_template(catalog_copy: Path) -> None:
    county = sorted((catalog_copy / "matters" / "330106").glob("*.json"))[0]
    edit(county, {"extends": "330000-NOPE-999"})
    out = zerorun("catalog", "lint", str(catalog_copy)).stdout
    assert f"{county}:/extends: error: extends 330000-NOPE-999" in out


def test_lint_warns_when_an_applicant_would_need_more_than_one_trip(catalog_copy: Path) -> None:
    path = first_template(catalog_copy)
    doc = orjson.loads(path.read_bytes())
    doc["delivery"] = ["pickup"]
    doc["time_limits"]["promised_days"] = 3
    doc["materials"][0]["ways"] = [{"kind": "original", "copies": 1}]
    path.write_bytes(orjson.dumps(doc))

    result = zerorun("catalog", "lint", str(catalog_copy))

    assert (
        f"{path}:/: warning: the seller without e-licenses or shared data needs 2 trips"
        in result.stdout
    )


def test_load_is_idempotent_and_a_change_becomes_a_new_version(
    catalog_copy: Path, tmp_path: Path
) -> None:
    url = f"sqlite://{tmp_path / 'cli.sqlite3'}"
    assert zerorun("migrate", database_url=url).returncode == 0
    first = zerorun("catalog", "load", str(catalog_copy), database_url=url)
    assert first.returncode == 0, first.stderr
    again = zerorun("catalog", "load", str(catalog_copy), database_url=url)
    assert "0 new, 0 new versions" in again.stderr, again.stderr

    edit(first_template(catalog_copy), {"keywords": ["新关键词"]})
    changed = zerorun("catalog", "load", str(catalog_copy), database_url=url)

    assert "0 new, " in changed.stderr and "0 new versions" not in changed.stderr, changed.stderr


def test_load_of_a_broken_catalog_changes_nothing(catalog_copy: Path, tmp_path: Path) -> None:
    url = f"sqlite://{tmp_path / 'cli.sqlite3'}"
    zerorun("migrate", database_url=url)
    zerorun("catalog", "load", str(catalog_copy), database_url=url)
    edit(first_template(catalog_copy), {"keywords": ["改了"], "kind": "nonsense"})

    result = zerorun("catalog", "load", str(catalog_copy), database_url=url)
    again = zerorun("catalog", "load", str(CATALOG), database_url=url)

    assert result.returncode == 1 and "Nothing was loaded" in result.stderr
    assert "0 new, 0 new versions" in again.stderr


def test_a_retirement_redis_cannot_announce_says_when_servers_will_see_it(
    tmp_path: Path, private_redis: PrivateRedis
) -> None:
    url = f"sqlite://{tmp_path / 'cli.sqlite3'}"
    zerorun("migrate", database_url=url)
    zerorun("catalog", "load", str(CATALOG), database_url=url)
    private_redis.kill()

    result = zerorun(
        "catalog", "retire", "330106-ZJ-002", database_url=url, redis_url=private_redis.url
    )

    assert result.returncode == 0 and "Retired 330106-ZJ-002" in result.stderr
    assert "running servers see the change within 10 s" in " ".join(result.stderr.split())
