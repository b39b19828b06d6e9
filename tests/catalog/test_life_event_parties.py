"""A life event's parties: merged by id across its member matters, each party's checklist and
run count across the one window (backend/applications/bundles.py over the demo catalog)."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from backend.applications.bundles import evaluate_bundle, merged_definition
from backend.catalog.definitions import parse_definition
from backend.catalog.evaluation import Applicant, CompiledMatter, compile_matter
from backend.catalog.lint import Catalog, read_catalog
from backend.catalog.lint_rules import party_conflicts
from backend.settings import ROOT

HOUSE_EVENT = ("330106-ZJ-001", "330106-ZJ-002", "330106-ZJ-003")
NEWBORN_EVENT = ("330106-ZJ-004", "330106-ZJ-005", "330106-ZJ-006")
SITUATION = {
    "applicant_role": "seller",
    "seller_marital_status": "not_married",
    "buyer_family_homes": "first",
    "buyer_marital_status": "not_married",
}
NOBODY = Applicant(profile={})
HOLDER = Applicant(
    profile={},
    e_licenses=frozenset({"real_estate_certificate", "marriage_certificate"}),
    shared_sources=frozenset({"real_estate", "tax", "marriage"}),
)


@cache
def demo_catalog() -> Catalog:
    return read_catalog(ROOT / "form_schemas")


def members(codes: tuple[str, ...]) -> list[tuple[str, CompiledMatter]]:
    cat = demo_catalog()
    return [(c, compile_matter(parse_definition(cat.definitions[c]))) for c in codes]


def test_the_house_transfer_life_event_has_the_seller_the_buyer_and_the_spouse() -> None:
    merged = merged_definition([demo_catalog().definitions[c] for c in HOUSE_EVENT])
    parties = {p["id"]: p for p in merged["parties"]}
    assert list(parties) == ["seller", "buyer", "spouse"]
    assert parties["seller"].get("required", True) and parties["buyer"].get("required", True)
    assert parties["spouse"]["required"] is False
    assert parties["seller"]["fields"] == ["seller_name", "seller_id_number", "seller_mobile"]
    assert parties["buyer"]["fields"] == [
        "buyer_name",
        "buyer_id_number",
        "buyer_mobile",
        "payment_method",
        "delivery_address",
        "buyer_spouse_name",
        "buyer_spouse_id_number",
    ]
    by_type = {m["type"]: m.get("party") for m in merged["materials"]}
    assert by_type["property.real_estate_certificate"] == "seller"
    assert by_type["tax.deed_tax_receipt"] == "buyer"


def test_the_newborns_life_event_has_two_parents_and_the_child_as_subject() -> None:
    merged = merged_definition([demo_catalog().definitions[c] for c in NEWBORN_EVENT])
    parties = {p["id"]: p for p in merged["parties"]}
    assert [(p, parties[p]["role"]) for p in parties] == [
        ("mother", "applicant"),
        ("father", "applicant"),
        ("child", "subject"),
    ]
    assert "required" not in parties["child"]
    child = parties["child"]
    assert (child["identity_field"], child["name_field"]) == ("newborn_id_number", "newborn_name")
    assert {"newborn_name", "cardholder_name", "cardholder_id_number"} <= set(child["fields"])
    assert parties["mother"]["name"]["zh"] == "母亲"  # the first member's wording


def test_each_party_of_the_life_event_counts_its_own_trips_in_one_window() -> None:
    both_hold = evaluate_bundle(
        members(HOUSE_EVENT), HOLDER, {}, SITUATION, {"seller": HOLDER, "buyer": HOLDER}
    )
    assert both_hold.party_run_counts() == {"seller": 0, "buyer": 0, "spouse": 0}
    paper_seller = evaluate_bundle(
        members(HOUSE_EVENT), NOBODY, {}, SITUATION, {"seller": NOBODY, "buyer": HOLDER}
    )
    assert paper_seller.party_run_counts() == {"seller": 1, "buyer": 0, "spouse": 0}
    assert [(t.party, t.item_id) for t in paper_seller.trips] == [("seller", "house_certificate")]
    deed_tax = next(m for m in paper_seller.materials if m.id == "tax.deed_tax_receipt")
    assert (deed_tax.party, deed_tax.status) == ("buyer", "provided")


def test_the_buyer_starting_the_life_event_is_the_buyer_party() -> None:
    result = evaluate_bundle(
        members(HOUSE_EVENT), HOLDER, {}, SITUATION, {"seller": NOBODY, "buyer": HOLDER}
    )
    contract = next(m for m in result.materials if m.id == "property.sale_contract")
    assert contract.party == "buyer"  # a material of no party is the starter's
    assert result.party_run_counts()["seller"] == 1


def test_lint_finds_a_party_with_two_roles_or_a_field_of_two_parties_across_members() -> None:
    cat = demo_catalog()
    first, second = (copy.deepcopy(cat.definitions[c]) for c in HOUSE_EVENT[:2])
    second["parties"][1]["role"] = "subject"
    second["parties"][0]["fields"].append("buyer_mobile")
    docs: list[tuple[int, str, dict[str, Any]]] = [(0, "A", first), (1, "B", second)]
    assert [p.message for p in party_conflicts("e.json", docs)] == [
        "field 'buyer_mobile' belongs to party 'buyer' in A but to 'seller' in B",
        "party 'buyer' is 'applicant' in A but 'subject' in B",
    ]


def test_a_material_type_two_parties_bring_is_asked_of_each_under_its_own_id() -> None:
    married = {**SITUATION, "seller_marital_status": "married", "buyer_marital_status": "married"}
    merged = merged_definition([demo_catalog().definitions[c] for c in HOUSE_EVENT])
    ids = {m["id"]: m.get("party") for m in merged["materials"]}
    assert ids["identity.marriage_certificate"] == "seller"
    assert ids["identity.marriage_certificate:buyer"] == "buyer"

    buyer = Applicant(
        profile={},
        done={"identity.marriage_certificate:buyer": "upload"},
        evidence={"material:identity.marriage_certificate:buyer": {"zh": "结婚证.pdf", "en": ""}},
    )
    result = evaluate_bundle(
        members(HOUSE_EVENT), HOLDER, {}, married, {"seller": HOLDER, "buyer": buyer}
    )
    status = {m.id: (m.party, m.status) for m in result.materials}
    assert status["identity.marriage_certificate"] == ("seller", "provided")
    assert status["identity.marriage_certificate:buyer"] == ("buyer", "uploaded")
    uploaded = next(m for m in result.materials if m.id.endswith(":buyer"))
    assert uploaded.evidence == {"zh": "结婚证.pdf", "en": ""}
