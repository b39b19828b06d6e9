"""Staff accounts: argon2 password hashes, lockout after repeated failures, signed sessions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeTimedSerializer
from tortoise.exceptions import IntegrityError

from backend.staff.models import StaffMember

ROLES = ("window_clerk", "reviewer", "county_admin", "supervisor")
MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
MIN_PASSWORD = 12
_hasher = PasswordHasher()


@dataclass(frozen=True)
class StaffProblem(Exception):
    code: str
    message_zh: str
    message_en: str


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
    try:
        return await StaffMember.create(
            username=username,
            name=name,
            role=role,
            region_code=region,
            department_code=department,
            password_hash=_hasher.hash(password),
        )
    except IntegrityError:
        raise StaffProblem(
            "USERNAME_TAKEN", f"用户名 {username} 已存在。", f"The username {username} is taken."
        ) from None


async def authenticate(username: str, password: str) -> StaffMember:
    """The member, or a refusal that never says whether the username exists; five failures in
    a row lock the account for fifteen minutes."""
    refused = StaffProblem(
        "INVALID_CREDENTIALS", "用户名或密码不正确。", "Wrong username or password."
    )
    member = await StaffMember.get_or_none(username=username, active=True)
    if member is None:
        _hasher.hash(password)  # spend the same time as for a real account
        raise refused
    if member.locked_until and member.locked_until > now():
        raise StaffProblem(
            "LOCKED",
            "尝试次数过多，账号已暂时锁定，请 15 分钟后再试或联系管理员。",
            "Too many failed attempts; the account is locked for 15 minutes. Try later or ask an administrator.",
        )
    try:
        _hasher.verify(member.password_hash, password)
    except (VerificationError, InvalidHashError):
        member.failed_attempts += 1
        if member.failed_attempts >= MAX_FAILURES:
            member.failed_attempts, member.locked_until = 0, now() + LOCKOUT
        await member.save(update_fields=["failed_attempts", "locked_until"])
        raise refused from None
    if member.failed_attempts or member.locked_until:
        member.failed_attempts, member.locked_until = 0, None
        await member.save(update_fields=["failed_attempts", "locked_until"])
    return member


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
