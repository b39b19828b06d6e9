"""An application in full as the back office reads it: who applied (masked), the parties, every
answer with its title and where it came from, every material with the evidence that satisfies
it; who may read it (the window of its county or of the hall that received it, the reviewers of
a department with a task on it, the supervisors above it); each read in the audit log."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from backend.accounts.service import SHANGHAI, Citizen
from backend.applications import service as applications
from backend.applications.service import Application
from backend.backoffice.models import AuditEntry, DeferredMaterial, ReviewTask
from backend.backoffice.staff_reads import Reader
from backend.catalog.service import FeeItem, material_keys
from backend.datasources.service import Sharing
from backend.regions.service import covers
from backend.staff.service import StaffMember

Text = dict[str, str]
FILES_PATH = "/staff/files"


@dataclass(frozen=True)
class Applicant:
    name: str
    resident_id: str  # masked: 330106********0311
    mobile: str | None  # masked: 138****0001


@dataclass(frozen=True)
class Party:
    party: str
    name: Text
    role: str
    status: str | None
    person_name: str | None


@dataclass(frozen=True)
class Answer:
    field: str
    title: Text
    value: Any
    source_id: str | None = None
    source_name: Text | None = None
    fetched_at: str | None = None
    edited: bool = False


@dataclass(frozen=True)
class File:
    url: str
    filename: str
    content_type: str
    size: int


@dataclass(frozen=True)
class Material:
    id: str
    name: Text
    status: str
    party: str | None
    kind: (
        str  # e_license | shared_data | commitment | upload | deferred | window_original | missing
    )
    text: Text | None
    file: File | None = None


@dataclass(frozen=True)
class Detail:
    applicant: Applicant
    parties: list[Party] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    materials: list[Material] = field(default_factory=list)
    fees: list[FeeItem] = field(default_factory=list)  # owed now, as the evaluation counts them


def masked_id(resident_id: str) -> str:
    return resident_id[:6] + "********" + resident_id[-4:] if len(resident_id) >= 10 else "****"


def masked_mobile(mobile: str) -> str:
    return mobile[:3] + "****" + mobile[-4:] if len(mobile) >= 7 else "****"


async def readable(staff: StaffMember, application_id: str) -> Application | None:
    """The application (a root, never a life event's member) when this member of staff may read
    it: a window clerk of its county or of the hall that received it; a reviewer whose
    department has a task on it in their region; a supervisor of its region or one above."""
    try:
        uid = uuid.UUID(str(application_id))
    except ValueError:
        return None
    app = await Application.get_or_none(id=uid, parent_id__isnull=True)
    if app is None or (app.status == "draft" and app.channel != "window"):  # not sent yet
        return None
    if staff.role == "window_clerk":
        here = app.region_code == staff.region_code
        return app if here or (staff.hall_id and app.received_hall_id == staff.hall_id) else None
    if staff.role == "reviewer":
        mine = await ReviewTask.exists(
            root_id=app.id, department_code=staff.department_code, region_code=staff.region_code
        )
        return app if mine else None
    if staff.role == "supervisor":
        return app if app.region_code and covers(staff.region_code, app.region_code) else None
    return None


async def record_read(staff: StaffMember, app: Application, action: str, after: Any) -> None:
    """A read of a citizen's personal data or file by staff, in the append-only audit log, with
    the reader's role, county and department as the citizen's access log shows them."""
    await AuditEntry.create(
        actor=f"staff:{staff.username}",
        action=action,
        subject_id=app.id,
        subject=f"citizen:{app.citizen_id}",
        before=None,
        after={**after, "reader": Reader.of(staff).as_json()},
    )


async def shown_to(staff: StaffMember, app: Application, material_id: str) -> bool:
    """Whether this material is in what the member of staff may read of the application (a
    reviewer of a life event: their department's part)."""
    children = await applications.children_of(app) if app.life_event_code else None
    share = await _department_share(staff, app, children)
    return share is None or material_id in share[1]


async def uploaded(app: Application, material_id: str) -> Any | None:
    """The file the citizen uploaded for one material of the application, if any."""
    found: Any = (
        await app.material_actions.filter(material_id=material_id, kind="upload")  # type: ignore[attr-defined]
        .exclude(file_key=None)
        .first()
    )
    return found


async def detail(staff: StaffMember, app: Application, sharing: Sharing) -> Detail:
    """Everything the window checks, read in a bounded number of statements; the read is
    recorded in the audit log."""
    citizen = await Citizen.get(id=app.citizen_id)
    children = await applications.children_of(app) if app.life_event_code else None
    definition = await applications.definition_of(app, children)
    names = await applications.item_names(app, children)
    evaluation = await applications.evaluation_of(citizen, app, sharing, children)
    actions = {a.material_id: a for a in await app.material_actions.all()}  # type: ignore[attr-defined]
    deferred = {
        d.material_id: d for d in await DeferredMaterial.filter(application_id=app.id).limit(100)
    }
    share = await _department_share(staff, app, children)
    shown = _answers(app, names, sharing)
    result = Detail(
        applicant=Applicant(
            name=citizen.name,
            resident_id=masked_id(citizen.id_number or str(citizen.profile.get("id_number", ""))),
            mobile=masked_mobile(str(citizen.profile["mobile"]))
            if citizen.profile.get("mobile")
            else None,
        ),
        parties=await _parties(app, definition),
        answers=shown if share is None else [a for a in shown if a.field in share[0]],
        materials=[
            _material(app, m, actions.get(m.id), deferred.get(m.id))
            for m in evaluation.materials
            if m.status != "not_required" and (share is None or m.id in share[1])
        ],
        fees=evaluation.fees,
    )
    await record_read(staff, app, "application.read", {"citizen": app.citizen_id})
    return result


async def _department_share(
    staff: StaffMember, app: Application, children: applications.Children | None
) -> tuple[set[str], set[str]] | None:
    """What a reviewer of a life event may read of it (minimum access): the answers and the
    materials of the members their department decides, not the other departments'. None:
    all of it (the window, the supervisors, and the reviewers of a single matter)."""
    if staff.role != "reviewer" or not children:
        return None
    tasks = ReviewTask.filter(root_id=app.id, department_code=staff.department_code)
    mine = {str(code) for code in await tasks.values_list("matter_code", flat=True)}
    ms = await applications.members(app, children)
    keys = material_keys([[(m.id, m.type, m.party) for m in c.definition.materials] for _, c in ms])
    fields: set[str] = set()
    materials: set[str] = set()
    for (code, compiled), own in zip(ms, keys, strict=True):
        if code in mine:
            fields |= set(compiled.definition.form.schema.get("properties", {}))
            materials |= set(own.values())
    return fields, materials


async def _parties(app: Application, definition: dict[str, Any]) -> list[Party]:
    declared = [dict(p) for p in definition.get("parties") or []]
    if not declared:
        return []
    rows = {r.party: r for r in await applications.rows_of(app)}
    ids = [r.citizen_id for r in rows.values() if r.citizen_id]
    people = {c.id: c.name for c in await Citizen.filter(id__in=ids)} if ids else {}
    parties = []
    for p in declared:
        row = rows.get(p["id"])
        parties.append(
            Party(
                party=p["id"],
                name=dict(p["name"]),
                role=p["role"],
                status=row.status if row else None,
                person_name=people.get(row.citizen_id) if row and row.citizen_id else None,
            )
        )
    return parties


def _answers(app: Application, names: dict[str, Text], sharing: Sharing) -> list[Answer]:
    provenance = app.provenance or {}
    found = []
    for key, value in (app.answers or {}).items():
        title = names.get(f"/answers/{key}", {"zh": key, "en": key})
        p = provenance.get(key)
        if p is None:
            found.append(Answer(key, title, value))
            continue
        source = sharing.sources.get(p["source"])
        found.append(
            Answer(
                key,
                title,
                value,
                source_id=p["source"],
                source_name=dict(source.name) if source else {"zh": p["source"], "en": p["source"]},
                fetched_at=p.get("fetched_at"),
                edited=bool(p.get("edited")),
            )
        )
    return found


def _material(
    app: Application, m: Any, action: Any | None, deferral: DeferredMaterial | None
) -> Material:
    def made(kind: str, text: Text | None, file: File | None = None) -> Material:
        return Material(m.id, dict(m.name), m.status, m.party, kind, text, file)

    evidence = dict(m.evidence) if m.evidence else None
    if m.status == "provided" and m.way in ("e_license", "shared_data"):
        return made(m.way, evidence)
    if action is not None and action.kind == "commitment":
        signed = action.at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
        text = action.text or {}
        return made(
            "commitment",
            {
                "zh": f"已签署告知承诺（{signed}）：{text.get('zh', '')}",
                "en": f"Commitment signed ({signed}): {text.get('en', '')}",
            },
        )
    if action is not None and action.kind == "upload" and action.file_key:
        return made(
            "upload",
            evidence or {"zh": action.filename or "", "en": action.filename or ""},
            File(
                f"{FILES_PATH}/{app.id}/{m.id}",
                action.filename or m.id,
                action.content_type or "application/octet-stream",
                action.size or 0,
            ),
        )
    if deferral is not None and deferral.received_at is not None:
        seen = deferral.received_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
        return made(
            "window_original",
            {"zh": f"窗口已核验原件（{seen}）", "en": f"Original seen at the window ({seen})"},
        )
    if deferral is not None:
        return made(
            "deferred",
            {
                "zh": f"容缺受理，须于 {deferral.due_on} 前补交",
                "en": f"Accepted without it; due by {deferral.due_on}",
            },
        )
    if m.status == "bring_original":
        return made(
            "missing",
            {"zh": "须到窗口出示原件", "en": "The original is to be shown at the window"},
        )
    return made("missing", evidence or {"zh": "尚未提供", "en": "Not provided yet"})
