"""Fees computed by rules: the deed tax of the demo house transfer (契税 = 成交价 × 税率, with
the rates of MOF/STA/MOHURD Announcement No. 16 of 2024), its exemption, and the linter's checks
of an amount rule."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import orjson
import pytest

from backend.catalog.definitions import merge, parse_definition
from backend.catalog.evaluation import Applicant, compile_matter, evaluate
from backend.catalog.fees import to_fen
from backend.catalog.lint import read_catalog
from backend.settings import ROOT

MATTERS = ROOT / "form_schemas" / "matters"
SELLER, BUYER, SPOUSE = "330106196803120017", "33010619900101002X", "330106196803120033"


def deed_tax_matter() -> Any:
    template = orjson.loads((MATTERS / "330000" / "330000-ZJ-003.json").read_bytes())
    county = orjson.loads((MATTERS / "330106" / "330106-ZJ-003.json").read_bytes())
    return compile_matter(parse_definition(merge(template, county)))


def deed_tax(answers: dict[str, Any], situation: dict[str, Any]) -> Any:
    evaluation = evaluate(deed_tax_matter(), Applicant(profile={}), answers, situation)
    return next(f for f in evaluation.fees if f.id == "deed_tax")


def sale(price: float, area: float, **more: Any) -> dict[str, Any]:
    return {
        "transaction_price": price,
        "property_area": area,
        "seller_id_number": SELLER,
        "buyer_id_number": BUYER,
        **more,
    }


@pytest.mark.parametrize(
    ("homes", "area", "expected"),
    [
        ("first", 90, 30_000.0),  # the family's only home, ≤ 140 m²: 1%
        ("first", 150, 45_000.0),  # > 140 m²: 1.5%
        ("second", 90, 30_000.0),  # a second home, ≤ 140 m²: 1%
        ("second", 150, 60_000.0),  # > 140 m²: 2%
        ("other", 90, 90_000.0),  # a third home: the 3% Zhejiang applies
        ("first", 140, 30_000.0),  # exactly 140 m² is "140 m² and below"
    ],
)
def test_buyer_owes_deed_tax_at_the_rate_for_their_homes_and_area(
    homes: str, area: float, expected: float
) -> None:
    fee = deed_tax(sale(3_000_000, area), {"buyer_family_homes": homes})
    assert (fee.amount_cny, fee.known) == (expected, True)
    assert fee.formula is not None and "140" in fee.formula["zh"]


def test_deed_tax_is_unknown_until_the_price_and_the_homes_are_given() -> None:
    no_price = deed_tax({"property_area": 90}, {"buyer_family_homes": "first"})
    no_homes = deed_tax(sale(3_000_000, 90), {})
    assert (no_price.known, no_price.amount_cny) == (False, 0.0)
    assert (no_homes.known, no_homes.amount_cny) == (False, 0.0)


def test_a_sale_between_spouses_owes_no_deed_tax_and_says_why() -> None:
    answers = sale(3_000_000, 90, buyer_spouse_id_number=SELLER)
    fee = deed_tax(answers, {"buyer_family_homes": "first", "buyer_marital_status": "married"})
    assert fee.amount_cny == 0.0 and fee.exemption is not None
    assert "第六条第（四）项" in fee.exemption.basis["zh"]


def test_an_amount_is_rounded_half_up_to_the_fen() -> None:
    assert to_fen(1234.565) == 123457
    assert to_fen(0.005) == 1
    assert to_fen("12") == 1200
    assert to_fen(-1) is None and to_fen(float("inf")) is None and to_fen(2e12) is None


def test_fixed_fees_keep_their_amount() -> None:
    template = orjson.loads((MATTERS / "330000" / "330000-ZJ-009.json").read_bytes())
    matter = compile_matter(parse_definition(template))
    fees = evaluate(matter, Applicant(profile={}), {}, {}).fees
    assert [(f.id, f.amount_cny, f.known, f.formula) for f in fees] == [
        ("card_fee", 20.0, True, None)
    ]


def test_lint_checks_an_amount_rule_like_every_rule(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    (catalog / "matters" / "330000").mkdir(parents=True)
    for name in ("elements.json", "regions.json"):
        (catalog / name).write_bytes((ROOT / "form_schemas" / name).read_bytes())
    doc = orjson.loads((MATTERS / "330000" / "330000-ZJ-003.json").read_bytes())
    broken = copy.deepcopy(doc)
    fee = broken["fees"][0]
    fee["amount"] = {"*": [{"var": "answers.price_typo"}, {"pow": [2, 3]}]}
    fee["exemptions"][0]["when"] = {"==": [{"var": "situation.nobody_asked"}, 1]}
    (catalog / "matters" / "330000" / "330000-ZJ-003.json").write_bytes(orjson.dumps(broken))
    problems = {(p.pointer, p.message) for p in read_catalog(catalog).errors}
    assert ("/fees/0/amount/*/0", "unknown variable 'answers.price_typo'") in problems
    assert ("/fees/0/amount/*/1", "unknown operator 'pow'") in problems
    assert (
        "/fees/0/exemptions/0/when/==/0",
        "unknown variable 'situation.nobody_asked'",
    ) in problems


def test_a_fee_gives_a_fixed_amount_or_a_rule_with_its_formula_never_both(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    (catalog / "matters" / "330000").mkdir(parents=True)
    doc = orjson.loads((MATTERS / "330000" / "330000-ZJ-003.json").read_bytes())
    doc["fees"][0]["amount_cny"] = 10
    del doc["fees"][0]["formula"]
    (catalog / "matters" / "330000" / "330000-ZJ-003.json").write_bytes(orjson.dumps(doc))
    problems = read_catalog(catalog).errors
    assert any(p.pointer == "/fees/0" for p in problems), problems
