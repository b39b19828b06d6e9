"""The applicant's own identity in the form: the fields of the data elements naming the
applicant's verified name and resident ID (elements.json: applicant_name, applicant_id_number)
are filled from the signed-in citizen's verified profile and locked, as a party's identity and
name are (party_access.merge_answers); the verified mobile (applicant_mobile) is filled when a
draft starts and stays the citizen's to change (a contact number, not who they are)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from backend.forms.validation import FieldError

# form field -> the verified profile's key: the applicant's identity, locked
IDENTITY = {"applicant_name": "name", "applicant_id_number": "id_number"}
# prefilled from the verified profile but the citizen's to change: a contact, not an identity
CONTACT = {"applicant_mobile": "mobile"}


def identity_fields(definition: Mapping[str, Any]) -> dict[str, str]:
    """The form's fields that are the applicant's own identity, with their profile keys; none
    for a matter with parties (each party's identity is theirs: party_access)."""
    if definition.get("parties"):
        return {}
    properties = definition["form"]["schema"].get("properties", {})
    fields = {name: key for name, key in IDENTITY.items() if name in properties}
    for rule in definition.get("eligibility", []):
        fields.update(_bound(rule.get("rule"), properties) if rule.get("effect") == "block" else {})
    return fields


def _bound(rule: Any, properties: Mapping[str, Any]) -> dict[str, str]:
    """A field a blocking rule requires to equal the applicant's verified name or ID
    ({"==": [{"var": "answers.operator_id_number"}, {"var": "applicant.id_number"}]}): the
    applicant's own identity under another name."""
    if not isinstance(rule, dict) or len(rule) != 1:
        return {}
    op, args = next(iter(rule.items()))
    if op not in ("==", "===") or not isinstance(args, list) or len(args) != 2:
        return {}
    paths = [a.get("var") if isinstance(a, dict) else None for a in args]
    answer = next((p[8:] for p in paths if isinstance(p, str) and p.startswith("answers.")), None)
    own = next((p[10:] for p in paths if isinstance(p, str) and p.startswith("applicant.")), None)
    if answer is not None and own is not None and answer in properties and own in IDENTITY.values():
        return {answer: own}
    return {}


def prefilled(definition: Mapping[str, Any], profile: Mapping[str, Any]) -> dict[str, Any]:
    """A new draft's answers: the identity and the contact the verified profile gives."""
    if definition.get("parties"):
        return {}
    properties = definition["form"]["schema"].get("properties", {})
    fields = {
        **identity_fields(definition),
        **{n: k for n, k in CONTACT.items() if n in properties},
    }
    return {n: profile[k] for n, k in fields.items() if profile.get(k)}


def locked(
    definition: Mapping[str, Any], profile: Mapping[str, Any], answers: Any
) -> tuple[Any, list[FieldError]]:
    """The answers with the applicant's identity as verified; a different value given is
    replaced and reported (read_only). A value the profile lacks stays the citizen's to give."""
    if not isinstance(answers, dict):
        return answers, []
    answers, problems = dict(answers), []
    for name, key in identity_fields(definition).items():
        value = profile.get(key)
        if not value:
            continue
        if answers.get(name) not in (None, "", value):
            problems.append(
                FieldError(
                    f"/answers/{name}",
                    "read_only",
                    "此项为您实名认证的信息，不能修改。",
                    "This is your verified identity; it cannot be changed.",
                )
            )
        answers[name] = value
    return answers, problems


def verified(definition: Mapping[str, Any], profile: Mapping[str, Any]) -> list[str]:
    """The identity fields the verified profile fills (read-only in the form)."""
    return [n for n, key in identity_fields(definition).items() if profile.get(key)]
