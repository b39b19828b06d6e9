"""The typed matter definition: generated from matter.schema.json and kept in step with it;
every definition of the catalog parses into it; a definition breaking the schema is refused
with where it breaks it."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from backend.catalog.definition_model import (
    CommitmentWay,
    ELicenseWay,
    MatterDefinition,
    OriginalWay,
    SharedDataWay,
    UploadWay,
)
from backend.catalog.definitions import DefinitionInvalid, parse_definition, way_kind
from backend.catalog.lint import read_catalog
from backend.settings import ROOT

CATALOG = read_catalog(ROOT / "form_schemas")
MODEL = ROOT / "backend" / "catalog" / "definition_model.py"
HUKOU = "330106-ZJ-008"  # 户口迁入 in 西湖区: a county version, every kind of way


def test_the_committed_model_is_what_the_schema_generates_today(tmp_path: Path) -> None:
    out = tmp_path / "definition_model.py"
    script = ROOT / "scripts" / "generate_definition_model.py"
    subprocess.run([sys.executable, str(script), str(out)], check=True, capture_output=True)
    assert out.read_text() == MODEL.read_text(), (
        "backend/catalog/definition_model.py is stale: run "
        ".venv/bin/python scripts/generate_definition_model.py"
    )


def test_every_effective_definition_of_the_catalog_parses() -> None:
    assert not CATALOG.errors
    assert len(CATALOG.definitions) == len(CATALOG.matters) > 0
    for code, doc in CATALOG.definitions.items():
        definition = parse_definition(doc)
        assert definition.code == code
        assert [m.id for m in definition.materials] == [m["id"] for m in doc["materials"]]


def test_every_template_parses_as_it_is_written() -> None:
    templates = CATALOG.templates()
    assert templates
    for code in templates:
        assert isinstance(parse_definition(CATALOG.matters[code].doc), MatterDefinition)


def test_a_parsed_definition_tells_each_way_by_its_kind() -> None:
    doc = CATALOG.definitions[HUKOU]
    ways = [w for m in parse_definition(doc).materials for w in m.ways]
    assert [way_kind(w) for w in ways] == [w["kind"] for m in doc["materials"] for w in m["ways"]]
    kinds = {type(w) for w in ways}
    assert kinds == {ELicenseWay, SharedDataWay, CommitmentWay, UploadWay, OriginalWay}


def test_absent_optional_lists_are_empty_and_absent_values_none() -> None:
    doc = copy.deepcopy(CATALOG.definitions[HUKOU])
    for key in ("situations", "eligibility", "on_site_steps", "fees", "keywords", "contact"):
        doc.pop(key, None)
    doc["materials"][0].pop("required_when", None)
    definition = parse_definition(doc)
    assert definition.situations == definition.fees == definition.keywords == []
    assert definition.contact is None
    assert definition.extends == "330000-ZJ-008"
    assert definition.materials[0].required_when is None


def broken(change: Any) -> dict[str, Any]:
    doc = copy.deepcopy(CATALOG.definitions[HUKOU])
    change(doc)
    return doc


BREAKS = {
    "a number where the schema wants an integer": (
        lambda d: d["time_limits"].update(promised_days="three"),
        "/time_limits/promised_days",
    ),
    "an unknown way kind": (
        lambda d: d["materials"][1]["ways"].insert(0, {"kind": "fax"}),
        "/materials/1/ways/0/kind",
    ),
    "a key the schema does not know": (
        lambda d: d["materials"][0].update(colour="red"),
        "/materials/0",
    ),
    "a required key left out": (lambda d: d["output"].pop("name"), "/output"),
    "an empty Chinese text": (lambda d: d["name"].update(zh=" "), "/name/zh"),
    "a malformed material id": (lambda d: d["materials"][2].update(id="Deed"), "/materials/2/id"),
    "no ways at all": (lambda d: d["materials"][0].update(ways=[]), "/materials/0/ways"),
}


@pytest.mark.parametrize("name", BREAKS)
def test_a_definition_breaking_the_schema_is_refused_with_where(name: str) -> None:
    change, where = BREAKS[name]
    with pytest.raises(DefinitionInvalid) as refused:
        parse_definition(broken(change))
    assert refused.value.pointer == where
    assert refused.value.message
