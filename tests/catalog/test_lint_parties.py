"""Lint over a matter's parties (多方申请): each test breaks one thing in the house transfer's
template and finds it reported at its JSON pointer, in English and in Chinese."""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import cache
from typing import Any

import orjson
import pytest

from backend.catalog.definitions import Problem
from backend.catalog.lint import Catalog, check_matter, read_catalog
from backend.settings import ROOT

CATALOG = ROOT / "form_schemas"
TRANSFER = orjson.loads((CATALOG / "matters/330000/330000-ZJ-002.json").read_bytes())
T = {"zh": "文字", "en": "text"}
SELLER, BUYER, SPOUSE = 0, 1, 2


@cache
def demo_catalog() -> Catalog:
    return read_catalog(CATALOG)


def lint(change: Callable[[dict[str, Any]], None]) -> list[Problem]:
    doc = copy.deepcopy(TRANSFER)
    change(doc)
    cat = demo_catalog()
    _, problems = check_matter("t.json", doc, {}, cat.elements, cat.sources)
    return [p for p in problems if p.severity != "info"]


def found(change: Callable[[dict[str, Any]], None]) -> list[tuple[str, str, str]]:
    """(severity, pointer, English message) of every problem, each with a Chinese message."""
    problems = lint(change)
    assert all(p.message_zh for p in problems), problems
    return [(p.severity, p.pointer, p.message) for p in problems]


def material(doc: dict[str, Any], material_id: str) -> dict[str, Any]:
    return next(m for m in doc["materials"] if m["id"] == material_id)


def test_the_house_transfer_template_lints_clean() -> None:
    assert found(lambda doc: None) == []


def test_party_ids_are_unique() -> None:
    def twice(doc: dict[str, Any]) -> None:
        doc["parties"][BUYER]["id"] = "seller"
        doc["output"]["holder"] = "seller"
        del material(doc, "deed_tax_receipt")["party"]

    assert ("error", "/parties/1/id", "duplicate id 'seller'") in found(twice)


def test_parties_need_at_least_one_applicant() -> None:
    def subjects_only(doc: dict[str, Any]) -> None:
        doc["parties"] = [{"id": "child", "name": T, "role": "subject"}]
        doc["output"] = {"kind": "decision", "name": T}
        for m in doc["materials"]:
            m.pop("party", None)
        material(doc, "spouse_consent")["required_when"] = None

    assert found(subjects_only) == [
        (
            "error",
            "/parties",
            "parties are declared but none is an applicant: someone must apply",
        )
    ]


@pytest.mark.parametrize("key", ["identity_field", "name_field"])
def test_a_partys_identity_and_name_fields_exist_and_are_its_own(key: str) -> None:
    def unknown(doc: dict[str, Any]) -> None:
        doc["parties"][SELLER][key] = "nobody_field"

    def someone_elses(doc: dict[str, Any]) -> None:
        doc["parties"][SELLER][key] = doc["parties"][BUYER][key]

    assert found(unknown) == [
        ("error", f"/parties/0/{key}", "'nobody_field' is not a field of the form")
    ]
    assert ("error", f"/parties/0/{key}") in [p[:2] for p in found(someone_elses)]


def test_every_field_a_party_names_exists_and_belongs_to_one_party_only() -> None:
    def shared(doc: dict[str, Any]) -> None:
        doc["parties"][BUYER]["fields"] += ["seller_name", "nobody_field"]

    assert set(found(shared)) == {
        ("error", "/parties/1/fields/5", "'nobody_field' is not a field of the form"),
        (
            "error",
            "/parties/1/fields/4",
            "field 'seller_name' already belongs to party 'seller': a field belongs to at most one party",
        ),
    }


def test_the_identity_field_holds_a_resident_id() -> None:
    def mobile(doc: dict[str, Any]) -> None:
        doc["parties"][BUYER]["identity_field"] = "buyer_mobile"

    assert found(mobile) == [
        ("error", "/parties/1/identity_field", "'buyer_mobile' must have format cn-resident-id")
    ]


