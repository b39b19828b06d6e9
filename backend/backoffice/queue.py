"""The window's queue: applications waiting at the clerk's window, earliest deadline first."""

from __future__ import annotations

import datetime as dt

from tortoise.expressions import Q

from backend.applications.service import Application
from backend.backoffice.deadlines import statutory_dues
from backend.backoffice.halls import scope_filter
from backend.backoffice.queue_search import search_filter
from backend.backoffice.records import WAITING, now
from backend.calendar.service import WorkingCalendar
from backend.catalog.service import fits
from backend.staff.service import StaffMember

QUEUE_LIMIT = 500


async def window_queue(
    calendar: WorkingCalendar,
    staff: StaffMember,
    status: str | None,
    code: str | None,
    first: int,
    scope: str = "here",
    search: str | None = None,
) -> list[Application]:
    """Applications at the clerk's window (optionally of one matter or life event), earliest
    statutory deadline first; each carries its deadline (and whether it is provisional) as
    it would be set on acceptance. `scope` (halls.SCOPES): the county's; those received at
    the clerk's hall for another county; the county's received at another hall. `search`
    narrows it to an applicant's name, a tracking number or an id's start (queue_search)."""
    if code and not fits(Application, matter_code=code, life_event_code=code):
        return []  # longer than any code: names nothing (and tortoise refuses to filter by it)
    qs = Application.filter(scope_filter(staff, scope), parent_id__isnull=True)
    qs = qs.filter(status=status) if status else qs.filter(status__in=WAITING)
    if code:
        qs = qs.filter(Q(matter_code=code) | Q(life_event_code=code))
    if (found := search_filter(search or "")) is not None:  # name, tracking number, id prefix
        qs = qs.filter(found)
    rows = await qs.order_by("submitted_at", "id").limit(QUEUE_LIMIT)
    waiting = [app for app in rows if app.due_on is None]  # not accepted yet: show the
    dues = await statutory_dues(calendar, waiting) if waiting else {}  # deadline acceptance sets
    for app in waiting:
        app.due_on, app.due_provisional = dues[app.id].on, dues[app.id].provisional
    rows.sort(key=lambda a: (a.due_on is None, a.due_on or dt.date.max, a.submitted_at or now()))
    return rows[:first]
