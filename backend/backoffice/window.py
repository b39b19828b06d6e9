"""The window's decisions: accepting (one task per department), rejecting, asking for every
correction at once, and recording an express dispatch."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterable, Sequence
from typing import Any

from tortoise.transactions import in_transaction

from backend.applications import service as applications
from backend.applications.service import Application, Correction
from backend.backoffice.deadlines import (
    ESTIMATED_EN,
    ESTIMATED_ZH,
    _open_task,
    members_of,
    paused_days,
    statutory_due,
)
from backend.backoffice.deferred import invalid, open_deferrals, plan, receive
from backend.backoffice.notices import seal_notice
from backend.backoffice.records import (
    BackofficeProblem,
    _move,
    actor,
    at_window,
    now,
    record,
)
from backend.backoffice.review_docs import MAX_RESULT_BYTES, RESULT_TYPES, file_refused
from backend.calendar.service import WorkingCalendar
from backend.datasources.service import Sharing
from backend.files.service import FileStore, Readable, UploadRejected, store_upload
from backend.forms.validation import FieldError
from backend.payments import service as payments
from backend.staff.service import StaffMember


async def accept(
    calendar: WorkingCalendar,
    staff: StaffMember,
    application_id: str,
    deferred: Sequence[tuple[str, dt.date]] = (),
    sharing: Sharing | None = None,
) -> Application:
    """Accept: one review task per department, the statutory deadline set; with `deferred`
    (material id, due date) pairs, accepted without those materials (容缺受理), which needs
    `sharing` to read what the application already provides."""
    app = await at_window(staff, application_id)
    members = (await members_of([app]))[app.id]
    paused = (await paused_days(calendar, [app]))[app.id]
    due = statutory_due(calendar, app, [v for _, v in members], paused)
    deferrals = []
    if deferred:
        assert sharing is not None, "deferring reads what the application provides"
        deferrals = await plan(calendar, sharing, app, deferred, due.on)
    accepted_at = now()
    async with in_transaction():
        await _move(app, "submitted", "accepted", due_on=due.on, due_provisional=due.provisional)
        tasks = [await _open_task(calendar, app, m, v, accepted_at) for m, v in members]
        others = [m.id for m, _ in members if m.id != app.id]
        if others:
            await Application.filter(id__in=others).update(status="accepted")
        names = "、".join(sorted({t.department_name for t in tasks}))
        estimated = (ESTIMATED_ZH, ESTIMATED_EN) if due.provisional else ("", "")
        await record(
            app,
            actor(staff),
            "accepted",
            {"status": "submitted"},
            {"status": "accepted", "due_on": str(due.on), "provisional": due.provisional},
            f"窗口已受理，转{names}并联审批，法定办结时限至 {due.on}{estimated[0]}。",
            f"Accepted at the window and sent to {len(members)} department(s) for parallel review; statutory deadline {due.on}{estimated[1]}.",
        )
        await open_deferrals(app, actor(staff), deferrals)
        await seal_notice(
            app,
            "acceptance",
            [
                ("决定", "Decision", "予以受理 Accepted"),
                ("承办部门", "Departments", names),
                ("法定办结时限", "Statutory deadline", f"{due.on}{estimated[0]}"),
            ],
        )
    return app


async def reject(
    staff: StaffMember,
    application_id: str,
    reason: str,
    legal_basis: str,
    pay: payments.Payments,
) -> Application:
    """不予受理, with its reason and legal basis; fees paid already are refunded."""
    if not reason.strip() or not legal_basis.strip():
        raise BackofficeProblem(
            "INVALID_INPUT",
            "不予受理须写明理由和法律依据。",
            "A rejection needs a reason and its legal basis.",
        )
    app = await at_window(staff, application_id)
    async with in_transaction():
        await _move(app, "submitted", "rejected")
        await record(
            app,
            actor(staff),
            "rejected",
            {"status": "submitted"},
            {"status": "rejected", "reason": reason, "legal_basis": legal_basis},
            f"不予受理。理由：{reason}（依据：{legal_basis}）",
            f"Not accepted. Reason: {reason} (basis: {legal_basis})",
        )
        await seal_notice(
            app,
            "rejection",
            [
                ("决定", "Decision", "不予受理 Not accepted"),
                ("理由", "Reason", reason),
                ("法律依据", "Legal basis", legal_basis),
            ],
        )
        refund = await payments.owe_refund(app.id)
    if refund:
        await payments.send_refunds(pay.platform)
    return app


async def request_correction(
    staff: StaffMember, application_id: str, items: list[dict[str, str]], justification: str | None
) -> Correction:
    """Ask once for every deficient field and material. A later notice that names items the
    first did not is allowed only with a recorded justification."""
    if not items or any(
        not (
            i.get("path", "").startswith(("/answers/", "/materials/"))
            and i.get("reason", "").strip()
        )
        for i in items
    ):
        raise BackofficeProblem(
            "INVALID_INPUT",
            "补正通知须逐项写明字段或材料（/answers/… 或 /materials/…）及原因。",
            "A correction lists each field or material (/answers/… or /materials/…) with its reason.",
        )
    app = await at_window(staff, application_id)
    earlier = {i["path"] for c in await Correction.filter(application_id=app.id) for i in c.items}
    new = {i["path"] for i in items} - earlier
    if earlier and new and not (justification or "").strip():
        raise BackofficeProblem(
            "JUSTIFICATION_REQUIRED",
            f"一次性告知：{'、'.join(sorted(new))} 上次未告知，再次补正须记录理由。",
            f"One-time notice: {', '.join(sorted(new))} were not listed before; a second correction needs a recorded justification.",
        )
    async with in_transaction():
        await _move(app, "submitted", "correction_requested")
        correction = await Correction.create(
            application_id=app.id,
            items=items,
            justification=justification,
            requested_by=staff.username,
        )
        names = await applications.item_names(app)
        named = [(names.get(i["path"], {}), i) for i in items]
        listed_zh = "；".join(f"{n.get('zh', i['path'])}：{i['reason']}" for n, i in named)
        listed_en = "; ".join(f"{n.get('en', i['path'])}: {i['reason']}" for n, i in named)
        await record(
            app,
            actor(staff),
            "correction_requested",
            {"status": "submitted"},
            {"status": "correction_requested", "items": items},
            f"请一次性补正以下 {len(items)} 项：{listed_zh}",
            f"Please correct these {len(items)} item(s) at once: {listed_en}",
        )
        await seal_notice(
            app,
            "correction",
            [
                ("请一次性补正", "To correct at once", f"{n.get('zh', i['path'])}：{i['reason']}")
                for n, i in named
            ],
        )
    return correction


async def record_dispatch(
    staff: StaffMember, application_id: str, tracking_number: str
) -> Application:
    """The window sends a completed result by express and records the courier's number; for a
    life event, every member sent by express goes in the one parcel."""
    number = tracking_number.strip()
    if not (4 <= len(number) <= 40 and number.isalnum()):
        raise BackofficeProblem(
            "INVALID_INPUT",
            "快递单号为 4 到 40 位字母或数字。",
            "A tracking number is 4 to 40 letters or digits.",
        )
    app = await at_window(staff, application_id)
    ids = [app.id] + [c.id for c, _ in await applications.children_of(app)]
    async with in_transaction():
        sent = await Application.filter(
            id__in=ids, status="completed", delivery_mode="express", tracking_number__isnull=True
        ).update(tracking_number=number)
        if not sent:
            raise BackofficeProblem(
                "NOT_READY",
                "只有已办结、选择快递且尚未寄出的申请可以登记寄出。",
                "Only a completed application to be sent by express, not yet sent, can be dispatched.",
            )
        await record(
            app,
            actor(staff),
            "dispatched",
            None,
            {"tracking_number": number},
            f"结果已寄出，快递单号 {number}。",
            f"The result was sent by express, tracking number {number}.",
        )
    await app.refresh_from_db()
    return app


async def record_deferred(
    staff: StaffMember,
    store: FileStore,
    application_id: str,
    material_id: str,
    file_key: str | None,
    scan: Any = None,
    filename: str = "",
) -> Application:
    """The window saw a deferred material's original and may keep its scan: uploaded with the
    request (`scan`: PDF, JPEG or PNG, at most 10 MB) or, as before, by the key of a file already
    stored. The material is here; the last one completes an approved application."""
    app = await at_window(staff, application_id)
    if scan is not None:
        if not isinstance(scan, AsyncIterable | Readable):  # a value, not a multipart file part
            zh, en = (
                "请以 multipart 请求上传文件。",
                "Send the file as a part of a multipart request.",
            )
            raise file_refused("not_a_file", zh, en, "/scan")
        try:
            stored = await store_upload(store, scan, filename, RESULT_TYPES, MAX_RESULT_BYTES)
        except UploadRejected as e:
            raise file_refused(e.code, e.message_zh, e.message_en, "/scan") from None
        file_key = stored.key
    elif file_key is not None and not await _stored(store, file_key):
        zh, en = "没有这个文件，请先上传扫描件。", "No such file; store the scan first."
        raise invalid([FieldError("/fileKey", "unknown", zh, en)])
    await receive(app, material_id, actor(staff), file_key)
    await app.refresh_from_db()
    return app


async def _stored(store: FileStore, key: str) -> bool:
    try:
        return await store.exists(key)
    except ValueError:  # not a key's shape
        return False
