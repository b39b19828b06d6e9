"""Authoring matters in the configurator: drafts checked in full on every save, test cases,
the zero-run advisor, publishing as immutable versions, history, restore, import and export.

A county administrator authors the matters of their own region; the templates of the regions
above it are read-only to them. Every step checks the document the same way `zerorun catalog
lint` checks a file, so a matter published here could equally be committed to form_schemas/.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from tortoise.expressions import Subquery
from tortoise.transactions import in_transaction

from backend.accounts.service import Citizen
from backend.applications.service import Application, applicant_for
from backend.authoring.cases import Advice as Advice
from backend.authoring.cases import Case as Case
from backend.authoring.cases import CaseResult as CaseResult
from backend.authoring.cases import apply_fix, run
from backend.authoring.diff import Change as Change
from backend.authoring.diff import diff
from backend.authoring.models import MatterDraft, MatterTestCase
from backend.catalog import service as catalog
from backend.catalog.service import (
    Applicant,
    CompiledMatter,
    Doc,
    LifeEvent,
    LifeEventMember,
    Matter,
    MatterVersion,
    Problem,
    check_matter,
    compile_matter,
    evaluate,
    fits,
    member_conflicts,
    merge,
    parse_definition,
    schema_problems,
    situation_combinations,
)
from backend.datasources.service import Sharing, Source
from backend.forms.validation import check_patterns
from backend.regions.service import ancestors
from backend.staff.service import StaffMember

# What other domains and the API use of this domain's own modules (its public surface).


FILE = "draft"  # problems are located by pointer inside the document; there is no file


class AuthoringProblem(Exception):
    def __init__(
        self,
        code: str,
        zh: str,
        en: str,
        problems: list[Problem] | None = None,
        failing: list[CaseResult] | None = None,
    ) -> None:
        super().__init__(en)
        self.code, self.message_zh, self.message_en = code, zh, en
        self.problems = problems or []
        self.failing = failing or []


def not_found(code: str) -> AuthoringProblem:
    return AuthoringProblem(
        "NOT_FOUND",
        f"没有找到本区划的事项 {code}。",
        f"No matter {code} in your region.",
    )


@dataclass(frozen=True)
class Dictionary:
    """What documents may refer to: data elements, shared data sources, e-license types."""

    elements: Mapping[str, Doc]
    sources: Mapping[str, Source]

    @classmethod
    def load(cls, catalog_dir: Path, sources: Mapping[str, Source]) -> Dictionary:
        path = catalog_dir / "elements.json"
        doc = orjson.loads(path.read_bytes()) if path.exists() else {"elements": []}
        return cls({e["key"]: e for e in doc["elements"]}, sources)


_license_types: dict[str, tuple[int, dict[str, Doc]]] = {}


async def license_types(region: str) -> dict[str, Doc]:
    """E-license types known where the region is: those the published matters of it and the
    regions above accept or issue, each named after the first material or output using it.
    Computed again only when some version has been published since."""
    newest = await MatterVersion.all().order_by("-id").first()
    stamp = newest.id if newest else 0
    cached = _license_types.get(region)
    if cached and cached[0] == stamp:
        return cached[1]
    published = Matter.filter(status="published", region_code__in=ancestors(region))
    found: dict[str, Doc] = {}
    for version in await MatterVersion.filter(
        id__in=Subquery(published.values("published_version_id"))
    ):
        d = version.definition
        for m in d["materials"]:
            for w in m["ways"]:
                if w["kind"] == "e_license":
                    found.setdefault(w["license_type"], m["name"])
        output = d.get("output", {})
        if output.get("license_type"):
            found.setdefault(output["license_type"], output["name"])
    _license_types[region] = (stamp, dict(sorted(found.items())))
    return _license_types[region][1]


async def departments(region: str) -> dict[str, Doc]:
    """The departments owning the region's published matters, by code, in both languages."""
    published = Matter.filter(region_code=region, status="published")
    found: dict[str, Doc] = {}
    for version in await MatterVersion.filter(
        id__in=Subquery(published.values("published_version_id"))
    ):
        department = version.definition["department"]
        found.setdefault(department["code"], department["name"])
    return dict(sorted(found.items()))


# ---- the workspace: a matter as its author sees it -----------------------------------------


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


