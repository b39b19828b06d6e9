"""Clocks as the law counts them: the window's 5 working days to decide on acceptance, after
which an application is deemed accepted (行政许可法 art. 32, 视为受理), and a review task's
clock paused for a special procedure the time limit does not count (art. 45: expert review,
public notice, hearing, inspection), its reason on the citizen's timeline, its working days
added to the deadlines when it resumes."""

from __future__ import annotations

import datetime as dt
import uuid

from tortoise.transactions import in_transaction

from backend.applications.service import Application, Correction
from backend.backoffice.deadlines import due_date, statutory_dues, task_paused_days
from backend.backoffice.models import ReviewTask, Suspension
from backend.backoffice.records import (
    BackofficeProblem,
    actor,
    conflict,
    now,
    of_my_department,
    record,
)
from backend.calendar.service import Deadline, WorkingCalendar
from backend.catalog.service import MatterVersion, compiled
from backend.forms.validation import FieldError
from backend.rules.domain import CHINA_TIME
from backend.staff.service import StaffMember

ACCEPTANCE_DAYS = 5  # 行政许可法 art. 32: the window decides on acceptance within 5 (working) days
BATCH = 500
KINDS = {  # the special procedures the time limit does not count, and how the citizen reads them
    "expert_review": ("专家评审", "an expert review"),
    "public_notice": ("公示", "a public notice"),
    "hearing": ("听证", "a hearing"),
    "inspection": ("检验检测", "an inspection"),
}
MAX_REASON = 500


def china_day(at: dt.datetime) -> dt.date:
    return at.astimezone(CHINA_TIME).date()


async def flag_deemed_accepted(calendar: WorkingCalendar, today: dt.date) -> int:
    """Once each: an application still waiting at the window after 5 working days from its
    submission (or from its last correction's answer) is deemed accepted, on the citizen's
    timeline and in the audit log, and shown so in the window's queue."""
    waiting = Application.filter(
        status="submitted", parent_id__isnull=True, deemed_accepted_at__isnull=True
    ).order_by("id")
    flagged, batch = 0, await waiting.limit(BATCH)
    while batch:
        answered = await _corrections_answered([a.id for a in batch])
        for app in batch:
            start = max(filter(None, (app.submitted_at, answered.get(app.id))), default=None)
            if start is None:
                continue
            due = due_date(calendar, start, ACCEPTANCE_DAYS, app.region_code or "")
            if today > due.on:
                flagged += await _deem_accepted(app, china_day(start), due.on)
        batch = await waiting.filter(id__gt=batch[-1].id).limit(BATCH)
    return flagged


async def _corrections_answered(ids: list[uuid.UUID]) -> dict[uuid.UUID, dt.datetime]:
    latest: dict[uuid.UUID, dt.datetime] = {}
    for c in await Correction.filter(application_id__in=ids, resolved_at__isnull=False):
        if c.resolved_at is not None:
            latest[c.application_id] = max(
                c.resolved_at, latest.get(c.application_id, c.resolved_at)
            )
    return latest


async def _deem_accepted(app: Application, received: dt.date, due: dt.date) -> int:
    async with in_transaction():  # the flag and its record stand or fall together
        if not await Application.filter(
            id=app.id, status="submitted", deemed_accepted_at__isnull=True
        ).update(deemed_accepted_at=now()):
            return 0
        await record(
            app,
            "system",
            "deemed_accepted",
            {"status": "submitted"},
            {"deemed_accepted": True, "received": str(received), "window_due": str(due)},
            f"窗口未在 {ACCEPTANCE_DAYS} 个工作日内（{due} 前）作出是否受理的决定，依《行政许可法》第三十二条，自 {received} 起视为受理；已报督察。",
            f"The window did not decide on acceptance within {ACCEPTANCE_DAYS} working days (by {due}): under art. 32 of the Administrative Licensing Law the application counts as accepted from {received}; supervision has been told.",
        )
    return 1


