"""Staff accounts: argon2 password hashes (computed off the event loop), sign-in throttled per
username and per client address, an atomic lockout after repeated failures, signed sessions."""

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
from itsdangerous import BadSignature, URLSafeTimedSerializer
from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q

from backend.infra.kv import KeyValue
from backend.staff.models import StaffMember as StaffMember

# What other domains and the API use of this domain's own modules (its public surface).


ROLES = ("window_clerk", "reviewer", "county_admin", "supervisor")
MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
MIN_PASSWORD = 12
THROTTLE_WINDOW_SECONDS = 60
_hasher = PasswordHasher()
# argon2 takes a core and 64 MiB per hash: one at a time per worker, never on the event loop,
# so that a flood of sign-ins leaves the worker a core to answer everyone else with.
_hashing = ThreadPoolExecutor(max_workers=1, thread_name_prefix="zerorun-argon2")


class StaffProblem(Exception):
    """An expected refusal, answered as StaffError with a stable code."""

    def __init__(self, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code, self.message_zh, self.message_en = code, message_zh, message_en


def refused() -> StaffProblem:
    """The one answer to a sign-in that fails, whatever the reason: unknown username, wrong
    password, locked account or too many attempts."""
    return StaffProblem(
        "INVALID_CREDENTIALS",
        "用户名或密码不正确，或尝试过于频繁（连续失败 5 次将锁定 15 分钟）。请稍后再试或联系管理员。",
        "Wrong username or password, or too many attempts (five failures in a row lock the account for 15 minutes). Try later or ask an administrator.",
    )


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def create(
    username: str, name: str, role: str, region: str, department: str | None, password: str
) -> StaffMember:
    if role not in ROLES:
        raise StaffProblem(
            "INVALID_ROLE",
            f"角色须为：{'、'.join(ROLES)}。",
            f"role must be one of {', '.join(ROLES)}.",
        )
    if role == "reviewer" and not department:
        raise StaffProblem(
            "DEPARTMENT_REQUIRED", "审批人员须指定所属部门。", "A reviewer needs a department."
        )
    if not (len(region) == 6 and region.isdigit()):
        raise StaffProblem(
            "INVALID_REGION",
            "区划代码须为 6 位数字。",
            "region must be a six-digit GB/T 2260 code.",
        )
    if len(password) < MIN_PASSWORD:
        raise StaffProblem(
            "WEAK_PASSWORD",
            f"密码至少 {MIN_PASSWORD} 位。",
            f"The password needs at least {MIN_PASSWORD} characters.",
        )
    loop = asyncio.get_running_loop()
    password_hash = await loop.run_in_executor(_hashing, _hasher.hash, password)
    try:
        return await StaffMember.create(
            username=username,
            name=name,
            role=role,
            region_code=region,
            department_code=department,
            password_hash=password_hash,
        )
    except IntegrityError:
        raise StaffProblem(
            "USERNAME_TAKEN", f"用户名 {username} 已存在。", f"The username {username} is taken."
        ) from None


@dataclass(frozen=True)
class Throttle:
    """Sign-in attempts allowed per minute for one username and from one client address,
    counted across workers in the shared key-value store (each worker's own without Redis)."""

    kv: KeyValue
    prefix: str
    per_username: int
    per_address: int

    async def allows(self, username: str, address: str) -> bool:
        # A window starts with its first attempt: no minute boundary hands a guesser a second
        # allowance straight after the first.
        name = hashlib.sha256(username.encode()).hexdigest()[:32]  # any length, any characters
        key = f"{self.prefix}:staff-sign-in"
        by_name = await self.kv.incr_window(f"{key}:u:{name}", THROTTLE_WINDOW_SECONDS)
        by_address = await self.kv.incr_window(f"{key}:a:{address}", THROTTLE_WINDOW_SECONDS)
        return by_name <= self.per_username and by_address <= self.per_address


async def authenticate(
    username: str, password: str, address: str, throttle: Throttle
) -> StaffMember:
    """The member, or the same refusal for an unknown username, a wrong password, a locked
    account and too many attempts; all but the last cost one argon2 verification.

    Each check first claims one of the account's MAX_FAILURES attempts in one conditional
    UPDATE, so however many attempts arrive at once, at most MAX_FAILURES passwords are checked
    before the account locks for LOCKOUT. An attempt that finds them all claimed locks the
    account at once, and a lock wins over a check still running: a right password that
    arrives, or finishes checking, while the account is locked is refused."""
    if not await throttle.allows(username, address):
        raise refused()
    member = await StaffMember.get_or_none(username=username, active=True)
    if member is None:
        await _verify(None, password)
        raise refused()
    if not await _claim(member.id):
        await _lock_if_spent(member.id)
        await _verify(None, password)
        raise refused()
    if not await _verify(member.password_hash, password):
        await _lock_if_spent(member.id)
        raise refused()
    if not await StaffMember.filter(_unlocked(), id=member.id).update(
        failed_attempts=0, locked_until=None
    ):
        raise refused()  # locked while the password was checked
    return member


def _unlocked() -> Q:
    return Q(locked_until__isnull=True) | Q(locked_until__lte=now())


async def _claim(member_id: int) -> bool:
    """UPDATE staff_member SET failed_attempts = failed_attempts + 1 WHERE id = ? AND not
    locked AND failed_attempts < MAX_FAILURES: true when this attempt may be checked. A success
    sets the count back to zero; until then every claim counts as a failure."""
    claimed = await StaffMember.filter(
        _unlocked(), id=member_id, failed_attempts__lt=MAX_FAILURES
    ).update(failed_attempts=F("failed_attempts") + 1)
    return claimed == 1


async def _lock_if_spent(member_id: int) -> None:
    """Every attempt is claimed: lock (once, whichever attempt gets here first) and start the
    count again for when the lock expires."""
    await StaffMember.filter(_unlocked(), id=member_id, failed_attempts__gte=MAX_FAILURES).update(
        failed_attempts=0, locked_until=now() + LOCKOUT
    )


async def _verify(stored_hash: str | None, password: str) -> bool:
    """argon2 in the hashing threads; without a hash (unknown or locked), against a dummy one,
    so the answer takes about as long either way."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_hashing, _check, stored_hash, password)


def _check(stored_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash or _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False


@functools.cache
def _dummy_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(32))


class StaffSessions:
    """Signed, expiring staff tokens; a different salt from citizens', so neither passes as the other."""

    def __init__(self, secret_key: str, ttl_seconds: int = 8 * 3600) -> None:
        self.ttl = ttl_seconds
        self.signer = URLSafeTimedSerializer(secret_key, salt="zerorun.staff-session")

    def issue(self, member: StaffMember) -> str:
        return self.signer.dumps({"s": member.id})

    async def member(self, token: str) -> StaffMember | None:
        try:
            payload = self.signer.loads(token, max_age=self.ttl)
        except BadSignature:
            return None
        return await StaffMember.get_or_none(id=payload.get("s"), active=True)


DEMO_PASSWORD = "zerorun-demo-2026"
DEMO_STAFF = (
    ("xihu-admin", "西湖区事项管理员", "county_admin", None),
    ("xihu-window", "西湖区综合窗口", "window_clerk", None),
    ("xihu-housing", "西湖区住建局审批", "reviewer", "330106-ZJJ"),
    ("xihu-supervisor", "西湖区效能监督", "supervisor", None),
)


async def seed_demo_staff() -> list[str]:
    """Development only: one account per role in Xihu District, with a published password."""
    for username, name, role, department in DEMO_STAFF:
        if not await StaffMember.exists(username=username):
            await create(username, name, role, "330106", department, DEMO_PASSWORD)
    return [u for u, *_ in DEMO_STAFF]
