"""The back office: one window accepts, rejects or asks for every correction at once; the
departments review in parallel against working-day time limits; one of two staff acting on
the same thing at once wins, the other is told. Every change is on the citizen's timeline and
in the append-only audit log.

The public surface of the domain: other domains and the API import only this module.
"""

from __future__ import annotations

from backend.backoffice.audit import record_staff_change
from backend.backoffice.deadlines import SweepReport, due_date, overdue, sweep
from backend.backoffice.models import ReviewTask
from backend.backoffice.queue import window_queue
from backend.backoffice.records import (
    BackofficeProblem,
    actor,
    at_window,
    conflict,
    not_found,
    now,
    record,
)
from backend.backoffice.review import decide, review_queue
from backend.backoffice.window import (
    accept,
    record_dispatch,
    reject,
    request_correction,
)

__all__ = [
    "BackofficeProblem",
    "ReviewTask",
    "SweepReport",
    "accept",
    "actor",
    "at_window",
    "conflict",
    "decide",
    "due_date",
    "not_found",
    "now",
    "overdue",
    "record",
    "record_dispatch",
    "record_staff_change",
    "reject",
    "request_correction",
    "review_queue",
    "sweep",
    "window_queue",
]
