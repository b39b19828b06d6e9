"""The run count, computed as DOMAIN.md defines it, with a reason and a remedy for every trip."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from backend.catalog.definitions import merge, parse_definition
from backend.catalog.evaluation import Applicant, compile_matter, evaluate

T = {"zh": "文字", "en": "text"}
MATERIAL = {"type": "property.deed", "name": T, "description": T, "why": T, "sample": T}
BASE: dict[str, Any] = {
    "code": "330000-ZT-001",
    "name": T,
    "summary": T,
    "kind": "public_service",
    "audience": "citizen",
    "department": {"code": "330000-ZT", "name": T},
    "region": "330000",
    "legal_basis": [{"title": T}],
    "form": {"schema": {"type": "object", "properties": {"price": {"type": "number"}}}, "ui": {}},
    "situations": [
        {
            "id": "buyer",
            "question": T,
            "options": [{"value": "person", "label": T}, {"value": "company", "label": T}],
        }
    ],
    "eligibility": [
        {
            "id": "adult",
            "rule": {">=": [{"var": "applicant.age"}, 18]},
            "effect": "block",
            "message": T,
        },
        {
            "id": "cheap",
            "rule": {"<": [{"var": "answers.price"}, 100]},
            "effect": "warn",
            "message": T,
        },
    ],
    "materials": [
        {
            "id": "deed",
            **MATERIAL,
            "ways": [
                {"kind": "e_license", "license_type": "real_estate_certificate"},
                {"kind": "original"},
            ],
        },
        {
            "id": "charter",
            **MATERIAL,
            "required_when": {"==": [{"var": "situation.buyer"}, "company"]},
            "ways": [{"kind": "upload", "accept": ["application/pdf"], "max_bytes": 1000}],
        },
        {
            "id": "income",
            **MATERIAL,
            "ways": [
                {"kind": "shared_data", "source": "tax", "elements": ["annual_income"]},
                {"kind": "commitment", "text": T},
            ],
        },
    ],
    "on_site_steps": [],
    "time_limits": {"statutory_days": 20, "promised_days": 5},
    "fees": [
        {
            "id": "stamp",
            "name": T,
            "amount_cny": 5,
            "when": {"==": [{"var": "situation.buyer"}, "company"]},
        }
    ],
    "delivery": ["e_license", "pickup"],
    "channels": ["mini_program"],
    "output": {"kind": "certificate", "name": T},
}
HOLDER = Applicant(
    profile={"age": 40},
    e_licenses=frozenset({"real_estate_certificate"}),
    shared_sources=frozenset({"tax"}),
)
NOBODY = Applicant(profile={"age": 40})


def run(
    definition: dict[str, Any],
    applicant: Applicant,
    situation: dict[str, Any] | None = None,
    answers: dict[str, Any] | None = None,
):  # type: ignore[no-untyped-def]
    return evaluate(
        compile_matter(parse_definition(definition)),
        applicant,
        answers or {},
        situation or {"buyer": "person"},
    )


def changed(**changes: Any) -> dict[str, Any]:
    return merge(copy.deepcopy(BASE), changes)  # type: ignore[no-any-return]


def test_citizen_with_e_license_and_shared_data_needs_zero_runs() -> None:
    result = run(BASE, HOLDER)
    assert result.run_count == 0
    assert [(m.id, m.status) for m in result.materials] == [
        ("deed", "provided"),
        ("charter", "not_required"),
        ("income", "provided"),
    ]


def test_citizen_without_e_license_brings_the_original_once_and_is_told_why() -> None:
    result = run(BASE, NOBODY)
    assert result.run_count == 1
    [trip] = result.trips
    assert (trip.kind, trip.item_id, trip.visit) == ("original", "deed", 1)
    assert "e-license" in trip.remedy["en"]
    assert [m.status for m in result.materials] == ["bring_original", "not_required", "to_sign"]


def test_situation_selects_materials_and_fees() -> None:
    result = run(BASE, HOLDER, situation={"buyer": "company"})
    assert [m.status for m in result.materials][1] == "to_upload"
    assert [f.id for f in result.fees] == ["stamp"]


def test_several_on_site_steps_cost_one_visit() -> None:
    steps = [{"id": s, "name": T, "description": T, "why": T} for s in ("photo", "fingerprint")]
    result = run(changed(on_site_steps=steps), HOLDER)
    assert result.run_count == 1
    assert [t.kind for t in result.trips] == ["on_site", "on_site"]


def test_pickup_only_delivery_is_a_second_trip_unless_issued_on_the_spot() -> None:
    steps = [{"id": "sign", "name": T, "description": T, "why": T}]
    later = changed(on_site_steps=steps, delivery=["pickup"])
    on_the_spot = changed(
        on_site_steps=steps, delivery=["pickup"], time_limits={"promised_days": 0}
    )
    assert run(later, HOLDER).run_count == 2
    assert run(on_the_spot, HOLDER).run_count == 1
    assert run(changed(delivery=["pickup"]), HOLDER).run_count == 1


def test_express_delivery_costs_no_trip() -> None:
    assert run(changed(delivery=["express", "pickup"]), HOLDER).run_count == 0


def test_block_rule_makes_the_applicant_ineligible_and_warn_does_not() -> None:
    minor = Applicant(profile={"age": 15})
    assert run(BASE, minor, answers={"price": 50}).eligible is False
    warned = run(BASE, HOLDER, answers={"price": 500})
    assert warned.eligible is True
    assert [(r.id, r.passed) for r in warned.eligibility] == [("adult", True), ("cheap", False)]


def test_time_limit_override_applies_to_its_situation() -> None:
    d = changed(
        time_limits={
            "overrides": [
                {
                    "when": {"==": [{"var": "situation.buyer"}, "company"]},
                    "promised_days": 1,
                    "note": T,
                }
            ]
        }
    )
    assert run(d, HOLDER, situation={"buyer": "company"}).promised_days == 1
    assert run(d, HOLDER).promised_days == 5


def test_county_version_merges_by_id_and_can_remove_an_entry() -> None:
    county = {
        "materials": [
            {"id": "deed", "name": {"zh": "新", "en": "new"}},
            {"id": "charter", "$remove": True},
            {"id": "local", **MATERIAL, "ways": [{"kind": "commitment", "text": T}]},
        ],
        "delivery": ["express"],
    }
    merged = merge(BASE, county)
    assert [m["id"] for m in merged["materials"]] == ["deed", "income", "local"]
    assert merged["materials"][0]["ways"] == BASE["materials"][0]["ways"]
    assert merged["materials"][0]["name"]["zh"] == "新"
    assert merged["delivery"] == ["express"]


# --- parties: the run count of each person ------------------------------------------------------

PARTIES = [
    {"id": "seller", "name": T, "role": "applicant", "confirm": T},
    {"id": "buyer", "name": T, "role": "applicant", "confirm": T},
    {"id": "child", "name": T, "role": "subject", "required": False},
]
SELLER = Applicant(profile={"age": 40, "id_number": "330106196803120311"})


def two_parties(**changes: Any) -> dict[str, Any]:
    """The base matter with a seller and a buyer: the deed is the seller's, the income the
    buyer's."""
    d = changed(parties=PARTIES, **changes)
    d["materials"][0]["party"] = "seller"
    d["materials"][2]["party"] = "buyer"
    return d


