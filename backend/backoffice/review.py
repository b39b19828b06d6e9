"""The departments' review: their queue and their decisions; the last decision completes the
application or denies it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from tortoise.transactions import in_transaction

from backend.applications.service import Application
from backend.backoffice.deferred import awaited, lock, release, withhold
from backend.backoffice.models import ReviewTask
from backend.backoffice.records import (
    BackofficeProblem,
    _move,
    actor,
    conflict,
    not_found,
    now,
    record,
)
from backend.payments import service as payments
from backend.staff.service import StaffMember


async def review_queue(staff: StaffMember, status: str | None, first: int) -> list[ReviewTask]:
    qs = ReviewTask.filter(region_code=staff.region_code, department_code=staff.department_code)
    qs = qs.filter(status=status) if status else qs.filter(status="pending")
    return await qs.order_by("due_on", "id").limit(first)


async def decide(
    staff: StaffMember,
    task_id: int,
    approve: bool,
    opinion: str,
    result_document: str | None,
    pay: payments.Payments,
) -> ReviewTask:
    """A department's decision; when the last task is decided, the application completes (its
    outputs issued into the wallet) or is denied (its fees, if paid, refunded). The last
    approval waits for the fees: FEES_UNPAID until they are paid, online or at the window.
    A task handed to the department's own system is decided there (WITH_DEPARTMENT_SYSTEM)."""
    if not opinion.strip():
        raise BackofficeProblem("INVALID_INPUT", "请填写审批意见。", "Write the review opinion.")
    task = await ReviewTask.get_or_none(
        id=task_id, region_code=staff.region_code, department_code=staff.department_code
    )
    if task is None:
        raise not_found()
    if task.with_system:
        zh, en = (
            "这项任务已移交本部门业务系统办理，请在业务系统中作出决定。",
            "This task was handed to the department's own system: decide it there.",
        )
        raise BackofficeProblem("WITH_DEPARTMENT_SYSTEM", zh, en)
    decision = Decision(approve, opinion, result_document, actor(staff), staff.username)
    return await decide_task(task, decision, pay)


@dataclass(frozen=True)
class Decision:
    approve: bool
    opinion: str
    result_document: str | None
    who: str  # the audit log's actor: "staff:<username>" | "system:<department>"
    decided_by: str  # the task's decided_by: a username, or the system's name


async def decide_task(
    task: ReviewTask,
    d: Decision,
    pay: payments.Payments,
    then: Callable[[ReviewTask], Awaitable[None]] | None = None,
) -> ReviewTask:
    """The decision of a task (a reviewer's, or its department's system's), `then` run in the
    decision's transaction: the rest of decide."""
    if task.suspended_at is not None:  # its clock is paused for a special procedure
        zh, en = (
            "计时暂停中，请先恢复计时再作决定。",
            "Its clock is paused; resume it before deciding.",
        )
        raise BackofficeProblem("NOT_READY", zh, en)
    others = ReviewTask.filter(root_id=task.root_id).exclude(id=task.id)
    if d.approve and not await others.exclude(status="approved").exists():  # it decides: approved
        await _require_fees_paid(await Application.get(id=task.root_id), pay)
    status = "approved" if d.approve else "denied"
    async with in_transaction():
        won = await ReviewTask.filter(id=task.id, status="pending").update(
            status=status,
            opinion=d.opinion,
            result_document=d.result_document,
            decided_by=d.decided_by[:64],
            decided_at=now(),
        )
        if not won:
            raise conflict()
        await task.refresh_from_db()
        root = await Application.get(id=task.root_id)
        word = ("同意", "approved") if d.approve else ("不予许可", "denied")
        await record(
            root,
            d.who,
            f"task_{status}",
            {"task": task.id, "status": "pending"},
            {"task": task.id, "status": status},
            f"{task.department_name}审批{word[0]}：{d.opinion}",
            f"{task.department_code} {word[1]}: {d.opinion}",
        )
        await lock(root.id)  # of two last decisions (or a decision and an arrival), one finishes
        refund = False
        if not await ReviewTask.filter(root_id=root.id, status="pending").exists():
            refund = await _finish(root, d.who)
        if then is not None:
            await then(task)
    if refund:
        await payments.send_refunds(pay.platform)
    return task


async def _require_fees_paid(root: Application, pay: payments.Payments) -> None:
    if not await payments.settled(root, pay.sharing):
        raise BackofficeProblem(
            "FEES_UNPAID",
            "申请人还没有缴费：缴费（网上或窗口）后才能作出决定。",
            "The applicant has not paid the fees yet: decide once they are paid, online or at the window.",
        )


async def _finish(root: Application, who: str) -> bool:
    """Every task decided: completed when all approved, unless a deferred material is still
    awaited (the result withheld; its arrival completes it); else denied, and True when fees
    paid online are owed back."""
    tasks = await ReviewTask.filter(root_id=root.id)
    if all(t.status == "approved" for t in tasks):
        if not await release(root) and (pending := await awaited(root.id)):
            await withhold(root, who, pending)
        return False
    await _move(root, "accepted", "denied")
    refund = await payments.owe_refund(root.id)
    await Application.filter(parent_id=root.id).update(status="denied")
    await record(
        root,
        who,
        "denied",
        {"status": "accepted"},
        {"status": "denied"},
        "审批未通过，详见各部门意见。",
        "Not approved; see each department's opinion.",
    )
    return refund
