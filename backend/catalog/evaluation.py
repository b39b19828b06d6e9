"""Evaluate a matter version for one applicant: eligibility, checklist, on-site steps, run count.

One function, `evaluate`, used by the API, the linter and the configurator. The run count
follows DOMAIN.md: a required material costs a trip only when bringing the original is the
applicant's first available way; on-site steps cost one visit together; pickup-only delivery
costs a trip of its own unless the result is issued on the spot during that visit.

A matter with parties (seller and buyer) is evaluated per party: each material with a `party`
is checked against that party's own e-licenses, shared data and actions, and its trip is that
party's; the run count is the worst party's, since the promise holds for each person.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from backend.catalog.definition_model import (
    ELicenseWay,
    Material,
    MatterDefinition,
    OriginalWay,
    SharedDataWay,
    Way,
)
from backend.catalog.definitions import Doc, as_text, way_kind
from backend.catalog.fees import FeeItem as FeeItem
from backend.catalog.fees import fee_item, fee_rules
from backend.catalog.trips import Trip as Trip
from backend.catalog.trips import applicant_ids, trips_of
from backend.forms.validation import FormValidator, compile_form
from backend.rules import default_engine
from backend.rules.js import truthy

Text = dict[str, str]
Rule = Callable[[Any], Any]
ALWAYS: Rule = lambda data: True  # noqa: E731


@dataclass(frozen=True)
class Applicant:
    """What the server knows about the person applying; never taken from the client."""

    profile: Mapping[str, Any]
    e_licenses: frozenset[str] = frozenset()
    shared_sources: frozenset[str] = frozenset()
    # what shows each satisfied way: "e_license:<type>", "shared_data:<source>", "material:<id>"
    evidence: Mapping[str, Text] = field(default_factory=dict)
    done: Mapping[str, str] = field(default_factory=dict)  # material id -> commitment | upload


@dataclass(frozen=True)
class RuleOutcome:
    id: str
    passed: bool
    effect: str
    message: Text


@dataclass(frozen=True)
class MaterialItem:
    id: str
    name: Text
    required: bool
    way: str | None  # the kind of the way that satisfies it for this applicant
    status: (
        str  # not_required | provided | signed | uploaded | to_sign | to_upload | bring_original
    )
    evidence: Text | None = None
    party: str | None = None  # who provides it; None when the matter declares no parties


@dataclass(frozen=True)
class Evaluation:
    eligible: bool
    eligibility: list[RuleOutcome]
    materials: list[MaterialItem]
    on_site_steps: list[str]
    fees: list[FeeItem]
    promised_days: int
    statutory_days: int
    trips: list[Trip] = field(default_factory=list)
    party_ids: tuple[str, ...] = ()  # the applicant parties, in the definition's order
    party_names: Mapping[str, Text] = field(default_factory=dict)  # every party's, by id

    @property
    def run_count(self) -> int:
        """The worst party's visits (each party's trips are numbered on their own)."""
        return max((t.visit for t in self.trips), default=0)

    def party_run_counts(self) -> dict[str, int]:
        """Visits by applicant party; empty for a matter without parties."""
        counts = dict.fromkeys(self.party_ids, 0)
        for t in self.trips:
            if t.party in counts:
                counts[t.party] = max(counts[t.party], t.visit)
        return counts


@dataclass(frozen=True)
class CompiledMatter:
    """A matter version with every rule compiled once and its form validator built once."""

    definition: MatterDefinition
    rules: Mapping[str, Rule]
    form: FormValidator

    def rule(self, key: str) -> Rule:
        return self.rules.get(key, ALWAYS)


def compile_matter(definition: MatterDefinition) -> CompiledMatter:
    engine = default_engine()
    rules: dict[str, Rule] = {}

    def add(key: str, rule: Any) -> None:
        if rule is not None:
            rules[key] = engine.compile(rule)

    for rule in definition.eligibility:
        add(f"eligibility/{rule.id}", rule.rule)
    for material in definition.materials:
        add(f"materials/{material.id}", material.required_when)
    for step in definition.on_site_steps:
        add(f"on_site_steps/{step.id}", step.required_when)
    for fee in definition.fees:
        add(f"fees/{fee.id}", fee.when)
        for key, rule in fee_rules(fee).items():
            add(key, rule)
    for i, override in enumerate(definition.time_limits.overrides):
        add(f"time_limits/{i}", override.when)
    for name, hints in definition.form.ui.items():
        if isinstance(hints, dict):
            add(f"visible/{name}", hints.get("ui:visibleWhen"))
    return CompiledMatter(definition, rules, compile_form(closed(definition.form.schema)))


COMPOSING = {"allOf", "anyOf", "oneOf", "if", "$ref", "dependentSchemas"}


def closed(schema: Doc) -> Doc:
    """The form schema with undeclared answers refused: nothing the client sends is kept
    unless the matter asks for it."""
    if "additionalProperties" in schema or "unevaluatedProperties" in schema:
        return schema
    keyword = "unevaluatedProperties" if COMPOSING & schema.keys() else "additionalProperties"
    return {**schema, keyword: False}


def rule_data(
    applicant: Applicant,
    answers: Any,
    situation: Any,
    parties: Mapping[str, Applicant] | None = None,
) -> dict[str, Any]:
    return {
        "applicant": dict(applicant.profile),
        "parties": {p: dict(who.profile) for p, who in (parties or {}).items()},
        "answers": answers,
        "situation": situation,
    }


NOBODY = Applicant(profile={})  # a party not joined yet: no profile, no license, no data


@dataclass(frozen=True)
class Cast:
    """Who is who in one evaluation: the starter's party and every declared party's Applicant."""

    starter: str | None
    who: Mapping[str, Applicant]

    def of(self, party: str | None) -> Applicant:
        return self.who.get(party or self.starter or "", self.who[""])

    def party(self, party: str | None) -> str | None:
        return party or self.starter


def cast_of(
    d: MatterDefinition, applicant: Applicant, parties: Mapping[str, Applicant] | None
) -> Cast:
    """Every declared party gets an Applicant (one not joined yet: nobody, `profile={}`); the
    starter's party is the one given the starter's Applicant (in a life event, possibly a party
    this member does not declare), else the first applicant party."""
    given = parties or {}
    who = {p.id: given.get(p.id, NOBODY) for p in d.parties}
    applicants = [p.id for p in d.parties if p.role == "applicant"]
    mine = [p for p, a in given.items() if a == applicant]
    starter = next((p for p in applicants if p in mine), next(iter(mine), None))
    starter = starter or next(iter(applicants), None)
    if starter is not None:
        who[starter] = applicant
    return Cast(starter, {**who, "": applicant})


def evaluate(
    matter: CompiledMatter,
    applicant: Applicant,
    answers: Any,
    situation: Any,
    parties: Mapping[str, Applicant] | None = None,
) -> Evaluation:
    """`applicant` is the starter's; `parties` maps party id to that party's Applicant (a party
    not joined yet: `Applicant(profile={})`, or left out)."""
    d = matter.definition
    cast = cast_of(d, applicant, parties)
    declared = {p: who for p, who in cast.who.items() if p}
    data = rule_data(applicant, answers or {}, _with_defaults(d, situation or {}), declared)

    def holds(key: str) -> bool:
        return truthy(matter.rule(key)(data))

    eligibility = [
        RuleOutcome(r.id, holds(f"eligibility/{r.id}"), r.effect, as_text(r.message))
        for r in d.eligibility
    ]
    materials = [
        _material(m, holds(f"materials/{m.id}"), cast.of(m.party), cast.party(m.party))
        for m in d.materials
    ]
    steps = [s for s in d.on_site_steps if holds(f"on_site_steps/{s.id}")]
    limits = d.time_limits
    promised = limits.promised_days
    for i, override in enumerate(limits.overrides):
        if holds(f"time_limits/{i}"):
            promised = override.promised_days
            break
    fees = [fee_item(f, matter.rule, data) for f in d.fees if holds(f"fees/{f.id}")]
    return Evaluation(
        eligible=all(r.passed for r in eligibility if r.effect == "block"),
        eligibility=eligibility,
        materials=materials,
        on_site_steps=[s.id for s in steps],
        fees=fees,
        promised_days=promised,
        statutory_days=limits.statutory_days,
        trips=trips_of(d, materials, steps, promised, cast.starter),
        party_ids=tuple(applicant_ids(d)),
        party_names={p.id: as_text(p.name) for p in d.parties},
    )


def hidden_fields(
    matter: CompiledMatter,
    applicant: Applicant,
    answers: Any,
    situation: Any,
    parties: Mapping[str, Applicant] | None = None,
) -> frozenset[str]:
    """The form's fields hidden now by their `ui:visibleWhen` rule, as the client hides them:
    not asked, so neither required nor kept."""
    names = [k.removeprefix("visible/") for k in matter.rules if k.startswith("visible/")]
    if not names:
        return frozenset()
    d = matter.definition
    declared = {p: who for p, who in cast_of(d, applicant, parties).who.items() if p}
    data = rule_data(applicant, answers or {}, _with_defaults(d, situation or {}), declared)
    return frozenset(n for n in names if not truthy(matter.rule(f"visible/{n}")(data)))


def _with_defaults(d: MatterDefinition, situation: Mapping[str, Any]) -> dict[str, Any]:
    answered = dict(situation)
    for s in d.situations:
        if s.default is not None:
            answered.setdefault(s.id, s.default)
    return answered


SATISFIED = {
    "e_license": "provided",
    "shared_data": "provided",
    "commitment": "signed",
    "upload": "uploaded",
}
TO_DO = {"commitment": "to_sign", "upload": "to_upload", "original": "bring_original"}


def _material(m: Material, required: bool, applicant: Applicant, party: str | None) -> MaterialItem:
    """The first way already satisfied for the party who provides it, else the first one left
    to do."""
    name = as_text(m.name)
    if not required:
        return MaterialItem(m.id, name, False, None, "not_required", party=party)
    for way in m.ways:
        if _satisfied(m.id, way, applicant):
            kind = way_kind(way)
            evidence = applicant.evidence.get(_evidence_key(m.id, way))
            return MaterialItem(m.id, name, True, kind, SATISFIED[kind], evidence, party)
    # lint guarantees the last way (commitment, upload or original) is open to everyone
    kind = next(k for k in map(way_kind, m.ways) if k in TO_DO)
    return MaterialItem(m.id, name, True, kind, TO_DO[kind], party=party)


def _satisfied(material_id: str, way: Way, applicant: Applicant) -> bool:
    match way:
        case ELicenseWay():
            return way.license_type in applicant.e_licenses
        case SharedDataWay():
            return way.source in applicant.shared_sources
        case OriginalWay():
            return False
        case _:
            return bool(applicant.done.get(material_id) == way_kind(way))


def _evidence_key(material_id: str, way: Way) -> str:
    match way:
        case ELicenseWay():
            return f"e_license:{way.license_type}"
        case SharedDataWay():
            return f"shared_data:{way.source}"
        case _:
            return f"material:{material_id}"
