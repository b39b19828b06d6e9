"""Lint over shared data sources, the material ways that name them, and the member matters of
a life event: each test breaks one thing in a copy of the demo catalog and finds it reported
as `file:json-pointer` (docs/catalog-format.md, "What lint checks")."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from backend.catalog.lint import read_catalog
from backend.settings import ROOT

CATALOG = ROOT / "form_schemas"
TEMPLATE = "matters/330000/330000-ZJ-002.json"  # transfer registration, shared data and e-licenses
COUNTY_TAX = "matters/330106/330106-ZJ-003.json"  # member 2 of life event 330106-YJS-001
HOUSE_TRANSFER = "life_events/330106/330106-YJS-001.json"
T = {"zh": "文字", "en": "text"}


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    copy = tmp_path / "form_schemas"
    shutil.copytree(CATALOG, copy)
    return copy


def edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    doc = orjson.loads(path.read_bytes())
    change(doc)
    path.write_bytes(orjson.dumps(doc, option=orjson.OPT_INDENT_2))


def errors_at(root: Path) -> dict[str, str]:
    """`relative file:pointer` -> the messages of the errors found there, one a line."""
    found: dict[str, list[str]] = {}
    for p in read_catalog(root).errors:
        found.setdefault(f"{Path(p.file).relative_to(root)}:{p.pointer}", []).append(p.message)
    return {where: "\n".join(messages) for where, messages in found.items()}


def first_way(doc: dict[str, Any], kind: str) -> tuple[str, dict[str, Any]]:
    for i, material in enumerate(doc["materials"]):
        for j, way in enumerate(material["ways"]):
            if way["kind"] == kind:
                return f"/materials/{i}/ways/{j}", way
    raise AssertionError(f"no {kind} way")


def test_the_demo_catalog_lints_clean() -> None:
    catalog = read_catalog(CATALOG)

    assert [str(p) for p in catalog.errors] == []
    assert set(catalog.sources) >= {"e_license", "real_estate", "marriage", "tax"}


def test_a_source_that_breaks_its_meta_schema_is_reported(catalog: Path) -> None:
    edit(catalog / "datasources/tax.json", lambda d: d.pop("purpose"))

    errors = errors_at(catalog)

    assert "'purpose' is a required property" in errors["datasources/tax.json:"]


def test_a_source_file_must_be_named_after_its_id(catalog: Path) -> None:
    (catalog / "datasources/tax.json").rename(catalog / "datasources/taxes.json")

    errors = errors_at(catalog)

    assert "id 'tax' differs from the file name taxes.json" in errors["datasources/taxes.json:/id"]


def test_a_mapping_key_must_be_a_data_element(catalog: Path) -> None:
    edit(
        catalog / "datasources/marriage.json",
        lambda d: d["connector"]["mapping"].update(shoe_size="/shoe"),
    )

    errors = errors_at(catalog)

    assert (
        "'shoe_size' is not a data element"
        in errors["datasources/marriage.json:/connector/mapping/shoe_size"]
    )


def test_a_mapping_key_must_be_listed_in_the_elements_the_source_provides(catalog: Path) -> None:
    edit(
        catalog / "datasources/marriage.json",
        lambda d: d["connector"]["mapping"].update(hukou_region="/hukou_region"),
    )

    errors = errors_at(catalog)

    assert (
        "'hukou_region' is mapped but not listed in elements"
        in errors["datasources/marriage.json:/connector/mapping/hukou_region"]
    )


def test_a_provided_element_must_be_mapped(catalog: Path) -> None:
    edit(
        catalog / "datasources/marriage.json",
        lambda d: d["connector"]["mapping"].pop("spouse_name"),
    )

    errors = errors_at(catalog)

    position = orjson.loads((catalog / "datasources/marriage.json").read_bytes())["elements"].index(
        "spouse_name"
    )
    assert (
        "'spouse_name' is provided but has no mapping"
        in errors[f"datasources/marriage.json:/elements/{position}"]
    )


def test_a_shared_data_way_must_name_a_defined_source(catalog: Path) -> None:
    where, _ = first_way(orjson.loads((catalog / TEMPLATE).read_bytes()), "shared_data")
    edit(
        catalog / TEMPLATE, lambda d: first_way(d, "shared_data")[1].update(source="land_registry")
    )

    errors = errors_at(catalog)

    assert "'land_registry' is not a shared data source" in errors[f"{TEMPLATE}:{where}/source"]


def test_a_shared_data_way_may_only_ask_for_elements_its_source_provides(catalog: Path) -> None:
    where, way = first_way(orjson.loads((catalog / TEMPLATE).read_bytes()), "shared_data")
    assert way["source"] == "real_estate"
    edit(
        catalog / TEMPLATE,
        lambda d: first_way(d, "shared_data")[1]["elements"].append("spouse_name"),
    )

    errors = errors_at(catalog)

    assert (
        "source 'real_estate' does not provide 'spouse_name'"
        in errors[f"{TEMPLATE}:{where}/elements"]
    )


def test_an_e_license_way_needs_a_source_that_provides_licenses(catalog: Path) -> None:
    where, _ = first_way(orjson.loads((catalog / TEMPLATE).read_bytes()), "e_license")
    (catalog / "datasources/e_license.json").unlink()

    errors = errors_at(catalog)

    assert "no shared data source provides e-licenses" in errors[f"{TEMPLATE}:{where}/license_type"]


def test_life_event_members_may_not_give_one_field_two_types(catalog: Path) -> None:
    edit(
        catalog / COUNTY_TAX,
        lambda d: d.update(
            form={"schema": {"properties": {"transaction_price": {"type": "string"}}}}
        ),
    )

    errors = errors_at(catalog)

    assert (
        "field 'transaction_price' has type 'number' in 330106-ZJ-001 but 'string' in 330106-ZJ-003"
        in errors[f"{HOUSE_TRANSFER}:/matters/2"]
    )


def test_life_event_members_may_not_give_one_situation_other_options(catalog: Path) -> None:
    options = [{"value": "buyer", "label": T}, {"value": "agent", "label": T}]
    edit(
        catalog / COUNTY_TAX,
        lambda d: d.update(
            situations=[{"id": "applicant_role", "options": options, "default": "buyer"}]
        ),
    )

    errors = errors_at(catalog)

    assert (
        "situation 'applicant_role' has options ['seller', 'buyer'] in 330106-ZJ-001 but ['buyer', 'agent'] in 330106-ZJ-003"
        in errors[f"{HOUSE_TRANSFER}:/matters/2"]
    )
