"""Audit entries about a staff account: the staff domain's changes, written through the
recorder its callers pass it (the staff domain does not import the back office, which
imports it)."""

from __future__ import annotations

from typing import Any

from backend.backoffice.models import AuditEntry


async def record_staff_change(
    actor: str,
    action: str,
    subject: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    """One append-only entry: `subject` is "staff:<username>"; `actor` "staff:<username>" for
    an administrator, "cli:<os user>" for `zerorun staff`."""
    await AuditEntry.create(actor=actor, action=action, subject=subject, before=before, after=after)


async def recorded(actor: str, action: str, subject: str) -> bool:
    """Whether the log holds an entry of this actor, action and subject (an agent's own scan)."""
    return await AuditEntry.exists(actor=actor, action=action, subject=subject)