@dataclass(frozen=True)
class Checked:
    effective: Doc | None
    template: Doc | None
    problems: list[Problem] = field(default_factory=list)
    compiled: CompiledMatter | None = None
    # A localisation checked after merging: the problems' paths point into `effective`.
    in_effective: bool = False


async def check(document: Any, dictionary: Dictionary) -> Checked:
    """Full validation of a document: meta-schema, template, form schema, rules and every
    `var`, unique ids, material ways, life-event consistency; then compiled once."""
    if not isinstance(document, dict):
        return Checked(None, None, [Problem(FILE, "", "a matter document is a JSON object")])
    template = await _template(document.get("extends"))
    effective: Doc | None = document
    if template is not None:
        try:
            effective = merge(template, document)
        except (KeyError, TypeError):  # a patch too malformed to merge; the meta-schema says why
            effective = None
    problems = schema_problems(FILE, document, "matter")
    if problems:
        return Checked(effective, template, problems)
    templates = {document["extends"]: template} if template is not None else {}
    merged = template is not None
    definition, problems = check_matter(
        FILE, document, templates, dictionary.elements, dictionary.sources
    )
    if definition is None:
        return Checked(effective, template, problems, in_effective=merged)
    problems += await _life_event_problems(definition)
    if any(p.severity == "error" for p in problems):
        return Checked(effective, template, problems, in_effective=merged)
    compiled = compile_matter(parse_definition(definition))
    return Checked(definition, template, problems, compiled, merged)


async def _template(code: Any) -> Doc | None:
    if not isinstance(code, str):
        return None
    matter = await Matter.get_or_none(code=code, extends_code=None, status="published")
    if matter is None or matter.published_version_id is None:
        return None
    version = await MatterVersion.get(id=matter.published_version_id)
    return dict(version.definition)


async def _life_event_problems(definition: Doc) -> list[Problem]:
    """The draft must still agree with the other members of every life event it belongs to."""
    problems = []
    memberships = await LifeEventMember.filter(matter_code=definition["code"]).prefetch_related(
        "life_event"
    )
    for membership in memberships:
        event = membership.life_event
        members = []
        for i, code in enumerate(event.definition["matters"]):
            if code == definition["code"]:
                members.append((i, code, definition))
                continue
            other = await Matter.get_or_none(code=code)
            if other is not None and other.published_version_id is not None:
                version = await MatterVersion.get(id=other.published_version_id)
                members.append((i, code, version.definition))
        problems += [
            Problem(FILE, "", f"in life event {event.code} ({event.name_zh}): {p.message}")
            for p in member_conflicts(FILE, members)
        ]
    return problems


async def _matter(staff: StaffMember, code: str) -> tuple[Matter | None, MatterDraft | None]:
    if not fits(Matter, code=code) or not fits(MatterDraft, code=code):
        raise not_found(code)
    matter = await Matter.get_or_none(code=code, region_code=staff.region_code)
    draft = await MatterDraft.get_or_none(code=code, region_code=staff.region_code)
    if matter is None and draft is None:
        raise not_found(code)
    return matter, draft


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


# ---- listing --------------------------------------------------------------------------------


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


# ---- changing ------------------------------------------------------------------------------


async def create(
    staff: StaffMember, template_code: str | None, code: str | None, name: Doc | None
) -> str:
    region = staff.region_code
    if code is not None:
        if not code.startswith(region + "-"):
            raise AuthoringProblem(
                "INVALID",
                f"事项编码须以本区划代码 {region}- 开头。",
                f"A matter code of your region starts with {region}-.",
            )
        if await Matter.exists(code=code) or await MatterDraft.exists(code=code):
            raise AuthoringProblem(
                "CONFLICT", f"事项编码 {code} 已被使用。", f"The code {code} is already used."
            )
    code = code or await _next_code(region)
    if template_code is not None:
        template = await _template(template_code)
        if template is None or template["region"] not in ancestors(region):
            raise AuthoringProblem(
                "NOT_FOUND",
                f"没有可供本区划细化的模板 {template_code}。",
                f"No template {template_code} your region may localise.",
            )
        existing: Matter | MatterDraft | None = await Matter.get_or_none(
            region_code=region, extends_code=template_code
        )
        existing = existing or await _draft_extending(region, template_code)
        if existing is not None:
            raise AuthoringProblem(
                "CONFLICT",
                f"本区划已细化过模板 {template_code}：{existing.code}，请修改它。",
                f"Your region already localises {template_code} as {existing.code}; change that one.",
            )
        document: Doc = {"code": code, "region": region, "extends": template_code}
        if name is not None:
            document["name"] = name
    else:
        document = blank(code, region, name or {"zh": "新事项", "en": "New matter"})
    await MatterDraft.create(
        code=code, region_code=region, document=document, author=staff.username
    )
    return code