def run_parties(
    definition: dict[str, Any],
    starter: Applicant,
    parties: dict[str, Applicant] | None,
    situation: dict[str, Any] | None = None,
):  # type: ignore[no-untyped-def]
    return evaluate(
        compile_matter(parse_definition(definition)),
        starter,
        {},
        situation or {"buyer": "person"},
        parties,
    )


def test_each_material_is_checked_against_the_licenses_and_data_of_its_own_party() -> None:
    result = run_parties(two_parties(), NOBODY, {"seller": NOBODY, "buyer": HOLDER})
    assert [(m.id, m.party, m.status) for m in result.materials] == [
        ("deed", "seller", "bring_original"),
        ("charter", "seller", "not_required"),
        ("income", "buyer", "provided"),
    ]
    assert result.party_run_counts() == {"seller": 1, "buyer": 0}
    assert result.run_count == 1


def test_the_run_count_is_the_worst_partys_and_each_trip_names_its_party() -> None:
    result = run_parties(two_parties(), HOLDER, {"seller": HOLDER, "buyer": NOBODY})
    assert result.party_run_counts() == {"seller": 0, "buyer": 0}
    deed_by_buyer = two_parties()
    deed_by_buyer["materials"][0]["party"] = "buyer"
    result = run_parties(deed_by_buyer, HOLDER, {"seller": HOLDER, "buyer": NOBODY})
    assert [(t.party, t.item_id) for t in result.trips] == [("buyer", "deed")]
    assert result.party_run_counts() == {"seller": 0, "buyer": 1}
    assert result.run_count == 1


def test_a_party_not_joined_yet_is_evaluated_as_nobody() -> None:
    result = run_parties(two_parties(), HOLDER, None)
    assert [(m.id, m.status) for m in result.materials][2] == ("income", "to_sign")


def test_a_material_without_a_party_is_the_starters_whichever_party_started() -> None:
    d = two_parties()
    del d["materials"][0]["party"]
    as_buyer = run_parties(d, NOBODY, {"seller": HOLDER, "buyer": NOBODY})
    deed = as_buyer.materials[0]
    assert (deed.id, deed.party, deed.status) == ("deed", "buyer", "bring_original")
    assert as_buyer.party_run_counts() == {"seller": 0, "buyer": 1}


