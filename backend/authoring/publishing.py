"""Publishing: a draft as the next immutable version, an old version restored, a matter
retired, a life event composed of published matters, and the replay of recent applications
against a draft before it is published."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from tortoise.transactions import in_transaction

from backend.accounts.service import Citizen
from backend.applications.service import Application, applicant_for
from backend.authoring.checking import (
    FILE,
    AuthoringProblem,
    Dictionary,
    _matter,
    before_publishing,
    not_found,
)
from backend.authoring.drafts import save_draft
from backend.authoring.models import MatterDraft
from backend.authoring.workspace import workspace
from backend.catalog import service as catalog
from backend.catalog.service import (
    LifeEvent,
    Matter,
    MatterVersion,
    Problem,
    evaluate,
    member_conflicts,
    schema_problems,
)
from backend.datasources.service import Sharing
from backend.regions.service import ancestors
from backend.staff.service import StaffMember


async def publish(staff: StaffMember, code: str, note: str, dictionary: Dictionary) -> int:
    """Publish the draft as the next immutable version; refused while errors or failing test
    cases remain. Applications in progress stay pinned to the version they started on."""
    ws = await workspace(staff, code, dictionary)
    if not ws.has_draft and ws.status == "published":
        raise AuthoringProblem(
            "NOTHING_TO_PUBLISH", "没有未发布的修改。", "There are no unpublished changes."
        )
    errors = [p for p in ws.problems if p.severity == "error"]
    errors += [before_publishing(p) for p in ws.unwritten]
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
