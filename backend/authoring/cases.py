"""Test cases of a matter and the zero-run advisor: what an example applicant gets from a
definition, whether that is what the author expected, and what would spare them each trip."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from backend.catalog.service import (
    Applicant,
    CompiledMatter,
    Doc,
    Material,
    MatterDefinition,
    Trip,
    evaluate,
    way_kind,
)

Text = dict[str, str]


@dataclass(frozen=True)
class Case:
    name: str
    profile: Mapping[str, Any]
    e_licenses: Sequence[str] = ()
    shared_sources: Sequence[str] = ()
    situation: Mapping[str, Any] = field(default_factory=dict)
    answers: Mapping[str, Any] = field(default_factory=dict)
    # {eligible: bool, materials: [id] | None, run_count: int | None}; None for a preview
    expected: Mapping[str, Any] | None = None
    id: int | None = None


@dataclass(frozen=True)
class Advice:
    kind: str  # original | on_site | pickup
    item_id: str
    reason: Text
    remedy: Text  # addressed to the author of the matter
    fix: str | None  # offer_e_license | allow_upload | accept_commitment | deliver_by_express
    party: str | None = None  # whose trip, in a matter with parties


@dataclass(frozen=True)
class PartyCount:
    """One applicant party's run count (h7: the configurator's preview shows each party's)."""

    party: str
    name: Text
    run_count: int


@dataclass(frozen=True)
class CaseResult:
    case: Case
    error: str | None = None
    eligible: bool | None = None
    failed_rules: list[str] = field(default_factory=list)
    materials: list[str] = field(default_factory=list)
    run_count: int | None = None
    trips: list[Advice] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    parties: list[PartyCount] = field(default_factory=list)  # [] for a one-applicant matter

    @property
    def passed(self) -> bool:
        return self.error is None and not self.mismatches


def run(compiled: CompiledMatter | None, case: Case, license_types: frozenset[str]) -> CaseResult:
    if compiled is None:
        return CaseResult(case, error="The draft has errors; fix them to run the test cases.")
    applicant = Applicant(
        profile=case.profile,
        e_licenses=frozenset(case.e_licenses),
        shared_sources=frozenset(case.shared_sources),
    )
    ev = evaluate(compiled, applicant, dict(case.answers), dict(case.situation))
    result = CaseResult(
        case,
        eligible=ev.eligible,
        failed_rules=[r.id for r in ev.eligibility if not r.passed],
        materials=[m.id for m in ev.materials if m.required],
        run_count=ev.run_count,
        trips=[advise(compiled.definition, t, license_types) for t in ev.trips],
        parties=[
            PartyCount(party, dict(ev.party_names.get(party, {"zh": party, "en": party})), n)
            for party, n in ev.party_run_counts().items()
        ],
    )
    form_errors = compiled.form.validate(dict(case.answers))
    result.mismatches.extend(
        f"answer {e.path or '/'} does not fit the form: {e.message_en}" for e in form_errors
    )
    expected = case.expected or {}
    if "eligible" in expected and expected["eligible"] != ev.eligible:
        failed = ", ".join(result.failed_rules) or "none"
        result.mismatches.append(
            f"expected eligible {expected['eligible']}, got {ev.eligible} (failed rules: {failed})"
        )
    if expected.get("materials") is not None and set(expected["materials"]) != set(
        result.materials
    ):
        result.mismatches.append(
            f"expected materials {sorted(expected['materials'])}, got {sorted(result.materials)}"
        )
    if expected.get("run_count") is not None and expected["run_count"] != ev.run_count:
        result.mismatches.append(f"expected run count {expected['run_count']}, got {ev.run_count}")
    return result


