"""Issuing a sealed document: its PDF drawn, hashed, and the statement that names the hash
signed by the issuer's key, all in the caller's transaction (an application completes with
its certificate, or not at all)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import orjson

from backend.seals import keys, pdf
from backend.seals.models import SealedDocument

CHINA = dt.timezone(dt.timedelta(hours=8))
KINDS = {
    "certificate": {"zh": "电子证照", "en": "E-license"},
    "acceptance": {"zh": "受理通知书", "en": "Notice of acceptance"},
    "rejection": {"zh": "不予受理通知书", "en": "Notice of rejection"},
    "correction": {"zh": "补正告知书", "en": "Notice of corrections needed"},
}


@dataclass(frozen=True)
class Issue:
    """What a document says and who issues it. `holder_name` is printed in full on the PDF
    (the holder's own document) and only masked in the signed statement /verify shows."""

    kind: str
    application_id: uuid.UUID
    citizen_id: int
    region_code: str | None
    issuer_code: str
    issuer_name: dict[str, str]
    holder_name: str
    lines: Sequence[tuple[str, str, str]]  # (label zh, label en, value)
    title: dict[str, str] | None = None  # the kind's own title unless given (a license's name)
    license_type: str | None = None
    license_number: str | None = None


def masked(name: str) -> str:
    """A person's name as /verify shows it: the first character, the rest as asterisks."""
    name = name.strip()
    return name[:1] + "*" * max(1, len(name) - 1) if name else ""


def statement_bytes(statement: dict[str, object]) -> bytes:
    """The exact bytes signed: canonical JSON (sorted keys, UTF-8, no spaces)."""
    return orjson.dumps(statement, option=orjson.OPT_SORT_KEYS)


async def seal(issue: Issue) -> SealedDocument:
    """Draw, hash, sign and keep the document; a certificate is issued once an application."""
    if issue.kind == "certificate":
        existing = await SealedDocument.get_or_none(
            application_id=issue.application_id, kind="certificate"
        )
        if existing is not None:
            return existing
    at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    local = at.astimezone(CHINA)
    number = f"ZRD{local:%Y%m%d}{secrets.token_hex(5).upper()}"
    title = issue.title or KINDS[issue.kind]
    page = pdf.Page(
        title=title,
        lines=pdf.lines_of(issue.lines),
        issuer=issue.issuer_name,
        number=number,
        issued_on=f"{local.year}年{local.month}月{local.day}日",
        verify_url=f"{keys.sealing().public_url}/verify?number={number}",
    )
    content = pdf.render(page)
    digest = hashlib.sha256(content).hexdigest()
    key = await keys.signing_key(issue.issuer_code, issue.issuer_name)
    statement = {
        "v": 1,
        "number": number,
        "kind": issue.kind,
        "title": title,
        "holder": masked(issue.holder_name),
        "issuer": issue.issuer_name,
        "issuer_code": issue.issuer_code,
        "issued_at": at.isoformat(),
        "license_type": issue.license_type,
        "license_number": issue.license_number,
        "sha256": digest,
        "key_id": key.key_id,
    }
    message = statement_bytes(statement)
    return await SealedDocument.create(
        number=number,
        kind=issue.kind,
        application_id=issue.application_id,
        citizen_id=issue.citizen_id,
        region_code=issue.region_code,
        license_type=issue.license_type,
        license_number=issue.license_number,
        sha256=digest,
        statement=message.decode(),
        signature=await keys.sign(key, message),
        key=key,
        pdf=content,
        issued_at=at,
    )


MAX_LISTED = 100


async def documents_of(
    citizen_id: int, application_id: uuid.UUID | None = None
) -> list[SealedDocument]:
    """The documents issued to the citizen (for one application), newest first: their number,
    kind and dates, not their PDFs."""
    qs = SealedDocument.filter(citizen_id=citizen_id)
    if application_id is not None:
        qs = qs.filter(application_id=application_id)
    listed = ("id", "number", "kind", "application_id", "issued_at", "revoked_at", "statement")
    return await qs.order_by("-id").limit(MAX_LISTED).only(*listed)


async def document_for(citizen_id: int, number: str) -> SealedDocument | None:
    """A document of the citizen's own applications, for them to download."""
    return await SealedDocument.get_or_none(number=number, citizen_id=citizen_id)


def title_of(doc: SealedDocument) -> dict[str, str]:
    """The title the document was sealed with (a license's own name), else its kind's."""
    title = orjson.loads(doc.statement).get("title")
    return title if isinstance(title, dict) else KINDS[doc.kind]
