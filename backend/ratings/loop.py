"""The follow-up of a bad rating (ADR 0019): the county calls the citizen back (回访, 1 working
day), rectifies (整改, 15 working days), and the citizen may rate once more (追评), which
closes it and replaces the score in the public figures. Each step once, in order; staff act
only in their region. Every step is on the citizen's timeline and in the audit log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from tortoise.expressions import Q
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from backend.accounts.service import Citizen
from backend.applications import service as applications
from backend.applications.service import Application
from backend.backoffice.service import due_date, record
from backend.calendar.service import WorkingCalendar
from backend.forms.validation import FieldError
from backend.ratings.models import FollowUp, RatedMatter, Rating
from backend.ratings.problems import (
    RatingProblem,
    invalid,
    no_such_application,
    no_such_follow_up,
    score_errors,
)
from backend.regions.service import code_range, covers
from backend.rules.domain import CHINA_TIME
from backend.staff.service import StaffMember

RE_RATING_DAYS = 10  # after the rectification, the citizen's 追评 window; then closed without
MAX_TEXT = 2000
# How the citizen was reached, with the words the timeline uses.
METHODS = {
    "phone": ("电话", "by phone"),
    "sms": ("短信", "by SMS"),
    "visit": ("上门", "in person"),
    "other": ("其他方式", "otherwise"),
}
STATES = ("awaiting_callback", "awaiting_rectification", "awaiting_re_rating", "closed", "late")


def state_of(f: FollowUp) -> str:
    if f.closed_at is not None:
        return "closed"
    if f.callback_at is None:
        return "awaiting_callback"
    if f.rectified_at is None:
        return "awaiting_rectification"
    return "awaiting_re_rating"


def late(f: FollowUp, today: dt.date) -> bool:
    """A deadline missed: escalated by the sweep, past it undone, or done after it (the single
    5-day answer, for the follow-ups opened before the loop)."""
    if f.callback_late_at or f.rectification_late_at or f.overdue_flagged_at:
        return True  # escalated by the sweep
    done_day = _day(f.rectified_at) if f.callback_due_on else _day(f.closed_at)
    return _missed(f.callback_due_on, _day(f.callback_at), today) or _missed(
        f.due_on, done_day, today
    )


def _missed(due: dt.date | None, done: dt.date | None, today: dt.date) -> bool:
    return due is not None and (done > due if done is not None else today > due)


def _day(at: dt.datetime | None) -> dt.date | None:
    return at.astimezone(CHINA_TIME).date() if at is not None else None


def _text(path: str, text: str, what: tuple[str, str]) -> list[FieldError]:
    if not text.strip():
        return [FieldError(path, "required", f"请填写{what[0]}。", f"Write {what[1]}.")]
    if len(text) > MAX_TEXT:
        zh, en = f"不超过 {MAX_TEXT} 字。", f"At most {MAX_TEXT} characters."
        return [FieldError(path, "too_long", zh, en)]
    return []


async def _in_region(staff: StaffMember, follow_up_id: int) -> FollowUp:
    f = await FollowUp.get_or_none(id=follow_up_id).prefetch_related("rating")
    if f is None or not covers(staff.region_code, f.region_code):
        raise no_such_follow_up()
    return f


def _done_twice(zh: str, en: str) -> RatingProblem:
    return RatingProblem("CONFLICT", zh, en)


async def _step(f: FollowUp, guard: dict[str, Any], changes: dict[str, Any]) -> bool:
    """The update, only while the follow-up is still as `guard` says: of two staff acting at
    once, one wins."""
    return bool(await FollowUp.filter(id=f.id, closed_at__isnull=True, **guard).update(**changes))


async def record_callback(
    staff: StaffMember, follow_up_id: int, method: str, note: str
) -> FollowUp:
    """The callback (回访): how the citizen was reached and what was said."""
    errors = _text("/note", note, ("回访情况", "what was said"))
    if method not in METHODS:
        zh, en = "回访方式须为电话、短信、上门或其他。", "phone, sms, visit or other."
        errors.insert(0, FieldError("/method", "enum", zh, en))
    if errors:
        raise invalid(errors)
    f = await _in_region(staff, follow_up_id)
    how = METHODS[method]
    async with in_transaction():
        changes = {
            "callback_at": dt.datetime.now(dt.UTC),
            "callback_by": staff.username,
            "callback_method": method,
            "callback_note": note.strip(),
        }
        if not await _step(f, {"callback_at__isnull": True}, changes):
            raise _done_twice("这条回访已经记录过。", "The callback was already recorded.")
        await record(
            await Application.get(id=f.rating.application_id),
            f"staff:{staff.username}",
            "follow_up_called_back",
            None,
            {"method": method, "note": note.strip()},
            f"县级管理部门已{how[0]}回访：{note.strip()}",
            f"The county called you back {how[1]}: {note.strip()}",
        )
    await f.refresh_from_db()
    return f


async def record_rectification(
    calendar: WorkingCalendar, staff: StaffMember, follow_up_id: int, text: str
) -> FollowUp:
    """The rectification (整改): what was put right. After the callback; the citizen may then
    give one 追评 within RE_RATING_DAYS working days."""
    errors = _text("/rectification", text, ("整改情况", "what was rectified"))
    if errors:
        raise invalid(errors)
    f = await _in_region(staff, follow_up_id)
    if f.closed_at is None and f.callback_at is None:
        raise RatingProblem(
            "NOT_READY",
            "请先记录回访，再记录整改。",
            "Record the callback before the rectification.",
        )
    now = dt.datetime.now(dt.UTC)
    due = due_date(calendar, now, RE_RATING_DAYS, f.region_code).on
    async with in_transaction():
        changes = {
            "rectified_at": now,
            "rectified_by": staff.username,
            "rectification": text.strip(),
            "re_rating_due_on": due,
        }
        if not await _step(f, {"rectified_at__isnull": True}, changes):
            raise _done_twice("整改情况已经记录过。", "The rectification was already recorded.")
        await record(
            await Application.get(id=f.rating.application_id),
            f"staff:{staff.username}",
            "follow_up_rectified",
            None,
            {"rectification": text.strip(), "re_rating_due_on": str(due)},
            f"整改情况：{text.strip()}。您可以在 {due} 前追评一次。",
            f"Rectified: {text.strip()}. You may rate once more by {due}.",
        )
    await f.refresh_from_db()
    return f


async def re_rate(citizen: Citizen, application_id: str, score: int, comment: str) -> FollowUp:
    """The citizen's one 追评, after the rectification: it closes the follow-up and its score
    replaces the rating's in the public figures (the rating itself is kept as given)."""
    errors = score_errors(score, comment)
    if errors:
        raise invalid(errors)
    try:
        app = await applications.own(citizen, application_id)
    except applications.ApplicationProblem:
        raise no_such_application() from None
    rating = await Rating.get_or_none(application_id=app.id, citizen_id=citizen.id)
    f = (
        await FollowUp.get_or_none(rating_id=rating.id).prefetch_related("rating")
        if rating
        else None
    )
    if f is None:
        raise no_such_application()  # not rated by me, or rated without a follow-up
    if f.re_rated_at is not None:
        raise RatingProblem("ALREADY_RATED", "您已经追评过。", "You already rated it again.")
    if f.closed_at is not None:
        raise _done_twice("这条回访已经结束。", "This follow-up is closed.")
    if f.rectified_at is None:
        raise RatingProblem(
            "NOT_READY", "整改完成后才能追评。", "You can rate again once the county rectified."
        )
    now = dt.datetime.now(dt.UTC)
    async with in_transaction():
        changes = {
            "re_score": score,
            "re_comment": comment,
            "re_rated_at": now,
            "closed_at": now,
            "closed_as": "re_rated",
        }
        if not await _step(f, {"re_rated_at__isnull": True}, changes):
            raise RatingProblem("ALREADY_RATED", "您已经追评过。", "You already rated it again.")
        await RatedMatter.filter(rating_id=f.rating_id).update(score=score)  # type: ignore[attr-defined]
        await record(
            app,
            f"citizen:{citizen.id}",
            "re_rated",
            None,
            {"score": score},
            f"您追评了本次服务：{score} 分。差评回访已结束。",
            f"You rated the service again {score}/5. The follow-up is closed.",
        )
    await f.refresh_from_db()
    return f


