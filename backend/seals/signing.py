"""Citizens' signatures given in the app: a commitment (告知承诺) replacing a material, a
party's confirmation of a joint application. Each is a row naming the session it was given
in, the SHA-256 of the exact text signed and the time, sealed with the platform's key so
that a changed row no longer verifies."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid

import orjson

from backend.seals import keys
from backend.seals.models import Signature
from backend.seals.sealing import statement_bytes


async def record_signature(
    kind: str,
    application_id: uuid.UUID,
    region_code: str | None,
    citizen_id: int,
    session_id: uuid.UUID | None,
    subject: str,
    text: str,
) -> Signature:
    """Record and seal one signature: `kind` commitment (subject: the material's id) or
    confirmation (subject: the party's id); `text` exactly as the citizen saw it."""
    at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    digest = hashlib.sha256(text.encode()).hexdigest()
    key = await keys.signing_key(keys.PLATFORM, keys.PLATFORM_NAME)
    statement = statement_bytes(
        {
            "v": 1,
            "kind": kind,
            "application_id": str(application_id),
            "citizen_id": citizen_id,
            "session_id": str(session_id) if session_id else None,
            "subject": subject,
            "text_sha256": digest,
            "signed_at": at.isoformat(),
        }
    )
    return await Signature.create(
        kind=kind,
        application_id=application_id,
        region_code=region_code,
        citizen_id=citizen_id,
        session_id=session_id,
        subject=subject,
        text_sha256=digest,
        signed_at=at,
        statement=statement.decode(),
        seal=await keys.sign(key, statement),
        key=key,
    )


async def signatures_of(application_id: uuid.UUID) -> list[Signature]:
    return await Signature.filter(application_id=application_id).order_by("id")


async def intact(signature: Signature) -> bool:
    """Whether the row is as it was sealed: its statement names its own fields, and the
    platform key's seal over it verifies."""
    key = await signature.key
    expected = {
        "kind": signature.kind,
        "application_id": str(signature.application_id),
        "citizen_id": signature.citizen_id,
        "session_id": str(signature.session_id) if signature.session_id else None,
        "subject": signature.subject,
        "text_sha256": signature.text_sha256,
        "signed_at": signature.signed_at.astimezone(dt.UTC).isoformat(),
    }
    stated = orjson.loads(signature.statement)
    return all(stated.get(k) == v for k, v in expected.items()) and keys.verifies(
        key.public_key, signature.statement.encode(), signature.seal
    )
