"""Changing a matter before it is published: creating, saving, advice, test cases, import
and export."""

from __future__ import annotations

import copy
from typing import Any

from backend.authoring.cases import Case, apply_fix
from backend.authoring.checking import (
    FILE,
    AuthoringProblem,
    Dictionary,
    _matter,
    _template,
    license_types,
    not_found,
    refuse_unsafe_patterns,
)
from backend.authoring.models import MatterDraft, MatterTestCase
from backend.authoring.workspace import workspace
from backend.catalog.service import (
    Doc,
    Matter,
    MatterVersion,
    Problem,
)
from backend.regions.service import ancestors
from backend.staff.service import StaffMember


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
