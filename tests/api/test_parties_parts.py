"""Which fields and materials are whose in a multi-party definition: a party fills its own and
the common ones, never sees another applicant party's, and sees the subject's (a newborn's)."""

from __future__ import annotations

from typing import Any

from backend.applications.party_parts import for_party, part_of

DEFINITION: dict[str, Any] = {
    "parties": [
        {
            "id": "mother",
            "role": "applicant",
            "identity_field": "mother_id",
            "fields": ["mother_id"],
        },
        {"id": "father", "role": "applicant", "required": False, "name_field": "father_name"},
        {"id": "child", "role": "subject", "fields": ["child_name"]},
    ],
    "form": {
        "schema": {
            "properties": {k: {} for k in ("mother_id", "father_name", "child_name", "address")}
        }
    },
    "materials": [
        {"id": "birth_certificate", "party": "mother"},
        {"id": "paternity_report", "party": "father"},
        {"id": "photo", "party": "child"},
        {"id": "register"},  # no party: the starter's
    ],
}


def test_a_party_owns_its_fields_and_name_sees_the_common_and_the_subjects_and_not_the_others() -> (
    None
):
    father = part_of(DEFINITION, "father", starter="mother")
    assert father.own_fields == {"father_name"}
    assert father.hidden_fields == {"mother_id"}
    assert father.visible_answers({"mother_id": "x", "child_name": "y", "address": "z"}) == {
        "child_name": "y",
        "address": "z",
    }
    assert father.own_materials == {"paternity_report", "photo"}
    assert father.hidden_materials == {"birth_certificate", "register"}
    assert father.pull_party == "father"


def test_the_starter_provides_the_materials_no_party_is_named_for_and_reads_as_the_application() -> (
    None
):
    mother = part_of(DEFINITION, "mother", starter="mother")
    assert mother.own_materials == {"birth_certificate", "photo", "register"}
    assert mother.identity_field == "mother_id" and mother.pull_party is None


def test_a_party_consents_for_the_data_of_its_own_part_only() -> None:
    seen = for_party(DEFINITION, part_of(DEFINITION, "father", starter="mother"))
    assert set(seen["form"]["schema"]["properties"]) == {"father_name", "child_name", "address"}
    assert [m["id"] for m in seen["materials"]] == ["paternity_report", "photo"]
