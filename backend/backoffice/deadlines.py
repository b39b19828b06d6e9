"""Working-day deadlines: the statutory one of an application (corrections pause it), the
promised one of each department's task, and the sweep that flags overdue work."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from backend.applications.service import Application, Correction
from backend.backoffice.deferred import checklist
from backend.backoffice.models import DeferredMaterial, ReviewTask, Suspension
from backend.backoffice.records import now, record
from backend.calendar.service import Deadline, WorkingCalendar
from backend.catalog.service import MatterVersion, compiled
from backend.exchange import service as exchange
from backend.regions.service import covers
from backend.rules.domain import CHINA_TIME
from backend.staff.service import StaffMember

# Not accepted yet: no department has reviewed, so nothing was paused (clocks.suspend)
WAITING_OR_BEFORE = ("draft", "submitted", "correction_requested")
# What the citizen reads next to a provisional deadline, in plain words.
ESTIMATED_ZH = "（预计，节假日安排公布后确定）"
ESTIMATED_EN = " (estimated until that year's public holidays are published)"


async def _open_task(
    calendar: WorkingCalendar,
    root: Application,
    member: Application,
    version: MatterVersion,
    at: dt.datetime,
    hand_off: bool = True,
) -> ReviewTask:
    """The department's task; a matter reviewed in the department's own system hands it
    there (a delivery written in this same transaction: nothing accepted is lost)."""
    d = compiled(version).definition
    due = due_date(calendar, at, d.time_limits.promised_days, root.region_code or d.region)
    with_system = hand_off and d.review is not None and d.review.in_ == "own_system"
    task = await ReviewTask.create(
        application_id=member.id,
        root_id=root.id,
        matter_code=member.matter_code or "",
        department_code=d.department.code,
        department_name=d.department.name.zh,
        region_code=root.region_code or d.region,
        due_on=due.on,
        due_provisional=due.provisional,
        with_system=with_system,
    )
    if with_system:
        await exchange.hand_off(root, member, task.id, task.department_code, task.region_code)
    return task


def due_date(calendar: WorkingCalendar, start: dt.datetime, days: int, region: str) -> Deadline:
    """The deadline of `days` working days from `start`; provisional (预计) when it falls in a
    year whose holidays are not published yet: the sweep counts it again once they are."""
    return calendar.deadline(start, days, region)


async def statutory_dues(
    calendar: WorkingCalendar, apps: list[Application]
) -> dict[uuid.UUID, Deadline]:
    """Each application's statutory deadline as acceptance sets it: three statements however
    many applications (their members, the versions, the corrections)."""
    members, paused = await members_of(apps), await paused_days(calendar, apps)
    return {
        a.id: statutory_due(calendar, a, [v for _, v in members[a.id]], paused[a.id]) for a in apps
    }


def statutory_due(
    calendar: WorkingCalendar, app: Application, versions: list[MatterVersion], paused: int
) -> Deadline:
    """From submission, the longest statutory limit of its matters plus the days it paused."""
    days = max((compiled(v).definition.time_limits.statutory_days for v in versions), default=0)
    return due_date(calendar, app.submitted_at or now(), days + paused, app.region_code or "")


async def members_of(
    apps: list[Application],
) -> dict[uuid.UUID, list[tuple[Application, MatterVersion]]]:
    """Each application's matters with their versions (a life event's members, else itself):
    two statements however many applications."""
    events = [a.id for a in apps if a.life_event_code]
    members: dict[uuid.UUID, list[Application]] = {
        a.id: [] if a.life_event_code else [a] for a in apps
    }
    for child in await Application.filter(parent_id__in=events).order_by("id") if events else []:
        if child.parent_id is not None:
            members[child.parent_id].append(child)
    ids = {m.matter_version_id for ms in members.values() for m in ms}
    rows = await MatterVersion.filter(id__in=[i for i in ids if i is not None]) if ids else []
    versions = {v.id: v for v in rows}
    return {
        key: [(m, versions[m.matter_version_id]) for m in ms if m.matter_version_id in versions]
        for key, ms in members.items()
    }


async def paused_days(calendar: WorkingCalendar, apps: list[Application]) -> dict[uuid.UUID, int]:
    """The working days each application waited for corrections or stood paused for a special
    procedure (clocks.suspend): they do not count. Days are read in China Standard Time, as the
    calendar counts them."""
    regions = {a.id: a.region_code or "" for a in apps}
    paused = dict.fromkeys(regions, 0)
    reviewed = [a.id for a in apps if a.status not in WAITING_OR_BEFORE]  # pauses are reviews'
    for s in (
        await Suspension.filter(application_id__in=reviewed, paused_days__isnull=False)
        if reviewed
        else []
    ):
        paused[s.application_id] += s.paused_days or 0
    for c in await Correction.filter(application_id__in=list(regions), resolved_at__isnull=False):
        if c.resolved_at is not None:
            paused[c.application_id] += calendar.working_days_between(
                c.requested_at.astimezone(CHINA_TIME).date(),
                c.resolved_at.astimezone(CHINA_TIME).date(),
                regions[c.application_id],
            )
    return paused


async def task_paused_days(task_ids: list[int]) -> dict[int, int]:
    """The working days each task's clock stood paused in finished pauses (clocks.resume)."""
    paused = dict.fromkeys(task_ids, 0)
    for s in await Suspension.filter(task_id__in=task_ids, paused_days__isnull=False):
        paused[s.task_id] += s.paused_days or 0
    return paused


