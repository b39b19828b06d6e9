"""The audit log as supervisors and county administrators read it (审计日志): newest first, a
page at a time, filtered by actor, action, subject, application and time, and only what
concerns their region: entries on its applications, and entries by or about its staff
accounts. Entries of neither (a `zerorun` command's catalog load) are for operators, with SQL.
Each read is itself an entry (audit.read), with its filter: who looked at the log, for what."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import asdict, dataclass

from tortoise.expressions import Q, Subquery

from backend.applications.service import Application
from backend.backoffice.models import AuditEntry
from backend.regions.service import code_range
from backend.staff.service import StaffMember

MAX_PAGE = 100


@dataclass(frozen=True)
class AuditFilter:
    actor: str | None = None
    action: str | None = None
    subject: str | None = None
    application_id: uuid.UUID | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]
    has_next_page: bool


async def audit_log(
    reader: StaffMember, given: AuditFilter, first: int, before: int | None
) -> AuditPage:
    """A page of the log in the reader's region, newest first, entries older than the entry
    `before` when given: one statement for the region's staff, one for the page."""
    prefix, _ = code_range(reader.region_code)
    usernames = await StaffMember.filter(region_code__startswith=prefix).values_list(
        "username", flat=True
    )
    staff = [f"staff:{u}" for u in usernames]
    applications = Application.filter(region_code__startswith=prefix).values("id")
    rows = AuditEntry.filter(
        Q(subject_id__in=Subquery(applications)) | Q(actor__in=staff) | Q(subject__in=staff)
    )
    wanted = {
        "actor": given.actor,
        "action": given.action,
        "subject": given.subject,
        "subject_id": given.application_id,
        "at__gte": given.since,
        "at__lt": given.until,
        "id__lt": before,
    }
    rows = rows.filter(**{k: v for k, v in wanted.items() if v is not None})
    size = max(1, min(first, MAX_PAGE))
    found = await rows.order_by("-id").limit(size + 1)
    await AuditEntry.create(
        actor=f"staff:{reader.username}",
        action="audit.read",
        subject=f"region:{reader.region_code}",
        before=None,
        after={
            "filter": {k: str(v) for k, v in asdict(given).items() if v is not None},
            "before": before,
            "count": min(len(found), size),
        },
    )
    return AuditPage(found[:size], len(found) > size)
