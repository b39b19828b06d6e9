"""The departments' review: their queue and their decisions; the last decision completes the
application or denies it."""

from __future__ import annotations

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
    approval waits for the fees: FEES_UNPAID until they are paid, online or at the window."""
    if not opinion.strip():
        raise BackofficeProblem("INVALID_INPUT", "请填写审批意见。", "Write the review opinion.")
    task = await ReviewTask.get_or_none(
        id=task_id, region_code=staff.region_code, department_code=staff.department_code
    )
    if task is None:
        raise not_found()
    if task.suspended_at is not None:  # its clock is paused for a special procedure
        zh, en = (
            "计时暂停中，请先恢复计时再作决定。",
            "Its clock is paused; resume it before deciding.",
        )
        raise BackofficeProblem("NOT_READY", zh, en)
    others = ReviewTask.filter(root_id=task.root_id).exclude(id=task.id)
    if approve and not await others.exclude(status="approved").exists():  # it decides: approved
        await _require_fees_paid(await Application.get(id=task.root_id), pay)
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
        await lock(root.id)  # of two last decisions (or a decision and an arrival), one finishes
        refund = False
        if not await ReviewTask.filter(root_id=root.id, status="pending").exists():
            refund = await _finish(root, staff)
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


async def _finish(root: Application, staff: StaffMember) -> bool:
    """Every task decided: completed when all approved, unless a deferred material is still
    awaited (the result withheld; its arrival completes it); else denied, and True when fees
    paid online are owed back."""
    tasks = await ReviewTask.filter(root_id=root.id)
    if all(t.status == "approved" for t in tasks):
        if not await release(root) and (pending := await awaited(root.id)):
            await withhold(root, actor(staff), pending)
        return False
    await _move(root, "accepted", "denied")
    refund = await payments.owe_refund(root.id)
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
    return refund