async def _draft_extending(region: str, template_code: str) -> MatterDraft | None:
    drafts = await MatterDraft.filter(region_code=region)
    return next((d for d in drafts if d.document.get("extends") == template_code), None)


async def _next_code(region: str) -> str:
    prefix = f"{region}-ZR-"
    taken = {m.code for m in await Matter.filter(code__startswith=prefix)}
    taken |= {d.code for d in await MatterDraft.filter(code__startswith=prefix)}
    n = 1
    while f"{region}-ZR-{n:03d}" in taken:
        n += 1
    return f"{region}-ZR-{n:03d}"


def blank(code: str, region: str, name: Doc) -> Doc:
    """A new matter with every required key present; what the author must still write is
    left empty, so the first save lists it."""
    empty = {"zh": "", "en": ""}
    return {
        "code": code,
        "region": region,
        "name": name,
        "summary": dict(empty),
        "kind": "public_service",
        "audience": "citizen",
        "department": {"code": f"{region}-", "name": dict(empty)},
        "keywords": [],
        "legal_basis": [{"title": dict(empty)}],
        "situations": [],
        "form": {"schema": {"type": "object", "properties": {}, "required": []}, "ui": {}},
        "eligibility": [],
        "materials": [],
        "time_limits": {"statutory_days": 20, "promised_days": 5},
        "delivery": ["e_license"],
        "channels": ["mini_program", "web", "window"],
        "output": {"kind": "certificate", "name": dict(empty)},
    }


async def save_draft(staff: StaffMember, code: str, document: Any) -> None:
    matter, draft = await _matter(staff, code)
    if not isinstance(document, dict):
        raise AuthoringProblem(
            "INVALID",
            "事项文件须是一个 JSON 对象。",
            "A matter document is a JSON object.",
            [Problem(FILE, "", "not a JSON object")],
        )
    for key, value in (("code", code), ("region", staff.region_code)):
        if document.get(key) != value:
            raise AuthoringProblem(
                "INVALID",
                f"{key} 必须是 {value}，不能在草稿中修改。",
                f"{key} must stay {value}; it cannot be changed in a draft.",
                [Problem(FILE, f"/{key}", f"must be {value!r}")],
            )
    if matter is not None and matter.extends_code != document.get("extends"):
        raise AuthoringProblem(
            "INVALID",
            "已发布事项所本的模板不能修改。",
            "The template a published matter localises cannot be changed.",
            [Problem(FILE, "/extends", f"must stay {matter.extends_code!r}")],
        )
    refuse_unsafe_patterns(document)
    if draft is None:
        await MatterDraft.create(
            code=code, region_code=staff.region_code, document=document, author=staff.username
        )
    else:
        draft.document, draft.author = document, staff.username
        await draft.save(update_fields=["document", "author", "updated_at"])


def refuse_unsafe_patterns(document: Doc) -> None:
    """A form pattern RE2 cannot run, or one that backtracks catastrophically in the browser,
    is refused before it is stored (unlike other problems, which a draft may keep): the
    configurator's preview would run it in the author's browser."""
    form = document.get("form")
    schema = form.get("schema") if isinstance(form, Mapping) else None
    refused = [
        Problem(FILE, "/form/schema" + p.path, p.message_en, message_zh=p.message_zh)
        for p in check_patterns(schema)
    ]
    if refused:
        raise AuthoringProblem(
            "INVALID",
            f"表单中有 {len(refused)} 个正则表达式（pattern）不能使用，原因见各处。",
            f"{len(refused)} pattern(s) of the form cannot be used; each problem says why.",
            refused,
        )


async def discard_draft(staff: StaffMember, code: str) -> None:
    matter, draft = await _matter(staff, code)
    if matter is None:
        raise AuthoringProblem(
            "CONFLICT",
            "从未发布的事项没有可以退回的版本；不需要时请保留草稿或停用。",
            "A matter never published has no version to fall back to.",
        )
    if draft is not None:
        await draft.delete()