async def suspend(staff: StaffMember, task_id: str, kind: str, reason: str) -> ReviewTask:
    """Pause my department's pending task's clock for a special procedure, with its reason,
    which the citizen reads on the timeline. One pause at a time."""
    text = reason.strip()
    errors = []
    if kind not in KINDS:
        zh, en = (
            "暂停计时的特别程序须为专家评审、公示、听证或检验检测。",
            f"kind: one of {', '.join(KINDS)}.",
        )
        errors.append(FieldError("/kind", "enum", zh, en))
    if not text or len(text) > MAX_REASON:
        zh, en = (
            f"请写明暂停原因（不超过 {MAX_REASON} 字）。",
            f"Give the reason, at most {MAX_REASON} characters.",
        )
        errors.append(FieldError("/reason", "required" if not text else "too_long", zh, en))
    if errors:
        raise BackofficeProblem(
            "INVALID_INPUT", "暂停计时填写有误。", "The pause's input is invalid.", errors
        )
    task = await of_my_department(ReviewTask, staff, task_id)
    at = now()
    async with in_transaction():
        if not await ReviewTask.filter(
            id=task.id, status="pending", suspended_at__isnull=True
        ).update(suspended_at=at):
            raise _not_pausable()
        await Suspension.create(
            task_id=task.id,
            application_id=task.root_id,
            kind=kind,
            reason=text,
            started_by=staff.username,
            started_at=at,
        )
        root = await Application.get(id=task.root_id)
        zh, en = KINDS[kind]
        await record(
            root,
            actor(staff),
            "suspended",
            {"task": task.id},
            {"task": task.id, "kind": kind, "reason": text},
            f"{task.department_name}因{zh}暂停计时：{text}。{zh}期间不计入办理时限，结束后恢复计时并顺延。",
            f"{task.department_code} paused its clock for {en}: {text}. That time does not count towards the time limit; the deadlines move on when the clock resumes.",
        )
    await task.refresh_from_db()
    return task


async def resume(calendar: WorkingCalendar, staff: StaffMember, task_id: str) -> ReviewTask:
    """Restart my department's paused task's clock: the working days it stood still are added
    to its promised deadline and to the application's statutory one, on the citizen's
    timeline."""
    task = await of_my_department(ReviewTask, staff, task_id)
    pause = await Suspension.filter(task_id=task.id, ended_at__isnull=True).first()
    if task.suspended_at is None or pause is None:
        raise BackofficeProblem(
            "NOT_READY", "这项审批没有暂停计时。", "This task's clock is not paused."
        )
    at = now()
    days = calendar.working_days_between(
        china_day(pause.started_at), china_day(at), task.region_code
    )
    root = await Application.get(id=task.root_id)
    async with in_transaction():
        if not await ReviewTask.filter(id=task.id, suspended_at__isnull=False).update(
            suspended_at=None
        ):
            raise conflict()
        await Suspension.filter(id=pause.id).update(
            ended_by=staff.username, ended_at=at, paused_days=days
        )
        task_due = await _task_due(calendar, task)
        await ReviewTask.filter(id=task.id).update(
            due_on=task_due.on, due_provisional=task_due.provisional
        )
        app_due = (await statutory_dues(calendar, [root]))[root.id]
        await Application.filter(id=root.id).update(
            due_on=app_due.on, due_provisional=app_due.provisional
        )
        zh, en = KINDS.get(pause.kind, (pause.kind, pause.kind))
        await record(
            root,
            actor(staff),
            "resumed",
            {"task": task.id, "due_on": str(task.due_on), "app_due_on": str(root.due_on)},
            {
                "task": task.id,
                "paused_days": days,
                "due_on": str(task_due.on),
                "app_due_on": str(app_due.on),
            },
            f"{task.department_name}{zh}结束，恢复计时：暂停 {days} 个工作日，承诺办结时限顺延至 {task_due.on}，法定办结时限顺延至 {app_due.on}。",
            f"{task.department_code} finished {en} and restarted its clock: paused {days} working day(s); its promised deadline is now {task_due.on}, the statutory one {app_due.on}.",
        )
    await task.refresh_from_db()
    return task


async def _task_due(calendar: WorkingCalendar, task: ReviewTask) -> Deadline:
    """The task's promised deadline from its start, its finished pauses added."""
    member = await Application.get(id=task.application_id)
    version = await MatterVersion.get(id=member.matter_version_id)
    promised = compiled(version).definition.time_limits.promised_days
    paused = (await task_paused_days([task.id]))[task.id]
    return due_date(calendar, task.created_at, promised + paused, task.region_code)


def _not_pausable() -> BackofficeProblem:
    return BackofficeProblem(
        "NOT_READY",
        "只有待审批且未暂停计时的任务可以暂停计时。",
        "Only a pending task whose clock runs can be paused.",
    )


async def suspensions_of(task_ids: list[int]) -> dict[int, list[Suspension]]:
    """Each task's pauses, the first first (the running one without an end): one statement
    for a page of tasks."""
    found: dict[int, list[Suspension]] = {t: [] for t in task_ids}
    for s in await Suspension.filter(task_id__in=task_ids).order_by("started_at", "id"):
        found[s.task_id].append(s)
    return found
