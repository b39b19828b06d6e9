from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, ClassVar

import strawberry

from backend.api.context import Info
from backend.api.errors import Problems
from backend.api.ratings.dataloaders import follow_ups
from backend.api.types import LocalizedText
from backend.ratings import service
from backend.ratings.service import FollowUp as FollowUpRow
from backend.ratings.service import Rating as RatingRow


@strawberry.type(description="The county's follow-up of a low rating.")
class FollowUp:
    id: strawberry.ID
    region_code: str
    due_on: dt.date | None
    answer: str | None
    closed_at: dt.datetime | None
    score: int
    comment: str

    @classmethod
    def of(cls, f: FollowUpRow) -> FollowUp:
        return cls(
            id=strawberry.ID(str(f.id)),
            region_code=f.region_code,
            due_on=f.due_on,
            answer=f.answer,
            closed_at=f.closed_at,
            score=f.rating.score,
            comment=f.rating.comment,
        )

    @strawberry.field(
        description="True while `dueOn` is an estimate (预计): its year's public holidays are not published yet; the sweep counts it again once they are."
    )
    def due_provisional(self, info: Info) -> bool:
        calendar = info.context.services.calendar
        return self.due_on is not None and calendar.is_provisional(self.due_on)


@strawberry.type(description="My verdict on a completed application (好差评).")
class Rating:
    score: int
    tags: list[str]
    comment: str
    created_at: dt.datetime
    row: strawberry.Private[RatingRow]

    @classmethod
    def of(cls, r: RatingRow) -> Rating:
        return cls(score=r.score, tags=r.tags, comment=r.comment, created_at=r.created_at, row=r)

    @strawberry.field(description="The county's follow-up, when the score was 2 or less.")
    async def follow_up(self, info: Info) -> FollowUp | None:
        f = await info.context.loaders.of(follow_ups).load(self.row.id)
        return FollowUp.of(f) if f else None


@strawberry.enum(description="Why a rating or a follow-up did not change.")
class RatingErrorCode(Enum):
    INVALID_INPUT = strawberry.enum_value(
        "INVALID_INPUT",
        description="A score outside 1–5, an unknown tag, an empty answer or too long a comment.",
    )
    NOT_COMPLETED = strawberry.enum_value(
        "NOT_COMPLETED", description="Only a completed application is rated."
    )
    ALREADY_RATED = strawberry.enum_value(
        "ALREADY_RATED", description="An application is rated once."
    )
    NOT_FOUND = strawberry.enum_value(
        "NOT_FOUND", description="Not there, or not mine (not my region's)."
    )
    CONFLICT = strawberry.enum_value("CONFLICT", description="The follow-up was answered already.")


@strawberry.type
class RatingError:
    problem: ClassVar[Problems] = service.RatingProblem
    code: RatingErrorCode
    message: LocalizedText

    @classmethod
    def of(cls, p: service.RatingProblem) -> RatingError:
        return cls(
            code=RatingErrorCode(p.code), message=LocalizedText(zh=p.message_zh, en=p.message_en)
        )


RateResult = Annotated[Rating | RatingError, strawberry.union("RateResult")]
FollowUpResult = Annotated[FollowUp | RatingError, strawberry.union("FollowUpResult")]


@strawberry.type(description="A tag a rating may carry: send `value` in rateApplication's tags.")
class RatingTag:
    value: str
    label: LocalizedText
