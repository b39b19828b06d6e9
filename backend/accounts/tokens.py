"""Session tokens: `<key id>.<session id>.<signature>`. The current key signs; the keys it
replaced still verify, so rotating the key signs nobody out. The key id is derived from the key
itself, so operators configure nothing but the keys."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable

from itsdangerous import BadSignature, Signer

MIN_KEY = 32  # characters of ZERORUN_SECRET_KEY


def key_id(key: str) -> str:
    """Eight hex characters naming a key without telling anything useful about it."""
    return hashlib.sha256(b"zerorun key id\0" + key.encode()).hexdigest()[:8]


class Keys:
    """Signs session ids with the current key and verifies them with the key the token names."""

    def __init__(self, current: str, previous: Iterable[str], salt: str) -> None:
        self.current = key_id(current)
        self.signers = {
            key_id(k): Signer(k, salt=salt, digest_method=hashlib.sha256)
            for k in (*previous, current)
        }

    def sign(self, session: uuid.UUID) -> str:
        return f"{self.current}.{self.signers[self.current].sign(session.hex).decode()}"

    def session(self, token: str) -> uuid.UUID | None:
        """The session id a token signed by one of the keys names, else None."""
        kid, _, signed = token.partition(".")
        signer = self.signers.get(kid)
        if signer is None:
            return None
        try:
            return uuid.UUID(hex=signer.unsign(signed).decode())
        except (BadSignature, ValueError):
            return None
