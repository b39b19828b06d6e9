"""Regenerate backend/catalog/definition_model.py from form_schemas/schema/matter.schema.json.

    .venv/bin/python scripts/generate_definition_model.py [OUTPUT]

The model is the effective definition of a matter (`#/$defs/CompleteMatter`: a template, or a
county version merged onto its template), as msgspec Structs written by datamodel-code-generator
(pinned in pyproject.toml's test extra). A test regenerates it and fails when the committed file
differs. The generator reads a copy of the schema rewritten where the meta-schema says something
that is checked elsewhere or that the generator cannot write as a type:
- a `Way` is the union of its five kinds told apart by `kind` (the schema says it with if/then);
- a rule is any JSON value, and the form's JSON Schema and UI schema stay the JSON they are
  (the form validator and the clients read them whole);
- a definition that names `*Fields` for its properties gets them written out in its place;
- an optional list is empty when absent, any other optional value is None when absent;
- what jsonschema alone checks (each way kind at most once, `license_type` when the output is an
  e-license) and the titles and descriptions are left out.

Why msgspec Structs: measured on the 18 effective definitions of form_schemas/ (Python 3.11),
msgspec parses one in 35-65 µs and pydantic v2 models generated the same way in 140 µs (the
jsonschema validation lint and authoring run anyway: 8 ms); attribute reads cost what dict reads
did (an evaluation: 20 µs before, 21 µs after); ways become a union tagged by `kind`; plain
dataclasses would check nothing. A version is parsed once, beside its compiled rules.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "form_schemas" / "schema" / "matter.schema.json"
OUTPUT = ROOT / "backend" / "catalog" / "definition_model.py"
WAYS = ("ELicenseWay", "SharedDataWay", "CommitmentWay", "UploadWay", "OriginalWay")
HEADER = '''"""The effective definition of a matter, typed: generated from matter.schema.json, do not edit.

Regenerate with `.venv/bin/python scripts/generate_definition_model.py` (its docstring says what
the generator reads); tests/catalog/test_definition_model.py fails when this file is stale.
Parse a definition with `backend.catalog.definitions.parse_definition`.
"""'''
OPTIONS = [
    "--input-file-type", "jsonschema",
    "--output-model-type", "msgspec.Struct",
    "--target-python-version", "3.11",
    "--class-name", "MatterDefinition",
    "--disable-timestamp",
    "--use-annotated",
    "--enum-field-as-literal", "all",
    "--infer-union-discriminators",
    "--use-msgspec-forbid-unknown-fields",
    "--use-default",
    "--no-formatters",
]  # fmt: skip


def generator_input(schema: dict[str, Any]) -> dict[str, Any]:
    """The meta-schema rewritten as the module docstring says, rooted at CompleteMatter."""
    defs: dict[str, Any] = copy.deepcopy(schema["$defs"])
    defs["Way"] = {"oneOf": [{"$ref": f"#/$defs/{name}"} for name in WAYS]}
    defs["Ways"].pop("allOf")
    defs["Rule"] = {}
    for name in ("FormSchema", "UiSchema"):
        defs[name] = {"type": "object", "additionalProperties": {}}
    for name, node in defs.items():
        base = node.get("$ref", "").rpartition("/")[2]
        if base.endswith("Fields"):
            properties = {**defs[base]["properties"], **node.get("properties", {})}
            defs[name] = {
                "type": "object",
                "properties": properties,
                "required": node.get("required", []),
                "additionalProperties": False,
            }
    root = defs.pop("CompleteMatter")
    used = _referenced(root, defs)
    document = {**root, "$defs": {name: defs[name] for name in defs if name in used}}
    _strip(document)
    for node in [document, *document["$defs"].values()]:
        _optional(node, document["$defs"])
    return document


def _referenced(node: Any, defs: dict[str, Any], found: set[str] | None = None) -> set[str]:
    found = set() if found is None else found
    if isinstance(node, dict):
        name = str(node.get("$ref", "")).rpartition("/")[2]
        if name and name not in found:
            found.add(name)
            _referenced(defs[name], defs, found)
        for value in node.values():
            _referenced(value, defs, found)
    elif isinstance(node, list):
        for value in node:
            _referenced(value, defs, found)
    return found


def _strip(node: Any) -> None:
    """Titles, descriptions and the conditionals only jsonschema checks, everywhere."""
    if isinstance(node, dict):
        for key in ("title", "description", "$comment", "if", "then", "else"):
            node.pop(key, None)
        for key, value in node.items():
            if key != "properties":
                _strip(value)
        for value in node.get("properties", {}).values():
            _strip(value)
    elif isinstance(node, list):
        for value in node:
            _strip(value)


def _optional(node: dict[str, Any], defs: dict[str, Any]) -> None:
    """An optional property becomes a required one with a default, which msgspec fills in when
    the key is absent (the generator would write an optional one as `| UnsetType = UNSET`)."""
    properties = node.get("properties", {})
    for name in set(properties) - set(node.get("required", [])):
        prop = properties[name]
        target = defs.get(str(prop.get("$ref", "")).rpartition("/")[2], prop)
        if target.get("type") == "array":
            prop["default"] = []
        elif target == {}:  # a rule: any JSON value, null included
            prop["default"] = None
        else:
            properties[name] = {"anyOf": [prop, {"type": "null"}], "default": None}
    if properties:
        node["required"] = list(properties)


def generate(output: Path) -> None:
    document = generator_input(json.loads(SCHEMA.read_text()))
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "matter_definition.schema.json"
        source.write_text(json.dumps(document, ensure_ascii=False, indent=2))
        header = Path(tmp) / "header.txt"
        header.write_text(HEADER)
        command = [str(Path(sys.executable).parent / "datamodel-codegen"), *OPTIONS]
        command += ["--input", str(source), "--output", str(output)]
        command += ["--custom-file-header-path", str(header)]
        subprocess.run(command, check=True, cwd=ROOT)
    ruff = [str(Path(sys.executable).parent / "ruff"), "--config", str(ROOT / "pyproject.toml")]
    subprocess.run(
        [*ruff, "check", "--quiet", "--fix", "--select", "I,F401", str(output)], check=True
    )
    subprocess.run([*ruff, "format", "--quiet", str(output)], check=True)


if __name__ == "__main__":
    generate(Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT)
