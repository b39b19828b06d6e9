"""What each party of a multi-party application (多方申请) owns, sees and confirms, read from
the definition: its own fields and materials, the common ones, and the other applicant
parties' private fields it never sees. Pure functions of a definition."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

Doc = Mapping[str, Any]


@dataclass(frozen=True)
class Part:
    """One applicant party's part of an application. Fields and materials of a subject party
    (a newborn) and those no party declares are common: every applicant party sees and fills
    them. A material without a party is the starting party's."""

    party: str
    starter: str  # the party of the citizen who started the application
    own_fields: frozenset[str]
    hidden_fields: frozenset[str]  # the other applicant parties' fields
    own_materials: frozenset[str]
    hidden_materials: frozenset[str]
    identity_field: str | None
    name_field: str | None

    @property
    def pull_party(self) -> str | None:
        """The key of this party's shared-data reads (the starter's are the application's)."""
        return None if self.party == self.starter else self.party

    def visible_answers(self, answers: Any) -> Any:
        if not isinstance(answers, dict):
            return answers
        return {k: v for k, v in answers.items() if k not in self.hidden_fields}


def declared(definition: Doc) -> list[dict[str, Any]]:
    return [dict(p) for p in definition.get("parties") or []]


def applicant_parties(definition: Doc) -> list[dict[str, Any]]:
    return [p for p in declared(definition) if p["role"] == "applicant"]


def first_applicant(definition: Doc) -> str | None:
    return next((p["id"] for p in applicant_parties(definition)), None)


def named(definition: Doc, party: str) -> dict[str, Any] | None:
    return next((p for p in declared(definition) if p["id"] == party), None)


def is_required(p: Mapping[str, Any]) -> bool:
    return p["role"] == "applicant" and p.get("required") is not False


def material_owner(material: Mapping[str, Any], starter: str, subjects: set[str]) -> str | None:
    """The applicant party who provides a material; None when any of them may (a subject's)."""
    party = material.get("party") or starter
    return None if party in subjects else str(party)


def part_of(definition: Doc, party: str, starter: str) -> Part:
    parties = declared(definition)
    subjects = {p["id"] for p in parties if p["role"] == "subject"}
    fields_of = {p["id"]: set(p.get("fields") or []) for p in parties if p["id"] not in subjects}
    for p in parties:  # a party's identity and name are its own, listed or not
        if p["id"] in fields_of:
            fields_of[p["id"]] |= {p[k] for k in ("identity_field", "name_field") if p.get(k)}
    owners = {
        m["id"]: material_owner(m, starter, subjects) for m in definition.get("materials", [])
    }
    me = named(definition, party) or {}
    return Part(
        party=party,
        starter=starter,
        own_fields=frozenset(fields_of.get(party, set())),
        hidden_fields=frozenset(f for p, fs in fields_of.items() if p != party for f in fs)
        - fields_of.get(party, set()),
        own_materials=frozenset(m for m, o in owners.items() if o in (party, None)),
        hidden_materials=frozenset(m for m, o in owners.items() if o not in (party, None)),
        identity_field=me.get("identity_field"),
        name_field=me.get("name_field"),
    )


def for_party(definition: Doc, part: Part) -> dict[str, Any]:
    """The definition as one party consents and reads shared data for it: only the fields it
    fills (its own and the common ones) and the materials it provides."""
    schema = definition["form"]["schema"]
    properties = {
        k: v for k, v in schema.get("properties", {}).items() if k not in part.hidden_fields
    }
    return {
        **definition,
        "form": {**definition["form"], "schema": {**schema, "properties": properties}},
        "materials": [m for m in definition.get("materials", []) if m["id"] in part.own_materials],
    }
