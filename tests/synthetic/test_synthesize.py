"""`zerorun synthesize` into a real database: the counts per level, refusal to run twice,
the citizen API answering on the result, and the query plans of the citizen's two hot reads
("my applications" by citizen newest first, the region + keyword search) staying on indexes."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from typing import Any

import pytest
from support import (
    BACKENDS,
    POSTGRES_URL,
    RUN,
    admin_sql,
    app_client,
    gql,
    make_settings,
    with_database,
)
from tortoise import Tortoise
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from backend import db
from backend.accounts.models import Citizen
from backend.accounts.service import Sessions
from backend.applications.models import Application
from backend.catalog import ranking
from backend.catalog import service as catalog
from backend.catalog.models import Matter
from backend.regions.service import ancestors
from backend.settings import ROOT, Settings
from backend.synthetic import service
from backend.synthetic.catalog import is_synthetic

SCALE, APPLICATIONS = 0.005, 500  # 5 province, 5 per city, 4 per county (2 localised)
SEARCH = """
query Search($region: String!, $keyword: String!) {
  matters(filter: { region: $region, keyword: $keyword }, first: 20) {
    edges { node { code name { zh } } }
  }
}
"""
MY_APPLICATIONS = """
query { myApplications(first: 20) { edges { node { id status matter { code } } } } }
"""


@pytest.fixture(scope="module", params=BACKENDS)
async def province(
    request: pytest.FixtureRequest,
    templates: dict[str, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[Settings]:
    """One database per backend for the whole module, holding the demo catalog and a tiny
    synthetic Zhejiang (generating it once keeps the module fast)."""
    name = ""
    if request.param == "sqlite":
        copy = tmp_path_factory.mktemp("synthetic") / "province.sqlite3"
        shutil.copyfile(templates["sqlite"], copy)
        url = f"sqlite://{copy}"
    else:
        name = f"zerorun_syn_{RUN}"
        await admin_sql(f'CREATE DATABASE "{name}" TEMPLATE "{templates["postgres"]}"')
        url = with_database(POSTGRES_URL, name)
    settings = make_settings(url)
    await db.init(settings)
    try:
        await service.synthesize(ROOT / "form_schemas", SCALE, APPLICATIONS, seed=7)
    finally:
        await db.close()
    yield settings
    if name:
        await admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
async def connected(province: Settings) -> AsyncIterator[Settings]:
    await db.init(province)
    yield province
    await db.close()


async def test_the_database_holds_each_levels_matters_published_with_one_version(
    connected: Settings,
) -> None:
    matters = await Matter.all().values_list("code", "region_code", "published_version_id")
    synthetic = [(c, r, v) for c, r, v in matters if is_synthetic(c)]
    assert sum(r == "330000" for _, r, _ in synthetic) == 5
    assert sum(r.endswith("00") and r != "330000" for _, r, _ in synthetic) == 11 * 5
    assert sum(not r.endswith("00") for _, r, _ in synthetic) == 90 * 4
    assert all(v is not None for _, _, v in synthetic)
    assert await Matter.filter(code__contains="-SY-", extends_code__isnull=False).count() == 180


async def test_applications_are_spread_over_citizens_with_mixed_statuses(
    connected: Settings,
) -> None:
    apps = await Application.filter(citizen__provider="synthetic").values_list(
        "citizen_id", "status"
    )
    per_citizen: dict[int, int] = {}
    for citizen, _ in apps:
        per_citizen[citizen] = per_citizen.get(citizen, 0) + 1
    assert len(apps) == APPLICATIONS
    assert max(per_citizen.values()) >= 5 * sorted(per_citizen.values())[len(per_citizen) // 2]
    assert {"draft", "submitted", "completed"} <= {s for _, s in apps}


async def test_a_second_run_is_refused(connected: Settings) -> None:
    with pytest.raises(service.AlreadySynthesized):
        await service.synthesize(ROOT / "form_schemas", 0.001, 20, seed=1)


async def test_a_second_run_with_replace_starts_over(settings: Settings) -> None:
    await db.init(settings)
    try:
        await service.synthesize(ROOT / "form_schemas", 0.001, 20, seed=1)
        await service.synthesize(ROOT / "form_schemas", 0.001, 30, seed=2, replace=True)
        assert await Matter.filter(code__contains="-SY-").count() == 1 + 11 + 90
        assert await Application.filter(citizen__provider="synthetic").count() == 30
    finally:
        await db.close()


async def test_a_citizen_finds_a_synthetic_county_matter_by_keyword(province: Settings) -> None:
    await db.init(province)
    try:
        matter = await Matter.filter(region_code="330102", code__contains="-SY-").first()
    finally:
        await db.close()
    assert matter is not None
    async with app_client(province) as client:
        body = await gql(client, SEARCH, {"region": "330102", "keyword": matter.name_zh[:4]})
    codes = [e["node"]["code"] for e in body["data"]["matters"]["edges"]]
    assert codes, body
    assert all(c[:6] in ("330000", "330100", "330102") for c in codes)


async def test_a_synthetic_citizen_sees_their_applications_newest_first(
    province: Settings,
) -> None:
    await db.init(province)
    try:
        citizen = await Citizen.filter(provider="synthetic").order_by("id").first()
        assert citizen is not None
        expected = await Application.filter(citizen=citizen).count()
    finally:
        await db.close()
    async with app_client(province) as client:
        token = await Sessions(province).issue(citizen)
        body = await gql(client, MY_APPLICATIONS, token=token)
    ids = [e["node"]["id"] for e in body["data"]["myApplications"]["edges"]]
    assert len(ids) == min(20, expected)
    assert ids == sorted(ids, reverse=True)


async def plan_of(qs: QuerySet[Application] | QuerySet[Matter], dialect: str) -> str:
    qs.sql()  # builds the query; explain() cannot inline the subqueries' parameters
    return await plan_of_sql(*qs.query.get_parameterized_sql(), dialect)


async def plan_of_sql(sql: str, params: list[Any], dialect: str) -> str:
    if dialect == "sqlite":
        conn = Tortoise.get_connection(dialect)
        await conn.execute_script("ANALYZE")
        _, rows = await conn.execute_query(f"EXPLAIN QUERY PLAN {sql}", params)
        return " | ".join(str(r["detail"]) for r in rows)
    async with in_transaction(dialect) as tx:  # one connection for the SET and the EXPLAIN
        await tx.execute_script("ANALYZE")
        await tx.execute_script("SET LOCAL enable_seqscan = off")  # can an index serve?
        _, rows = await tx.execute_query(f"EXPLAIN {sql}", params)
    return " | ".join(r["QUERY PLAN"] for r in rows)


async def test_my_applications_are_read_through_the_citizen_index(connected: Settings) -> None:
    dialect = connected.database_url.split(":", 1)[0]
    citizen = await Citizen.filter(provider="synthetic").order_by("id").first()
    assert citizen is not None
    qs = Application.filter(citizen=citizen, parent_id__isnull=True).order_by("-id").limit(21)
    plan = await plan_of(qs, dialect)
    if dialect == "sqlite":
        assert "SEARCH application USING INDEX" in plan, plan
        assert "SCAN application" not in plan, plan
    else:
        assert "Index" in plan and "application" in plan, plan
        assert "Seq Scan on application" not in plan, plan


async def test_region_and_keyword_search_reads_each_regions_matters_in_page_order(
    connected: Settings,
) -> None:
    dialect = connected.database_url.split(":", 1)[0]
    wanted = ranking.Wanted(["登记"], ancestors("330102"))
    plan = await plan_of_sql(*ranking.page_sql(dialect == "sqlite", wanted, 20, None), dialect)
    if dialect == "sqlite":
        # One stream per region of the lineage, each in page order from the index itself
        # (no sort): the merge stops once the page is full.
        assert plan.count("(gram=? AND region_code=?)") == 3, plan
        assert "MERGE (UNION ALL)" in plan, plan
        streams = plan.split("SCAN x")[0]  # then the page's few rows, joined and ordered
        assert "TEMP B-TREE" not in streams, plan
        assert "SCAN matter_gram" not in plan and "SCAN g" not in plan, plan
        # The county's localisations, left out, are read from an index alone.
        assert "USING COVERING INDEX matter_localisations" in plan, plan
    else:  # at this scale a sort of the few hits is cheaper than a merge (bench: at scale)
        assert plan.count("idx_matter_gram_gram_") == 3, plan
        assert "Seq Scan" not in plan, plan


async def test_a_keyword_search_without_a_region_is_read_through_the_gram_index(
    connected: Settings,
) -> None:
    dialect = connected.database_url.split(":", 1)[0]
    qs = catalog.matters_query(catalog.MatterFilter(keyword="登记")).order_by("id")
    plan = await plan_of(qs.limit(21), dialect)
    if dialect == "sqlite":
        assert "matter_gram USING COVERING INDEX" in plan, plan
        assert "SCAN matter_gram" not in plan, plan
    else:  # either gram index may serve (both lead with the gram)
        assert "Index Cond: ((gram)::text = '登记'::text)" in plan, plan
        assert "Seq Scan on matter_gram" not in plan, plan
