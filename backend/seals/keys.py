"""Each department's signing key: made on its first use, kept in seal_key with its private half
encrypted under a key derived from ZERORUN_SECRET_KEY, rotated by `zerorun seal-keys rotate`
(the retired key still verifies what it sealed). Ed25519 through `cryptography`: ADR 15.

The secrets come from the settings once a process starts (`configure`, called by the app and
the CLI), like the database connection: every worker of a deployment seals with the same keys."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from backend.seals.models import SealKey

PLATFORM = "ZERORUN"  # the platform's own key: it seals citizens' signatures
PLATFORM_NAME = {"zh": "浙里办一网通办平台", "en": "ZeroRun one-window platform"}


@dataclass(frozen=True)
class Sealing:
    """What sealing needs from the settings: the secrets (the current one first, then those
    it replaced, which still open keys made under them) and the public address of /verify."""

    secrets: tuple[str, ...]
    public_url: str


_configured: list[Sealing] = []
_opened: dict[str, Ed25519PrivateKey] = {}  # key_id -> private key, decrypted once a process


def configure(secret_key: str, previous: tuple[str, ...], public_url: str) -> None:
    _configured[:] = [Sealing((secret_key, *previous), public_url.rstrip("/"))]


def sealing() -> Sealing:
    if not _configured:
        raise RuntimeError("seals are not configured: the app and the CLI call seals.configure")
    return _configured[0]


def _password(secret: str) -> bytes:
    """The key-encryption password: derived, so the secret itself is never the password."""
    return hashlib.sha256(b"zerorun.seal-keys\0" + secret.encode()).hexdigest().encode()


async def signing_key(department_code: str, name: dict[str, str]) -> SealKey:
    """The department's current key, made on its first use. Two workers making one at once
    each make one; both stay valid, the older one signs from then on."""
    found = await SealKey.filter(department_code=department_code, retired_at__isnull=True)
    if found:
        return min(found, key=lambda k: k.id)
    return await _make(department_code, name)


async def rotate(department_code: str) -> SealKey:
    """Retire the department's current key(s) and make a new one; what the old ones sealed
    still verifies with their public keys, which stay published."""
    current = await SealKey.filter(department_code=department_code).order_by("-id").first()
    name = current.department_name if current else {"zh": department_code, "en": department_code}
    await SealKey.filter(department_code=department_code, retired_at__isnull=True).update(
        retired_at=dt.datetime.now(dt.UTC)
    )
    return await _make(department_code, name)


async def _make(department_code: str, name: dict[str, str]) -> SealKey:
    private = Ed25519PrivateKey.generate()
    public = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(_password(sealing().secrets[0])),
    )
    key = await SealKey.create(
        key_id=f"{department_code}:{secrets.token_hex(4)}",
        department_code=department_code,
        department_name=name,
        public_key=base64.b64encode(public).decode(),
        private_key=pem.decode(),
    )
    _opened[key.key_id] = private
    return key


async def sign(key: SealKey, message: bytes) -> str:
    """The key's signature of `message`, base64."""
    return base64.b64encode((await _private(key)).sign(message)).decode()


def verifies(public_key: str, message: bytes, signature: str) -> bool:
    """Whether `signature` (base64) is the signature of `message` by the key (raw, base64)."""
    try:
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True))
        public.verify(base64.b64decode(signature, validate=True), message)
    except (InvalidSignature, ValueError):
        return False
    return True


async def rewrap() -> int:
    """Encrypt every private key under the current secret (after ZERORUN_SECRET_KEY rotated,
    before the previous one is dropped); how many were encrypted again."""
    done = 0
    for key in await SealKey.all():
        if _open(key, sealing().secrets[:1]) is None:
            _opened.pop(key.key_id, None)  # opened before: open it again, to encrypt it again
            await _private(key)
            done += 1
    return done


async def _private(key: SealKey) -> Ed25519PrivateKey:
    """The key's private half: opened under the current secret or a previous one, and then
    encrypted again under the current one, so a previous secret can be dropped."""
    opened = _opened.get(key.key_id)
    if opened is not None:
        return opened
    loaded = _open(key, sealing().secrets[:1])
    if loaded is None:
        loaded = _open(key, sealing().secrets[1:])
        if loaded is not None:
            pem = loaded.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.BestAvailableEncryption(_password(sealing().secrets[0])),
            )
            await SealKey.filter(id=key.id).update(private_key=pem.decode())
    if loaded is not None:
        _opened[key.key_id] = loaded
        return loaded
    raise RuntimeError(
        f"seal key {key.key_id} opens with none of ZERORUN_SECRET_KEY and "
        "ZERORUN_PREVIOUS_SECRET_KEYS: keep the secret it was made under among them"
    )


def _open(key: SealKey, secrets_: tuple[str, ...]) -> Ed25519PrivateKey | None:
    for secret in secrets_:
        try:
            loaded = serialization.load_pem_private_key(
                key.private_key.encode(), password=_password(secret)
            )
        except ValueError:  # encrypted under another secret
            continue
        assert isinstance(loaded, Ed25519PrivateKey)
        return loaded
    return None
