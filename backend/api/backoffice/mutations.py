from __future__ import annotations

import strawberry
from strawberry.file_uploads import Upload

from backend.api.backoffice.types import (
    BackofficeError,
    CorrectionItem,
    DeferredInput,
    ReviewTask,
    ReviewTaskResult,
    StaffApplication,
    StaffApplicationResult,
)
from backend.api.context import Info
from backend.api.errors import problems_as
from backend.api.permissions import IsReviewer, IsStaff, IsWindowClerk
from backend.backoffice import service


@strawberry.type
class BackofficeMutations:
    @strawberry.mutation(
        permission_classes=[IsStaff, IsWindowClerk],
        description="Accept at the window: one review task per department, each with its working-day deadline; `deferred` accepts without materials the matter marks deferrable (容缺受理), each due by a working day, the result withheld until they arrive. Window clerks only.",
    )
    @problems_as(BackofficeError)
    async def accept_application(
        self, info: Info, id: strawberry.ID, deferred: list[DeferredInput] | None = None
    ) -> StaffApplicationResult:
        assert info.context.staff is not None
        services = info.context.services
        wanted = [(d.material_id, d.due_on) for d in deferred or []]
        app = await service.accept(
            services.calendar, info.context.staff, id, wanted, services.sharing
        )
        return StaffApplication.of(app)

    @strawberry.mutation(
        permission_classes=[IsStaff, IsWindowClerk],
        description="Record that a deferred material arrived at the window (its original seen), with its scan if kept: `scan` uploaded in this multipart request (PDF, JPEG or PNG, at most 10 MB; INVALID_INPUT with /scan) or `fileKey`, a file already stored; the last one completes an application every department approved. Window clerks only.",
    )
    @problems_as(BackofficeError)
    async def record_deferred_material(
        self,
        info: Info,
        id: strawberry.ID,
        material_id: str,
        file_key: str | None = None,
        scan: Upload | None = None,
    ) -> StaffApplicationResult:
        assert info.context.staff is not None
        store = info.context.services.files
        name = getattr(scan, "filename", "") or ""
        try:
            app = await service.record_deferred(
                info.context.staff, store, id, material_id, file_key, scan, name
            )
        finally:
            if close := getattr(scan, "close", None):
                await close()
        return StaffApplication.of(app)

    @strawberry.mutation(
        permission_classes=[IsStaff, IsWindowClerk],
        description="Reject at the window with the reason and its legal basis; fees already paid online are refunded (once). Window clerks only.",
    )
    @problems_as(BackofficeError)
    async def reject_application(
        self, info: Info, id: strawberry.ID, reason: str, legal_basis: str
    ) -> StaffApplicationResult:
        assert info.context.staff is not None
        return StaffApplication.of(
            await service.reject(
                info.context.staff, id, reason, legal_basis, info.context.services.payments
            )
        )

    @strawberry.mutation(
        permission_classes=[IsStaff, IsWindowClerk],
        description="Ask for every correction at once (一次性告知); a later notice naming new items needs a justification. Window clerks only.",
    )
    @problems_as(BackofficeError)
    async def request_correction(
        self,
        info: Info,
        id: strawberry.ID,
        items: list[CorrectionItem],
        justification: str | None = None,
    ) -> StaffApplicationResult:
        staff = info.context.staff
        assert staff is not None
        listed = [{"path": i.path, "reason": i.reason} for i in items]
        await service.request_correction(staff, id, listed, justification)
        return StaffApplication.of(await service.at_window(staff, id))

    @strawberry.mutation(
        permission_classes=[IsStaff, IsReviewer],
        description="Approve or deny a review task with an opinion and the result document; the approval that decides the application waits for its fees (FEES_UNPAID until paid online or at the window), and a denial refunds fees paid online. Reviewers only.",
    )
    @problems_as(BackofficeError)
    async def decide_task(
        self,
        info: Info,
        task_id: strawberry.ID,
        approve: bool,
        opinion: str,
        result_document: str | None = None,
    ) -> ReviewTaskResult:
        assert info.context.staff is not None
        task = int(task_id) if str(task_id).isdigit() else -1  # no such task: NOT_FOUND
        decided = await service.decide(
            info.context.staff,
            task,
            approve,
            opinion,
            result_document,
            info.context.services.payments,
        )
        return ReviewTask.of(decided)

    @strawberry.mutation(
        permission_classes=[IsStaff, IsReviewer],
        description="Upload the result document's file (审批结果文件: PDF, JPEG or PNG, at most 10 MB, multipart request) for a pending task of my department; a later upload replaces it. Codes: NOT_FOUND, ALREADY_DECIDED, INVALID_INPUT (with /file). Reviewers only.",
    )
    @problems_as(BackofficeError)
    async def upload_result_document(
        self, info: Info, task_id: strawberry.ID, file: Upload
    ) -> ReviewTaskResult:  # helper h3
        assert info.context.staff is not None
        name = getattr(file, "filename", "") or ""
        try:
            task = await service.upload_result(
                info.context.staff, str(task_id), info.context.services.files, file, name
            )
        finally:
            if close := getattr(file, "close", None):
                await close()  # stop reading the request: what was not read never will be
        return ReviewTask.of(task)

    @strawberry.mutation(
        permission_classes=[IsStaff, IsWindowClerk],
        description="Record that a completed result was sent by express, with the courier's tracking number. Window clerks only.",
    )
    @problems_as(BackofficeError)
    async def record_dispatch(
        self, info: Info, id: strawberry.ID, tracking_number: str
    ) -> StaffApplicationResult:
        assert info.context.staff is not None
        return StaffApplication.of(
            await service.record_dispatch(info.context.staff, id, tracking_number)
        )

    @strawberry.mutation(
        permission_classes=[IsStaff, IsWindowClerk],
        description="Record that the applicant paid the application's fees at the window (the amount the server counts; 窗口缴费): the application may then be decided, and it costs the applicant a trip (run count at least 1). NOT_READY when it is not submitted and undecided or owes nothing. Window clerks only.",
    )
    @problems_as(BackofficeError)
    async def record_window_payment(self, info: Info, id: strawberry.ID) -> StaffApplicationResult:
        assert info.context.staff is not None
        payments = info.context.services.payments
        return StaffApplication.of(
            await service.record_window_payment(info.context.staff, id, payments)
        )