async def answer(staff: StaffMember, follow_up_id: int, text: str) -> FollowUp:
    """The single answer of the follow-ups opened before the loop, which closes one. On one of
    the loop's, the answer stands for the steps not yet recorded (callback, rectification) and
    the citizen's 追评 still closes it (answerFollowUp is deprecated)."""
    if not text.strip():
        raise invalid([FieldError("/answer", "required", "请填写答复内容。", "Write the answer.")])
    f = await _in_region(staff, follow_up_id)
    now = dt.datetime.now(dt.UTC)
    async with in_transaction():
        changes: dict[str, Any] = {"answer": text, "answered_by": staff.username}
        if f.callback_due_on is None:
            changes |= {"closed_at": now, "closed_as": "answered"}
        else:
            changes |= {"rectified_at": now, "rectified_by": staff.username, "rectification": text}
            if f.callback_at is None:
                changes |= {"callback_at": now, "callback_by": staff.username}
                changes |= {"callback_method": "other", "callback_note": text}
        if not await _step(f, {"answer__isnull": True, "rectified_at__isnull": True}, changes):
            raise _done_twice("这条回访已经答复。", "This follow-up was already answered.")
        await record(
            await Application.get(id=f.rating.application_id),
            f"staff:{staff.username}",
            "follow_up_closed" if f.callback_due_on is None else "follow_up_rectified",
            None,
            {"answer": text},
            f"县级管理部门答复：{text}",
            f"The county answered: {text}",
        )
    await f.refresh_from_db()
    return f