async def apply_advice(
    staff: StaffMember, code: str, item_id: str, fix: str, dictionary: Dictionary
) -> None:
    ws = await workspace(staff, code, dictionary)
    if ws.effective is None or ws.definition is None:
        raise AuthoringProblem(
            "HAS_ERRORS", "请先改正草稿中的错误。", "Fix the errors in the draft first."
        )
    types = frozenset(await license_types(staff.region_code))
    try:
        document = apply_fix(copy.deepcopy(ws.document), ws.definition, item_id, fix, types)
    except (KeyError, ValueError, StopIteration) as e:
        raise AuthoringProblem(
            "INVALID", f"无法应用建议：{e}", f"The advice cannot be applied: {e}"
        ) from e
    await save_draft(staff, code, document)


async def save_case(staff: StaffMember, code: str, case: Case) -> None:
    await _matter(staff, code)
    fields: dict[str, Any] = {
        "name": case.name,
        "profile": dict(case.profile),
        "e_licenses": list(case.e_licenses),
        "shared_sources": list(case.shared_sources),
        "situation": dict(case.situation),
        "answers": dict(case.answers),
        "expected": dict(case.expected or {}),
    }
    if case.id is None:
        await MatterTestCase.create(code=code, **fields)
    elif not await MatterTestCase.filter(id=case.id, code=code).update(**fields):
        raise AuthoringProblem(
            "NOT_FOUND", "没有找到这个测试用例。", f"No test case {case.id} in {code}."
        )


async def delete_case(staff: StaffMember, code: str, case_id: int) -> None:
    await _matter(staff, code)
    if not await MatterTestCase.filter(id=case_id, code=code).delete():
        raise AuthoringProblem(
            "NOT_FOUND", "没有找到这个测试用例。", f"No test case {case_id} in {code}."
        )


async def publish(staff: StaffMember, code: str, note: str, dictionary: Dictionary) -> int:
    """Publish the draft as the next immutable version; refused while errors or failing test
    cases remain. Applications in progress stay pinned to the version they started on."""
    ws = await workspace(staff, code, dictionary)
    if not ws.has_draft and ws.status == "published":
        raise AuthoringProblem(
            "NOTHING_TO_PUBLISH", "没有未发布的修改。", "There are no unpublished changes."
        )
    errors = [p for p in ws.problems if p.severity == "error"]
    if errors or ws.definition is None:
        raise AuthoringProblem(
            "HAS_ERRORS",
            f"草稿还有 {len(errors)} 处错误，改正后才能发布。",
            f"The draft has {len(errors)} error(s); fix them before publishing.",
            errors,
        )
    failing = [r for r in ws.results if not r.passed]
    if failing:
        raise AuthoringProblem(
            "TESTS_FAILING",
            f"有 {len(failing)} 个测试用例未通过，不能发布。",
            f"{len(failing)} test case(s) fail; publishing is refused.",
            failing=failing,
        )
    async with in_transaction():
        _, version = await catalog.publish(
            ws.document, ws.definition, note=note[:200], author=staff.username
        )
        await MatterDraft.filter(code=code).delete()
    return version.number


async def restore(staff: StaffMember, code: str, number: int) -> None:
    matter, _ = await _matter(staff, code)
    version = await MatterVersion.get_or_none(matter=matter, number=number) if matter else None
    if version is None:
        raise AuthoringProblem(
            "NOT_FOUND", f"没有第 {number} 版。", f"{code} has no version {number}."
        )
    await save_draft(staff, code, copy.deepcopy(version.source))


async def retire(staff: StaffMember, code: str) -> None:
    matter, _ = await _matter(staff, code)
    if matter is None:
        raise AuthoringProblem(
            "CONFLICT",
            "从未发布的事项无需停用，可以直接放弃草稿。",
            "A matter never published need not be retired.",
        )
    await catalog.retire(code)


async def import_document(staff: StaffMember, document: Any) -> str:
    """A file in the form_schemas/ format becomes the draft of its matter (created if new)."""
    if not isinstance(document, dict) or not isinstance(document.get("code"), str):
        raise AuthoringProblem(
            "INVALID",
            "导入的文件须是含有 code 的事项 JSON 对象。",
            "An imported file is a matter JSON object with a code.",
            [Problem(FILE, "/code", "missing")],
        )
    code: str = document["code"]
    if document.get("region") != staff.region_code or not code.startswith(staff.region_code + "-"):
        raise AuthoringProblem(
            "INVALID",
            f"只能导入本区划（{staff.region_code}）的事项。",
            f"Only matters of your region ({staff.region_code}) can be imported.",
            [Problem(FILE, "/region", f"must be {staff.region_code!r}")],
        )
    if await Matter.exists(code=code, region_code__not=staff.region_code):
        raise not_found(code)
    if not await Matter.exists(code=code) and not await MatterDraft.exists(code=code):
        refuse_unsafe_patterns(document)
        await MatterDraft.create(
            code=code, region_code=staff.region_code, document=document, author=staff.username
        )
    else:
        await save_draft(staff, code, document)
    return code


