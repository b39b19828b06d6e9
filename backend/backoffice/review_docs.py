"""A reviewer's task as their screen reads it: the task when it is theirs (the read in the audit
log), the other departments' tasks on the same application, the working days left, and the
result document's file (uploaded before the decision; kept in the audit log, the record of
who uploaded what)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterable
from dataclasses import dataclass
from typing import Any

from backend.applications.service import Application
from backend.backoffice.detail import readable, record_read
from backend.backoffice.models import AuditEntry, ReviewTask
from backend.backoffice.records import BackofficeProblem, actor, not_found
from backend.calendar.service import WorkingCalendar
from backend.files.service import MB, FileStore, Readable, StoredFile, UploadRejected, store_upload
from backend.forms.validation import FieldError
from backend.rules.domain import today_in_china
from backend.staff.service import StaffMember

MAX_SIBLINGS = 20  # the departments of one application
MAX_COUNTED_DAYS = 400  # days left are counted one by one: at most this many
RESULT_FILE = "task.result_file"
RESULT_TYPES = ("application/pdf", "image/jpeg", "image/png")
MAX_RESULT_BYTES = 10 * MB


@dataclass(frozen=True)
class ResultFile:
    key: str
    filename: str
    content_type: str
    size: int


def _subject(task: ReviewTask) -> str:
    return f"review_task:{task.id}"


async def mine(staff: StaffMember, task_id: str) -> ReviewTask | None:
    """The task when it is one of my department's in my region (None otherwise)."""
    if not str(task_id).isdigit():
        return None
    return await ReviewTask.get_or_none(
        id=int(task_id), region_code=staff.region_code, department_code=staff.department_code
    )


async def read(staff: StaffMember, task_id: str) -> ReviewTask | None:
    """My task, its read recorded in the audit log; None when it is not mine."""
    task = await mine(staff, task_id)
    if task is not None:
        await AuditEntry.create(
            actor=actor(staff),
            action="task.read",
            subject_id=task.root_id,
            subject=_subject(task),
            before=None,
            after={"task": task.id},
        )
    return task


async def siblings(task: ReviewTask) -> list[ReviewTask]:
    """Every department's task on the same application, mine included, by department."""
    rows = ReviewTask.filter(root_id=task.root_id).order_by("department_code", "id")
    return await rows.limit(MAX_SIBLINGS)


async def root_of(task: ReviewTask) -> Application:
    return await Application.get(id=task.root_id)


def days_left(
    calendar: WorkingCalendar, task: ReviewTask, today: dt.date | None = None
) -> int | None:
    """Working days from today (in China) to the due date (0: due today), negative when
    overdue; null without a due date. Calendar days where the calendar does not know the year."""
    if task.due_on is None:
        return None
    today = today or today_in_china()
    due, sign = (task.due_on, 1) if task.due_on >= today else (today, -1)
    start = today if sign == 1 else task.due_on
    span = min((due - start).days, MAX_COUNTED_DAYS)
    try:
        count = sum(
            calendar.is_working_day(start + dt.timedelta(days=n), task.region_code)
            for n in range(1, span + 1)
        )
    except ValueError:  # a year outside the calendar's
        count = span
    return sign * count


async def result_file(task: ReviewTask) -> ResultFile | None:
    """The result document's file last uploaded for the task."""
    entry = (
        await AuditEntry.filter(subject=_subject(task), action=RESULT_FILE).order_by("-id").first()
    )
    if entry is None:
        return None
    after: dict[str, Any] = entry.after
    return ResultFile(after["file"], after["filename"], after["contentType"], after["size"])


async def upload_result(
    staff: StaffMember, task_id: str, store: FileStore, source: Any, filename: str
) -> ReviewTask:
    """Store the result document's file (PDF, JPEG or PNG, at most 10 MB) for a pending task of
    mine. Refusals: NOT_FOUND (not mine), ALREADY_DECIDED, INVALID_INPUT under /file."""
    task = await mine(staff, task_id)
    if task is None:
        raise not_found()
    if task.status != "pending":
        raise already_decided()
    if not isinstance(source, AsyncIterable | Readable):  # a value, not a multipart file part
        zh, en = "请以 multipart 请求上传文件。", "Send the file as a part of a multipart request."
        raise file_refused("not_a_file", zh, en)
    try:
        stored = await store_upload(store, source, filename, RESULT_TYPES, MAX_RESULT_BYTES)
    except UploadRejected as e:
        raise file_refused(e.code, e.message_zh, e.message_en) from None
    return await _attach(staff, task, stored)


async def _attach(staff: StaffMember, task: ReviewTask, stored: StoredFile) -> ReviewTask:
    """Record the stored file as the task's result document (the task still pending)."""
    await task.refresh_from_db()
    if task.status != "pending":  # decided while the file arrived
        raise already_decided()
    await AuditEntry.create(
        actor=actor(staff),
        action=RESULT_FILE,
        subject_id=task.root_id,
        subject=_subject(task),
        before=None,
        after={
            "task": task.id,
            "file": stored.key,
            "sha256": stored.sha256,
            "filename": stored.filename,
            "contentType": stored.content_type,
            "size": stored.size,
        },
    )
    return task


def already_decided() -> BackofficeProblem:
    return BackofficeProblem(
        "ALREADY_DECIDED",
        "这项审查任务已经办结，不能再上传结果文件。",
        "This review task is already decided; no result file can be uploaded now.",
    )


def file_refused(code: str, zh: str, en: str, path: str = "/file") -> BackofficeProblem:
    return BackofficeProblem("INVALID_INPUT", zh, en, [FieldError(path, code, zh, en)])


async def result_to_download(staff: StaffMember, task_id: str) -> ResultFile | None:
    """A task's result file for staff who may read its application (the reviewers of every
    department on it, its window, the supervisors above it); the read in the audit log. None
    when there is no file or they may not read it."""
    task = await ReviewTask.get_or_none(id=int(task_id)) if str(task_id).isdigit() else None
    app = await readable(staff, str(task.root_id)) if task else None
    found = await result_file(task) if task and app else None
    if task is None or app is None or found is None:
        return None
    after = {"task": task.id, "citizen": app.citizen_id, "file": found.key}
    await record_read(staff, app, "task.result_file_read", after)
    return found
