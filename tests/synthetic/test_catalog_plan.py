"""The synthetic catalog as data: the right number of matters per level, every one valid
as county staff's own files must be, localisations merging onto their templates."""

from __future__ import annotations

import orjson
import pytest

from backend.catalog.definitions import merge
from backend.catalog.lint import Catalog, check_matter, read_catalog
from backend.settings import ROOT
from backend.synthetic.catalog import Planned, counts, plan, zhejiang

SCALE = 0.01


@pytest.fixture(scope="module")
def demo() -> Catalog:
    return read_catalog(ROOT / "form_schemas")


@pytest.fixture(scope="module")
def planned(demo: Catalog) -> list[Planned]:
    regions = orjson.loads((ROOT / "form_schemas" / "regions.json").read_bytes())["regions"]
    demos = [demo.definitions[c] for c in sorted(demo.templates())]
    return list(plan(zhejiang(regions), demos, SCALE, seed=7))


def test_a_tiny_zhejiang_has_one_province_eleven_cities_and_ninety_counties_of_matters(
    planned: list[Planned],
) -> None:
    per_province, per_city, per_county = counts(SCALE)
    levels = [p.level for p in planned]
    assert (per_province, per_city, per_county) == (10, 10, 9)
    assert levels.count("province") == per_province
    assert levels.count("city") == 11 * per_city
    assert levels.count("county") == 90 * per_county
    assert len({p.definition["code"] for p in planned}) == len(planned)


def test_counties_localise_a_share_of_the_province_templates(planned: list[Planned]) -> None:
    localised = [p for p in planned if "extends" in p.source]
    assert len(localised) == 90 * 4  # 40 % of 9, rounded
    assert {p.source["extends"][:6] for p in localised} == {"330000"}


def test_every_generated_definition_passes_the_catalog_checks(demo: Catalog) -> None:
    regions = orjson.loads((ROOT / "form_schemas" / "regions.json").read_bytes())["regions"]
    demos = [demo.definitions[c] for c in sorted(demo.templates())]
    planned = list(plan(zhejiang(regions), demos, 0.002, seed=7))  # ~15 ms a check: 204 matters
    assert sum("extends" in p.source for p in planned) == 90
    templates = {p.source["code"]: p.source for p in planned if p.level == "province"}
    for p in planned:
        definition, problems = check_matter(
            p.source["code"], p.source, templates, demo.elements, demo.sources
        )
        assert [q for q in problems if q.severity == "error"] == [], p.source["code"]
        assert definition == p.definition


def test_a_localisation_is_its_template_with_the_countys_department_and_window(
    planned: list[Planned],
) -> None:
    templates = {p.source["code"]: p.source for p in planned if p.level == "province"}
    county = next(p for p in planned if "extends" in p.source)
    template = templates[county.source["extends"]]
    assert county.definition == merge(template, county.source)
    assert county.definition["form"] == template["form"]
    assert county.definition["department"]["code"].startswith(county.source["region"])
    assert (
        county.definition["time_limits"]["statutory_days"]
        == (template["time_limits"]["statutory_days"])
    )


def test_the_same_seed_gives_the_same_catalog(demo: Catalog, planned: list[Planned]) -> None:
    regions = orjson.loads((ROOT / "form_schemas" / "regions.json").read_bytes())["regions"]
    demos = [demo.definitions[c] for c in sorted(demo.templates())]
    again = list(plan(zhejiang(regions), demos, SCALE, seed=7))
    other = list(plan(zhejiang(regions), demos, SCALE, seed=8))
    assert [p.definition for p in again] == [p.definition for p in planned]
    assert [p.definition for p in other] != [p.definition for p in planned]
