"""Finding work in the window's queue: by the applicant's name, the express tracking number or
the start of the application's id; and how many applications of each status the queue holds."""

from __future__ import annotations

import re
import uuid

from tortoise.expressions import Q
from tortoise.functions import Count

from backend.applications.service import Application
from backend.backoffice.halls import scope_filter
from backend.staff.service import StaffMember

MAX_SEARCH = 50
TRACKING_NUMBER = 40  # the longest tracking number kept
RESIDENT_ID = re.compile(r"\d{17}[\dXx]")  # in full only: a list shows it masked


def search_filter(text: str) -> Q | None:
    """None for an empty search; otherwise the applicant's name contains it, or it is the
    tracking number, or the applicant's resident ID in full, or the application's id starts with
    it (at most 50 characters, trimmed)."""
    text = text.strip()[:MAX_SEARCH]
    if not text:
        return None
    found = Q(citizen__name__icontains=text)
    if len(text) <= TRACKING_NUMBER and text.isalnum():  # as record_dispatch takes one
        found |= Q(tracking_number=text)
    if RESIDENT_ID.fullmatch(text):
        found |= Q(citizen__id_number=text.upper())
    prefix = text.lower()
    if all(c in "0123456789abcdef-" for c in prefix):
        try:
            found |= Q(id=uuid.UUID(prefix))
        except ValueError:
            found |= Q(id__startswith=prefix)
    return found


async def status_counts(staff: StaffMember, scope: str) -> list[tuple[str, int]]:
    """How many applications of each status the clerk's queue of this scope holds: one
    GROUP BY statement."""
    rows = (
        await Application.filter(scope_filter(staff, scope), parent_id__isnull=True)
        .annotate(count=Count("id"))
        .group_by("status")
        .order_by("status")
        .values("status", "count")
    )
    return [(str(r["status"]), int(r["count"])) for r in rows]
