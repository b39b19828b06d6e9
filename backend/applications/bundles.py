"""Life events (一件事): one merged form and checklist over several matters, and one
evaluation across them. Members keep their own pinned versions; the bundle is derived."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from backend.catalog.service import (
    Applicant,
    CompiledMatter,
    Evaluation,
    MaterialItem,
    MatterDefinition,
    Trip,
    evaluate,
    material_keys,
    merged_parties,
)

Doc = dict[str, Any]


def merged_definition(members: Sequence[Doc]) -> Doc:
    """One form (fields deduplicated by data element), one checklist (materials deduplicated
    by type and party, see `material_keys`), one list of parties (merged by id), every
    member's rules; the first member's wording wins where they overlap."""
    properties: Doc = {}
    required: list[str] = []
    order: list[str] = []
    ui: Doc = {}
    situations: dict[str, Doc] = {}
    materials: dict[str, Doc] = {}
    delivery: list[str] = []
    keys = material_keys(
        [[(m["id"], m["type"], m.get("party")) for m in d["materials"]] for d in members]
    )
    for d, member_keys in zip(members, keys, strict=True):
        delivery += [m for m in d.get("delivery", []) if m not in delivery]
        schema = d["form"]["schema"]
        for name, prop in schema.get("properties", {}).items():
            properties.setdefault(name, prop)
        required += [r for r in schema.get("required", []) if r not in required]
        form_ui = d["form"].get("ui", {})
        order += [f for f in form_ui.get("ui:order", []) if f not in order]
        ui.update({k: v for k, v in form_ui.items() if k != "ui:order" and k not in ui})
        for s in d.get("situations", []):
            situations.setdefault(s["id"], s)
        for m in d["materials"]:
            key = member_keys[m["id"]]
            materials.setdefault(key, {**m, "id": key})
    parties = merged_parties([d.get("parties", []) for d in members])
    return {
        "form": {
            "schema": {"type": "object", "properties": properties, "required": required},
            "ui": {"ui:order": order, **ui},
        },
        "situations": list(situations.values()),
        "materials": list(materials.values()),
        "delivery": delivery,
        **({"parties": parties} if parties else {}),
    }


def project(values: Any, keys: Sequence[str]) -> dict[str, Any]:
    """A member's share of the bundle's answers or situation."""
    return {k: v for k, v in values.items() if k in keys} if isinstance(values, dict) else {}


def member_inputs(
    d: MatterDefinition, answers: Any, situation: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    return (
        project(answers, list(d.form.schema.get("properties", {}))),
        project(situation, [s.id for s in d.situations]),
    )


def member_applicant(who: Applicant, d: MatterDefinition) -> Applicant:
    """Actions on the bundle's checklist are keyed by its ids (`material_keys`: the type, or
    `<type>:<party>`); a member sees them under its own material ids."""
    done: dict[str, str] = {}
    evidence = dict(who.evidence)
    for m in d.materials:
        for key in ([f"{m.type}:{m.party}"] if m.party else []) + [m.type]:
            if key in who.done or f"material:{key}" in who.evidence:
                if key in who.done:
                    done[m.id] = who.done[key]
                if f"material:{key}" in who.evidence:
                    evidence[f"material:{m.id}"] = who.evidence[f"material:{key}"]
                break
    return replace(who, done=done, evidence=evidence)


def evaluate_bundle(
    members: Sequence[tuple[str, CompiledMatter]],
    who: Applicant,
    answers: Any,
    situation: Any,
    parties: Mapping[str, Applicant] | None = None,
) -> Evaluation:
    """Every member evaluated on its share, each party with its own Applicant (as `evaluate`);
    the checklist merged by material type, and the run count of one window per party: what
    needs a visit is done in the same visit for every member."""
    results = []
    keys = material_keys(
        [[(m.id, m.type, m.party) for m in c.definition.materials] for _, c in members]
    )
    for code, compiled in members:
        d = compiled.definition
        member_answers, member_situation = member_inputs(d, answers, situation)
        own = {p: member_applicant(a, d) for p, a in (parties or {}).items()}
        starter = member_applicant(who, d)
        result = evaluate(compiled, starter, member_answers, member_situation, own)
        results.append((code, d, result))
    materials: list[MaterialItem] = []
    trips: list[Trip] = []
    seen: set[str] = set()
    for (_code, _d, result), member_keys in zip(results, keys, strict=True):
        for item in result.materials:
            if member_keys[item.id] not in seen:
                seen.add(member_keys[item.id])
                materials.append(replace(item, id=member_keys[item.id]))
        trips += [
            t
            for t in result.trips
            if (t.party, t.kind, t.item_id) not in {(x.party, x.kind, x.item_id) for x in trips}
        ]
    return Evaluation(
        eligible=all(r.eligible for _, _, r in results),
        eligibility=[
            replace(o, id=f"{code}:{o.id}") for code, _, r in results for o in r.eligibility
        ],
        materials=materials,
        on_site_steps=sorted({s for _, _, r in results for s in r.on_site_steps}),
        fees=[replace(f, id=f"{code}:{f.id}") for code, _, r in results for f in r.fees],
        promised_days=max((r.promised_days for _, _, r in results), default=0),
        statutory_days=max((r.statutory_days for _, _, r in results), default=0),
        trips=_one_window(trips),
        party_ids=tuple(dict.fromkeys(p for _, _, r in results for p in r.party_ids)),
        party_names={p: n for _, _, r in reversed(results) for p, n in r.party_names.items()},
    )


def _one_window(trips: list[Trip]) -> list[Trip]:
    """Each party's visits numbered from 1 without gaps."""
    visits = {p: sorted({t.visit for t in trips if t.party == p}) for p in {t.party for t in trips}}
    return [replace(t, visit=visits[t.party].index(t.visit) + 1) for t in trips]
