"""How the parties of several matters combine in a life event (一件事): one list of parties
merged by id, and a checklist that asks each party for their own copy of a material type."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import msgspec

from backend.catalog.definition_model import Party

Doc = dict[str, Any]


def material_keys(
    members: Sequence[Sequence[tuple[str, str, str | None]]],
) -> list[dict[str, str]]:
    """For each member, given its materials as (id, type, party): material id -> the id on
    the bundle's checklist. That is the material's type, asked once across members; a type
    that a later member asks of another party (the buyer's marriage certificate after the
    seller's) is `<type>:<party>`, so each party is asked for their own."""
    first: dict[str, str | None] = {}
    keys = []
    for materials in members:
        own = {}
        for material_id, kind, party in materials:
            owner = first.setdefault(kind, party)
            own[material_id] = kind if party is None or owner == party else f"{kind}:{party}"
        keys.append(own)
    return keys


def merged_parties(lists: Sequence[Sequence[Doc]]) -> list[Doc]:
    """The parties of several members by id: the union of their fields (a field stays with the
    first party that claims it; lint reports a member that gives it to another), an applicant
    party required when any member requires it, the first member's wording otherwise."""
    merged: dict[str, Doc] = {}
    owner: dict[str, str] = {}
    for parties in lists:
        for p in parties:
            first = merged.setdefault(p["id"], {**p, "fields": []})
            for f in p.get("fields", []):
                if owner.setdefault(f, p["id"]) == p["id"] and f not in first["fields"]:
                    first["fields"].append(f)
            if first["role"] == "applicant" and p.get("required", True):
                first.pop("required", None)  # absent means required
            for key in ("identity_field", "name_field", "confirm"):
                if key not in first and key in p:
                    first[key] = p[key]
    return list(merged.values())


def life_event_parties(definitions: Sequence[Doc]) -> list[Party]:
    """The merged parties of a life event's member definitions, typed."""
    merged = merged_parties([d.get("parties", []) for d in definitions])
    return [msgspec.convert(p, Party) for p in merged]
