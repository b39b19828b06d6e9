"""Accepting with a deferred material (容缺受理): which materials the window may defer and until
when, their arrival (the original seen at the window, or uploaded by the citizen), and the
result withheld until the last one arrives: completed then, exactly once.

The statutory deadline is not paused by a deferral: the review runs meanwhile, and a material
is due by that deadline at the latest."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tortoise.transactions import in_transaction

from backend.accounts.service import Citizen
from backend.applications import service as applications
from backend.applications.service import Application
from backend.backoffice.models import DeferredMaterial, ReviewTask
from backend.backoffice.records import BackofficeProblem, conflict, now, record
from backend.calendar.service import WorkingCalendar
from backend.datasources.service import Sharing
from backend.files.service import MB, FileStore, UploadRejected, store_upload
from backend.forms.validation import FieldError
from backend.rules.domain import CHINA_TIME

MAX_DEFERRED = 10  # materials deferred at one acceptance
SCAN_TYPES = ("application/pdf", "image/jpeg", "image/png")  # for a material with no upload way
SCAN_MAX_BYTES = 20 * MB
# The checklist's statuses of a required material the citizen has not provided (submitting
# refuses one still to upload; it may be missing again by acceptance, when a consent ended).
MISSING = ("bring_original", "to_upload")


@dataclass(frozen=True)
class Deferral:
    """A material the window accepts the application without, and the day it is due."""

    material_id: str
    name: Mapping[str, str]
    due_on: dt.date


def today() -> dt.date:
    """Days are China's, as the calendar counts them."""
    return now().astimezone(CHINA_TIME).date()


def invalid(errors: list[FieldError]) -> BackofficeProblem:
    return BackofficeProblem(
        "INVALID_INPUT",
        f"容缺受理有 {len(errors)} 处不符合要求：{errors[0].message_zh}",
        f"{len(errors)} problem(s) with the deferred materials: {errors[0].message_en}",
        errors,
    )


def _error(path: str, code: str, zh: str, en: str) -> FieldError:
    return FieldError(path, code, zh, en)


async def checklist(app: Application) -> dict[str, dict[str, Any]]:
    """The application's materials by the id its checklist gives them (a life event's: the
    type), `deferrable` when a member marks it so (the checklist merges members' materials of
    one type: whether it is still missing is what the application's evaluation says)."""
    if app.life_event_code is None:
        return {m["id"]: m for m in (await applications.definition_of(app))["materials"]}
    merged: dict[str, dict[str, Any]] = {}
    for _, version in await applications.children_of(app):
        for m in version.definition["materials"]:
            seen = merged.get(m["type"])
            deferrable = bool(m.get("deferrable")) or bool(seen and seen["deferrable"])
            merged[m["type"]] = {**(seen or m), "id": m["type"], "deferrable": deferrable}
    return merged


async def plan(
    calendar: WorkingCalendar,
    sharing: Sharing,
    app: Application,
    requested: Sequence[tuple[str, dt.date]],
    statutory_due: dt.date,
) -> list[Deferral]:
    """What the window asks to defer, checked: a material the pinned version marks deferrable,
    still missing from the application, due on a working day after today and no later than
    the statutory deadline. Every fault at once, each at its path."""
    if len(requested) > MAX_DEFERRED:
        raise invalid(
            [
                _error(
                    "/deferred",
                    "too_many",
                    f"一次最多容缺 {MAX_DEFERRED} 项材料。",
                    f"At most {MAX_DEFERRED} materials can be deferred at once.",
                )
            ]
        )
    materials = await checklist(app)
    citizen = await Citizen.get(id=app.citizen_id)
    status = {
        m.id: m.status for m in (await applications.evaluation_of(citizen, app, sharing)).materials
    }
    errors: list[FieldError] = []
    seen: set[str] = set()
    for i, (material_id, due_on) in enumerate(requested):
        errors += _material_errors(
            f"/deferred/{i}/materialId", material_id, materials, status, seen
        )
        errors += _date_errors(calendar, f"/deferred/{i}/dueOn", due_on, statutory_due, app)
        seen.add(material_id)
    if errors:
        raise invalid(errors)
    return [Deferral(m, materials[m]["name"], d) for m, d in requested]


