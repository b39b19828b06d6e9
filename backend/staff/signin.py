"""Staff sign-in: argon2 password hashes (computed off the event loop), attempts throttled per
client address and per username, and an atomic lockout per account *and client address*: five
failures in a row from one address lock that address out of that account for 15 minutes, so a
stranger's guesses lock the stranger out, never the owner (docs/adr/0010-sessions.md)."""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import hashlib
import secrets
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from tortoise.expressions import F, Q

from backend.infra.kv import KeyValue
from backend.staff.models import SignInAttempts, StaffMember
from backend.staff.problems import refused

USERNAME_MAX = 64  # StaffMember.username
MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
# An address the account signed in from this recently is the owner's: the per-username
# throttle, which anyone can fill, does not slow it (its own lockout still does).
TRUSTED_FOR = dt.timedelta(days=30)
THROTTLE_WINDOW_SECONDS = 60
_hasher = PasswordHasher()
# argon2 takes a core and 64 MiB per hash: one at a time per worker, never on the event loop,
# so that a flood of sign-ins leaves the worker a core to answer everyone else with.
_hashing = ThreadPoolExecutor(max_workers=1, thread_name_prefix="zerorun-argon2")


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Throttle:
    """Sign-in attempts allowed per minute for one username and from one client address,
    counted across workers in the shared key-value store (each worker's own without Redis)."""

    kv: KeyValue
    prefix: str
    per_username: int
    per_address: int

    # A window starts with its first attempt: no minute boundary hands a guesser a second
    # allowance straight after the first.
    async def allows_address(self, address: str) -> bool:
        key = f"{self.prefix}:staff-sign-in:a:{address}"
        return await self.kv.incr_window(key, THROTTLE_WINDOW_SECONDS) <= self.per_address

    async def allows_username(self, username: str) -> bool:
        name = hashlib.sha256(username.encode()).hexdigest()[:32]  # any length, any characters
        key = f"{self.prefix}:staff-sign-in:u:{name}"
        return await self.kv.incr_window(key, THROTTLE_WINDOW_SECONDS) <= self.per_username


async def authenticate(
    username: str, password: str, address: str, throttle: Throttle
) -> StaffMember:
    """The member, or the same refusal for an unknown username, a wrong password, a locked
    address and too many attempts; all but the last cost one argon2 verification.

    Each check first claims one of the MAX_FAILURES attempts of this account from this address
    in one conditional UPDATE, so however many attempts arrive at once, at most MAX_FAILURES
    passwords are checked before the address is locked out of the account for LOCKOUT. An
    attempt that finds them all claimed locks at once, and a lock wins over a check still
    running: a right password that arrives, or finishes checking, while locked is refused."""
    address = address[:64]
    if not await throttle.allows_address(address):
        raise refused()
    if len(username) > USERNAME_MAX:  # no such account: the column holds no longer name
        await _verify(None, password)
        raise refused()
    member = await StaffMember.get_or_none(username=username, active=True)
    if member is None:
        if await throttle.allows_username(username):
            await _verify(None, password)
        raise refused()
    attempts = await _attempts(member.id, address)
    trusted = attempts.signed_in_at is not None and attempts.signed_in_at > now() - TRUSTED_FOR
    if not trusted and not await throttle.allows_username(username):
        raise refused()
    if not await _claim(attempts.id):
        await _lock_if_spent(attempts.id)
        await _verify(None, password)
        raise refused()
    if not await _verify(member.password_hash, password):
        await _lock_if_spent(attempts.id)
        raise refused()
    if not await SignInAttempts.filter(_unlocked(), id=attempts.id).update(
        failed_attempts=0, locked_until=None, signed_in_at=now(), changed_at=now()
    ):
        raise refused()  # locked while the password was checked
    return member


async def _attempts(member_id: int, address: str) -> SignInAttempts:
    """This account's attempts from this address, the row made on the first one (once, however
    many attempts arrive at once)."""
    found = await SignInAttempts.get_or_none(member_id=member_id, address=address)
    if found is not None:
        return found
    first = SignInAttempts(member_id=member_id, address=address, changed_at=now())
    await SignInAttempts.bulk_create([first], ignore_conflicts=True)
    return await SignInAttempts.get(member_id=member_id, address=address)


def _unlocked() -> Q:
    return Q(locked_until__isnull=True) | Q(locked_until__lte=now())


async def _claim(attempts_id: int) -> bool:
    """UPDATE staff_sign_in_attempts SET failed_attempts = failed_attempts + 1 WHERE id = ? AND
    not locked AND failed_attempts < MAX_FAILURES: true when this attempt may be checked. A
    success sets the count back to zero; until then every claim counts as a failure."""
    claimed = await SignInAttempts.filter(
        _unlocked(), id=attempts_id, failed_attempts__lt=MAX_FAILURES
    ).update(failed_attempts=F("failed_attempts") + 1, changed_at=now())
    return claimed == 1


async def _lock_if_spent(attempts_id: int) -> None:
    """Every attempt is claimed: lock (once, whichever attempt gets here first) and start the
    count again for when the lock expires."""
    await SignInAttempts.filter(
        _unlocked(), id=attempts_id, failed_attempts__gte=MAX_FAILURES
    ).update(failed_attempts=0, locked_until=now() + LOCKOUT, changed_at=now())


async def locked_out(member_ids: list[int]) -> set[int]:
    """Which of these members some client address is locked out of now."""
    if not member_ids:
        return set()
    rows = SignInAttempts.filter(member_id__in=member_ids, locked_until__gt=now())
    return {r["member_id"] for r in await rows.values("member_id")}


async def unlock(member_id: int) -> None:
    """Every address may try again, five times, at once."""
    await SignInAttempts.filter(member_id=member_id).update(
        failed_attempts=0, locked_until=None, changed_at=now()
    )


async def purge_stale_attempts() -> int:
    """For the sweep: forget the addresses that neither failed, nor signed in, nor were locked
    out within TRUSTED_FOR."""
    stale = now() - TRUSTED_FOR
    return await SignInAttempts.filter(_unlocked(), changed_at__lte=stale).delete()


async def hash_password(password: str) -> str:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_hashing, _hasher.hash, password)


async def _verify(stored_hash: str | None, password: str) -> bool:
    """argon2 in the hashing threads; without a hash (unknown or locked), against a dummy one,
    so the answer takes about as long either way."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_hashing, _check, stored_hash, password)


async def verify(member: StaffMember, password: str) -> bool:
    return await _verify(member.password_hash, password)


def _check(stored_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash or _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False


@functools.cache
def _dummy_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(32))