def in_state(qs: QuerySet[FollowUp], state: str | None, today: dt.date) -> QuerySet[FollowUp]:
    """`state` as a filter of the database's rows (`late`: a deadline missed, see late())."""
    open_ = Q(closed_at__isnull=True)
    if state == "awaiting_callback":
        return qs.filter(open_, callback_at__isnull=True)
    if state == "awaiting_rectification":
        return qs.filter(open_, callback_at__isnull=False, rectified_at__isnull=True)
    if state == "awaiting_re_rating":
        return qs.filter(open_, rectified_at__isnull=False)
    if state == "closed":
        return qs.filter(closed_at__isnull=False)
    if state == "late":
        return qs.filter(
            Q(callback_late_at__isnull=False)
            | Q(rectification_late_at__isnull=False)
            | Q(overdue_flagged_at__isnull=False)
            | Q(open_, callback_at__isnull=True, callback_due_on__lt=today)
            | Q(open_, rectified_at__isnull=True, due_on__lt=today)
        )
    return qs


async def follow_ups_in(
    staff: StaffMember, state: str | None, today: dt.date, first: int
) -> list[FollowUp]:
    """My region's follow-ups in `state` (all without one), earliest deadline first, at most
    `first` (a late one done late shows once the sweep flagged it)."""
    lo, hi = code_range(staff.region_code)
    qs = FollowUp.filter(region_code__gte=lo, region_code__lt=hi)
    rows = (
        await in_state(qs, state, today)
        .order_by("due_on", "id")
        .limit(first)
        .prefetch_related("rating")
    )
    return [f for f in rows if covers(staff.region_code, f.region_code)]


async def open_follow_ups(staff: StaffMember) -> list[FollowUp]:
    """The open ones (the deprecated followUps list)."""
    lo, hi = code_range(staff.region_code)
    rows = (
        await FollowUp.filter(closed_at__isnull=True, region_code__gte=lo, region_code__lt=hi)
        .order_by("due_on", "id")
        .prefetch_related("rating")
    )
    return [f for f in rows if covers(staff.region_code, f.region_code)]


async def follow_ups_of(rating_ids: Iterable[int]) -> dict[int, FollowUp]:
    """The follow-ups of those of several ratings that have one, in one statement."""
    rows = await FollowUp.filter(rating_id__in=list(rating_ids)).prefetch_related("rating")
    return {f.rating.id: f for f in rows}
