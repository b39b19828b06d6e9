"""Electronic seals and signatures (电子印章、电子签名): documents issued as PDFs sealed with
their department's key and verifiable by anyone (/verify), citizens' signatures given in the
app, and the later checks of their commitments. ADR 15 says why Ed25519 and reportlab.

The public surface of the domain: other domains and the API import only this module."""

from __future__ import annotations

from backend.seals.checks import (
    CHECK_AFTER_DAYS,
    awaiting_checks,
    checks,
    record_check,
    schedule_checks,
)
from backend.seals.keys import configure, rewrap, rotate, verifies
from backend.seals.models import CommitmentCheck, SealedDocument, SealKey, Signature
from backend.seals.problems import SealProblem
from backend.seals.revoking import revoke
from backend.seals.sealing import (
    KINDS,
    Issue,
    document_for,
    documents_of,
    masked,
    seal,
    title_of,
)
from backend.seals.signing import intact, record_signature, signatures_of
from backend.seals.verifying import (
    MAX_VERIFY_BYTES,
    MAX_VERIFY_PAGES,
    Verdict,
    verify_file,
    verify_number,
)


async def published_keys() -> list[SealKey]:
    """Every key's public half, current and retired: what anyone needs to check a signature."""
    return await SealKey.all().order_by("department_code", "id")


__all__ = [
    "CHECK_AFTER_DAYS",
    "KINDS",
    "MAX_VERIFY_BYTES",
    "MAX_VERIFY_PAGES",
    "CommitmentCheck",
    "Issue",
    "SealKey",
    "SealProblem",
    "SealedDocument",
    "Signature",
    "Verdict",
    "awaiting_checks",
    "checks",
    "configure",
    "document_for",
    "documents_of",
    "intact",
    "masked",
    "published_keys",
    "record_check",
    "record_signature",
    "revoke",
    "rewrap",
    "rotate",
    "schedule_checks",
    "seal",
    "signatures_of",
    "title_of",
    "verifies",
    "verify_file",
    "verify_number",
]