def test_a_subject_is_neither_required_nor_asked_to_confirm() -> None:
    def subject(doc: dict[str, Any]) -> None:
        doc["parties"][SPOUSE].update(role="subject", required=True)

    assert found(subject) == [
        (
            "error",
            "/parties/2/required",
            "a subject party does not apply, so it cannot be required",
        ),
        ("error", "/parties/2/confirm", "a subject party does not apply, so it confirms nothing"),
    ]


def test_every_applicant_party_is_told_what_it_confirms() -> None:
    def silent(doc: dict[str, Any]) -> None:
        del doc["parties"][BUYER]["confirm"]

    assert found(silent) == [
        ("error", "/parties/1/confirm", "an applicant party must be told what it confirms")
    ]


def test_materials_holder_and_superseded_party_name_declared_parties() -> None:
    def unknown(doc: dict[str, Any]) -> None:
        material(doc, "deed_tax_receipt")["party"] = "agent"
        doc["output"]["holder"] = "bank"
        doc["output"]["supersedes"]["party"] = "notary"
        doc["output"]["supersedes"]["number_field"] = "nobody_field"

    declared = "is not a declared party (seller, buyer, spouse)"
    assert found(unknown) == [
        ("error", "/materials/4/party", f"'agent' {declared}"),
        ("error", "/output/holder", f"'bank' {declared}"),
        ("error", "/output/supersedes/party", f"'notary' {declared}"),
        ("error", "/output/supersedes/number_field", "'nobody_field' is not a field of the form"),
    ]


def test_a_subject_provides_no_material() -> None:
    def by_subject(doc: dict[str, Any]) -> None:
        doc["parties"][SPOUSE] = {"id": "spouse", "name": T, "role": "subject"}
        material(doc, "spouse_consent")["party"] = "spouse"

    assert [p[:2] for p in found(by_subject)] == [("error", "/materials/2/party")]


def test_a_holder_or_a_materials_party_without_parties_is_an_error() -> None:
    def no_parties(doc: dict[str, Any]) -> None:
        del doc["parties"]
        doc["output"].pop("supersedes")
        for m in doc["materials"]:
            m.pop("party", None)
        material(doc, "sale_contract")["party"] = "buyer"
        doc["materials"][2]["required_when"] = None

    assert found(no_parties) == [
        (
            "error",
            "/materials/3/party",
            "names party 'buyer' but the matter declares no parties",
        ),
        ("error", "/output/holder", "names party 'buyer' but the matter declares no parties"),
    ]


def test_a_rule_may_read_a_declared_partys_profile_only() -> None:
    def rule(doc: dict[str, Any]) -> None:
        doc["eligibility"][0]["rule"] = {
            "==": [{"var": "parties.seller.id_number"}, {"var": "parties.notary.id_number"}]
        }

    assert [p[:2] for p in found(rule)] == [("error", "/eligibility/0/rule/==/1")]


def test_a_deferrable_material_that_cannot_arrive_later_is_warned_about() -> None:
    def signed_online(doc: dict[str, Any]) -> None:
        m = material(doc, "seller_marriage_certificate")
        m["ways"] = [m["ways"][0], {"kind": "commitment", "text": T}]

    assert found(signed_online) == [
        (
            "warning",
            "/materials/1/deferrable",
            "deferrable, but no way of it (an upload or the original) can arrive later",
        )
    ]


def test_the_run_count_warning_names_the_party_who_would_need_the_trips() -> None:
    def two_visits(doc: dict[str, Any]) -> None:
        doc["delivery"] = ["pickup"]
        doc["time_limits"]["promised_days"] = 5
        material(doc, "deed_tax_receipt")["ways"] = [{"kind": "original"}]

    warnings = [p.message for p in lint(two_visits) if p.severity == "warning"]
    assert warnings  # one a situation combination
    for message in warnings:
        assert message.startswith("the buyer without e-licenses or shared data needs 2 trips")
        assert "Bring the original for checking: Deed tax" in message
        assert "Real-estate certificate" not in message  # the seller's trip is the seller's
