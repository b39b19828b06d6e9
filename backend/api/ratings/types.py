from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, ClassVar

import strawberry

from backend.api.context import Info
from backend.api.errors import Problems
from backend.api.ratings.dataloaders import follow_ups
from backend.api.types import FieldError, LocalizedText
from backend.ratings import service
from backend.ratings.service import FollowUp as FollowUpRow
from backend.ratings.service import Rating as RatingRow
from backend.rules.domain import CHINA_TIME


@strawberry.enum(description="Where a follow-up stands (回访整改).")
class FollowUpState(Enum):
    AWAITING_CALLBACK = strawberry.enum_value(
        "awaiting_callback", description="回访: the county is to call the citizen back."
    )
    AWAITING_RECTIFICATION = strawberry.enum_value(
        "awaiting_rectification", description="整改: called back; the county is to rectify."
    )
    AWAITING_RE_RATING = strawberry.enum_value(
        "awaiting_re_rating", description="追评: rectified; the citizen may rate once more."
    )
    CLOSED = strawberry.enum_value(
        "closed", description="Closed: by the 追评, without one in time, or by the old answer."
    )


@strawberry.enum(description="Which follow-ups to list: a state, or LATE (a deadline missed).")
class FollowUpFilter(Enum):
    AWAITING_CALLBACK = "awaiting_callback"
    AWAITING_RECTIFICATION = "awaiting_rectification"
    AWAITING_RE_RATING = "awaiting_re_rating"
    CLOSED = "closed"
    LATE = "late"


@strawberry.enum(description="How the county reached the citizen for the callback.")
class CallbackMethod(Enum):
    PHONE = "phone"
    SMS = "sms"
    VISIT = "visit"
    OTHER = "other"


@strawberry.enum(description="Where a rating was given.")
class RatingChannel(Enum):
    ONLINE = strawberry.enum_value("online", description="By the citizen, in the app.")
    WINDOW = strawberry.enum_value(
        "window", description="On the window's rating pad, recorded by the clerk serving them."
    )


@strawberry.type(description="The county's follow-up of a low rating (回访整改).")
class FollowUp:
    id: strawberry.ID
    region_code: str
    due_on: dt.date | None = strawberry.field(
        description="The last deadline: the rectification's (the single answer's for a follow-up opened before the callback and rectification steps)."
    )
    answer: str | None
    closed_at: dt.datetime | None
    score: int
    comment: str
    row: strawberry.Private[FollowUpRow]

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
            row=f,
        )

    @strawberry.field(
        description="True while `dueOn` is an estimate (预计): its year's public holidays are not published yet; the sweep counts it again once they are."
    )
    def due_provisional(self, info: Info) -> bool:
        calendar = info.context.services.calendar
        return self.due_on is not None and calendar.is_provisional(self.due_on)

    @strawberry.field(description="Where it stands.")
    def state(self) -> FollowUpState:
        return FollowUpState(service.state_of(self.row))

    @strawberry.field(
        description="Whether a deadline was missed: past it undone, or done after it."
    )
    def late(self) -> bool:
        return service.late(self.row, dt.datetime.now(CHINA_TIME).date())

    @strawberry.field(description="The rated application.")
    def application_id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.rating.application_id))

    @strawberry.field(description="Where the rating was given.")
    def channel(self) -> RatingChannel:
        return RatingChannel(self.row.rating.channel)

    @strawberry.field(description="The callback's deadline: 1 working day from the rating.")
    def callback_due_on(self) -> dt.date | None:
        return self.row.callback_due_on

    @strawberry.field(description="When the callback was recorded.")
    def called_back_at(self) -> dt.datetime | None:
        return self.row.callback_at

    @strawberry.field(description="How the citizen was reached.")
    def callback_method(self) -> CallbackMethod | None:
        m = self.row.callback_method
        return CallbackMethod(m) if m else None

    @strawberry.field(description="What was said in the callback.")
    def callback_note(self) -> str | None:
        return self.row.callback_note

    @strawberry.field(description="When the rectification was recorded.")
    def rectified_at(self) -> dt.datetime | None:
        return self.row.rectified_at

    @strawberry.field(description="What was rectified.")
    def rectification(self) -> str | None:
        return self.row.rectification

    @strawberry.field(
        description="The last day of the citizen's one 追评 (10 working days from the rectification); after it the sweep closes the follow-up without one."
    )
    def re_rating_due_on(self) -> dt.date | None:
        return self.row.re_rating_due_on

    @strawberry.field(
        description="The citizen's 追评 score, once given; it replaces the rating's in the public figures."
    )
    def re_score(self) -> int | None:
        score = self.row.re_score
        return int(score) if score is not None else None

    @strawberry.field(description="The citizen's 追评 comment.")
    def re_comment(self) -> str | None:
        return self.row.re_comment


