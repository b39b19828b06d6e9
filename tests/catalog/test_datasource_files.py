"""The shared data sources under form_schemas/datasources/ against their meta-schema and the
catalog that names them (docs/catalog-format.md, "Shared data sources").

Self-contained like test_catalog_files.py: it reads the JSON files and the meta-schemas only.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

ROOT = Path(__file__).resolve().parents[2] / "form_schemas"
SCHEMA_DIR = ROOT / "schema"
SOURCE_FILES = sorted((ROOT / "datasources").glob("*.json"))
SCHEMA_ID = "https://zerorun.example/schema/datasource.schema.json"
# Form fields that are data elements but no registry holds: the citizen types them (the other
# party of a sale, contact and delivery details, choices), or the verified profile fills them.
CITIZEN_TYPES = {
    "applicant_mobile",
    "buyer_mobile",
    "buyer_name",
    "delivery_address",
    "delivery_mobile",
    "delivery_recipient",
    "education_level",
    "guardian_id_number",
    "guardian_name",
    "guardian_relationship",
    "move_to_address",
    "payment_method",
    "seller_id_number",
    "seller_mobile",
    "seller_name",
    "ssc_bank",
}


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def validator() -> Draft202012Validator:
    schemas = map(load, SCHEMA_DIR.glob("*.json"))
    registry: Registry[Any] = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas
    )
    return Draft202012Validator(
        {"$ref": SCHEMA_ID}, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def errors(doc: Any) -> list[str]:
    found = validator().iter_errors(doc)
    return [f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found]


def sources() -> dict[str, dict[str, Any]]:
    return {d["id"]: d for d in map(load, SOURCE_FILES)}


def element_keys() -> set[str]:
    return {e["key"] for e in load(ROOT / "elements.json")["elements"]}


def matters() -> Iterator[dict[str, Any]]:
    for path in sorted((ROOT / "matters").rglob("*.json")):
        yield load(path)


def ways(kind: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for matter in matters():
        for material in matter.get("materials", []):
            for way in material.get("ways", []):
                if way.get("kind") == kind:
                    yield f"{matter['code']}/{material['id']}", way


def real_estate() -> dict[str, Any]:
    return copy.deepcopy(sources()["real_estate"])


def fixture_source() -> dict[str, Any]:
    doc = real_estate()
    doc["connector"] = {
        "kind": "fixture",
        "file": "demo/registry/real_estate.json",
        "mapping": doc["connector"]["mapping"],
    }
    return doc


# --- every file against the meta-schema -------------------------------------------------------


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda p: p.name)
def test_every_datasource_file_is_valid_against_the_datasource_schema(path: Path) -> None:
    assert errors(load(path)) == []


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda p: p.name)
def test_every_datasource_file_is_named_by_its_id(path: Path) -> None:
    assert load(path)["id"] == path.stem


def test_every_source_a_material_or_the_stand_in_names_is_defined() -> None:
    named = {way["source"] for _, way in ways("shared_data")}
    named |= set(load(ROOT / "demo" / "registry.json")["sources"])
    assert named - set(sources()) == set()


def test_exactly_one_source_is_the_e_license_library() -> None:
    libraries = [i for i, s in sources().items() if "licenses_pointer" in s["connector"]]
    assert libraries == ["e_license"]


def test_every_mapping_maps_exactly_the_elements_its_source_provides() -> None:
    known = element_keys()
    for source in sources().values():
        assert set(source["connector"]["mapping"]) == set(source["elements"]), source["id"]
        assert set(source["elements"]) - known == set(), source["id"]


def test_every_element_a_shared_data_way_pulls_is_provided_by_its_source() -> None:
    defined = sources()
    for where, way in ways("shared_data"):
        missing = set(way["elements"]) - set(defined[way["source"]]["elements"])
        assert missing == set(), where


def test_every_form_element_comes_from_a_source_or_is_one_the_citizen_types() -> None:
    provided = {e for s in sources().values() for e in s["elements"]}
    known = element_keys()
    for matter in matters():
        fields = set(matter.get("form", {}).get("schema", {}).get("properties", {})) & known
        assert fields - provided - CITIZEN_TYPES == set(), matter["code"]


def test_every_http_source_reads_the_registry_with_the_token_from_the_environment() -> None:
    for source in sources().values():
        connector = source["connector"]
        assert connector["kind"] == "http-json"
        assert connector["url"].startswith("${ZERORUN_REGISTRY_URL}/")
        assert connector["credentials_env"] == "ZERORUN_REGISTRY_TOKEN"
        assert connector["timeout_ms"] == 2000


# --- the meta-schema accepts and rejects what it should -----------------------------------------


def test_the_datasource_schema_accepts_a_fixture_connector() -> None:
    assert errors(fixture_source()) == []


def test_the_datasource_schema_rejects_a_credential_written_inline() -> None:
    for key, value in (
        ("token", "s3cr3t-registry-token"),
        ("headers", {"Authorization": "Bearer s3cr3t"}),
        ("credentials", "s3cr3t"),
    ):
        doc = real_estate()
        doc["connector"][key] = value
        assert errors(doc) != [], key
    doc = real_estate()
    doc["api_key"] = "s3cr3t"
    assert errors(doc) != []


def test_the_datasource_schema_rejects_a_credential_in_place_of_the_variable_name() -> None:
    doc = real_estate()
    doc["connector"]["credentials_env"] = "Bearer s3cr3t"
    assert errors(doc) != []


def test_the_datasource_schema_rejects_an_unknown_connector_kind() -> None:
    doc = real_estate()
    doc["connector"]["kind"] = "soap"
    assert errors(doc) != []


def test_the_datasource_schema_rejects_a_fixture_with_http_keys_or_an_escaping_path() -> None:
    doc = fixture_source()
    doc["connector"]["url"] = "https://example.org/{id_number}"
    assert errors(doc) != []
    for file in ("/etc/passwd.json", "../secrets.json", "demo/registry/real_estate.yaml"):
        doc = fixture_source()
        doc["connector"]["file"] = file
        assert errors(doc) != [], file


@pytest.mark.parametrize("timeout_ms", [0, 99, 30001, 60000, 2000.5, "2000"])
def test_the_datasource_schema_rejects_a_timeout_out_of_range(timeout_ms: Any) -> None:
    doc = real_estate()
    doc["connector"]["timeout_ms"] = timeout_ms
    assert errors(doc) != []


@pytest.mark.parametrize("timeout_ms", [100, 30000])
def test_the_datasource_schema_accepts_the_timeout_bounds(timeout_ms: int) -> None:
    doc = real_estate()
    doc["connector"]["timeout_ms"] = timeout_ms
    assert errors(doc) == []


def test_the_datasource_schema_rejects_a_url_naming_the_citizen_or_without_a_scheme() -> None:
    # the resident ID goes in the body or a header: a URL lands in the provider's access log
    for url in (
        "${ZERORUN_REGISTRY_URL}/real-estate/{id_number}",
        "https://registry.example/records?id={id_number}",
        "ftp://registry/real-estate",
        "/x/real-estate",
    ):
        doc = real_estate()
        doc["connector"]["url"] = url
        assert errors(doc) != [], url


def test_the_datasource_schema_rejects_a_method_other_than_get_or_post() -> None:
    doc = real_estate()
    doc["connector"]["method"] = "DELETE"
    assert errors(doc) != []


def test_the_datasource_schema_rejects_a_mapping_that_is_not_a_json_pointer() -> None:
    for key, pointer in (("property_address", "properties.0.address"), ("Bad-Key", "/a")):
        doc = real_estate()
        doc["connector"]["mapping"][key] = pointer
        assert errors(doc) != [], key


def test_only_the_e_license_library_may_provide_no_element() -> None:
    doc = real_estate()
    doc["elements"], doc["connector"]["mapping"] = [], {}
    assert errors(doc) != []
    doc["connector"]["licenses_pointer"] = "/licenses"
    assert errors(doc) == []
