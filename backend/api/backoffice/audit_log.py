"""The audit log (审计日志) for supervisors and county administrators: their region's entries,
newest first, filtered, a page of at most 100 at a time."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

import strawberry
from strawberry.scalars import JSON

from backend.api.backoffice.types import BackofficeError
from backend.api.context import Info
from backend.api.errors import problems_as
from backend.api.permissions import IsStaff, IsSupervisorOrCountyAdministrator
from backend.backoffice import service
from backend.forms.validation import FieldError


@strawberry.input(description="Every given condition must hold; none given: the whole region.")
class AuditLogFilter:
    actor: str | None = strawberry.field(
        default=None, description='Exactly: "staff:<username>", "citizen:<id>", "cli:<user>"…'
    )
    action: str | None = strawberry.field(
        default=None, description="Exactly, e.g. file.read, staff.sign_in_failed."
    )
    subject: str | None = strawberry.field(
        default=None, description='Exactly: "staff:<username>", "citizen:<id>", "matter:<code>"…'
    )
    application_id: strawberry.ID | None = None
    since: dt.datetime | None = strawberry.field(default=None, description="At or after.")
    until: dt.datetime | None = strawberry.field(default=None, description="Before.")


@strawberry.type(description="One entry of the append-only, hash-chained audit log.")
class AuditLogEntry:
    id: strawberry.ID
    at: dt.datetime
    actor: str
    action: str
    subject: str | None
    application_id: strawberry.ID | None
    before: JSON | None
    after: JSON | None
    request_id: str | None = strawberry.field(description="The request that wrote it, if any.")
    hash: str | None = strawberry.field(description="Its link in the chain (zerorun audit verify).")

    @classmethod
    def of(cls, e: service.AuditEntry) -> AuditLogEntry:
        return cls(
            id=strawberry.ID(str(e.id)),
            at=e.at,
            actor=e.actor,
            action=e.action,
            subject=e.subject,
            application_id=strawberry.ID(str(e.subject_id)) if e.subject_id else None,
            before=e.before,
            after=e.after,
            request_id=e.request_id,
            hash=e.hash,
        )


@strawberry.type(description="A page of the audit log, newest first.")
class AuditLogPage:
    entries: list[AuditLogEntry]
    end_cursor: str | None = strawberry.field(description="Pass as `after` for the next page.")
    has_next_page: bool


AuditLogResult = Annotated[AuditLogPage | BackofficeError, strawberry.union("AuditLogResult")]


@strawberry.type
class AuditLogQueries:
    @strawberry.field(
        permission_classes=[IsStaff, IsSupervisorOrCountyAdministrator],
        description="The audit log of my region, newest first: entries on its applications, and those by or about its staff accounts (sign-ins, reads of citizens' data, every step and change), `first` at most 100, `after` the last page's endCursor. My read is itself an entry (audit.read). INVALID_INPUT for a malformed cursor or application id. Supervisors and county administrators only.",
    )
    @problems_as(BackofficeError)
    async def audit_log(
        self,
        info: Info,
        filter: AuditLogFilter | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> AuditLogResult:
        assert info.context.staff is not None
        given = filter or AuditLogFilter()
        before, application = _cursor(after), _application(given.application_id)
        page = await service.audit_log(
            info.context.staff,
            service.AuditFilter(
                given.actor, given.action, given.subject, application, given.since, given.until
            ),
            first,
            before,
        )
        entries = [AuditLogEntry.of(e) for e in page.entries]
        return AuditLogPage(
            entries=entries,
            end_cursor=str(entries[-1].id) if entries else None,
            has_next_page=page.has_next_page,
        )


def _cursor(after: str | None) -> int | None:
    if after is None:
        return None
    if not after.isdigit() or len(after) > 12:
        raise _invalid("/after", "翻页游标无效。", "Not a cursor this query gave.")
    return int(after)


def _application(given: strawberry.ID | None) -> uuid.UUID | None:
    if given is None:
        return None
    try:
        return uuid.UUID(str(given))
    except ValueError:
        raise _invalid(
            "/filter/applicationId", "办件编号无效。", "Not an application id."
        ) from None


def _invalid(path: str, zh: str, en: str) -> service.BackofficeProblem:
    return service.BackofficeProblem(
        "INVALID_INPUT",
        "查询条件有误。",
        "The query's input is malformed.",
        [FieldError(path, "invalid", zh, en)],
    )
