"""`zerorun sweep`'s back-office round: deadlines counted and overdue work flagged
(deadlines), applications the window left 5 working days deemed accepted (clocks), and
automatic decisions a stopped worker left undone made (automatic)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from backend.backoffice.automatic import pending_automatic
from backend.backoffice.clocks import flag_deemed_accepted
from backend.backoffice.deadlines import SweepReport, sweep_deadlines
from backend.backoffice.records import now
from backend.calendar.service import WorkingCalendar

SETTLE = dt.timedelta(minutes=1)  # a submission's own request decides it meanwhile


async def sweep(calendar: WorkingCalendar, today: dt.date) -> SweepReport:
    """Idempotent: what each part flags or decides, it does once."""
    decided = await pending_automatic(calendar, now() - SETTLE)
    report = await sweep_deadlines(calendar, today)
    deemed = await flag_deemed_accepted(calendar, today)
    return replace(report, deemed_accepted=deemed, decided_automatically=decided)
