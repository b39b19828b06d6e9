"""What the sweep does for the follow-ups: deadlines counted again once a year's holidays are
published, each missed deadline escalated once, and a follow-up the citizen did not rate again
in time closed without a 追评. Each idempotent; each change on the citizen's timeline and in the
audit log, in the transaction of the change."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tortoise.transactions import in_transaction

from backend.applications.service import Application
from backend.backoffice.service import due_date, record
from backend.calendar.service import WorkingCalendar
from backend.ratings.giving import CALLBACK_DAYS, RECTIFICATION_DAYS
from backend.ratings.models import FollowUp

FOLLOW_UP_DAYS = 5  # the single answer's limit, before the loop


async def _once(
    f: FollowUp,
    guard: dict[str, Any],
    changes: dict[str, Any],
    kind: str,
    after: Any,
    zh: str,
    en: str,
) -> bool:
    """The change and its record stand or fall together; False when another sweep made it."""
    async with in_transaction():
        if not await FollowUp.filter(id=f.id, **guard).update(**changes):
            return False
        app = await Application.get(id=f.rating.application_id)
        await record(app, "system", kind, None, after, zh, en)
    return True


async def recount_follow_ups(calendar: WorkingCalendar) -> int:
    """Every open follow-up's deadlines counted again from its rating, so that one estimated
    before its year's holidays were published moves to the published count: how many moved.
    A follow-up keeps no flag of its own (its deadline is provisional exactly while its year
    is unpublished: calendar.is_provisional), so the open ones, a handful, are all recounted."""
    moved = 0
    for f in await FollowUp.filter(closed_at__isnull=True).prefetch_related("rating"):
        start = f.rating.created_at
        days = RECTIFICATION_DAYS if f.callback_due_on else FOLLOW_UP_DAYS
        due = due_date(calendar, start, days, f.region_code)
        callback = (
            due_date(calendar, start, CALLBACK_DAYS, f.region_code).on
            if f.callback_due_on
            else None
        )
        if (due.on, callback) == (f.due_on, f.callback_due_on):
            continue
        word = ("整改", "rectification") if f.callback_due_on else ("答复", "answer")
        zh = "（预计）" if due.provisional else ""
        en = " (estimated)" if due.provisional else ""
        if await _once(
            f,
            {"due_on": f.due_on, "closed_at__isnull": True},
            {"due_on": due.on, "callback_due_on": callback},
            "follow_up_recounted",
            {"due_on": str(due.on), "provisional": due.provisional},
            f"差评回访的{word[0]}期限调整为 {due.on}{zh}。",
            f"The follow-up's {word[1]} is now due by {due.on}{en}.",
        ):
            moved += 1
    return moved


async def escalate_overdue(today: dt.date) -> int:
    """Idempotent: each missed deadline of an open follow-up is escalated once, on the
    citizen's timeline and in the audit log, for supervision: the callback's, the
    rectification's, and the single answer's of the follow-ups opened before the loop."""
    flagged = 0
    now = dt.datetime.now(dt.UTC)
    open_ = {"closed_at__isnull": True}
    missed_callback = FollowUp.filter(
        **open_, callback_at__isnull=True, callback_due_on__lt=today, callback_late_at__isnull=True
    )
    for f in await missed_callback.prefetch_related("rating"):
        flagged += await _once(
            f,
            {**open_, "callback_at__isnull": True, "callback_late_at__isnull": True},
            {"callback_late_at": now},
            "follow_up_callback_late",
            {"callback_due_on": str(f.callback_due_on)},
            f"差评回访未在期限（{f.callback_due_on}）内完成，已报督察。",
            f"The callback was not made by {f.callback_due_on}; reported to supervision.",
        )
    missed_rectification = FollowUp.filter(
        **open_,
        callback_due_on__isnull=False,
        rectified_at__isnull=True,
        due_on__lt=today,
        rectification_late_at__isnull=True,
    )
    for f in await missed_rectification.prefetch_related("rating"):
        flagged += await _once(
            f,
            {**open_, "rectified_at__isnull": True, "rectification_late_at__isnull": True},
            {"rectification_late_at": now},
            "follow_up_rectification_late",
            {"due_on": str(f.due_on)},
            f"差评整改未在期限（{f.due_on}）内完成，已报督察。",
            f"The rectification was not done by {f.due_on}; reported to supervision.",
        )
    unanswered = FollowUp.filter(
        **open_, callback_due_on__isnull=True, due_on__lt=today, overdue_flagged_at__isnull=True
    )
    for f in await unanswered.prefetch_related("rating"):
        flagged += await _once(
            f,
            {**open_, "overdue_flagged_at__isnull": True},
            {"overdue_flagged_at": now},
            "follow_up_overdue",
            {"due_on": str(f.due_on)},
            f"差评回访已超过期限（{f.due_on}），已报督察。",
            f"The follow-up is past its limit ({f.due_on}); reported to supervision.",
        )
    return flagged


async def close_without_re_rating(today: dt.date) -> int:
    """Idempotent: a rectified follow-up the citizen did not rate again by its day is closed
    without a 追评; the original score keeps counting in the public figures."""
    closed = 0
    waiting = FollowUp.filter(
        closed_at__isnull=True, rectified_at__isnull=False, re_rating_due_on__lt=today
    )
    for f in await waiting.prefetch_related("rating"):
        closed += await _once(
            f,
            {"closed_at__isnull": True, "re_rated_at__isnull": True},
            {"closed_at": dt.datetime.now(dt.UTC), "closed_as": "no_re_rating"},
            "follow_up_closed",
            {"closed_as": "no_re_rating"},
            f"您未在 {f.re_rating_due_on} 前追评，差评回访已结束，原评价保留。",
            f"No second rating by {f.re_rating_due_on}: the follow-up is closed, your rating stands.",
        )
    return closed
