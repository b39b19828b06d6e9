"""What a citizen sees of the audit log: each read of their applications, files and shared data
by staff or a department's system, newest first, naming the reader's role, department and
county, never the staff member (the log keeps who, for supervisors and auditors)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from tortoise.expressions import Q

from backend.backoffice.models import AuditEntry
from backend.staff.service import StaffMember

MAX_READS = 200
# the reads of a citizen's data recorded with the citizen as subject (record_read, handed_file);
# the citizen's own steps and an agent's in their name share the subject, and are not reads
READS = ("application.read", "file.read", "task.result_file_read")


@dataclass(frozen=True)
class Reader:
    """Who read, as the citizen is told: a role of a county (and its department), or a
    department's own system (role "system")."""

    role: str
    region_code: str | None
    department_code: str | None

    @classmethod
    def of(cls, staff: StaffMember) -> Reader:
        return cls(staff.role, staff.region_code, staff.department_code)

    def as_json(self) -> dict[str, Any]:
        return {"role": self.role, "region": self.region_code, "department": self.department_code}


@dataclass(frozen=True)
class StaffRead:
    id: int
    at: dt.datetime
    action: str  # application.read | file.read | task.read | task.result_file_read
    application_id: uuid.UUID | None
    material_id: str | None
    reader: Reader


async def staff_reads(citizen_id: int, first: int, before: int | None = None) -> list[StaffRead]:
    """The reads of this citizen's data, newest first (at most MAX_READS, those before the
    entry `before` when given): one statement, and one for the roles of readers whose entry
    predates the reader's being recorded with it."""
    rows = AuditEntry.filter(
        Q(actor__startswith="staff:") | Q(actor__startswith="system:"),
        subject=f"citizen:{citizen_id}",
        action__in=READS,
    )
    if before is not None:
        rows = rows.filter(id__lt=before)
    entries = await rows.order_by("-id").limit(max(1, min(first, MAX_READS)))
    unnamed = {
        e.actor.removeprefix("staff:")
        for e in entries
        if e.actor.startswith("staff:") and "reader" not in (e.after or {})
    }
    known = {
        s.username: Reader.of(s)
        for s in (await StaffMember.filter(username__in=unnamed) if unnamed else [])
    }
    return [_read(e, known) for e in entries]


def _read(e: AuditEntry, known: dict[str, Reader]) -> StaffRead:
    after = e.after if isinstance(e.after, dict) else {}
    if e.actor.startswith("system:"):
        reader = Reader("system", None, e.actor.removeprefix("system:"))
    elif isinstance(after.get("reader"), dict):
        given = after["reader"]
        reader = Reader(str(given.get("role")), given.get("region"), given.get("department"))
    else:
        reader = known.get(e.actor.removeprefix("staff:"), Reader("staff", None, None))
    material = after.get("material")
    return StaffRead(
        id=e.id,
        at=e.at,
        action=e.action,
        application_id=e.subject_id,
        material_id=str(material) if material else None,
        reader=reader,
    )
