"""Anyone's question: is this document, or this e-license number, genuine, current or revoked?
The answer shows what the holder shows when handing it over (the masked name, the kind, the
issuer, the dates), never a resident ID; the signed statement and the key let anyone check
the signature themself.

An uploaded PDF is read up to MAX_VERIFY_BYTES and parsed (for its page count and the number
it claims) in a worker thread under a time limit: hostile input meets a typed refusal."""

from __future__ import annotations

import asyncio
import hashlib
import io
import re
from collections.abc import AsyncIterable
from dataclasses import dataclass
from typing import Any

import orjson
from pypdf import PdfReader

from backend.files.service import Readable
from backend.seals import keys
from backend.seals.models import SealedDocument, SealKey
from backend.seals.problems import SealProblem
from backend.seals.sealing import KINDS, masked, statement_bytes
from backend.wallet import service as wallet

MAX_VERIFY_BYTES = 2 * 1024 * 1024  # a sealed notice or certificate is a few KB
MAX_VERIFY_PAGES = 10
PARSE_SECONDS = 10.0
# Ours (ZRD…, ZRRES…) and other registries' (浙（2016）杭州市不动产权第0087654号): word characters,
# hyphens and brackets, no spaces or markup.
NUMBER = re.compile(r"^[\w\-()（）〔〕\[\]]{4,64}$")
READ_SIZE = 64 * 1024


@dataclass(frozen=True)
class Verdict:
    """status: genuine (sealed, current), revoked, altered (a file claiming a document's
    number whose bytes are not the ones issued), invalid_signature (a record whose signature
    does not verify), unknown (nothing issued by that number or with these bytes)."""

    status: str
    number: str | None = None
    kind: str | None = None
    title: dict[str, str] | None = None
    holder: str | None = None
    issuer: dict[str, str] | None = None
    issuer_code: str | None = None
    issued_at: str | None = None
    revoked_at: str | None = None
    license_type: str | None = None
    license_number: str | None = None
    sealed: bool = False  # False: an e-license issued before sealing, found in the registry
    key_id: str | None = None
    public_key: str | None = None
    signature: str | None = None
    statement: str | None = None


async def verify_number(number: str) -> Verdict:
    """A document's number, or an e-license's."""
    number = number.strip()
    if not NUMBER.match(number):
        raise SealProblem(
            "INVALID_INPUT",
            "number",
            "编号应为 4 到 64 位文字、数字、连字符或括号，不含空格。",
            "A number is 4 to 64 letters, digits, hyphens or brackets, without spaces.",
        )
    doc = await SealedDocument.get_or_none(number=number)
    if doc is None:
        doc = (
            await SealedDocument.filter(license_number=number, kind="certificate")
            .order_by("-id")
            .first()
        )
    if doc is not None:
        return await judge(doc)
    return await _registered_license(number)


async def verify_file(upload: Any) -> Verdict:
    """An uploaded PDF: genuine only when its bytes are exactly those a document was issued
    with and that document's signature verifies."""
    content = await _read(upload)
    claimed = await _claimed_number(content)
    doc = await SealedDocument.get_or_none(sha256=hashlib.sha256(content).hexdigest())
    if doc is not None:
        return await judge(doc)
    claimed_doc = await SealedDocument.get_or_none(number=claimed) if claimed else None
    if claimed_doc is None:
        return Verdict("unknown", number=claimed)
    shown = await judge(claimed_doc)
    return Verdict(
        "altered",
        number=shown.number,
        kind=shown.kind,
        title=shown.title,
        issuer=shown.issuer,
        issuer_code=shown.issuer_code,
        issued_at=shown.issued_at,
    )


async def judge(doc: SealedDocument) -> Verdict:
    """A kept document's verdict: its signature (over the statement naming the PDF's hash,
    which must be the kept PDF's), then whether it or its e-license was revoked."""
    key = await SealKey.get(id=doc.key_id)
    try:
        statement = orjson.loads(doc.statement)
        sound = (
            isinstance(statement, dict)
            and statement.get("number") == doc.number
            and statement.get("sha256") == doc.sha256 == hashlib.sha256(doc.pdf).hexdigest()
            and statement.get("key_id") == key.key_id
            and statement_bytes(statement) == doc.statement.encode()
        )
    except orjson.JSONDecodeError:
        statement, sound = {}, False
    signed = sound and keys.verifies(key.public_key, doc.statement.encode(), doc.signature)
    revoked_at = doc.revoked_at.isoformat() if doc.revoked_at else None
    if revoked_at is None and doc.license_type and doc.license_number:
        cancelled = await wallet.cancelled_at(doc.license_type, doc.license_number)
        revoked_at = cancelled.isoformat() if cancelled else None
    status = "invalid_signature" if not signed else "revoked" if revoked_at else "genuine"
    return Verdict(
        status,
        number=doc.number,
        kind=doc.kind,
        title=statement.get("title") if signed else None,
        holder=statement.get("holder") if signed else None,
        issuer=statement.get("issuer") if signed else None,
        issuer_code=statement.get("issuer_code") if signed else None,
        issued_at=statement.get("issued_at") if signed else None,
        revoked_at=revoked_at,
        license_type=doc.license_type,
        license_number=doc.license_number,
        sealed=True,
        key_id=key.key_id,
        public_key=key.public_key,
        signature=doc.signature,
        statement=doc.statement,
    )


