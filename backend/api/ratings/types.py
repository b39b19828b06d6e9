from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry

from backend.api.types import LocalizedText
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
    async def follow_up(self) -> FollowUp | None:
        f = await FollowUpRow.get_or_none(rating=self.row).prefetch_related("rating")
        return FollowUp.of(f) if f else None


@strawberry.type
class RatingError:
    code: str = strawberry.field(
        description="INVALID_INPUT, NOT_COMPLETED, ALREADY_RATED, NOT_FOUND or CONFLICT."
    )
    message: LocalizedText


RateResult = Annotated[Rating | RatingError, strawberry.union("RateResult")]
FollowUpResult = Annotated[FollowUp | RatingError, strawberry.union("FollowUpResult")]


@strawberry.type(description="A tag a rating may carry: send `value` in rateApplication's tags.")
class RatingTag:
    value: str
    label: LocalizedText