FIXES: dict[str, Text] = {
    "offer_e_license": {
        "zh": "增加电子证照方式：持有该电子证照的申请人不用再交。",
        "en": "Accept the e-license: applicants who hold it hand in nothing.",
    },
    "allow_upload": {
        "zh": "允许网上上传（拍照或扫描件），排在“提交原件”之前。",
        "en": "Allow an upload (photo or scan) before the original.",
    },
    "accept_commitment": {
        "zh": "接受告知承诺：申请人在线签署承诺，事后核查。",
        "en": "Accept a signed commitment (告知承诺制), checked afterwards.",
    },
    "deliver_by_express": {
        "zh": "增加邮寄送达（或电子证照送达），办理结果不用到窗口领取。",
        "en": "Offer express delivery (or an e-license) so the result need not be picked up.",
    },
}
ON_SITE: Text = {
    "zh": "法律要求本人到场，无法免除；可提供预约，确保只跑这一次。",
    "en": "The law requires the applicant in person; offer appointments so this is the only trip.",
}


def advise(d: MatterDefinition, trip: Trip, license_types: frozenset[str]) -> Advice:
    fix = None
    if trip.kind == "pickup":
        fix = "deliver_by_express"
    elif trip.kind == "original":
        material = next(m for m in d.materials if m.id == trip.item_id)
        fix = material_fix(material, license_types)
    remedy = FIXES[fix] if fix else ON_SITE
    return Advice(trip.kind, trip.item_id, trip.reason, remedy, fix, trip.party)


def material_fix(material: Material, license_types: frozenset[str]) -> str | None:
    """The change that lets an applicant satisfy the material without bringing the original:
    the e-license matching its type when one is issued, else an upload, else a commitment."""
    kinds = [way_kind(w) for w in material.ways]
    first_open = next(k for k in kinds if k in ("commitment", "upload", "original"))
    if "e_license" not in kinds and license_type_of(material.type) in license_types:
        return "offer_e_license"
    if first_open == "original":
        return (
            "allow_upload"
            if "commitment" not in kinds or "upload" in kinds
            else "accept_commitment"
        )
    return None


def license_type_of(material_type: Any) -> str:
    """A material's type is `<category>.<document>`; the document part names its e-license."""
    return str(material_type or "").rpartition(".")[2]


def apply_fix(
    document: Doc, effective: Doc, item_id: str, fix: str, license_types: frozenset[str]
) -> Doc:
    """The authored document with one advised change made. A localisation receives the change
    as a patch of its own (the material's ways, or the delivery list), the template untouched."""
    out = dict(document)
    if fix == "deliver_by_express":
        out["delivery"] = [*(m for m in effective["delivery"] if m != "express"), "express"]
        return out
    material = _material(effective, item_id)
    ways = list(material["ways"])
    if fix == "offer_e_license":
        ways.insert(0, {"kind": "e_license", "license_type": license_type_of(material.get("type"))})
    elif fix in ("allow_upload", "accept_commitment"):
        kind = "upload" if fix == "allow_upload" else "commitment"
        added = next((w for w in ways if w["kind"] == kind), None) or (
            UPLOAD if kind == "upload" else _commitment(material)
        )
        ways = [w for w in ways if w["kind"] != kind]
        at = next((i for i, w in enumerate(ways) if w["kind"] == "original"), len(ways))
        ways.insert(at, added)
    else:
        raise ValueError(f"unknown fix {fix!r}")
    listed = document.get("materials", [])
    if any(m["id"] == item_id for m in listed):
        out["materials"] = [{**m, "ways": ways} if m["id"] == item_id else m for m in listed]
    else:  # a localisation that did not change this material yet
        out["materials"] = [*listed, {"id": item_id, "ways": ways}]
    return out


UPLOAD: Doc = {
    "kind": "upload",
    "accept": ["image/jpeg", "image/png", "application/pdf"],
    "max_bytes": 10 * 1024 * 1024,
}


def _commitment(material: Doc) -> Doc:
    name = material["name"]
    return {
        "kind": "commitment",
        "text": {
            "zh": f"本人承诺：{name['zh']}真实有效，如有不实，愿意承担相应法律责任。",
            "en": f"I promise that the {name['en']} is true and valid and accept legal "
            "responsibility for anything untrue.",
        },
    }


def _material(d: Doc, material_id: str) -> Doc:
    for m in d["materials"]:
        if m["id"] == material_id:
            return dict(m)
    raise KeyError(material_id)