async def _registered_license(number: str) -> Verdict:
    """An e-license issued before documents were sealed: the registry vouches for it; one an
    output of ours superseded shows revoked."""
    lic = await wallet.by_number(number)
    if lic is None:
        superseded = await wallet.cancelled_by_number(number)
        if superseded is None:
            return Verdict("unknown", number=number)
        return Verdict(  # another registry's license our output replaced: no longer in force
            "revoked",
            number=number,
            kind="certificate",
            revoked_at=superseded.cancelled_at.isoformat(),
            license_type=superseded.type,
            license_number=number,
        )
    cancelled = await wallet.cancelled_at(lic.type, lic.number)
    issuer = lic.issuer if isinstance(lic.issuer, dict) else None
    return Verdict(
        "revoked" if cancelled else "genuine",
        number=lic.number,
        kind="certificate",
        title=KINDS["certificate"],
        holder=masked(lic.holder_name),
        issuer=issuer,
        issued_at=lic.issued_at.isoformat(),
        revoked_at=cancelled.isoformat() if cancelled else None,
        license_type=lic.type,
        license_number=lic.number,
    )


async def _read(upload: Any) -> bytes:
    """The upload's bytes, refused as soon as they pass MAX_VERIFY_BYTES."""
    if not isinstance(upload, AsyncIterable | Readable):
        raise SealProblem(
            "INVALID_INPUT",
            "file",
            "请以 multipart 请求上传文件。",
            "Send the file as a multipart part.",
        )
    content = bytearray()
    async for chunk in _chunks(upload):
        content += chunk
        if len(content) > MAX_VERIFY_BYTES:
            raise SealProblem(
                "TOO_LARGE",
                "file",
                f"文件超过 {MAX_VERIFY_BYTES // 1024 // 1024} MB，不是本平台出具的文书。",
                f"The file is over {MAX_VERIFY_BYTES // 1024 // 1024} MB: no document we issue is.",
            )
    if not content.startswith(b"%PDF-"):
        raise SealProblem(
            "NOT_A_PDF", "file", "请上传 PDF 文件。", "Upload the document as a PDF file."
        )
    return bytes(content)


async def _chunks(source: AsyncIterable[bytes] | Readable) -> AsyncIterable[bytes]:
    if isinstance(source, Readable):
        while chunk := await source.read(READ_SIZE):
            yield chunk
    else:
        async for chunk in source:
            yield chunk


async def _claimed_number(content: bytes) -> str | None:
    """The number in the PDF's metadata (what it claims to be), after its pages are counted."""
    try:
        pages, subject = await asyncio.wait_for(asyncio.to_thread(_parse, content), PARSE_SECONDS)
    except TimeoutError:
        pages, subject = -1, None
    if pages < 0:
        raise SealProblem(
            "DAMAGED",
            "file",
            "无法读取此 PDF：文件已损坏或不完整，不是本平台出具的原件。",
            "This PDF cannot be read: it is damaged or incomplete, not a document as we issued it.",
        )
    if pages > MAX_VERIFY_PAGES:
        raise SealProblem(
            "TOO_MANY_PAGES",
            "file",
            f"此 PDF 有 {pages} 页，超过 {MAX_VERIFY_PAGES} 页：不是本平台出具的文书。",
            f"This PDF has {pages} pages, over {MAX_VERIFY_PAGES}: no document we issue has.",
        )
    return subject if subject and NUMBER.match(subject) else None


def _parse(content: bytes) -> tuple[int, str | None]:
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        pages = len(reader.pages)
        subject = reader.metadata.subject if reader.metadata else None
    except Exception:  # hostile input makes the parser fail in any way it can; none is ours
        return -1, None
    return pages, str(subject) if subject else None
