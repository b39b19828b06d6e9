"""A matter as its author sees it: the workspace (draft, problems, test cases, versions), the
live preview, the region's list of matters and the changes between versions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from backend.authoring.cases import Case, CaseResult, run
from backend.authoring.checking import AuthoringProblem, Dictionary, _matter, check, license_types
from backend.authoring.diff import Change, diff
from backend.authoring.models import MatterDraft, MatterTestCase
from backend.catalog import service as catalog
from backend.catalog.service import (
    Applicant,
    CompiledMatter,
    Doc,
    Matter,
    MatterVersion,
    Problem,
    evaluate,
    situation_combinations,
)
from backend.staff.service import StaffMember


@dataclass
class Workspace:
    code: str
    status: str  # draft | published | retired
    has_draft: bool
    document: Doc
    effective: Doc | None
    template: Doc | None
    problems: list[Problem]
    problems_in_effective: bool
    compiled: CompiledMatter | None
    versions: list[MatterVersion]
    cases: list[MatterTestCase]
    results: list[CaseResult]
    matter: Matter | None = None
    template_change: tuple[int, int, list[Change]] | None = None
    updated_at: Any = None
    unwritten: list[Problem] = field(default_factory=list)  # texts publishing still needs

    @property
    def extends(self) -> str | None:
        value = self.document.get("extends")
        return value if isinstance(value, str) else None

    @property
    def definition(self) -> Doc | None:
        """The effective definition as published, once it checks out."""
        return self.effective if self.compiled else None

    def template_diff(self) -> list[Change]:
        if self.template is None or self.effective is None:
            return []
        identity = ("code", "region", "extends")
        return diff(
            {k: v for k, v in self.template.items() if k not in identity},
            {k: v for k, v in self.effective.items() if k not in identity},
        )


async def workspace(staff: StaffMember, code: str, dictionary: Dictionary) -> Workspace:
    matter, draft = await _matter(staff, code)
    versions = (
        await MatterVersion.filter(matter=matter).order_by("-number") if matter is not None else []
    )
    document = draft.document if draft is not None else versions[0].source
    checked = await check(document, dictionary)
    cases = await MatterTestCase.filter(code=code).order_by("id")
    types = frozenset(await license_types(staff.region_code))
    ws = Workspace(
        code=code,
        status=matter.status if matter is not None else "draft",
        has_draft=draft is not None,
        document=document,
        effective=checked.effective,
        template=checked.template,
        problems=checked.problems,
        problems_in_effective=checked.in_effective,
        compiled=checked.compiled,
        versions=versions,
        cases=cases,
        results=[run(checked.compiled, case_of(c), types) for c in cases],
        matter=matter,
        updated_at=draft.updated_at if draft is not None else matter.updated_at,  # type: ignore[union-attr]
        unwritten=checked.unwritten,
    )
    ws.template_change = await _template_change(matter)
    return ws


async def preview(staff: StaffMember, code: str, case: Case, dictionary: Dictionary) -> CaseResult:
    """One example applicant evaluated against the draft (the configurator's live preview)."""
    matter, draft = await _matter(staff, code)
    if draft is not None:
        compiled = (await check(draft.document, dictionary)).compiled
    else:
        version = await MatterVersion.get(id=matter.published_version_id)  # type: ignore[union-attr]
        compiled = catalog.compiled(version)
    return run(compiled, case, frozenset(await license_types(staff.region_code)))


async def _template_change(matter: Matter | None) -> tuple[int, int, list[Change]] | None:
    """When the template published versions after the one this localisation was merged onto."""
    if matter is None or matter.extends_code is None or matter.template_version is None:
        return None
    versions = await MatterVersion.filter(matter__code=matter.extends_code).order_by("number")
    if not versions or versions[-1].number <= matter.template_version:
        return None
    before = next((v for v in versions if v.number == matter.template_version), versions[0])
    return before.number, versions[-1].number, diff(before.definition, versions[-1].definition)


def case_of(row: MatterTestCase) -> Case:
    return Case(
        id=row.id,
        name=row.name,
        profile=row.profile,
        e_licenses=row.e_licenses,
        shared_sources=row.shared_sources,
        situation=row.situation,
        answers=row.answers,
        expected=row.expected,
    )


@dataclass(frozen=True)
class Summary:
    code: str
    name: Doc
    status: str
    has_draft: bool
    extends: str | None
    needs_review: bool
    latest_version: int | None
    run_count: int | None
    updated_at: Any


async def summaries(
    staff: StaffMember,
    keyword: str | None,
    status: str | None,
    first: int,
    after: int,
    dictionary: Dictionary,
) -> tuple[list[Summary], int | None]:
    """The matters of the region, drafts included, latest change first; a page of them from
    offset `after`, and the offset of the next page."""
    matters = {m.code: m for m in await Matter.filter(region_code=staff.region_code)}
    drafts = {d.code: d for d in await MatterDraft.filter(region_code=staff.region_code)}
    rows = []
    for code in matters.keys() | drafts.keys():
        matter, draft = matters.get(code), drafts.get(code)
        name = _name(draft.document, matter) if draft else _name({}, matter)
        state = matter.status if matter else "draft"
        if status and state != status:
            continue
        if keyword and not any(keyword.lower() in t.lower() for t in (code, *name.values())):
            continue
        rows.append((code, name, state, matter, draft))
    rows.sort(key=lambda r: (r[4] or r[3]).updated_at, reverse=True)  # type: ignore[union-attr]
    page = rows[after : after + first]
    versions = {
        v.id: v
        for v in await MatterVersion.filter(
            id__in=[
                m.published_version_id for _, _, _, m, _ in page if m and m.published_version_id
            ]
        )
    }
    out = []
    for code, name, state, matter, draft in page:
        version = versions.get(matter.published_version_id or 0) if matter else None
        document = draft.document if draft else (version.source if version else {})
        out.append(
            Summary(
                code=code,
                name=name,
                status=state,
                has_draft=draft is not None,
                extends=document.get("extends") if isinstance(document, dict) else None,
                needs_review=await _template_change(matter) is not None,
                latest_version=version.number if version else None,
                run_count=await _worst_run_count(draft, version, dictionary),
                updated_at=(draft or matter).updated_at,  # type: ignore[union-attr]
            )
        )
    return out, after + first if len(rows) > after + first else None


def _name(document: Any, matter: Matter | None) -> Doc:
    if isinstance(document, dict) and isinstance(document.get("name"), dict):
        return document["name"]  # type: ignore[no-any-return]
    if matter is not None:
        return {"zh": matter.name_zh, "en": matter.name_en}
    return {"zh": "（未命名）", "en": "(unnamed)"}


async def _worst_run_count(
    draft: MatterDraft | None, version: MatterVersion | None, dictionary: Dictionary
) -> int | None:
    if draft is not None:
        compiled = (await check(draft.document, dictionary)).compiled
    else:
        compiled = catalog.compiled(version) if version else None
    return worst_run_count(compiled) if compiled else None


def worst_run_count(compiled: CompiledMatter) -> int:
    """Trips for an applicant with no e-license and no shared data, in the worst situation."""
    nobody = Applicant(profile={})
    return max(
        evaluate(compiled, nobody, {}, combo).run_count
        for combo in situation_combinations(compiled.definition)
    )


async def version_diff(
    staff: StaffMember, code: str, first: int, second: int | None, dictionary: Dictionary
) -> list[Change]:
    """Between the effective definitions of two versions; `second` None is the draft."""
    matter, draft = await _matter(staff, code)
    by_number = {v.number: v for v in await MatterVersion.filter(matter=matter)} if matter else {}
    if first not in by_number or (second is not None and second not in by_number):
        raise AuthoringProblem("NOT_FOUND", "没有这个版本。", f"{code} has no such version.")
    if second is not None:
        return diff(by_number[first].definition, by_number[second].definition)
    document = draft.document if draft is not None else by_number[first].source
    after = (await check(document, dictionary)).effective
    return diff(by_number[first].definition, after)
