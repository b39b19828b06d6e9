"""Automatic decisions (秒批): an application its submission found qualifying
(`Application.automatic`, backend/catalog/automatic.py) is accepted, approved by each
department's rules and completed at once, with no one's desk; the matter versions' rules are
the decider in the audit log; a sampled share goes to the department's reviewers afterwards,
who record whether the rules decided rightly."""

from __future__ import annotations

import datetime as dt
import logging

from tortoise.transactions import in_transaction

from backend.applications.service import Application
from backend.backoffice.deadlines import _open_task, members_of, paused_days, statutory_due
from backend.backoffice.deferred import lock, release
from backend.backoffice.models import AuditEntry, AutomaticCheck, ReviewTask
from backend.backoffice.records import (
    BackofficeProblem,
    _move,
    actor,
    conflict,
    now,
    of_my_department,
    record,
)
from backend.calendar.service import WorkingCalendar
from backend.catalog.service import MatterVersion, compiled, sampled
from backend.forms.validation import FieldError
from backend.staff.service import StaffMember

log = logging.getLogger(__name__)
OPINION = "符合全部办理条件，材料均经电子证照和共享数据核验，系统依规则自动审批。"
OUTCOMES = ("confirmed", "wrong")
MAX_NOTE = 1000


def decider(version: MatterVersion) -> str:
    """Who decided, in the audit log: the rules of one matter version."""
    return f"rules:{compiled(version).definition.code}@v{version.number}"


async def decide_automatically(calendar: WorkingCalendar, app: Application) -> Application:
    """Accept, approve and complete at once an application that qualified when submitted (its
    outputs issued into the wallet as a department's last approval issues them); anything else
    is returned as it is, to go the normal way. Of this and a clerk (or another worker: the
    sweep retries what a crash left), exactly one acts."""
    if app.status != "submitted" or not app.automatic or app.parent_id is not None:
        return app
    members = (await members_of([app]))[app.id]
    if not members:
        return app
    paused = (await paused_days(calendar, [app]))[app.id]
    due = statutory_due(calendar, app, [v for _, v in members], paused)
    at = now()
    who = decider(members[0][1]) if len(members) == 1 else f"rules:{app.life_event_code}"
    try:
        async with in_transaction():
            await _move(
                app, "submitted", "accepted", due_on=due.on, due_provisional=due.provisional
            )
            others = [m.id for m, _ in members if m.id != app.id]
            if others:
                await Application.filter(id__in=others).update(status="accepted")
            rules = []
            for member, version in members:
                task = await _open_task(calendar, app, member, version, at, hand_off=False)
                by = decider(version)
                await ReviewTask.filter(id=task.id).update(
                    status="approved", opinion=OPINION, decided_by=by[:64], decided_at=at
                )
                rate = _rate(version)
                if sampled(member.id, rate):
                    await AutomaticCheck.create(
                        task_id=task.id,
                        application_id=app.id,
                        region_code=task.region_code,
                        department_code=task.department_code,
                        decided_by=by,
                    )
                rules.append({"rules": by, "content_hash": version.content_hash, "rate": rate})
            await record(
                app,
                who,
                "decided_automatically",
                {"status": "submitted"},
                {"status": "accepted", "approved": rules, "due_on": str(due.on)},
                "系统已自动审批：您符合全部办理条件，材料均已通过电子证照和共享数据核验，无需人工审核。",
                "Approved automatically: you meet every condition and every material was verified from e-licenses and shared data; no one needed to review it.",
            )
            await lock(app.id)
            await release(app)
    except BackofficeProblem:  # a clerk or another worker acted first
        pass
    except Exception:  # the submission stands: the sweep decides it (pending_automatic)
        log.exception("automatic decision of %s failed; the sweep will retry it", app.id)
    await app.refresh_from_db()
    return app


def _rate(version: MatterVersion) -> float:
    automatic = compiled(version).definition.automatic
    return automatic.sample_rate if automatic is not None else 0.0


async def pending_automatic(calendar: WorkingCalendar, before: dt.datetime) -> int:
    """The sweep's retry: applications that qualified but are still submitted since before
    `before` (a worker stopped between the submission and its decision) are decided now."""
    decided = 0
    left = await Application.filter(status="submitted", automatic=True, parent_id__isnull=True)
    for app in left:  # few, if any: compared here, as SQLite keeps instants as text
        if app.submitted_at is not None and app.submitted_at < before:
            decided += (await decide_automatically(calendar, app)).status == "completed"
    return decided


async def automatic_checks(staff: StaffMember, checked: bool, first: int) -> list[AutomaticCheck]:
    """My department's sampled automatic decisions in my region: those still to check, oldest
    first, or those checked, latest first."""
    qs = AutomaticCheck.filter(
        region_code=staff.region_code,
        department_code=staff.department_code,
        outcome__isnull=not checked,
    )
    order = ("-checked_at", "-id") if checked else ("created_at", "id")
    return await qs.order_by(*order).limit(first)


async def record_check(
    staff: StaffMember, check_id: str, outcome: str, note: str | None
) -> AutomaticCheck:
    """A reviewer's finding on a sampled automatic decision, once: `confirmed`, or `wrong` with
    a note saying what the rules missed (for the matter's authors and supervision)."""
    text = (note or "").strip()
    errors = []
    if outcome not in OUTCOMES:
        errors.append(
            FieldError("/outcome", "enum", "结论须为确认无误或有误。", "confirmed or wrong.")
        )
    if outcome == "wrong" and not text:
        zh, en = "认定有误时须写明问题。", "Say what was wrong."
        errors.append(FieldError("/note", "required", zh, en))
    if len(text) > MAX_NOTE:
        zh, en = f"说明不超过 {MAX_NOTE} 字。", f"At most {MAX_NOTE} characters."
        errors.append(FieldError("/note", "too_long", zh, en))
    if errors:
        raise BackofficeProblem(
            "INVALID_INPUT", "抽查结论填写有误。", "The check's input is invalid.", errors
        )
    row = await of_my_department(AutomaticCheck, staff, check_id)
    async with in_transaction():
        if not await AutomaticCheck.filter(id=row.id, outcome__isnull=True).update(
            outcome=outcome, note=text or None, checked_by=staff.username, checked_at=now()
        ):
            raise conflict()
        await AuditEntry.create(
            actor=actor(staff),
            action="automatic_checked",
            subject_id=row.application_id,
            before={"check": row.id, "decided_by": row.decided_by},
            after={"check": row.id, "outcome": outcome, "note": text or None},
        )
    await row.refresh_from_db()
    return row
