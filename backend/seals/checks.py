"""The later check (核查) of signed commitments: a commitment replaces a proof on trust, so
the department checks it afterwards. The sweep schedules a check for each commitment of an
application once it is accepted (due CHECK_AFTER_DAYS later); staff record the outcome, and a
failed check stays flagged (listed as failed, and in the audit log)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

from tortoise.transactions import in_transaction

from backend.seals.models import CommitmentCheck, Signature
from backend.seals.problems import SealProblem, not_found
from backend.seals.revoking import Recorder

CHECK_AFTER_DAYS = 30
MAX_NOTE = 500
OUTCOMES = ("passed", "failed")


async def awaiting_checks() -> set[uuid.UUID]:
    """The applications with a signed commitment no check was scheduled for."""
    rows = await Signature.filter(kind="commitment", commitment_check__id__isnull=True).values_list(
        "application_id", flat=True
    )
    return {uuid.UUID(str(r)) for r in rows}


async def schedule_checks(ready: Iterable[uuid.UUID], today: dt.date) -> int:
    """For the commitments of these (accepted) applications, one check each of the material's
    latest signature, due CHECK_AFTER_DAYS from today; idempotent. How many were scheduled."""
    ids = list(ready)
    if not ids:
        return 0
    latest: dict[tuple[uuid.UUID, str], Signature] = {}
    for s in await Signature.filter(kind="commitment", application_id__in=ids).order_by("id"):
        latest[(s.application_id, s.subject)] = s
    have = set(
        await CommitmentCheck.filter(application_id__in=ids).values_list(
            "application_id", "material_id"
        )
    )
    made = 0
    for (application_id, material_id), s in latest.items():
        if (application_id, material_id) in have:
            continue
        async with in_transaction():
            _, created = await CommitmentCheck.get_or_create(
                signature_id=s.id,
                defaults={
                    "application_id": application_id,
                    "region_code": s.region_code,
                    "material_id": material_id,
                    "due_on": today + dt.timedelta(days=CHECK_AFTER_DAYS),
                },
            )
        made += created
    return made


async def checks(region_code: str, status: str | None, first: int) -> list[CommitmentCheck]:
    """The county's checks, those due first; `status` scheduled, passed or failed."""
    qs = CommitmentCheck.filter(region_code=region_code)
    if status:
        qs = qs.filter(status=status)
    return await qs.order_by("due_on", "id").limit(max(1, min(first, 200)))


async def record_check(
    check_id: int, outcome: str, note: str, region_code: str, actor: str, record: Recorder
) -> CommitmentCheck:
    """Staff record what the check found; a failed commitment is flagged (status failed, in
    the audit log with the note). Recorded once: a second outcome is refused."""
    note = note.strip()
    if outcome not in OUTCOMES:
        raise SealProblem(
            "INVALID_INPUT", "outcome", "结果应为通过或未通过。", "The outcome is passed or failed."
        )
    if len(note) > MAX_NOTE or (outcome == "failed" and not note):
        raise SealProblem(
            "INVALID_INPUT",
            "note",
            f"未通过时须写明核查发现（至多 {MAX_NOTE} 字）。",
            f"Say what the check found when it failed (at most {MAX_NOTE} characters).",
        )
    check = await CommitmentCheck.get_or_none(id=check_id, region_code=region_code)
    if check is None:
        raise not_found("id")
    async with in_transaction():
        if not await CommitmentCheck.filter(id=check.id, status="scheduled").update(
            status=outcome, note=note or None, checked_by=actor, checked_at=dt.datetime.now(dt.UTC)
        ):
            raise SealProblem(
                "ALREADY_RECORDED",
                "id",
                "这项核查已经记录了结果。",
                "This check's outcome was recorded already.",
            )
        await record(
            actor,
            f"commitment_check_{outcome}",
            f"application:{check.application_id}",
            {"status": "scheduled"},
            {"status": outcome, "material": check.material_id, "note": note},
        )
    await check.refresh_from_db()
    return check
