"""What every back-office step shares: refusals raised fresh, the clock, the audit log beside
the citizen's timeline, the application at the clerk's window, and moves of which exactly
one of two concurrent ones wins."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, TypeVar

from tortoise.models import Model

from backend.applications import service as applications
from backend.applications.service import Application
from backend.backoffice.models import AuditEntry
from backend.forms.validation import FieldError
from backend.staff.service import StaffMember

WAITING = ("submitted",)


class BackofficeProblem(Exception):
    """An expected refusal, answered as data with a stable code. Raised fresh each time: a
    shared instance would keep every raise's traceback."""

    def __init__(
        self, code: str, message_zh: str, message_en: str, errors: list[FieldError] | None = None
    ) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code, self.message_zh, self.message_en = code, message_zh, message_en
        self.errors = errors or []  # each input at fault, by its path (/deferred/0/dueOn)


def not_found() -> BackofficeProblem:
    return BackofficeProblem(
        "NOT_FOUND",
        "没有找到，或不在您的管辖范围内。",
        "Not found, or outside your region or department.",
    )


M = TypeVar("M", bound=Model)


async def of_my_department(model: type[M], staff: StaffMember, row_id: str) -> M:
    """A row (a task, a sampled check) of the staff member's own region and department, by the
    id a client sent; NOT_FOUND for any other and for an id no integer column holds."""
    key = int(row_id) if row_id.isdigit() and len(row_id) < 10 else 0
    mine = model.filter(
        id=key, region_code=staff.region_code, department_code=staff.department_code
    )
    row = await mine.first() if key else None
    if row is None:
        raise not_found()
    return row


def conflict() -> BackofficeProblem:
    return BackofficeProblem(
        "CONFLICT",
        "其他工作人员刚刚处理了这一件，请刷新后再看。",
        "Another member of staff has just handled this; refresh and look again.",
    )


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def actor(staff: StaffMember) -> str:
    return f"staff:{staff.username}"


async def record(
    app: Application, who: str, action: str, before: Any, after: Any, zh: str, en: str
) -> None:
    """One step: on the citizen's timeline and in the audit log."""
    await applications.add_event(app, action, zh, en)
    await AuditEntry.create(actor=who, action=action, subject_id=app.id, before=before, after=after)


async def at_window(staff: StaffMember, application_id: str) -> Application:
    try:
        uid = uuid.UUID(application_id)
    except ValueError:
        raise not_found() from None
    app = await Application.get_or_none(
        id=uid, region_code=staff.region_code, parent_id__isnull=True
    )
    if app is None:
        if staff.hall_id and await Application.exists(
            id=uid, received_hall_id=staff.hall_id, parent_id__isnull=True
        ):  # received at my hall for another county: its own window decides (h4)
            raise not_competent()
        raise not_found()
    return app


def not_competent() -> BackofficeProblem:
    return BackofficeProblem(
        "NOT_COMPETENT",
        "本厅只代收这一件，由有管辖权的县（市、区）窗口受理和处理。",
        "This hall only received it; the window of the competent county decides on it.",
    )


async def _move(app: Application, expected: str, to: str, **changes: Any) -> None:
    """Exactly one of two concurrent moves wins: the update names the state it expects."""
    if not await Application.filter(id=app.id, status=expected).update(status=to, **changes):
        raise conflict()
    app.status = to
    for name, value in changes.items():  # the row the caller answers with says what was set
        setattr(app, name, value)