@dataclass(frozen=True)
class SweepReport:
    flagged: int
    deadlines_set: int  # unset or provisional deadlines the sweep set, moved or made firm
    deferrals_reminded: int = 0  # citizens reminded of a deferred material due soon
    deferrals_flagged: int = 0  # deferred materials past their due date, flagged to staff
    deemed_accepted: int = 0  # left at the window 5 working days: accepted by law (clocks)
    decided_automatically: int = 0  # qualified but left undecided by a stopped worker


async def sweep_deadlines(calendar: WorkingCalendar, today: dt.date) -> SweepReport:
    """Idempotent: count again every deadline that is unset or provisional (set, moved or made
    firm once its year is published, a move noted once on the citizen's timeline); flag (once)
    every pending task past its deadline, escalating it on the timeline and in the audit log."""
    deadlines = await _recount_statutory(calendar) + await _recount_promised(calendar)
    flagged = 0
    for task in await ReviewTask.filter(  # a paused clock is not overdue (clocks.suspend)
        status="pending",
        due_on__lt=today,
        overdue_flagged_at__isnull=True,
        suspended_at__isnull=True,
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
    reminded = await _mark_deferrals(today, "reminded_at")
    return SweepReport(flagged, deadlines, reminded, await _mark_deferrals(today, "overdue"))


REMIND_DAYS = 3  # a deferred material's reminder: this many days before it is due


async def _mark_deferrals(today: dt.date, mark: str) -> int:
    """Once each, on an application still accepted: a reminder to the citizen of a deferred
    material due within REMIND_DAYS (mark "reminded_at"), or an overdue one flagged (on the
    timeline, in the audit log, and to staff on the application; mark "overdue")."""
    column = "reminded_at" if mark == "reminded_at" else "overdue_flagged_at"
    due = (
        {"due_on__gte": today, "due_on__lte": today + dt.timedelta(days=REMIND_DAYS)}
        if mark == "reminded_at"
        else {"due_on__lt": today}
    )
    unmarked = {"received_at__isnull": True, f"{column}__isnull": True}
    rows = await DeferredMaterial.filter(**unmarked, **due).order_by("id")
    ids = {r.application_id for r in rows}
    apps = {a.id: a for a in await Application.filter(id__in=ids, status="accepted")} if ids else {}
    marked, names = 0, {}
    for row in rows:
        app = apps.get(row.application_id)
        if app is None:
            continue
        if app.id not in names:
            names[app.id] = await checklist(app)
        name = names[app.id].get(row.material_id, {}).get("name", {})
        async with in_transaction():  # the mark and its record stand or fall together
            if not await DeferredMaterial.filter(id=row.id, **unmarked).update(**{column: now()}):
                continue
            await record(app, "system", *_deferral_texts(mark, row, name))
        marked += 1
    return marked


def _deferral_texts(
    mark: str, row: DeferredMaterial, name: dict[str, str]
) -> tuple[str, Any, Any, str, str]:
    zh, en, at = name.get("zh", row.material_id), name.get("en", row.material_id), row.due_on
    before, after = (
        {"material_id": row.material_id},
        {"material_id": row.material_id, "due_on": str(at)},
    )
    if mark == "reminded_at":
        return (
            "deferred_reminder",
            before,
            after,
            f"请于 {at} 前补交{zh}（容缺受理时约定），补齐后即可办结。",
            f"Please bring or upload {en} by {at}, as agreed at acceptance; the result is issued once it arrives.",
        )
    return (
        "deferred_overdue",
        before,
        after,
        f"{zh}已超过补交期限（{at}），审批结果暂不出具，已告知窗口；请尽快补交。",
        f"{en} is past its due date ({at}); the result stays withheld and the window has been told. Please bring or upload it soon.",
    )


RECOUNT_BATCH = 500  # rows recounted at once: their IN lists stay far below SQLite's limit


async def _recount_statutory(calendar: WorkingCalendar) -> int:
    """Statutory deadlines that are provisional, or unset on an accepted application (as
    acceptance left them before estimates existed), counted again, a batch at a time."""
    unsettled = Application.filter(
        Q(due_provisional=True) | Q(due_on__isnull=True, status="accepted"),
        parent_id__isnull=True,
    ).order_by("id")
    changed, batch = 0, await unsettled.limit(RECOUNT_BATCH)
    while batch:
        dues = await statutory_dues(calendar, batch)
        for app in batch:
            changed += await _set_statutory(app, dues[app.id])
        batch = await unsettled.filter(id__gt=batch[-1].id).limit(RECOUNT_BATCH)
    return changed


async def _set_statutory(app: Application, due: Deadline) -> int:
    if (due.on, due.provisional) == (app.due_on, app.due_provisional):
        return 0
    async with in_transaction():  # of two sweeps at once, one moves it and says so
        if not await Application.filter(
            id=app.id, due_on=app.due_on, due_provisional=app.due_provisional
        ).update(due_on=due.on, due_provisional=due.provisional):
            return 0
        if due.on != app.due_on and app.status == "accepted":
            zh, en = _moved(("法定办结时限", "the statutory deadline"), app.due_on, due)
            before = {"due_on": str(app.due_on)}
            after = {"due_on": str(due.on), "provisional": due.provisional}
            await record(app, "system", "deadline_recounted", before, after, zh, en)
    return 1


async def _recount_promised(calendar: WorkingCalendar) -> int:
    """Review tasks' promised deadlines that are unset or provisional, counted again with their
    finished pauses, a batch at a time (four statements to read a batch)."""
    unsettled = ReviewTask.filter(Q(due_on__isnull=True) | Q(due_provisional=True)).order_by("id")
    changed, batch = 0, await unsettled.limit(RECOUNT_BATCH)
    while batch:
        members = {
            a.id: a for a in await Application.filter(id__in={t.application_id for t in batch})
        }
        ids = {m.matter_version_id for m in members.values() if m.matter_version_id}
        versions = {v.id: v for v in await MatterVersion.filter(id__in=ids)}
        paused = await task_paused_days([t.id for t in batch])
        for task in batch:
            version = versions.get(members[task.application_id].matter_version_id or 0)
            if version is not None:
                promised = compiled(version).definition.time_limits.promised_days
                days = promised + paused[task.id]
                due = due_date(calendar, task.created_at, days, task.region_code)
                changed += await _set_promised(task, due)
        batch = await unsettled.filter(id__gt=batch[-1].id).limit(RECOUNT_BATCH)
    return changed


async def _set_promised(task: ReviewTask, due: Deadline) -> int:
    if (due.on, due.provisional) == (task.due_on, task.due_provisional):
        return 0
    async with in_transaction():
        if not await ReviewTask.filter(
            id=task.id, due_on=task.due_on, due_provisional=task.due_provisional
        ).update(due_on=due.on, due_provisional=due.provisional):
            return 0
        if due.on != task.due_on and task.status == "pending":
            subject = (
                f"{task.department_name}的承诺办结时限",
                f"{task.department_code}'s promised deadline",
            )
            zh, en = _moved(subject, task.due_on, due)
            before = {"task": task.id, "due_on": str(task.due_on)}
            after = {"task": task.id, "due_on": str(due.on), "provisional": due.provisional}
            root = await Application.get(id=task.root_id)
            await record(root, "system", "deadline_recounted", before, after, zh, en)
    return 1


def _moved(subject: tuple[str, str], before: dt.date | None, due: Deadline) -> tuple[str, str]:
    """The timeline's words for a deadline the sweep set or moved, in Chinese and English."""
    zh, en = subject
    starts = en[:1].upper() + en[1:]
    estimated = (ESTIMATED_ZH, ESTIMATED_EN) if due.provisional else ("", "")
    if before is None:
        return f"{zh}为 {due.on}{estimated[0]}。", f"{starts} is {due.on}{estimated[1]}."
    if due.provisional:
        return (
            f"{zh}重新计算为 {due.on}{estimated[0]}（原预计 {before}）。",
            f"{starts} is now {due.on}{estimated[1]} (estimated {before} before).",
        )
    return (
        f"节假日安排已公布，{zh}确定为 {due.on}（原预计 {before}）。",
        f"With the public holidays published, {en} is {due.on} (estimated {before} before).",
    )


async def overdue(staff: StaffMember) -> list[ReviewTask]:
    """Overdue work in the supervisor's region and below, by department then deadline."""
    tasks = ReviewTask.filter(status="pending", overdue_flagged_at__isnull=False)
    return [
        t
        for t in await tasks.order_by("department_code", "due_on")
        if covers(staff.region_code, t.region_code)
    ]