@strawberry.type(description="My verdict on a finished application (好差评).")
class Rating:
    score: int
    tags: list[str]
    comment: str
    created_at: dt.datetime
    row: strawberry.Private[RatingRow]

    @classmethod
    def of(cls, r: RatingRow) -> Rating:
        return cls(score=r.score, tags=r.tags, comment=r.comment, created_at=r.created_at, row=r)

    @strawberry.field(description="Where it was given: online, or on the window's rating pad.")
    def channel(self) -> RatingChannel:
        return RatingChannel(self.row.channel)

    @strawberry.field(description="The county's follow-up, when the score was 2 or less.")
    async def follow_up(self, info: Info) -> FollowUp | None:
        f = await info.context.loaders.of(follow_ups).load(self.row.id)
        return FollowUp.of(f) if f else None


@strawberry.enum(description="Why a rating or a follow-up did not change.")
class RatingErrorCode(Enum):
    INVALID_INPUT = strawberry.enum_value(
        "INVALID_INPUT",
        description="A score outside 1–5, an unknown tag, an empty answer or too long a text: each at its path in `errors`.",
    )
    NOT_COMPLETED = strawberry.enum_value(
        "NOT_COMPLETED",
        description="Only a finished (completed, rejected or denied) application is rated.",
    )
    ALREADY_RATED = strawberry.enum_value(
        "ALREADY_RATED", description="An application is rated once, and rated again (追评) once."
    )
    NOT_FOUND = strawberry.enum_value(
        "NOT_FOUND", description="Not there, or not mine (not my region's)."
    )
    CONFLICT = strawberry.enum_value(
        "CONFLICT", description="The step was recorded already, or the follow-up is closed."
    )
    NOT_READY = strawberry.enum_value(
        "NOT_READY",
        description="Out of order: the rectification before the callback, a 追评 before the rectification.",
    )


@strawberry.type
class RatingError:
    problem: ClassVar[Problems] = service.RatingProblem
    code: RatingErrorCode
    message: LocalizedText
    errors: list[FieldError] = strawberry.field(
        description="Each input at fault, by its path (e.g. /score, /note); may be empty."
    )

    @classmethod
    def of(cls, p: service.RatingProblem) -> RatingError:
        return cls(
            code=RatingErrorCode(p.code),
            message=LocalizedText(zh=p.message_zh, en=p.message_en),
            errors=[FieldError.of(e) for e in p.errors],
        )


RateResult = Annotated[Rating | RatingError, strawberry.union("RateResult")]
FollowUpResult = Annotated[FollowUp | RatingError, strawberry.union("FollowUpResult")]


@strawberry.type(description="A tag a rating may carry: send `value` in rateApplication's tags.")
class RatingTag:
    value: str
    label: LocalizedText


@strawberry.enum(description="What the public satisfaction figures are grouped by.")
class SatisfactionLevel(Enum):
    MATTER = "matter"
    DEPARTMENT = "department"
    COUNTY = "county"


@strawberry.type(
    description="One matter's, department's or county's anonymous satisfaction (满意度): no rater, no comment."
)
class Satisfaction:
    code: str = strawberry.field(
        description="The matter's code, the department's code or the county's region code."
    )
    name: LocalizedText
    rated: int = strawberry.field(description="Ratings counted (at least the minimum shown).")
    average: float = strawberry.field(
        description="The average score, 1–5; a 追评 replaces its rating's score."
    )
    bad_share: float = strawberry.field(
        description="差评率: the share of scores of 2 or less, 0–1."
    )

    @classmethod
    def of(cls, s: service.Satisfaction) -> Satisfaction:
        return cls(
            code=s.code,
            name=LocalizedText(zh=s.name_zh, en=s.name_en),
            rated=s.rated,
            average=s.average,
            bad_share=s.bad_share,
        )
