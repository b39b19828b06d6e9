"""Zero runs: data travels instead of people, with consent, over real HTTP to the loopback
registry stand-in; a source that fails never fails the application."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from parties_support import buyer_joined, confirm, seller_ready
from support import Registry, consent_to_everything, gql, sign_in

from backend.applications import service as applications

HOUSE = "330106-ZJ-002"
SELLER_SITUATION = {"applicant_role": "seller", "seller_marital_status": "married"}
APP = """
query App($id: ID!) {
  application(id: $id) {
    id status
    evaluation {
      runCount
      materials { id status way evidence { zh } }
      trips { kind itemId reason { zh } remedy { zh } }
    }
    prefilled { field value sourceId consentId edited }
    dataSharing {
      sourceId name { zh } department { zh } purpose { zh } legalBasis { zh } elements
      consent { id } lastPull { status reason { zh en } }
    }
    children { status matter { code department { name { zh } } } }
  }
}
"""
START = """
mutation Start($code: String!) {
  startApplication(matterCode: $code) { ... on Application { id } ... on ApplicationError { code } }
}
"""
START_EVENT = """
mutation Start($code: String!) {
  startLifeEvent(code: $code) { ... on Application { id } ... on ApplicationError { code } }
}
"""
SAVE = """
mutation Save($id: ID!, $answers: JSON!, $situation: JSON) {
  saveApplication(id: $id, answers: $answers, situation: $situation) {
    ... on SavedApplication { application { answers } problems { path code message { zh } } }
  }
}
"""
SUBMIT = """
mutation Submit($id: ID!) {
  submitApplication(input: {applicationId: $id}) {
    __typename
    ... on Application { status children { status matter { code } } }
    ... on ApplicationError { code errors { path code } }
  }
}
"""
REVOKE = "mutation Revoke($id: ID!) { revokeConsent(consentId: $id) { __typename ... on Consent { revokedAt } } }"
REFRESH = "mutation Refresh($id: ID!) { refreshSharedData(applicationId: $id) { __typename } }"
SIGN = """
mutation Sign($id: ID!, $material: String!) {
  signCommitment(applicationId: $id, materialId: $material) { __typename ... on ApplicationError { code } }
}
"""
LEDGER = "{ myConsents { sourceId revokedAt department { zh } } myDataAccessLog { sourceId accessor outcome fromCache } }"


async def start(client: httpx.AsyncClient, token: str, code: str = HOUSE) -> str:
    return str((await gql(client, START, {"code": code}, token))["data"]["startApplication"]["id"])


async def app(client: httpx.AsyncClient, token: str, application_id: str) -> dict[str, Any]:
    found: dict[str, Any] = (await gql(client, APP, {"id": application_id}, token))["data"][
        "application"
    ]
    return found


async def save(
    client: httpx.AsyncClient,
    token: str,
    application_id: str,
    answers: dict[str, Any],
    situation: dict[str, Any],
) -> dict[str, Any]:
    body = await gql(
        client, SAVE, {"id": application_id, "answers": answers, "situation": situation}, token
    )
    saved: dict[str, Any] = body["data"]["saveApplication"]
    return saved


def statuses(a: dict[str, Any]) -> dict[str, str]:
    return {m["id"]: m["status"] for m in a["evaluation"]["materials"]}


async def test_data_sets_are_shown_before_consent_and_nothing_is_read_without_it(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-1")
    a = await app(client, token, await start(client, token))

    sets = {d["sourceId"]: d for d in a["dataSharing"]}
    assert {"e_license", "real_estate", "marriage", "tax"} <= set(sets)
    for d in sets.values():
        assert d["department"]["zh"] and d["purpose"]["zh"] and d["legalBasis"]
        assert d["consent"] is None and d["lastPull"] is None
    log = (await gql(client, LEDGER, {}, token))["data"]
    assert log == {"myConsents": [], "myDataAccessLog": []}


async def test_consenting_seller_needs_zero_runs_and_sees_where_every_value_came_from(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-1")
    application_id = await start(client, token)
    await save(client, token, application_id, {}, SELLER_SITUATION)

    sources = await consent_to_everything(client, token, application_id)
    a = await app(client, token, application_id)

    assert a["evaluation"]["runCount"] == 0
    house = next(m for m in a["evaluation"]["materials"] if m["id"] == "house_certificate")
    assert (house["status"], house["way"]) == ("PROVIDED", "e_license")
    assert "浙（2016）杭州市不动产权第0087654号" in house["evidence"]["zh"]
    prefilled = {p["field"]: p for p in a["prefilled"]}
    assert prefilled["property_address"]["value"] == "杭州市西湖区文三路 188 号 2 幢 3 单元 502 室"
    assert prefilled["property_certificate_no"]["sourceId"] == "real_estate"
    assert "spouse_name" not in prefilled  # the spouse's own part, filled when she joins
    log = (await gql(client, LEDGER, {}, token))["data"]
    assert sorted(c["sourceId"] for c in log["myConsents"]) == sorted(sources)
    assert sorted(e["sourceId"] for e in log["myDataAccessLog"]) == sorted(sources)


async def test_without_consent_the_seller_needs_one_trip_with_reasons(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-1")
    application_id = await start(client, token)
    await save(client, token, application_id, {}, SELLER_SITUATION)

    a = await app(client, token, application_id)

    assert a["evaluation"]["runCount"] == 1
    trips = a["evaluation"]["trips"]
    assert {t["itemId"] for t in trips} == {"house_certificate", "seller_marriage_certificate"}
    assert all(t["kind"] == "original" and t["reason"]["zh"] and t["remedy"]["zh"] for t in trips)


async def test_a_value_from_government_records_cannot_be_changed_by_the_citizen(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-1")
    application_id = await start(client, token)
    await consent_to_everything(client, token, application_id)

    saved = await save(
        client, token, application_id, {"property_address": "别处"}, SELLER_SITUATION
    )

    assert {"path": "/answers/property_address", "code": "read_only"} in [
        {"path": p["path"], "code": p["code"]} for p in saved["problems"]
    ]
    assert (
        saved["application"]["answers"]["property_address"]
        == "杭州市西湖区文三路 188 号 2 幢 3 单元 502 室"
    )


@pytest.mark.parametrize(
    "trouble", [{"fail": "error"}, {"fail": "garbage"}, {"delay_ms": 2600}, "down"]
)
async def test_a_failing_registry_never_fails_the_application_and_a_later_visit_retries(
    client: httpx.AsyncClient, registry: Registry, monkeypatch: pytest.MonkeyPatch, trouble: Any
) -> None:
    token = await sign_in(client, "demo-1")
    application_id = await start(client, token)
    await save(client, token, application_id, {}, SELLER_SITUATION)
    if trouble == "down":
        monkeypatch.setenv("ZERORUN_REGISTRY_URL", "http://127.0.0.1:9")  # nothing listens there
    else:
        registry.set(**trouble, sources=["e_license", "real_estate"])

    await consent_to_everything(client, token, application_id)
    a = await app(client, token, application_id)

    pulls = {d["sourceId"]: d["lastPull"] for d in a["dataSharing"]}
    assert pulls["real_estate"]["status"] == "failed"
    assert "请改用其他方式" in pulls["real_estate"]["reason"]["zh"]
    assert a["evaluation"]["runCount"] == 1
    assert statuses(a)["house_certificate"] == "BRING_ORIGINAL"

    monkeypatch.delenv("ZERORUN_REGISTRY_URL")
    monkeypatch.setenv("ZERORUN_REGISTRY_URL", registry.url)
    registry.set(delay_ms=0, fail="none", sources=None)
    assert (await gql(client, REFRESH, {"id": application_id}, token))["data"]["refreshSharedData"][
        "__typename"
    ] == "Application"
    assert (await app(client, token, application_id))["evaluation"]["runCount"] == 0


async def test_revoking_consent_stops_reads_drops_the_cache_and_the_material_falls_back(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-1")
    application_id = await start(client, token)
    await save(client, token, application_id, {}, SELLER_SITUATION)
    await consent_to_everything(client, token, application_id)
    consents = {
        d["sourceId"]: d["consent"]["id"]
        for d in (await app(client, token, application_id))["dataSharing"]
    }

    for source in ("e_license", "real_estate"):
        revoked = (await gql(client, REVOKE, {"id": consents[source]}, token))["data"][
            "revokeConsent"
        ]
        assert revoked["revokedAt"]
    reads_before = len((await gql(client, LEDGER, {}, token))["data"]["myDataAccessLog"])
    await gql(client, REFRESH, {"id": application_id}, token)
    a = await app(client, token, application_id)

    assert len((await gql(client, LEDGER, {}, token))["data"]["myDataAccessLog"]) == reads_before
    assert statuses(a)["house_certificate"] == "BRING_ORIGINAL"
    assert "property_certificate_no" not in {p["field"] for p in a["prefilled"]}


async def test_a_citizen_never_sees_another_citizens_cached_or_prefilled_data(
    client: httpx.AsyncClient,
) -> None:
    seller, buyer = await sign_in(client, "demo-1"), await sign_in(client, "demo-2")
    await consent_to_everything(
        client, seller, await start(client, seller)
    )  # fills the cache for demo-1

    buyer_app = await start(client, buyer)
    await consent_to_everything(client, buyer, buyer_app)
    a = await app(client, buyer, buyer_app)

    prefilled = {p["field"]: p["value"] for p in a["prefilled"]}
    assert (
        "property_certificate_no" not in prefilled
    )  # the buyer owns no flat; the seller's is never shown
    assert prefilled.get("spouse_name") != "刘美华"
    reads = (await gql(client, LEDGER, {}, buyer))["data"]["myDataAccessLog"]
    assert reads and not any(r["fromCache"] for r in reads)


async def test_the_wallet_lists_the_e_licenses_of_the_library(client: httpx.AsyncClient) -> None:
    token = await sign_in(client, "demo-1")
    wallet = (await gql(client, "{ myWallet { type number issuedByZerorun } }", {}, token))["data"][
        "myWallet"
    ]
    assert {"real_estate_certificate", "marriage_certificate"} <= {w["type"] for w in wallet}


HOUSE_EVENT_ANSWERS = {
    "seller_mobile": "13805710001",
    "buyer_name": "李婷",
    "buyer_mobile": "13905710021",
    "payment_method": "full_payment",
    "seller_name": "王建国",
    "seller_id_number": "330106196803120311",
}


async def test_seller_and_buyer_transfer_a_house_with_zero_trips_one_form_and_three_departments(
    client: httpx.AsyncClient,
) -> None:
    seller, parent = await seller_ready(client)
    buyer = await buyer_joined(client, seller, parent)

    before = {
        who: await app(client, token, parent)
        for who, token in (("seller", seller), ("buyer", buyer))
    }
    await confirm(client, buyer, parent)
    result = await confirm(client, seller, parent)

    assert [b["evaluation"]["runCount"] for b in before.values()] == [0, 0], before
    assert result == {"__typename": "Application", "status": "SUBMITTED"}, result
    children = (await app(client, seller, parent))["children"]
    assert [c["status"] for c in children] == ["SUBMITTED"] * 3
    assert len({c["matter"]["department"]["name"]["zh"] for c in children}) == 3


NEWBORN = {
    "newborn_name": "孙语桐",
    "newborn_sex": "female",
    "newborn_birth_date": "2026-11-08",
    "ethnicity": "汉族",
    "birth_medical_certificate_no": "Q330000123",
    "birth_place_region": "330106",
    "mother_name": "赵敏",
    "mother_id_number": "330106199411050645",
}


async def test_after_birth_registration_completes_the_medical_insurance_no_longer_asks_for_the_birth_certificate(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-3")
    insurance_before = await start(client, token, "330106-ZJ-005")
    registration = await start(client, token, "330106-ZJ-004")
    await save(
        client,
        token,
        registration,
        NEWBORN,
        {"parents_married": "married", "settle_with": "mother"},
    )
    await consent_to_everything(client, token, registration)
    submitted = (await gql(client, SUBMIT, {"id": registration}, token))["data"][
        "submitApplication"
    ]
    assert submitted["__typename"] == "Application", submitted

    before = statuses(await app(client, token, insurance_before))["birth_medical_certificate"]

    await applications.complete(uuid.UUID(registration))  # the department's decision
    after = await app(client, token, await start(client, token, "330106-ZJ-005"))

    assert (before, statuses(after)["birth_medical_certificate"]) == ("TO_UPLOAD", "PROVIDED")
    wallet = (await gql(client, "{ myWallet { type issuedByZerorun } }", {}, token))["data"][
        "myWallet"
    ]
    assert {"type": "newborn_household_register", "issuedByZerorun": True} in wallet
