"""Tasks handed to a department's own system (数据交换): the system's reported decision taken
as a reviewer's is (backend/backoffice/review.py decide_task), with the system as the actor in
the audit log and its result document stored as a reviewer's upload is."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from backend.applications.service import Application
from backend.backoffice.detail import uploaded
from backend.backoffice.models import AuditEntry, ReviewTask
from backend.backoffice.records import BackofficeProblem, not_found
from backend.backoffice.review import Decision, decide_task
from backend.backoffice.review_docs import MAX_RESULT_BYTES, RESULT_FILE, RESULT_TYPES, file_refused
from backend.exchange import service as exchange
from backend.files.service import FileStore, UploadRejected, store_upload
from backend.payments import service as payments

DOCUMENT_PATH = "/result_document/content_base64"


def system_actor(department_code: str) -> str:
    return f"system:{department_code}"


async def decide_by_system(
    task_id: int,
    approve: bool,
    opinion: str,
    document: tuple[bytes, str] | None,
    store: FileStore,
    pay: payments.Payments,
    then: Callable[[ReviewTask], Awaitable[None]],
) -> ReviewTask:
    """The decision the department's system reported for its task; `document` (content, file
    name) its result document. Refusals as a reviewer's: NOT_FOUND, CONFLICT (decided),
    FEES_UNPAID (the last approval waits for the fees), NOT_READY, INVALID_INPUT (the file)."""
    task = await ReviewTask.get_or_none(id=task_id, with_system=True)
    if task is None:
        raise not_found()
    who = system_actor(task.department_code)
    if task.status != "pending":
        zh, en = "这项审查任务已经办结。", "This review task is already decided."
        raise BackofficeProblem("ALREADY_DECIDED", zh, en)

    async def with_document(decided: ReviewTask) -> None:  # in the decision's transaction:
        if document is not None:  # a refused file decides nothing, a refused decision keeps
            await _attach(decided, who, store, *document)  # no file (FEES_UNPAID comes first)
        await then(decided)

    decision = Decision(approve, opinion, None, who, who)
    return await decide_task(task, decision, pay, with_document)


async def _attach(task: ReviewTask, who: str, store: FileStore, content: bytes, name: str) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield content

    try:
        stored = await store_upload(store, chunks(), name, RESULT_TYPES, MAX_RESULT_BYTES)
    except UploadRejected as e:
        raise file_refused(e.code, e.message_zh, e.message_en, DOCUMENT_PATH) from None
    await AuditEntry.create(
        actor=who,
        action=RESULT_FILE,
        subject_id=task.root_id,
        subject=f"review_task:{task.id}",
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


async def handed_file(delivery_id: int, material_id: str, key_id: str) -> Any | None:
    """The file the citizen uploaded for `material_id` of the application handed over in
    delivery `delivery_id`, when `key_id` is the key of the system it was handed to, the read
    in the audit log as a staff member's is; None otherwise (one answer for every refusal, as
    staff downloads give)."""
    delivery = await exchange.Delivery.get_or_none(id=delivery_id)
    if delivery is None or not await exchange.signs_for(delivery, key_id):
        return None
    app = await Application.get_or_none(id=delivery.application_id)
    found = await uploaded(app, material_id) if app is not None else None
    if app is None or found is None:
        return None
    await AuditEntry.create(
        actor=system_actor(delivery.department_code),
        action="file.read",
        subject_id=app.id,
        subject=f"citizen:{app.citizen_id}",
        before=None,
        after={"material": material_id, "citizen": app.citizen_id, "file": found.file_key},
    )
    return found
