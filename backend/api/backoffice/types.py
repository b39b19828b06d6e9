from __future__ import annotations

import dataclasses
import datetime as dt
from enum import Enum
from typing import Annotated, Any, ClassVar

import strawberry
from strawberry.scalars import JSON

from backend.api.applications.dataloaders import timelines
from backend.api.applications.deferred import DeferredMaterial, deferred_of
from backend.api.applications.types import TimelineEntry
from backend.api.backoffice.applicants import MaskedApplicant, masked_applicant
from backend.api.backoffice.dataloaders import tasks
from backend.api.backoffice.detail import (  # helper h1: the application in full
    StaffAnswer,
    StaffApplicant,
    StaffMaterial,
    StaffParty,
    answers_of,
    applicant_of,
    detail_once,
    materials_of,
    parties_of,
)
from backend.api.backoffice.fees import (  # issue 19: fees at the window, paused clocks
    StaffPayment,
    TaskSuspension,
    fees_of,
    payment_of,
    suspensions_of,
)
from backend.api.backoffice.halls import Hall
from backend.api.backoffice.review import ResultFile, days_left, result_file
from backend.api.catalog.evaluation import FeeDue
from backend.api.context import Info
from backend.api.errors import Problems
from backend.api.exchange.types import HandOff, hand_offs
from backend.api.types import FieldError, LocalizedText
from backend.applications.service import Application
from backend.backoffice import service
from backend.backoffice.service import ReviewTask as TaskRow


@strawberry.type(description="A department's part of an application, reviewed in parallel.")
class ReviewTask:
    id: strawberry.ID
    application_id: strawberry.ID
    root_id: strawberry.ID
    matter_code: str
    department_code: str
    department_name: str
    status: str = strawberry.field(description="pending, approved or denied.")
    due_on: dt.date | None = strawberry.field(
        description="The promised deadline (承诺办结时限), counted from acceptance."
    )
    due_provisional: bool = strawberry.field(
        description="True while `dueOn` is an estimate (预计): its year's public holidays are not published yet; the sweep counts it again once they are."
    )
    opinion: str | None
    result_document: str | None
    decided_by: str | None
    decided_at: dt.datetime | None
    row: strawberry.Private[TaskRow]

    @strawberry.field(
        description="Working days from today to `dueOn` (0: due today), negative when overdue; null without a due date. For the deadline's colour."
    )
    def days_left(self, info: Info) -> int | None:  # helper h3: the review screens
        return days_left(info, self.row)

    @strawberry.field(
        description="Since when its clock stands paused for a special procedure (suspendTask); null while it runs."
    )
    def suspended_since(self) -> dt.datetime | None:
        return self.row.suspended_at

    @strawberry.field(
        description="Its delivery to the department's own system when the matter is reviewed there (数据交换): decided there and reported back, not in the workbench; null when reviewed in the workbench."
    )
    async def hand_off(self, info: Info) -> HandOff | None:
        if not self.row.with_system:  # reviewed in the workbench: no statement
            return None
        found: HandOff | None = await info.context.loaders.of(hand_offs).load(self.row.id)
        return found

    @strawberry.field(
        description="Every pause of its clock for a special procedure (suspendTask), the first first."
    )
    async def suspensions(self, info: Info) -> list[TaskSuspension]:
        found: list[TaskSuspension] = await info.context.loaders.of(suspensions_of).load(
            self.row.id
        )
        return found

    @strawberry.field(description="The result document's file, once uploaded.")
    async def result_file(self) -> ResultFile | None:
        return await result_file(self.row)

    @strawberry.field(
        description="Every department's task on the same application (this one included), by department: the others' progress."
    )
    async def other_tasks(self) -> list[ReviewTask]:
        return [ReviewTask.of(t) for t in await service.sibling_tasks(self.row)]

    @strawberry.field(description="What the citizen submitted (read-only); its read is audited.")
    async def application(self, info: Info) -> StaffApplication:
        assert info.context.staff is not None
        app = await service.root_of(self.row)
        await service.record_read(
            info.context.staff, app, "application.read", {"task": self.row.id}
        )
        return StaffApplication.of(app)

    @classmethod
    def of(cls, t: TaskRow) -> ReviewTask:
        return cls(
            id=strawberry.ID(str(t.id)),
            application_id=strawberry.ID(str(t.application_id)),
            root_id=strawberry.ID(str(t.root_id)),
            matter_code=t.matter_code,
            department_code=t.department_code,
            department_name=t.department_name,
            status=t.status,
            due_on=t.due_on,
            due_provisional=t.due_provisional,
            opinion=t.opinion,
            result_document=t.result_document,
            decided_by=t.decided_by,
            decided_at=t.decided_at,
            row=t,
        )