def _material_errors(
    path: str,
    material_id: str,
    materials: Mapping[str, Mapping[str, Any]],
    status: Mapping[str, str],
    seen: set[str],
) -> list[FieldError]:
    material = materials.get(material_id)
    if material is None:
        return [
            _error(
                path,
                "unknown",
                f"本件没有“{material_id[:100]}”这项材料。",
                f"No material {material_id[:100]!r} on this application.",
            )
        ]
    name = material["name"]
    if material_id in seen:
        return [
            _error(path, "duplicate", f"“{name['zh']}”重复。", f"{name['en']} is listed twice.")
        ]
    if not material.get("deferrable"):
        return [
            _error(
                path,
                "not_deferrable",
                f"“{name['zh']}”不属于可容缺材料。",
                f"{name['en']} cannot be deferred.",
            )
        ]
    if status.get(material_id) not in MISSING:
        return [
            _error(
                path,
                "not_missing",
                f"“{name['zh']}”已提供或无需提供，无须容缺。",
                f"{name['en']} is provided or not needed; nothing to defer.",
            )
        ]
    return []  # fmt: skip


def _date_errors(
    calendar: WorkingCalendar, path: str, due_on: dt.date, statutory: dt.date, app: Application
) -> list[FieldError]:
    if due_on <= today():
        return [
            _error(path, "too_soon", "补交期限须在今天之后。", "The due date must be after today.")
        ]
    if due_on > statutory:
        return [
            _error(
                path,
                "beyond_deadline",
                f"补交期限不能晚于法定办结时限 {statutory}。",
                f"The due date cannot be after the statutory deadline, {statutory}.",
            )
        ]
    if not calendar.is_working_day(due_on, app.region_code or ""):
        return [
            _error(
                path, "not_working_day", f"{due_on} 不是工作日。", f"{due_on} is not a working day."
            )
        ]
    return []  # fmt: skip


async def open_deferrals(app: Application, who: str, deferrals: list[Deferral]) -> None:
    """In the acceptance's transaction: the deferrals kept, and the citizen told what to bring
    by when (a step on the timeline is a notice too)."""
    if not deferrals:
        return
    for d in deferrals:
        await DeferredMaterial.create(
            application_id=app.id, material_id=d.material_id, due_on=d.due_on, accepted_by=who
        )
    zh = "；".join(f"请于 {d.due_on} 前补交{d.name['zh']}" for d in deferrals)
    en = "; ".join(f"{d.name['en']} by {d.due_on}" for d in deferrals)
    after = [{"material_id": d.material_id, "due_on": str(d.due_on)} for d in deferrals]
    await record(
        app,
        who,
        "deferred",
        None,
        {"deferred": after},
        f"已容缺受理，{zh}。材料补齐前，审批结果暂不出具。",
        f"Accepted with deferred materials; bring or upload {en}. The result is withheld until they arrive.",
    )


async def lock(root_id: uuid.UUID) -> None:
    """Hold the application's row until the transaction ends: the last decision and the last
    material's arrival each read the other's outcome, so exactly one of them completes it."""
    await Application.filter(id=root_id).select_for_update().first()


async def awaited(root_id: uuid.UUID) -> list[DeferredMaterial]:
    return await DeferredMaterial.filter(application_id=root_id, received_at__isnull=True).order_by(
        "id"
    )


async def release(root: Application) -> bool:
    """In a transaction holding the root's lock: when every department approved and no deferred
    material is awaited, every member completes (its output issued) — once."""
    tasks = await ReviewTask.filter(root_id=root.id)
    if not tasks or any(t.status != "approved" for t in tasks) or await awaited(root.id):
        return False
    await root.refresh_from_db()
    if root.status != "accepted":
        return False
    for t in tasks:
        await applications.complete(t.application_id)
    await root.refresh_from_db()
    return True


async def withhold(root: Application, who: str, pending: list[DeferredMaterial]) -> None:
    """Every department approved, but a deferred material is not here yet: the result waits."""
    materials = await checklist(root)
    names = [materials.get(d.material_id, {}).get("name", {}) for d in pending]
    zh = "、".join(n.get("zh", d.material_id) for n, d in zip(names, pending, strict=True))
    en = ", ".join(n.get("en", d.material_id) for n, d in zip(names, pending, strict=True))
    await record(
        root,
        who,
        "withheld",
        None,
        {"awaiting": [d.material_id for d in pending]},
        f"各部门均已审批同意；补交{zh}后即办结出证。",
        f"Every department approved; the result is issued as soon as {en} arrives.",
    )


