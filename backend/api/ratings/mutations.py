from __future__ import annotations

import strawberry

from backend.api.context import Info
from backend.api.errors import problems_as
from backend.api.permissions import IsCountyAdministrator, IsSignedIn, IsStaff
from backend.api.ratings.types import (
    FollowUp,
    FollowUpResult,
    RateResult,
    Rating,
    RatingError,
    RatingTag,
)
from backend.api.types import LocalizedText
from backend.ratings import service


@strawberry.type
class RatingQueries:
    @strawberry.field(description="The tags a rating may carry, praise first, then complaints.")
    def rating_tags(self) -> list[RatingTag]:
        return [
            RatingTag(value=zh, label=LocalizedText(zh=zh, en=en))
            for zh, en in service.TAGS.items()
        ]


@strawberry.type
class RatingMutations:
    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Rate a completed application 1–5 with tags and a comment; 2 or less opens a county follow-up. Requires sign-in.",
    )
    @problems_as(RatingError)
    async def rate_application(
        self,
        info: Info,
        application_id: strawberry.ID,
        score: int,
        tags: list[str] | None = None,
        comment: str = "",
    ) -> RateResult:
        assert info.context.citizen is not None
        calendar, citizen = info.context.services.calendar, info.context.citizen
        rating = await service.rate(calendar, citizen, application_id, score, tags or [], comment)
        return Rating.of(rating)


@strawberry.type
class FollowUpQueries:
    @strawberry.field(
        permission_classes=[IsStaff, IsCountyAdministrator],
        description="Open follow-ups of low ratings in my region, earliest deadline first. County administrators only.",
    )
    async def follow_ups(self, info: Info) -> list[FollowUp]:
        assert info.context.staff is not None
        return [FollowUp.of(f) for f in await service.open_follow_ups(info.context.staff)]


@strawberry.type
class FollowUpMutations:
    @strawberry.mutation(
        permission_classes=[IsStaff, IsCountyAdministrator],
        description="Answer and close a follow-up; the citizen sees the answer. County administrators only.",
    )
    @problems_as(RatingError)
    async def answer_follow_up(self, info: Info, id: strawberry.ID, answer: str) -> FollowUpResult:
        assert info.context.staff is not None
        follow_up = int(id) if str(id).isdigit() else -1  # no such follow-up: NOT_FOUND
        return FollowUp.of(await service.answer(info.context.staff, follow_up, answer))