async def export(staff: StaffMember, code: str, number: int | None) -> Doc:
    matter, draft = await _matter(staff, code)
    if number is None and draft is not None:
        return dict(draft.document)
    versions = MatterVersion.filter(matter=matter)
    version = await (
        versions.get_or_none(number=number)
        if number is not None
        else versions.order_by("-number").first()
    )
    if version is None:
        raise AuthoringProblem(
            "NOT_FOUND", f"没有第 {number} 版。", f"{code} has no version {number}."
        )
    return dict(version.source)


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


# ---- life events ----------------------------------------------------------------------------


async def save_life_event(staff: StaffMember, document: Any) -> str:
    """Compose a life event of my region from published matters; saved only when valid."""
    problems = (
        schema_problems(FILE, document, "life_event")
        if isinstance(document, dict)
        else [Problem(FILE, "", "a life event is a JSON object")]
    )
    if not problems:
        region = staff.region_code
        if document["region"] != region or not document["code"].startswith(region + "-"):
            problems.append(Problem(FILE, "/region", f"must be your region {region!r}"))
        members = []
        for i, code in enumerate(document["matters"]):
            matter = await Matter.get_or_none(code=code, status="published")
            if matter is None or matter.region_code not in ancestors(region):
                problems.append(
                    Problem(FILE, f"/matters/{i}", f"{code} is not offered in {region}")
                )
                continue
            version = await MatterVersion.get(id=matter.published_version_id)
            members.append((i, code, version.definition))
        if len(set(document["matters"])) != len(document["matters"]):
            problems.append(Problem(FILE, "/matters", "a matter is listed twice"))
        problems += member_conflicts(FILE, members)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise AuthoringProblem(
            "INVALID",
            f"“一件事”有 {len(errors)} 处错误，未保存。",
            f"The life event has {len(errors)} error(s) and was not saved.",
            errors,
        )
    existing = await LifeEvent.get_or_none(code=document["code"])
    if existing is not None and existing.region_code != staff.region_code:
        raise not_found(document["code"])
    await catalog.save_life_event(document["code"], document)
    return str(document["code"])


# ---- replay ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Replay:
    checked: int
    eligibility_changed: int
    materials_changed: int
    examples: list[str]


async def replay(
    staff: StaffMember, code: str, limit: int, dictionary: Dictionary, sharing: Sharing
) -> Replay:
    """The region's recent applications for this matter evaluated again against the draft:
    how many would change eligibility or their list of required materials."""
    ws = await workspace(staff, code, dictionary)
    if ws.compiled is None:
        raise AuthoringProblem(
            "HAS_ERRORS", "请先改正草稿中的错误。", "Fix the errors in the draft first."
        )
    apps = (
        await Application.filter(matter_code=code, status__not="draft")
        .order_by("-id")
        .limit(limit)
        .prefetch_related("matter_version", "citizen")
    )
    eligibility = materials = 0
    examples: list[str] = []
    for app in apps:
        citizen: Citizen = app.citizen
        applicant = await applicant_for(citizen, app, sharing)
        pinned = catalog.compiled(app.matter_version)  # type: ignore[arg-type]
        before = evaluate(pinned, applicant, app.answers, app.situation)
        after = evaluate(ws.compiled, applicant, app.answers, app.situation)
        changed = []
        if before.eligible != after.eligible:
            eligibility += 1
            changed.append(f"eligible {before.eligible} → {after.eligible}")
        old = [m.id for m in before.materials if m.required]
        new = [m.id for m in after.materials if m.required]
        if old != new:
            materials += 1
            changed.append(f"materials {old} → {new}")
        if changed and len(examples) < 10:
            examples.append(f"{app.id}: {'; '.join(changed)}")
    return Replay(len(apps), eligibility, materials, examples)
