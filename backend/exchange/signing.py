"""The HMAC scheme both ways between ZeroRun and a department's system: HMAC-SHA256 of
`<timestamp>.<body>` with the key id's shared secret, as lowercase hex, in three headers. A
message older or newer than MAX_SKEW_SECONDS is refused (a replay), and signatures are compared
in constant time."""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable, Mapping

KEY_ID = "X-ZeroRun-Key-Id"
TIMESTAMP = "X-ZeroRun-Timestamp"  # Unix seconds
SIGNATURE = "X-ZeroRun-Signature"
MAX_SKEW_SECONDS = 300


class BadSignature(Exception):
    """A message whose key, time or signature does not hold: `code` says which."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def signature(secret: str, timestamp: str, body: bytes) -> str:
    return hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def signed_headers(
    key_id: str, secret: str, body: bytes, at: float | None = None
) -> dict[str, str]:
    """The headers that sign `body` now (or at `at`)."""
    timestamp = str(int(time.time() if at is None else at))
    return {KEY_ID: key_id, TIMESTAMP: timestamp, SIGNATURE: signature(secret, timestamp, body)}


def verify(headers: Mapping[str, str], body: bytes, secret_of: Callable[[str], str | None]) -> str:
    """The key id that signed `body` (headers keyed in lower case); BadSignature otherwise."""
    key_id = headers.get(KEY_ID.lower(), "")
    timestamp = headers.get(TIMESTAMP.lower(), "")
    given = headers.get(SIGNATURE.lower(), "")
    if not key_id or not timestamp or not given:
        raise BadSignature("UNSIGNED", f"{KEY_ID}, {TIMESTAMP} and {SIGNATURE} are required")
    secret = secret_of(key_id)
    if secret is None:
        raise BadSignature("UNKNOWN_KEY", f"no secret for key id {key_id[:64]!r}")
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > MAX_SKEW_SECONDS:
        raise BadSignature("STALE", f"{TIMESTAMP} is not within {MAX_SKEW_SECONDS} s of now")
    if not hmac.compare_digest(signature(secret, timestamp, body), given.lower()):
        raise BadSignature("BAD_SIGNATURE", "the signature does not match the body")
    return key_id