@strawberry.type(description="An application as the back office sees it.")
class StaffApplication:
    id: strawberry.ID
    status: str
    matter_code: str | None
    life_event_code: str | None
    region_code: str | None
    answers: JSON
    situation: JSON
    submitted_at: dt.datetime | None
    due_on: dt.date | None = strawberry.field(
        description="The statutory deadline: set on acceptance; in the window's queue, the one acceptance would set."
    )
    due_provisional: bool = strawberry.field(
        description="True while `dueOn` is an estimate (预计): its year's public holidays are not published yet; the sweep counts it again once they are."
    )
    row: strawberry.Private[Application]
    full: strawberry.Private[bool] = False  # read by staffApplication: the detail fields answer
    kept: strawberry.Private[dict[str, Any]] = dataclasses.field(default_factory=dict)

    @strawberry.field(description="The matter's or the life event's name, as citizens read it.")
    async def title(self, info: Info) -> LocalizedText | None:
        loaders, row = info.context.loaders, self.row
        named = (
            await loaders.matter.load(row.matter_code)
            if row.matter_code
            else await loaders.life_event.load(row.life_event_code)
            if row.life_event_code
            else None
        )
        return LocalizedText(zh=named.name_zh, en=named.name_en) if named else None

    @classmethod
    def of(cls, a: Application, full: bool = False) -> StaffApplication:
        return cls(
            id=strawberry.ID(str(a.id)),
            status=a.status,
            matter_code=a.matter_code,
            life_event_code=a.life_event_code,
            region_code=a.region_code,
            answers=a.answers,
            situation=a.situation,
            submitted_at=a.submitted_at,
            due_on=a.due_on,
            due_provisional=a.due_provisional,
            row=a,
            full=full,
        )

    @strawberry.field(
        description="Who applied, masked; only from staffApplication (null in lists). Its read is in the audit log."
    )
    async def applicant(self, info: Info) -> StaffApplicant | None:  # helper h1
        if not self.full:
            return None
        return applicant_of(await detail_once(info, self.row, self.kept))

    @strawberry.field(
        description="Who applied, name and resident ID masked (张*三, 330106********0311), in lists as well: one statement for a page. Not in the audit log: it shows nothing in full."
    )
    async def applicant_masked(self, info: Info) -> MaskedApplicant | None:  # helper h3
        return await masked_applicant(info, self.row)

    @strawberry.field(
        description="A multi-party application's parties and who plays each; only from staffApplication ([] in lists)."
    )
    async def parties(self, info: Info) -> list[StaffParty]:  # helper h1
        if not self.full:
            return []
        return parties_of(await detail_once(info, self.row, self.kept))

    @strawberry.field(
        description="Every answer with its title and, when shared data filled it, its provenance; only from staffApplication ([] in lists)."
    )
    async def answer_list(self, info: Info) -> list[StaffAnswer]:  # helper h1
        if not self.full:
            return []
        return answers_of(await detail_once(info, self.row, self.kept))

    @strawberry.field(
        description="Every material required with its evidence (e-license, shared data, commitment, upload with its download path, deferred, original seen, missing); only from staffApplication ([] in lists)."
    )
    async def materials(self, info: Info) -> list[StaffMaterial]:  # helper h1
        if not self.full:
            return []
        return materials_of(await detail_once(info, self.row, self.kept))

    @strawberry.field
    async def tasks(self, info: Info) -> list[ReviewTask]:
        return [ReviewTask.of(t) for t in await info.context.loaders.of(tasks).load(self.row.id)]

    @strawberry.field(
        description="Materials accepted without (容缺受理), each with its due date, arrival and whether it is overdue."
    )
    async def deferred(self, info: Info) -> list[DeferredMaterial]:  # helper h5
        return await deferred_of(info, self.row)

    @strawberry.field(
        description="online (the citizen or someone acting for them), window (filed for a walk-in) or agent."
    )
    def channel(self) -> str:  # helper h4: walk-in intake and halls
        return self.row.channel

    @strawberry.field(
        description="The hall that received it when not its county's own window (a township's, another county's); null otherwise."
    )
    async def received_at(self, info: Info) -> Hall | None:
        return await Hall.load(info, self.row.received_hall_id)

    @strawberry.field(
        description="Where the citizen collects the result, when it is collected at a hall other than the county's window."
    )
    async def pickup_at(self, info: Info) -> Hall | None:
        if self.row.delivery_mode not in (None, "pickup"):  # not collected: sent or e-license
            return None
        return await Hall.load(info, self.row.pickup_hall_id)

    @strawberry.field(
        description="How the citizen receives the result: e_license, express, pickup (at a hall) or none; null when not chosen yet."
    )
    def delivery_mode(self) -> str | None:
        return self.row.delivery_mode

    @strawberry.field(
        description="When the sweep found it left at the window 5 working days without a decision on acceptance: accepted by law from its submission (行政许可法 art. 32, 视为受理); null otherwise."
    )
    def deemed_accepted_at(self) -> dt.datetime | None:
        return self.row.deemed_accepted_at

    @strawberry.field(
        description="Whether it qualified when submitted to be decided by its matters' rules at once (秒批): accepted, approved and completed without staff."
    )
    def automatic(self) -> bool:
        return self.row.automatic

    @strawberry.field(description="When the result was handed over at the pickup hall.")
    def handed_over_at(self) -> dt.datetime | None:
        return self.row.handed_over_at

    @strawberry.field(
        description="The trips reported for it and why: a window filing's is 1, the visit, with the reasons that brought the citizen."
    )
    async def run_count(self, info: Info) -> RunCount:
        count, reasons = await service.run_count(self.row, info.context.services.sharing)
        return RunCount(count=count, reasons=[LocalizedText.of(r) for r in reasons])

    @strawberry.field(
        description="The fees the applicant owes now, each with its amount, formula, basis and any exemption with its basis; only from staffApplication ([] in lists)."
    )
    async def fees(self, info: Info) -> list[FeeDue]:
        return fees_of(await detail_once(info, self.row, self.kept)) if self.full else []

    @strawberry.field(
        description="How its fees were paid (online or at the window) or the order still open; null before any order. Only from staffApplication (null in lists)."
    )
    async def payment(self) -> StaffPayment | None:
        return await payment_of(self.row) if self.full else None

    @strawberry.field
    async def timeline(self, info: Info) -> list[TimelineEntry]:
        return [
            TimelineEntry.of(e) for e in await info.context.loaders.of(timelines).load(self.row.id)
        ]


