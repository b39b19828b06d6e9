"""The back office: one window accepts, rejects or asks for every correction at once; the
departments review in parallel against working-day time limits; one of two staff acting on
the same thing at once wins, the other is told. Every change is on the citizen's timeline and
in the append-only audit log.

The public surface of the domain: other domains and the API import only this module.
"""

from __future__ import annotations

from backend.backoffice import supervision_stats as supervision
from backend.backoffice.applicants import listed_applicants
from backend.backoffice.audit import record_staff_change, record_step, recorded
from backend.backoffice.audit import verify as verify_audit_log
from backend.backoffice.audit_log import AuditFilter, AuditPage, audit_log
from backend.backoffice.automatic import automatic_checks, decide_automatically, record_check
from backend.backoffice.clocks import KINDS as SUSPENSION_KINDS
from backend.backoffice.clocks import resume, suspend, suspensions_of
from backend.backoffice.deadlines import SweepReport, due_date, overdue
from backend.backoffice.deferred import DeferredView, awaits, deliver_upload
from backend.backoffice.deferred import views as deferred_views
from backend.backoffice.detail import Detail, readable, record_read, shown_to, uploaded
from backend.backoffice.detail import detail as application_detail
from backend.backoffice.fees import payment_of, reconciliation, record_window_payment
from backend.backoffice.halls import SCOPES, halls, record_handover, seed_demo_hall_staff
from backend.backoffice.handed import decide_by_system, handed_file, system_actor
from backend.backoffice.identity import IdentityService
from backend.backoffice.intake import (
    WalkIn,
    as_window_visit,
    confirm_walk_in,
    require_confirmation,
    run_count,
    start_walk_in,
)
from backend.backoffice.live_queue import queue_changes
from backend.backoffice.models import AuditEntry, AutomaticCheck, ReviewTask, Suspension
from backend.backoffice.queue import window_queue
from backend.backoffice.queue_search import MAX_SEARCH, status_counts
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
from backend.backoffice.review_docs import (
    ResultFile,
    days_left,
    result_file,
    result_to_download,
    root_of,
    upload_result,
)
from backend.backoffice.review_docs import read as read_task
from backend.backoffice.review_docs import siblings as sibling_tasks
from backend.backoffice.staff_reads import StaffRead, staff_reads
from backend.backoffice.supervision_stats import dashboard as supervision_dashboard
from backend.backoffice.supervision_summary import forget as forget_supervision_summary
from backend.backoffice.supervision_summary import summarise as summarise_supervision
from backend.backoffice.sweeping import sweep
from backend.backoffice.window import (
    accept,
    record_deferred,
    record_dispatch,
    reject,
    request_correction,
)

__all__ = [
    "MAX_SEARCH",
    "SCOPES",
    "SUSPENSION_KINDS",
    "AuditEntry",
    "AuditFilter",
    "AuditPage",
    "AutomaticCheck",
    "BackofficeProblem",
    "DeferredView",
    "Detail",
    "IdentityService",
    "ResultFile",
    "ReviewTask",
    "StaffRead",
    "Suspension",
    "SweepReport",
    "WalkIn",
    "accept",
    "actor",
    "application_detail",
    "as_window_visit",
    "at_window",
    "audit_log",
    "automatic_checks",
    "awaits",
    "confirm_walk_in",
    "conflict",
    "days_left",
    "decide",
    "decide_automatically",
    "decide_by_system",
    "deferred_views",
    "deliver_upload",
    "due_date",
    "forget_supervision_summary",
    "halls",
    "handed_file",
    "listed_applicants",
    "not_found",
    "now",
    "overdue",
    "payment_of",
    "queue_changes",
    "read_task",
    "readable",
    "reconciliation",
    "record",
    "record_check",
    "record_deferred",
    "record_dispatch",
    "record_handover",
    "record_read",
    "record_staff_change",
    "record_step",
    "record_window_payment",
    "recorded",
    "reject",
    "request_correction",
    "require_confirmation",
    "result_file",
    "result_to_download",
    "resume",
    "review_queue",
    "root_of",
    "run_count",
    "seed_demo_hall_staff",
    "shown_to",
    "sibling_tasks",
    "staff_reads",
    "start_walk_in",
    "status_counts",
    "summarise_supervision",
    "supervision",
    "supervision_dashboard",
    "suspend",
    "suspensions_of",
    "sweep",
    "system_actor",
    "upload_result",
    "uploaded",
    "verify_audit_log",
    "window_queue",
]
