"""The back office: one window accepts, rejects or asks for every correction at once; the
departments review in parallel against working-day time limits; one of two staff acting on
the same thing at once wins, the other is told. Every change is on the citizen's timeline and
in the append-only audit log."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from backend.applications import service as applications
from backend.applications.service import Application, Correction
from backend.backoffice.models import AuditEntry
from backend.backoffice.models import ReviewTask as ReviewTask
from backend.calendar.service import KNOWN_YEARS, OutsideKnownYears, WorkingCalendar
from backend.catalog.service import MatterVersion, compiled
from backend.regions.service import covers
from backend.staff.service import StaffMember

# What other domains and the API use of this domain's own modules (its public surface).


WAITING = ("submitted",)
KNOWN = f"{KNOWN_YEARS[0]}–{KNOWN_YEARS[-1]}"


class BackofficeProblem(Exception):
    """An expected refusal, answered as data with a stable code. Raised fresh each time: a
    shared instance would keep every raise's traceback."""

    def __init__(self, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code, self.message_zh, self.message_en = code, message_zh, message_en


def not_found() -> BackofficeProblem:
    return BackofficeProblem(
        "NOT_FOUND",
        "没有找到，或不在您的管辖范围内。",
        "Not found, or outside your region or department.",
    )


def conflict() -> BackofficeProblem:
    return BackofficeProblem(
        "CONFLICT",
        "其他工作人员刚刚处理了这一件，请刷新后再看。",
        "Another member of staff has just handled this; refresh and look again.",
    )


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def actor(staff: StaffMember) -> str:
    return f"staff:{staff.username}"


async def record(
    app: Application, who: str, action: str, before: Any, after: Any, zh: str, en: str
) -> None:
    """One step: on the citizen's timeline and in the audit log."""
    await applications.add_event(app, action, zh, en)
    await AuditEntry.create(actor=who, action=action, subject_id=app.id, before=before, after=after)


QUEUE_LIMIT = 500


async def window_queue(
    calendar: WorkingCalendar, staff: StaffMember, status: str | None, code: str | None, first: int
) -> list[Application]:
    """Applications at the clerk's window (optionally of one matter or life event), earliest
    statutory deadline first; each carries its deadline as it would be set on acceptance."""
    qs = Application.filter(region_code=staff.region_code, parent_id__isnull=True)
    qs = qs.filter(status=status) if status else qs.filter(status__in=WAITING)
    if code:
        qs = qs.filter(Q(matter_code=code) | Q(life_event_code=code))
    rows = await qs.order_by("submitted_at", "id").limit(QUEUE_LIMIT)
    for app in rows:
        if app.due_on is None:  # not accepted yet: show the deadline acceptance would set
            app.due_on = await _statutory_due(
                calendar, app, await _paused_working_days(calendar, app)
            )
    rows.sort(key=lambda a: (a.due_on is None, a.due_on or dt.date.max, a.submitted_at or now()))
    return rows[:first]


async def at_window(staff: StaffMember, application_id: str) -> Application:
    try:
        uid = uuid.UUID(application_id)
    except ValueError:
        raise not_found() from None
    app = await Application.get_or_none(
        id=uid, region_code=staff.region_code, parent_id__isnull=True
    )
    if app is None:
        raise not_found()
    return app


async def _move(app: Application, expected: str, to: str, **changes: Any) -> None:
    """Exactly one of two concurrent moves wins: the update names the state it expects."""
    if not await Application.filter(id=app.id, status=expected).update(status=to, **changes):
        raise conflict()
    app.status = to


async def accept(calendar: WorkingCalendar, staff: StaffMember, application_id: str) -> Application:
    app = await at_window(staff, application_id)
    members = [c for c, _ in await applications.children_of(app)] if app.life_event_code else [app]
    paused = await _paused_working_days(calendar, app)
    accepted_at = now()
    async with in_transaction():
        due = await _statutory_due(calendar, app, paused)
        await _move(app, "submitted", "accepted", due_on=due)
        for member in members:
            await _open_task(calendar, app, member, accepted_at)
            if member.id != app.id:
                await Application.filter(id=member.id).update(status="accepted")
        names = "、".join(
            sorted({t.department_name for t in await ReviewTask.filter(root_id=app.id)})
        )
        until = f"，法定办结时限至 {due}" if due else ""
        await record(
            app,
            actor(staff),
            "accepted",
            {"status": "submitted"},
            {"status": "accepted", "due_on": str(due)},
            f"窗口已受理，转{names}并联审批{until}。",
            f"Accepted at the window and sent to {len(members)} department(s) for parallel review; statutory deadline {due}.",
        )
        if due is None:
            await record(
                app,
                "system",
                "deadline_unknown",
                None,
                None,
                f"法定办结时限超出国家节假日安排已公布的年份（{KNOWN}），日历更新后再计算。",
                f"The statutory deadline falls beyond the published holiday schedules ({KNOWN}); it is set once the calendar is updated.",
            )
    return app


async def _open_task(
    calendar: WorkingCalendar, root: Application, member: Application, at: dt.datetime
) -> ReviewTask:
    d = compiled(await MatterVersion.get(id=member.matter_version_id)).definition
    return await ReviewTask.create(
        application_id=member.id,
        root_id=root.id,
        matter_code=member.matter_code or "",
        department_code=d.department.code,
        department_name=d.department.name.zh,
        region_code=root.region_code or d.region,
        due_on=due_date(calendar, at, d.time_limits.promised_days, root.region_code or d.region),
    )


def due_date(
    calendar: WorkingCalendar, start: dt.datetime, days: int, region: str
) -> dt.date | None:
    """The deadline, or None when it falls in a year whose holidays are not published yet:
    never a guess; the sweep sets it once the calendar knows the year."""
    try:
        return calendar.add_working_days(start, days, region)
    except OutsideKnownYears:
        return None


async def _statutory_due(
    calendar: WorkingCalendar, app: Application, paused: int
) -> dt.date | None:
    members = [c for c, _ in await applications.children_of(app)] if app.life_event_code else [app]
    versions = [await MatterVersion.get(id=m.matter_version_id) for m in members]
    days = max(compiled(v).definition.time_limits.statutory_days for v in versions)
    return due_date(calendar, app.submitted_at or now(), days + paused, app.region_code or "")


async def _paused_working_days(calendar: WorkingCalendar, app: Application) -> int:
    """Working days spent waiting for corrections do not count against the statutory limit."""
    spans = [
        (c.requested_at.date(), c.resolved_at.date())
        for c in await Correction.filter(application_id=app.id)
        if c.resolved_at
    ]
    return sum(calendar.working_days_between(a, b, app.region_code or "") for a, b in spans)


async def reject(
    staff: StaffMember, application_id: str, reason: str, legal_basis: str
) -> Application:
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
    return correction


async def review_queue(staff: StaffMember, status: str | None, first: int) -> list[ReviewTask]:
    qs = ReviewTask.filter(region_code=staff.region_code, department_code=staff.department_code)
    qs = qs.filter(status=status) if status else qs.filter(status="pending")
    return await qs.order_by("due_on", "id").limit(first)


async def decide(
    staff: StaffMember, task_id: int, approve: bool, opinion: str, result_document: str | None
) -> ReviewTask:
    """A department's decision; when the last task is decided, the application completes (its
    outputs issued into the wallet) or is denied."""
    if not opinion.strip():
        raise BackofficeProblem("INVALID_INPUT", "请填写审批意见。", "Write the review opinion.")
    task = await ReviewTask.get_or_none(
        id=task_id, region_code=staff.region_code, department_code=staff.department_code
    )
    if task is None:
        raise not_found()
    status = "approved" if approve else "denied"
    async with in_transaction():
        won = await ReviewTask.filter(id=task.id, status="pending").update(
            status=status,
            opinion=opinion,
            result_document=result_document,
            decided_by=staff.username,
            decided_at=now(),
        )
        if not won:
            raise conflict()
        await task.refresh_from_db()
        root = await Application.get(id=task.root_id)
        word = ("同意", "approved") if approve else ("不予许可", "denied")
        await record(
            root,
            actor(staff),
            f"task_{status}",
            {"task": task.id, "status": "pending"},
            {"task": task.id, "status": status},
            f"{task.department_name}审批{word[0]}：{opinion}",
            f"{task.department_code} {word[1]}: {opinion}",
        )
        if not await ReviewTask.filter(root_id=root.id, status="pending").exists():
            await _finish(root, staff)
    return task


async def _finish(root: Application, staff: StaffMember) -> None:
    tasks = await ReviewTask.filter(root_id=root.id)
    if all(t.status == "approved" for t in tasks):
        for t in tasks:
            await applications.complete(t.application_id)
        await root.refresh_from_db()
        return
    await _move(root, "accepted", "denied")
    await Application.filter(parent_id=root.id).update(status="denied")
    await record(
        root,
        actor(staff),
        "denied",
        {"status": "accepted"},
        {"status": "denied"},
        "审批未通过，详见各部门意见。",
        "Not approved; see each department's opinion.",
    )


@dataclass(frozen=True)
class SweepReport:
    flagged: int
    deadlines_set: int


async def sweep(calendar: WorkingCalendar, today: dt.date) -> SweepReport:
    """Idempotent: flag (once) every pending task past its deadline, escalating it on the
    citizen's timeline and in the audit log; set deadlines the calendar can now compute."""
    deadlines = 0
    for task in await ReviewTask.filter(due_on__isnull=True, status="pending"):
        version = await MatterVersion.get(
            id=(await Application.get(id=task.application_id)).matter_version_id
        )
        promised = compiled(version).definition.time_limits.promised_days
        due = due_date(calendar, task.created_at, promised, task.region_code)
        if due is not None:
            deadlines += await ReviewTask.filter(id=task.id, due_on__isnull=True).update(due_on=due)
    flagged = 0
    for task in await ReviewTask.filter(
        status="pending", due_on__lt=today, overdue_flagged_at__isnull=True
    ):
        async with in_transaction():  # the flag and its record stand or fall together
            if not await ReviewTask.filter(id=task.id, overdue_flagged_at__isnull=True).update(
                overdue_flagged_at=now()
            ):
                continue
            root = await Application.get(id=task.root_id)
            await record(
                root,
                "system",
                "overdue",
                {"task": task.id},
                {"task": task.id, "due_on": str(task.due_on)},
                f"{task.department_name}已超过承诺时限（{task.due_on}），已报督察。",
                f"{task.department_code} is past its promised deadline ({task.due_on}); reported to supervision.",
            )
        flagged += 1
    return SweepReport(flagged, deadlines)


async def overdue(staff: StaffMember) -> list[ReviewTask]:
    """Overdue work in the supervisor's region and below, by department then deadline."""
    tasks = ReviewTask.filter(status="pending", overdue_flagged_at__isnull=False)
    return [
        t
        for t in await tasks.order_by("department_code", "due_on")
        if covers(staff.region_code, t.region_code)
    ]


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
