"""Automatic decisions as the catalog states them (issue 19): who qualifies for the newborn's
medical insurance by the rules alone, a declaration lint refuses because it can never hold,
and the report's count."""

from __future__ import annotations

import copy
import datetime as dt

from backend.catalog.automatic import hindrances, qualifies
from backend.catalog.definitions import parse_definition
from backend.catalog.evaluation import Applicant, compile_matter, evaluate
from backend.catalog.lint import check_matter, read_catalog
from backend.catalog.report import measure
from backend.settings import ROOT

CATALOG = read_catalog(ROOT / "form_schemas")
INSURANCE = "330106-ZJ-005"  # the newborn's medical insurance: both materials from e-licenses
ID_CARD = "330106-ZJ-009"  # the first ID card: fingerprints on site, a fee, an original
MOTHER = Applicant(profile={}, e_licenses=frozenset({"newborn_household_register"}))


def newborn(days_old: int) -> dict[str, object]:
    born = dt.date.today() - dt.timedelta(days=days_old)
    return {"newborn_birth_date": born.isoformat()}


def test_the_mother_holding_the_childs_e_license_qualifies_and_without_it_goes_to_the_window() -> (
    None
):
    compiled = compile_matter(parse_definition(CATALOG.definitions[INSURANCE]))
    d = compiled.definition

    holding = evaluate(compiled, MOTHER, newborn(10), {})
    without = evaluate(compiled, Applicant(profile={}), newborn(10), {})
    late = evaluate(compiled, MOTHER, newborn(120), {})  # past 90 days: a warning rule fails

    assert qualifies(d, holding) and hindrances(holding) == []
    assert not qualifies(d, without)
    assert hindrances(without) == [
        "material:birth_medical_certificate",
        "material:newborn_household_register",
    ]
    assert hindrances(late) == ["rule:within_ninety_days"]


def test_lint_refuses_an_automatic_declaration_that_can_never_hold() -> None:
    doc = copy.deepcopy(CATALOG.definitions[ID_CARD])
    del doc["extends"]  # the effective definition, checked as a whole
    doc["automatic"] = {"sample_rate": 0.5}
    register = doc["materials"][0]  # the household register: only its original now
    register["ways"] = [w for w in register["ways"] if w["kind"] == "original"]

    _, problems = check_matter("id-card.json", doc, {}, CATALOG.elements, CATALOG.sources)

    never = sorted((p.pointer, p.severity) for p in problems if "秒批" in p.message_zh)
    assert never == [("/fees/0", "error"), ("/materials/0", "error"), ("/on_site_steps/0", "error")]


def test_a_rate_outside_0_to_1_breaks_the_meta_schema() -> None:
    doc = copy.deepcopy(CATALOG.definitions[INSURANCE])
    del doc["extends"]
    doc["automatic"] = {"sample_rate": 1.5}

    definition, problems = check_matter("x.json", doc, {}, CATALOG.elements, CATALOG.sources)

    assert definition is None
    assert [p.pointer for p in problems] == ["/automatic/sample_rate"]


def test_the_report_counts_the_automatic_matters_offered_in_the_county() -> None:
    report = measure(ROOT / "form_schemas", "330106")

    assert report.automatic == 2
    assert {m.code: m.sample_rate for m in report.matters if m.sample_rate is not None} == {
        "330106-ZJ-005": 0.1,
        "330106-ZJ-006": 0.1,
    }
