from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.scalars import JSON

from backend.accounts.service import applicant
from backend.api.context import Info
from backend.api.types import FieldError, LocalizedText, PageInfo
from backend.applications import service
from backend.applications.models import Application as ApplicationRow
from backend.catalog import service as catalog
from backend.catalog.evaluation import evaluate
from backend.catalog.types import Evaluation, Matter


@strawberry.enum
class ApplicationStatus(Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


@strawberry.type
class TimelineEntry:
    kind: str
    message: LocalizedText
    at: dt.datetime


@strawberry.type(description="A citizen's own application (办件), pinned to one matter version.")
class Application:
    id: strawberry.ID
    status: ApplicationStatus
    answers: JSON
    situation: JSON
    created_at: dt.datetime
    submitted_at: dt.datetime | None
    row: strawberry.Private[ApplicationRow]

    @classmethod
    def of(cls, a: ApplicationRow) -> Application:
        return cls(
            id=strawberry.ID(str(a.id)),
            status=ApplicationStatus(a.status),
            answers=a.answers,
            situation=a.situation,
            created_at=a.created_at,
            submitted_at=a.submitted_at,
            row=a,
        )

    @strawberry.field
    async def matter(self, info: Info) -> Matter | None:
        m = await info.context.loaders.matter.load(self.row.matter_code)
        return Matter.of(m) if m else None

    @strawberry.field(description="The matter version this application is pinned to, forever.")
    async def version(self, info: Info) -> int:
        v = await info.context.loaders.version.load(self.row.matter_version_id)  # type: ignore[attr-defined]
        return v.number if v else 0

    @strawberry.field(description="Eligibility, checklist and run count for the saved answers.")
    async def evaluation(self, info: Info) -> Evaluation | None:
        v = await info.context.loaders.version.load(self.row.matter_version_id)  # type: ignore[attr-defined]
        if v is None:
            return None
        return Evaluation.of(
            evaluate(
                catalog.compiled(v),
                applicant(info.context.citizen),
                self.row.answers,
                self.row.situation,
            )
        )

    @strawberry.field(description="Every step so far, oldest first, in plain language.")
    async def timeline(self) -> list[TimelineEntry]:
        return [
            TimelineEntry(
                kind=e.kind, message=LocalizedText(zh=e.message_zh, en=e.message_en), at=e.at
            )
            for e in await service.timeline(self.row)
        ]


@strawberry.type
class ApplicationEdge:
    cursor: str
    node: Application


@strawberry.type
class ApplicationConnection:
    edges: list[ApplicationEdge]
    page_info: PageInfo


@strawberry.enum
class ApplicationErrorCode(Enum):
    NOT_FOUND = "NOT_FOUND"
    MATTER_NOT_FOUND = "MATTER_NOT_FOUND"
    MATTER_RETIRED = "MATTER_RETIRED"
    NOT_EDITABLE = "NOT_EDITABLE"
    INVALID = "INVALID"
    INVALID_INPUT = "INVALID_INPUT"


@strawberry.type(
    description="Why the operation did not happen; `errors` lists every field problem at once."
)
class ApplicationError:
    code: ApplicationErrorCode
    message: LocalizedText
    errors: list[FieldError]

    @classmethod
    def of(cls, p: service.ApplicationProblem) -> ApplicationError:
        return cls(
            code=ApplicationErrorCode(p.code),
            message=LocalizedText(zh=p.message_zh, en=p.message_en),
            errors=[FieldError.of(e) for e in p.errors],
        )


@strawberry.type(
    description="A draft kept; `problems` are what is already wrong (missing fields are not counted yet)."
)
class SavedApplication:
    application: Application
    problems: list[FieldError]


StartApplicationResult = Annotated[
    Application | ApplicationError, strawberry.union("StartApplicationResult")
]
SaveApplicationResult = Annotated[
    SavedApplication | ApplicationError, strawberry.union("SaveApplicationResult")
]
SubmitApplicationResult = Annotated[
    Application | ApplicationError, strawberry.union("SubmitApplicationResult")
]