def test_on_site_steps_are_the_starters_and_pickup_the_holders_own_visits() -> None:
    steps = [{"id": "sign", "name": T, "description": T, "why": T}]
    d = two_parties(on_site_steps=steps, delivery=["pickup"], output={"holder": "buyer"})
    result = run_parties(d, HOLDER, {"seller": HOLDER, "buyer": HOLDER})
    assert [(t.kind, t.party, t.visit) for t in result.trips] == [
        ("on_site", "seller", 1),
        ("pickup", "buyer", 1),
    ]
    assert result.party_run_counts() == {"seller": 1, "buyer": 1}


def test_a_subjects_result_is_picked_up_by_the_starter() -> None:
    d = two_parties(delivery=["pickup"], output={"holder": "child"})
    result = run_parties(d, HOLDER, {"seller": HOLDER})
    assert [(t.kind, t.party) for t in result.trips] == [("pickup", "seller")]
    by_the_buyer = run_parties(d, HOLDER, {"seller": SELLER, "buyer": HOLDER})
    assert [(t.kind, t.party) for t in by_the_buyer.trips] == [
        ("original", "seller"),
        ("pickup", "buyer"),
    ]


def test_a_rule_reads_the_profile_of_another_party() -> None:
    d = two_parties()
    d["eligibility"] = [
        {
            "id": "seller_known",
            "rule": {"==": [{"var": "parties.seller.id_number"}, "330106196803120311"]},
            "effect": "block",
            "message": T,
        }
    ]
    assert run_parties(d, NOBODY, {"seller": SELLER, "buyer": NOBODY}).eligible
    assert not run_parties(d, NOBODY, {"seller": NOBODY, "buyer": NOBODY}).eligible


def test_a_matter_without_parties_counts_no_party() -> None:
    result = run(BASE, NOBODY)
    assert result.party_run_counts() == {}
    assert {t.party for t in result.trips} == {None}
    assert {m.party for m in result.materials} == {None}


def test_a_starter_of_a_party_this_matter_does_not_declare_keeps_their_own_party() -> None:
    # in a life event the seller's spouse may start; the deed tax member has no spouse party
    d = two_parties()
    del d["materials"][0]["party"]
    result = run_parties(d, NOBODY, {"spouse": NOBODY, "seller": HOLDER, "buyer": HOLDER})
    deed = result.materials[0]
    assert (deed.party, deed.status) == ("spouse", "bring_original")
    assert [(m.party, m.status) for m in result.materials][2] == ("buyer", "provided")


WAYS = st.sampled_from(
    [
        [{"kind": "e_license", "license_type": "real_estate_certificate"}, {"kind": "original"}],
        [
            {"kind": "shared_data", "source": "tax", "elements": ["annual_income"]},
            {"kind": "original"},
        ],
        [{"kind": "upload", "accept": ["application/pdf"]}],
        [{"kind": "original"}],
    ]
)
WHO = st.sampled_from([HOLDER, NOBODY, SELLER])


@settings(deadline=None, max_examples=60)
@given(
    materials=st.lists(
        st.tuples(st.sampled_from([None, "seller", "buyer"]), WAYS), min_size=1, max_size=5
    ),
    seller=WHO,
    buyer=WHO,
    delivery=st.sampled_from([["e_license"], ["pickup"]]),
)
def test_each_party_counts_only_its_own_trips_and_the_run_count_is_the_worst_partys(
    materials: list[tuple[str | None, list[dict[str, Any]]]],
    seller: Applicant,
    buyer: Applicant,
    delivery: list[str],
) -> None:
    d = changed(parties=PARTIES, delivery=delivery)
    d["materials"] = [
        {"id": f"m{i}", **MATERIAL, "ways": ways, **({"party": party} if party else {})}
        for i, (party, ways) in enumerate(materials)
    ]
    result = run_parties(d, seller, {"seller": seller, "buyer": buyer})
    counts = result.party_run_counts()
    assert set(counts) == {"seller", "buyer"}
    assert result.run_count == max(counts.values())
    # each party's count is what that person alone would need for their own part (the seller
    # starts: materials of no party and the pickup are the seller's)
    for party, who in (("seller", seller), ("buyer", buyer)):
        own = [m for m in d["materials"] if m.get("party", "seller") == party]
        alone = copy.deepcopy(d)
        alone.update(
            parties=[], materials=[{k: v for k, v in m.items() if k != "party"} for m in own]
        )
        alone["delivery"] = delivery if party == "seller" else ["e_license"]
        assert run(alone, who).run_count == counts[party], party
