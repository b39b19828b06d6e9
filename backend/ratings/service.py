"""Ratings (好差评): a completed application is rated once; a rating of 2 or less opens a
follow-up the county must answer and close within five working days; the citizen sees it."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from backend.accounts.service import Citizen
from backend.applications import service as applications
from backend.applications.service import Application
from backend.backoffice.service import due_date, record
from backend.calendar.service import WorkingCalendar
from backend.ratings.models import FollowUp as FollowUp
from backend.ratings.models import Rating as Rating
from backend.regions.service import covers
from backend.staff.service import StaffMember

# What other domains and the API use of this domain's own modules (its public surface).


FOLLOW_UP_DAYS = 5
BAD = 2
# The tags a rating may carry (the value is the Chinese word), praise first, with English.
TAGS = {
    "办事快": "Fast",
    "服务好": "Good service",
    "材料少": "Few materials",
    "一次办好": "Done in one go",
    "等待久": "Long wait",
    "态度差": "Unfriendly",
    "材料多": "Too many materials",
    "跑多次": "Several trips",
}


class RatingProblem(Exception):
    """An expected refusal, answered as the mutation's RatingError with a stable code."""

    def __init__(self, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code, self.message_zh, self.message_en = code, message_zh, message_en


def no_such_application() -> RatingProblem:
    """The same answer whether the application is missing or another citizen's."""
    return RatingProblem("NOT_FOUND", "没有找到您的这份申请。", "No such application of yours.")


def no_such_follow_up() -> RatingProblem:
    return RatingProblem(
        "NOT_FOUND", "没有找到，或不在您的管辖范围内。", "Not found, or outside your region."
    )


async def rate(
    calendar: WorkingCalendar,
    citizen: Citizen,
    application_id: str,
    score: int,
    tags: list[str],
    comment: str,
) -> Rating:
    if not 1 <= score <= 5:
        raise RatingProblem("INVALID_INPUT", "评分须为 1 到 5 分。", "The score is 1 to 5.")
    unknown = [t for t in tags if t not in TAGS]
    if unknown or len(comment) > 500:
        raise RatingProblem(
            "INVALID_INPUT",
            f"标签须从给定选项中选择，留言不超过 500 字。{'、'.join(unknown)}",
            f"Tags come from the given list and a comment has at most 500 characters. {', '.join(unknown)}",
        )
    try:
        app = await applications.own(citizen, application_id)
    except applications.ApplicationProblem:  # missing or another citizen's: the same answer
        raise no_such_application() from None
    if app.status != "completed":
        raise RatingProblem(
            "NOT_COMPLETED", "办结后才能评价。", "An application can be rated once it is completed."
        )
    try:
        async with in_transaction():
            rating = await Rating.create(
                application_id=app.id,
                citizen_id=citizen.id,
                score=score,
                tags=tags,
                comment=comment,
            )
            await record(
                app,
                f"citizen:{citizen.id}",
                "rated",
                None,
                {"score": score},
                f"您评价了本次服务：{score} 分。",
                f"You rated this service {score}/5.",
            )
            if score <= BAD:
                due = due_date(
                    calendar, dt.datetime.now(dt.UTC), FOLLOW_UP_DAYS, app.region_code or ""
                )
                await FollowUp.create(
                    rating=rating,
                    region_code=app.region_code or "",
                    opened_at=rating.created_at,
                    due_on=due.on,
                )
                zh, en = ("（预计）", " (estimated)") if due.provisional else ("", "")
                await record(
                    app,
                    "system",
                    "follow_up_opened",
                    None,
                    {"due_on": str(due.on), "provisional": due.provisional},
                    f"差评已转县级管理部门回访，{due.on}{zh}前答复。",
                    f"Your low rating was sent to the county for follow-up; an answer is due by {due.on}{en}.",
                )
    except IntegrityError:
        raise RatingProblem(
            "ALREADY_RATED", "这份申请已经评价过。", "This application was already rated."
        ) from None
    return rating


async def open_follow_ups(staff: StaffMember) -> list[FollowUp]:
    rows = (
        await FollowUp.filter(closed_at__isnull=True)
        .order_by("due_on", "id")
        .prefetch_related("rating")
    )
    return [f for f in rows if covers(staff.region_code, f.region_code)]


async def answer(staff: StaffMember, follow_up_id: int, text: str) -> FollowUp:
    if not text.strip():
        raise RatingProblem("INVALID_INPUT", "请填写答复内容。", "Write the answer.")
    follow_up = await FollowUp.get_or_none(id=follow_up_id).prefetch_related("rating")
    if follow_up is None or not covers(staff.region_code, follow_up.region_code):
        raise no_such_follow_up()
    now = dt.datetime.now(dt.UTC)
    async with in_transaction():
        if not await FollowUp.filter(id=follow_up.id, closed_at__isnull=True).update(
            answer=text, answered_by=staff.username, closed_at=now
        ):
            raise RatingProblem(
                "CONFLICT", "这条回访已经答复。", "This follow-up was already answered."
            )
        app = await Application.get(id=follow_up.rating.application_id)
        await record(
            app,
            f"staff:{staff.username}",
            "follow_up_closed",
            None,
            {"answer": text},
            f"县级管理部门答复：{text}",
            f"The county answered: {text}",
        )
    await follow_up.refresh_from_db()
    return follow_up


async def ratings_of(application_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Rating]:
    """The ratings of those of several applications that have one, in one statement."""
    return {
        r.application_id: r for r in await Rating.filter(application_id__in=list(application_ids))
    }


async def follow_ups_of(rating_ids: Iterable[int]) -> dict[int, FollowUp]:
    """The follow-ups of those of several ratings that have one, in one statement."""
    rows = await FollowUp.filter(rating_id__in=list(rating_ids)).prefetch_related("rating")
    return {f.rating.id: f for f in rows}


async def recount_follow_ups(calendar: WorkingCalendar) -> int:
    """Every open follow-up's deadline counted again from its rating, so that one estimated
    before its year's holidays were published moves to the published count: how many moved.
    A follow-up keeps no flag of its own (its deadline is provisional exactly while its year
    is unpublished: calendar.is_provisional), so the open ones, a handful, are all recounted."""
    moved = 0
    for f in await FollowUp.filter(closed_at__isnull=True).prefetch_related("rating"):
        due = due_date(calendar, f.rating.created_at, FOLLOW_UP_DAYS, f.region_code)
        if due.on == f.due_on:
            continue
        async with in_transaction():
            if not await FollowUp.filter(id=f.id, due_on=f.due_on).update(due_on=due.on):
                continue
            await record(
                await Application.get(id=f.rating.application_id),
                "system",
                "follow_up_recounted",
                {"due_on": str(f.due_on)},
                {"due_on": str(due.on), "provisional": due.provisional},
                f"差评回访的答复期限调整为 {due.on}{'（预计）' if due.provisional else ''}。",
                f"The follow-up's answer is now due by {due.on}{' (estimated)' if due.provisional else ''}.",
            )
        moved += 1
    return moved


async def escalate_overdue(today: dt.date) -> int:
    """Idempotent: every open follow-up past its limit is flagged once, on the citizen's
    timeline and in the audit log, for supervision."""
    flagged = 0
    for f in await FollowUp.filter(
        closed_at__isnull=True, due_on__lt=today, overdue_flagged_at__isnull=True
    ).prefetch_related("rating"):
        async with in_transaction():  # the flag and its record stand or fall together
            if not await FollowUp.filter(id=f.id, overdue_flagged_at__isnull=True).update(
                overdue_flagged_at=dt.datetime.now(dt.UTC)
            ):
                continue
            app = await Application.get(id=f.rating.application_id)
            await record(
                app,
                "system",
                "follow_up_overdue",
                None,
                {"due_on": str(f.due_on)},
                f"差评回访已超过期限（{f.due_on}），已报督察。",
                f"The follow-up is past its limit ({f.due_on}); reported to supervision.",
            )
        flagged += 1
    return flagged
