"""The demo's matter reviewed in its department's own system: 户口迁入 in 西湖区, whose system
is the stand-in registry once `zerorun demo-seed` has run in development."""

from __future__ import annotations

from support import make_settings

from backend import db
from backend.catalog.definitions import parse_definition
from backend.catalog.lint import read_catalog
from backend.exchange import service as exchange
from backend.settings import ROOT

HUKOU = "330106-ZJ-008"


def test_the_demo_hukou_matter_is_reviewed_in_the_police_system_and_its_template_is_not() -> None:
    catalog = read_catalog(ROOT / "form_schemas")
    county = parse_definition(catalog.definitions[HUKOU])
    template = parse_definition(catalog.definitions["330000-ZJ-008"])

    assert county.review is not None and county.review.in_ == "own_system"
    assert county.department.code == "330106-GAJ"
    assert template.review is None  # the province's own default: the workbench


async def test_demo_seed_declares_the_stand_in_as_the_police_system(database_url: str) -> None:
    await db.init(make_settings(database_url))
    try:
        await exchange.seed_demo_endpoint("http://127.0.0.1:8900/")
        await exchange.seed_demo_endpoint("http://127.0.0.1:8900/")  # idempotent
        [endpoint] = await exchange.listed_endpoints()
    finally:
        await db.close()

    assert (endpoint.department_code, endpoint.region_code, endpoint.key_id) == (
        "330106-GAJ",
        "330106",
        "demo-gaj",
    )
    assert endpoint.url == "http://127.0.0.1:8900/department/inbox"
