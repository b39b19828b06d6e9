"""Giving a rating (好差评): a finished application (completed, denied or rejected) is rated
once, online by its citizen or on the window's rating pad, recorded by the clerk serving the
citizen (ADR 0019). A score of 2 or less opens the follow-up loop (loop.py)."""

from __future__ import annotations

import datetime as dt
import uuid

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from backend.accounts.service import Citizen
from backend.applications import service as applications
from backend.applications.service import Application
from backend.backoffice.service import due_date, record
from backend.calendar.service import WorkingCalendar
from backend.forms.validation import FieldError
from backend.ratings.models import FollowUp, Rating
from backend.ratings.problems import (
    RatingProblem,
    invalid,
    no_such_application,
    no_such_follow_up,
    score_errors,
)
from backend.ratings.sql import rows
from backend.regions.service import covers
from backend.staff.service import StaffMember

BAD = 2
FINISHED = ("completed", "denied", "rejected")
CALLBACK_DAYS = 1  # 回访: within 1 working day of the rating
RECTIFICATION_DAYS = 15  # 整改: within 15 working days of the rating
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


def _checked(score: int, tags: list[str], comment: str) -> None:
    errors = score_errors(score, comment)
    unknown = [t for t in tags if t not in TAGS]
    if unknown:
        zh, en = (
            f"标签须从给定选项中选择：{'、'.join(unknown)}",
            f"Unknown tags: {', '.join(unknown)}",
        )
        errors.append(FieldError("/tags", "unknown", zh, en))
    if errors:
        raise invalid(errors)


def _finished(app: Application) -> None:
    if app.status not in FINISHED:
        raise RatingProblem(
            "NOT_COMPLETED",
            "办结（或不予受理、不予许可）后才能评价。",
            "An application can be rated once it is finished (completed, rejected or denied).",
        )


async def rate(
    calendar: WorkingCalendar,
    citizen: Citizen,
    application_id: str,
    score: int,
    tags: list[str],
    comment: str,
) -> Rating:
    """The citizen's own rating, online."""
    _checked(score, tags, comment)
    try:
        app = await applications.own(citizen, application_id)
    except applications.ApplicationProblem:  # missing or another citizen's: the same answer
        raise no_such_application() from None
    _finished(app)
    zh, en = f"您评价了本次服务：{score} 分。", f"You rated this service {score}/5."
    rating = Rating(
        application_id=app.id, citizen_id=citizen.id, score=score, tags=tags, comment=comment
    )
    return await _give(calendar, app, rating, f"citizen:{citizen.id}", zh, en)


async def rate_at_window(
    calendar: WorkingCalendar,
    staff: StaffMember,
    application_id: str,
    score: int,
    tags: list[str],
    comment: str,
) -> Rating:
    """The score the citizen gave on the window's rating pad (评价器), recorded by the clerk
    serving them: for an application of the clerk's region, the rating of its citizen."""
    _checked(score, tags, comment)
    app = await Application.get_or_none(id=application_id) if _uuid(application_id) else None
    if app is None or not covers(staff.region_code, app.region_code or ""):
        raise no_such_follow_up()
    _finished(app)
    rating = Rating(
        application_id=app.id,
        citizen_id=app.citizen_id,
        score=score,
        tags=tags,
        comment=comment,
        channel="window",
        recorded_by=staff.username,
    )
    zh, en = f"您在窗口评价了本次服务：{score} 分。", f"You rated the window's service {score}/5."
    return await _give(calendar, app, rating, f"staff:{staff.username}", zh, en)


def _uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


async def _give(
    calendar: WorkingCalendar, app: Application, rating: Rating, who: str, zh: str, en: str
) -> Rating:
    try:
        async with in_transaction():
            await rating.save()
            await _rated_matters(app, rating)
            after = {"score": rating.score, "channel": rating.channel}
            await record(app, who, "rated", None, after, zh, en)
            if rating.score <= BAD:
                await _open_follow_up(calendar, app, rating)
    except IntegrityError:
        raise RatingProblem(
            "ALREADY_RATED", "这份申请已经评价过。", "This application was already rated."
        ) from None
    return rating


# The matters a rating speaks for in the public figures: the application's own, or each member
# matter of a life event, in the county that handled it; one statement.
RATED_MATTERS = (
    "INSERT INTO rated_matter (rating_id, matter_id, department_code, region_code, score)"
    " SELECT CAST(:rating AS INTEGER), m.id, m.department_code,"
    " COALESCE(c.region_code, CAST(:region AS VARCHAR(6)), m.region_code),"
    " CAST(:score AS SMALLINT)"
    " FROM application c JOIN matter m ON m.code = c.matter_code"
    " WHERE c.id = :app OR c.parent_id = :app"
)


async def _rated_matters(app: Application, rating: Rating) -> None:
    values: dict[str, object] = {
        "rating": rating.id,
        "region": app.region_code,
        "score": rating.score,
        "app": app.id,
    }
    await rows(RATED_MATTERS, values)


async def _open_follow_up(calendar: WorkingCalendar, app: Application, rating: Rating) -> None:
    region = app.region_code or ""
    start = dt.datetime.now(dt.UTC)
    callback = due_date(calendar, start, CALLBACK_DAYS, region)
    rectify = due_date(calendar, start, RECTIFICATION_DAYS, region)
    await FollowUp.create(
        rating=rating,
        region_code=region,
        opened_at=rating.created_at,
        callback_due_on=callback.on,
        due_on=rectify.on,
    )
    provisional = callback.provisional or rectify.provisional
    zh, en = ("（预计）", " (estimated)") if provisional else ("", "")
    await record(
        app,
        "system",
        "follow_up_opened",
        None,
        {
            "callback_due_on": str(callback.on),
            "due_on": str(rectify.on),
            "provisional": provisional,
        },
        f"差评已转县级管理部门：{callback.on}前回访您，{rectify.on}{zh}前完成整改。",
        f"Your low rating was sent to the county: a callback by {callback.on}, "
        f"rectification by {rectify.on}{en}.",
    )