@strawberry.type(description="How many trips an application costs its applicant, and why.")
class RunCount:
    count: int
    reasons: list[LocalizedText]


@strawberry.enum(description="Why the back office refused.")
class BackofficeErrorCode(Enum):
    NOT_FOUND = strawberry.enum_value(
        "NOT_FOUND", description="Not there, or outside my region or department."
    )
    CONFLICT = strawberry.enum_value(
        "CONFLICT", description="Another member of staff has just handled it."
    )
    INVALID_INPUT = strawberry.enum_value(
        "INVALID_INPUT", description="A required input is missing or malformed."
    )
    JUSTIFICATION_REQUIRED = strawberry.enum_value(
        "JUSTIFICATION_REQUIRED",
        description="A later correction notice naming new items needs a justification.",
    )
    NOT_READY = strawberry.enum_value(
        "NOT_READY", description="Not in the state this needs, e.g. a dispatch before completion."
    )
    IDENTITY_MISMATCH = strawberry.enum_value(
        "IDENTITY_MISMATCH",
        description="The resident ID and the name do not belong together (the identity service, or the account of that ID, says so).",
    )
    ALREADY_DECIDED = strawberry.enum_value(
        "ALREADY_DECIDED",
        description="The review task is decided: its result file can no longer change.",
    )
    FEES_UNPAID = strawberry.enum_value(
        "FEES_UNPAID",
        description="The application's fees are not paid yet: it is decided once they are, online or at the window.",
    )
    WITH_DEPARTMENT_SYSTEM = strawberry.enum_value(
        "WITH_DEPARTMENT_SYSTEM",
        description="The task was handed to the department's own system (数据交换): it is decided there, not in the workbench.",
    )
    NOT_COMPETENT = strawberry.enum_value(
        "NOT_COMPETENT",
        description="Another county's window decides on it: my hall only received it, or I have no hall to receive it at.",
    )


@strawberry.type
class BackofficeError:
    problem: ClassVar[Problems] = service.BackofficeProblem
    code: BackofficeErrorCode
    message: LocalizedText
    errors: list[FieldError] = strawberry.field(
        description="Each input at fault, by its path (e.g. /deferred/0/dueOn); may be empty."
    )

    @classmethod
    def of(cls, p: service.BackofficeProblem) -> BackofficeError:
        return cls(
            code=BackofficeErrorCode(p.code),
            message=LocalizedText(zh=p.message_zh, en=p.message_en),
            errors=[FieldError.of(e) for e in p.errors],
        )


@strawberry.input
class CorrectionItem:
    path: str = strawberry.field(description="/answers/<field> or /materials/<material id>.")
    reason: str


@strawberry.input(description="A material to accept the application without, and its due date.")
class DeferredInput:
    material_id: str = strawberry.field(
        description="As the application's checklist names it; the matter must mark it deferrable."
    )
    due_on: dt.date = strawberry.field(
        description="A working day after today, no later than the statutory deadline."
    )


StaffApplicationResult = Annotated[
    StaffApplication | BackofficeError, strawberry.union("StaffApplicationResult")
]
ReviewTaskResult = Annotated[ReviewTask | BackofficeError, strawberry.union("ReviewTaskResult")]
