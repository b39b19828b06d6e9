"""Revoking a sealed document (a certificate issued in error, a notice withdrawn): staff of
its county, a reason, an entry in the audit log, written through the recorder the caller
passes (the back office's: this domain does not import it, which imports this one). Revoking
a certificate cancels its e-license too, so the wallet shows it cancelled everywhere."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

from tortoise.transactions import in_transaction

from backend.seals.models import SealedDocument
from backend.seals.problems import SealProblem, not_found
from backend.wallet import service as wallet

MAX_REASON = 200
Recorder = Callable[[str, str, str, dict[str, Any] | None, dict[str, Any] | None], Awaitable[None]]


async def revoke(
    number: str, reason: str, region_code: str, actor: str, record: Recorder
) -> SealedDocument:
    """Revoke the document of this number (or the certificate of this e-license number) in
    the staff member's county; revoking it again changes nothing and says so."""
    reason = reason.strip()
    if not 1 <= len(reason) <= MAX_REASON:
        raise SealProblem(
            "INVALID_INPUT",
            "reason",
            f"请填写撤销理由（1 到 {MAX_REASON} 个字）。",
            f"Give the reason for revoking (1 to {MAX_REASON} characters).",
        )
    number = number.strip()
    doc = await SealedDocument.get_or_none(number=number, region_code=region_code)
    if doc is None:
        doc = await SealedDocument.get_or_none(
            license_number=number, kind="certificate", region_code=region_code
        )
    if doc is None:
        raise not_found("number")
    if doc.revoked_at is not None:
        raise SealProblem(
            "ALREADY_REVOKED", "number", "该文书已经撤销。", "This document was revoked already."
        )
    at = dt.datetime.now(dt.UTC)
    async with in_transaction():
        if not await SealedDocument.filter(id=doc.id, revoked_at__isnull=True).update(
            revoked_at=at, revoked_reason=reason, revoked_by=actor
        ):
            raise SealProblem(
                "ALREADY_REVOKED",
                "number",
                "该文书已经撤销。",
                "This document was revoked already.",
            )
        if doc.license_type and doc.license_number:
            lic = await wallet.by_number(doc.license_number)
            if lic is not None and lic.holder_id_number:
                await wallet.cancel(
                    doc.license_type, doc.license_number, lic.holder_id_number, doc.application_id
                )
        await record(
            actor,
            "document_revoked",
            f"document:{doc.number}",
            {"revoked": False},
            {"revoked": True, "reason": reason, "license_number": doc.license_number},
        )
    await doc.refresh_from_db()
    return doc
