"""The pure parts of the citizen's flow: which answers a rule reads, when it is still pending at
submit, and which form fields are the applicant's own identity."""

from __future__ import annotations

from backend.applications.eligibility import reads, still_required
from backend.applications.identity import identity_fields, locked, prefilled

PROFILE = {"name": "周宇航", "id_number": "320102199804270414", "mobile": "18851700006"}


def form(*names: str, **extra: object) -> dict[str, object]:
    return {"form": {"schema": {"properties": {n: {"type": "string"} for n in names}}}, **extra}


def test_a_rule_reads_answers_and_situation_questions_never_the_verified_applicant() -> None:
    rule = {
        "or": [
            {"!=": [{"var": "situation.reason"}, "relatives"]},
            {"!=": [{"var": "answers.householder_id_number"}, {"var": "applicant.id_number"}]},
        ]
    }
    assert reads(rule) == [("answers", "householder_id_number"), ("situation", "reason")]
    assert reads({">=": [{"var": "applicant.age"}, 18]}) == []


def test_at_submit_a_rule_waiting_only_on_an_optional_answer_is_judged_as_it_stands() -> None:
    waiting = {
        "on_required": [("answers", "move_from_region")],
        "on_optional": [("answers", "employer_name")],
        "on_situation": [("situation", "reason")],
    }
    assert still_required(waiting, ["move_from_region"]) == {"on_required", "on_situation"}


def test_the_identity_is_the_applicants_elements_or_a_field_a_blocking_rule_binds_to_them() -> None:
    bound = {
        "effect": "block",
        "rule": {"==": [{"var": "answers.operator_id_number"}, {"var": "applicant.id_number"}]},
    }
    warned = {
        **bound,
        "effect": "warn",
        "rule": {"==": [{"var": "answers.x"}, {"var": "applicant.name"}]},
    }
    d = form(
        "applicant_name", "operator_id_number", "x", "applicant_mobile", eligibility=[bound, warned]
    )

    assert identity_fields(d) == {"applicant_name": "name", "operator_id_number": "id_number"}
    assert prefilled(d, PROFILE) == {
        "applicant_name": "周宇航",
        "operator_id_number": "320102199804270414",
        "applicant_mobile": "18851700006",  # a contact: filled, not locked
    }
    answers, problems = locked(d, PROFILE, {"applicant_name": "王建国", "applicant_mobile": "1"})
    assert answers == {
        "applicant_name": "周宇航",
        "operator_id_number": "320102199804270414",
        "applicant_mobile": "1",
    }
    assert [(p.path, p.code) for p in problems] == [("/answers/applicant_name", "read_only")]


def test_a_matter_with_parties_leaves_identities_to_each_party() -> None:
    d = form("applicant_name", parties=[{"id": "seller"}])
    assert identity_fields(d) == {} and prefilled(d, PROFILE) == {}
