from __future__ import annotations

import datetime as dt

import strawberry

from backend.api.context import Info
from backend.api.errors import problems_as, problems_as_errors
from backend.api.permissions import (
    OPEN,
    IsCountyAdministrator,
    IsSignedIn,
    IsStaff,
    IsSupervisorOrCountyAdministrator,
    IsWindowClerk,
)
from backend.api.ratings.types import (
    CallbackMethod,
    FollowUp,
    FollowUpFilter,
    FollowUpResult,
    RateResult,
    Rating,
    RatingError,
    RatingTag,
    Satisfaction,
    SatisfactionLevel,
)
from backend.api.types import LocalizedText
from backend.ratings import service
from backend.rules.domain import CHINA_TIME

MAX_FOLLOW_UPS = 200


def _id(id: strawberry.ID) -> int:
    return int(id) if str(id).isdigit() and len(str(id)) < 10 else -1  # else NOT_FOUND


@strawberry.type
class RatingQueries:
    @strawberry.field(description="The tags a rating may carry, praise first, then complaints.")
    def rating_tags(self) -> list[RatingTag]:
        return [
            RatingTag(value=zh, label=LocalizedText(zh=zh, en=en))
            for zh, en in service.TAGS.items()
        ]

    @strawberry.field(
        description=f"The public satisfaction league table (好差评) of `regionCode` (a province, city or county; default Zhejiang) by matter, department or county: count, average and 差评率 (share of scores of 2 or less), worst 差评率 first. Anonymous: no rater, no comment, and a group appears only from {service.MINIMUM} ratings on. The latest score of each rating counts (a 追评 replaces it). INVALID_INPUT for a code that is not 6 digits. {OPEN}"
    )
    @problems_as_errors(service.RatingProblem)
    async def satisfaction(
        self, by: SatisfactionLevel, region_code: str = "330000"
    ) -> list[Satisfaction]:
        return [Satisfaction.of(s) for s in await service.satisfaction(by.value, region_code)]


@strawberry.type
class RatingMutations:
    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Rate a finished (completed, rejected or denied) application 1–5 with tags and a comment, once; 2 or less opens a county follow-up (callback, rectification, then my 追评). Requires sign-in.",
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

    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="追评: rate my application once more (1–5, optional comment) after the county rectified my low rating; it closes the follow-up and replaces the score in the public figures. NOT_READY before the rectification, ALREADY_RATED the second time. Requires sign-in.",
    )
    @problems_as(RatingError)
    async def re_rate_application(
        self, info: Info, application_id: strawberry.ID, score: int, comment: str = ""
    ) -> FollowUpResult:
        assert info.context.citizen is not None
        citizen = info.context.citizen
        return FollowUp.of(await service.re_rate(citizen, application_id, score, comment))


@strawberry.type
class FollowUpQueries:
    @strawberry.field(
        permission_classes=[IsStaff, IsCountyAdministrator],
        description="Open follow-ups of low ratings in my region, earliest deadline first. County administrators only.",
        deprecation_reason="Use followUpsInState, which lists every state.",
    )
    async def follow_ups(self, info: Info) -> list[FollowUp]:
        assert info.context.staff is not None
        return [FollowUp.of(f) for f in await service.open_follow_ups(info.context.staff)]

    @strawberry.field(
        permission_classes=[IsStaff, IsSupervisorOrCountyAdministrator],
        description=f"My region's follow-ups of low ratings (回访整改) in `state` (all without it; LATE: a deadline missed), earliest deadline first, at most `first` (≤ {MAX_FOLLOW_UPS}). Supervisors and county administrators only.",
    )
    async def follow_ups_in_state(
        self, info: Info, state: FollowUpFilter | None = None, first: int = 100
    ) -> list[FollowUp]:
        assert info.context.staff is not None
        today = dt.datetime.now(CHINA_TIME).date()
        limit = max(0, min(first, MAX_FOLLOW_UPS))
        rows = await service.follow_ups_in(
            info.context.staff, state.value if state else None, today, limit
        )
        return [FollowUp.of(f) for f in rows]


@strawberry.type
class FollowUpMutations:
    @strawberry.mutation(
        permission_classes=[IsStaff, IsCountyAdministrator],
        description="Answer a follow-up. One opened before the callback and rectification steps closes; on a newer one the answer records the steps not yet recorded, and the citizen's 追评 closes it. County administrators only.",
        deprecation_reason="Use recordFollowUpCallback and recordFollowUpRectification.",
    )
    @problems_as(RatingError)
    async def answer_follow_up(self, info: Info, id: strawberry.ID, answer: str) -> FollowUpResult:
        assert info.context.staff is not None
        return FollowUp.of(await service.answer(info.context.staff, _id(id), answer))

    @strawberry.mutation(
        permission_classes=[IsStaff, IsCountyAdministrator],
        description="Record the callback (回访) of a low rating: how the citizen was reached and what was said; due within 1 working day of the rating. CONFLICT the second time, NOT_FOUND outside my region, INVALID_INPUT with paths /method, /note. County administrators only.",
    )
    @problems_as(RatingError)
    async def record_follow_up_callback(
        self, info: Info, id: strawberry.ID, method: CallbackMethod, note: str
    ) -> FollowUpResult:
        assert info.context.staff is not None
        staff = info.context.staff
        return FollowUp.of(await service.record_callback(staff, _id(id), method.value, note))

    @strawberry.mutation(
        permission_classes=[IsStaff, IsCountyAdministrator],
        description="Record the rectification (整改) of a low rating, after its callback: what was put right; due within 15 working days of the rating. The citizen may then rate once more (追评). NOT_READY before the callback, CONFLICT the second time, NOT_FOUND outside my region, INVALID_INPUT with path /rectification. County administrators only.",
    )
    @problems_as(RatingError)
    async def record_follow_up_rectification(
        self, info: Info, id: strawberry.ID, rectification: str
    ) -> FollowUpResult:
        assert info.context.staff is not None
        calendar, staff = info.context.services.calendar, info.context.staff
        row = await service.record_rectification(calendar, staff, _id(id), rectification)
        return FollowUp.of(row)

    @strawberry.mutation(
        permission_classes=[IsStaff, IsWindowClerk],
        description="Record the score a citizen gave on the window's rating pad for a finished application of my region (once per application, whichever channel first); 2 or less opens a follow-up. Window clerks only.",
    )
    @problems_as(RatingError)
    async def record_window_rating(
        self,
        info: Info,
        application_id: strawberry.ID,
        score: int,
        tags: list[str] | None = None,
        comment: str = "",
    ) -> RateResult:
        assert info.context.staff is not None
        calendar, staff = info.context.services.calendar, info.context.staff
        rating = await service.rate_at_window(
            calendar, staff, application_id, score, tags or [], comment
        )
        return Rating.of(rating)
