"""Audit entries about a staff account: the staff domain's changes, written through the
recorder its callers pass it (the staff domain does not import the back office, which
imports it); and the check of the whole log's hash chain (`zerorun audit verify`)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

from backend.backoffice import chain
from backend.backoffice.models import AuditChain, AuditEntry


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


async def verify(progress: Callable[[int], None], batch: int = 1000) -> chain.Break | None:
    """Walk the whole audit log oldest first (a batch at a time, `progress` told the count after
    each), checking every link; the first broken one, or None when the chain holds. A log whose
    newest entries were removed still links: the head row then names an entry that is gone."""
    walked = chain.Walk()
    last = 0

    async def rows() -> AsyncIterator[dict[str, Any]]:
        nonlocal last
        while True:
            found = (
                await AuditEntry.filter(id__gt=last)
                .order_by("id")
                .limit(batch)
                .values("id", "prev_hash", "hash", *chain.FIELDS)
            )
            for row in found:
                yield row
            if found:
                last = found[-1]["id"]
                progress(len(found))
            if len(found) < batch:
                return

    await chain.walk(rows(), walked)
    if walked.broken is not None:
        return walked.broken
    head = await AuditChain.get_or_none(id=1)
    if head is None:
        return chain.Break(0, "the chain's head (audit_chain, id 1) is missing")
    if head.hash != walked.head:
        return chain.Break(
            head.entry_id or 0,
            "the chain's head names this entry, the last one found is "
            f"audit_entry:{last} (entries after it were removed)",
        )
    return None


async def record_step(
    actor: str,
    action: str,
    subject: str | None,
    after: dict[str, Any],
    application_id: uuid.UUID | str | None = None,
    before: dict[str, Any] | None = None,
) -> None:
    """One entry about a citizen's step on an application (consent.granted, consent.revoked,
    application.submitted) or an administrator's on a matter (matter.published, with the
    versions before and after): `actor` the citizen, or whoever acts in their name."""
    await AuditEntry.create(
        actor=actor,
        action=action,
        subject_id=application_id,
        subject=subject,
        before=before,
        after=after,
    )