async def receive(app: Application, material_id: str, who: str, file_key: str | None) -> None:
    """A deferred material arrived: recorded once (of two at once, one wins); the last one
    completes an application every department already approved."""
    row = await DeferredMaterial.get_or_none(application_id=app.id, material_id=material_id)
    if row is None:
        raise invalid([_error("/materialId", "not_deferred", "这项材料没有容缺。", "This material was not deferred.")])  # fmt: skip
    if app.status != "accepted":
        raise BackofficeProblem(
            "NOT_READY",
            "只有已受理、尚未办结的申请可以补交容缺材料。",
            "Only an accepted application, not yet decided, takes a deferred material.",
        )
    name = (await checklist(app)).get(material_id, {}).get("name", {})
    async with in_transaction():
        await lock(app.id)
        if not await DeferredMaterial.filter(id=row.id, received_at__isnull=True).update(
            received_at=now(), received_by=who, file_key=file_key
        ):
            raise conflict()
        await record(
            app,
            who,
            "deferred_received",
            {"material_id": material_id, "received": False},
            {"material_id": material_id, "received": True, "file_key": file_key},
            f"已收到容缺材料：{name.get('zh', material_id)}。",
            f"The deferred material arrived: {name.get('en', material_id)}.",
        )
        await release(app)


async def awaits(app: Application, material_id: str) -> bool:
    """Whether the accepted application still waits for this deferred material."""
    return app.status == "accepted" and await DeferredMaterial.exists(
        application_id=app.id, material_id=material_id, received_at__isnull=True
    )


async def deliver_upload(
    app: Application, material_id: str, upload: Any, store: FileStore, max_bytes: int, who: str
) -> None:
    """The citizen uploads a deferred material: checked by the material's upload way, or, when
    it has none (an original to be seen), as a scan (PDF, JPEG or PNG), then received. What
    goes wrong is the citizen's API's problem (ApplicationProblem), as any upload's is."""
    material = (await checklist(app)).get(material_id, {})
    way = next((w for w in material.get("ways", []) if w["kind"] == "upload"), None)
    accept = way["accept"] if way else list(SCAN_TYPES)
    limit = min((way or {}).get("max_bytes") or SCAN_MAX_BYTES, max_bytes)
    filename = getattr(upload, "filename", "") or ""
    try:
        stored = await store_upload(store, upload, filename, accept, limit)
    except UploadRejected as e:
        path = f"/materials/{material_id}/file"
        error = _error(path, e.code, e.message_zh, e.message_en)
        raise applications.ApplicationProblem(
            "INVALID", e.message_zh, e.message_en, [error]
        ) from None
    try:
        await receive(app, material_id, who, stored.key)
    except BackofficeProblem as p:
        code = {"CONFLICT": "CONFLICT", "NOT_READY": "NOT_EDITABLE"}.get(p.code, "INVALID")
        raise applications.ApplicationProblem(code, p.message_zh, p.message_en, p.errors) from None


@dataclass(frozen=True)
class DeferredView:
    """A deferred material as staff and the citizen see it."""

    material_id: str
    name: Mapping[str, str]
    due_on: dt.date
    received_at: dt.datetime | None
    overdue: bool  # not here, and past its due date (or flagged so by the sweep)
    overdue_flagged_at: dt.datetime | None  # when the sweep flagged it


async def views(roots: list[uuid.UUID]) -> list[list[DeferredView]]:
    """Each application's deferred materials, in the order deferred: one statement for a page,
    and the names read only for the applications that have any."""
    rows = await DeferredMaterial.filter(application_id__in=roots).order_by("id") if roots else []
    found: dict[uuid.UUID, list[DeferredView]] = {r: [] for r in roots}
    ids = {r.application_id for r in rows}
    names = {a.id: await checklist(a) for a in await Application.filter(id__in=ids)} if ids else {}
    day = today()
    for r in rows:
        name = names.get(r.application_id, {}).get(r.material_id, {}).get("name")
        found[r.application_id].append(
            DeferredView(
                r.material_id,
                name or {"zh": r.material_id, "en": r.material_id},
                r.due_on,
                r.received_at,
                r.received_at is None and (r.due_on < day or r.overdue_flagged_at is not None),
                r.overdue_flagged_at,
            )
        )
    return [found[r] for r in roots]
