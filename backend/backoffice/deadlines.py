"""Working-day deadlines: the statutory one of an application (corrections pause it), the
promised one of each department's task, and the sweep that flags overdue work."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from tortoise.transactions import in_transaction

from backend.applications.service import Application, Correction
from backend.backoffice.models import ReviewTask
from backend.backoffice.records import now, record
from backend.calendar.service import OutsideKnownYears, WorkingCalendar
from backend.catalog.service import MatterVersion, compiled
from backend.regions.service import covers
from backend.staff.service import StaffMember


async def _open_task(
    calendar: WorkingCalendar,
    root: Application,
    member: Application,
    version: MatterVersion,
    at: dt.datetime,
) -> ReviewTask:
    d = compiled(version).definition
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


async def statutory_dues(
    calendar: WorkingCalendar, apps: list[Application]
) -> dict[uuid.UUID, dt.date | None]:
    """Each application's statutory deadline as acceptance sets it: three statements however
    many applications (their members, the versions, the corrections)."""
    members, paused = await members_of(apps), await paused_days(calendar, apps)
    return {
        a.id: statutory_due(calendar, a, [v for _, v in members[a.id]], paused[a.id]) for a in apps
    }


def statutory_due(
    calendar: WorkingCalendar, app: Application, versions: list[MatterVersion], paused: int
) -> dt.date | None:
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
    """The working days each application waited for corrections: they do not count."""
    regions = {a.id: a.region_code or "" for a in apps}
    paused = dict.fromkeys(regions, 0)
    for c in await Correction.filter(application_id__in=list(regions), resolved_at__isnull=False):
        if c.resolved_at is not None:
            region = regions[c.application_id]
            days = calendar.working_days_between(
                c.requested_at.date(), c.resolved_at.date(), region
            )
            paused[c.application_id] += days
    return paused


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
