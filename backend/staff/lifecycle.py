"""Staff accounts from creation to deactivation: what `zerorun staff` and a county
administrator may do. An administrator manages the accounts of their region and below, never
their own role, scope or activity; the CLI (an operator on the server) manages any. Every change
is written to the audit log, by the recorder the caller passes, in the change's transaction;
deactivation, a password reset and a change of role or scope end the member's sessions."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any, Protocol

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from backend.catalog.service import MatterFilter, matters_query
from backend.forms.validation import FieldError
from backend.regions.service import Region, covers, is_county_code
from backend.staff.models import StaffMember
from backend.staff.problems import StaffProblem, invalid, not_found
from backend.staff.sessions import end_all
from backend.staff.signin import Throttle, authenticate, hash_password, unlock, verify

ROLES = ("window_clerk", "reviewer", "county_admin", "supervisor", "agent")
MIN_PASSWORD = 12


class Recorder(Protocol):
    """Writes one audit entry about a staff account (the back office's audit log)."""

    async def __call__(
        self,
        actor: str,
        action: str,
        subject: str,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None: ...


@dataclass(frozen=True)
class Actor:
    """Who changes accounts: `name` as the audit log shows it; an administrator's own username
    and region, or neither for the CLI, which may change any account."""

    name: str
    username: str | None = None
    region: str | None = None

    @classmethod
    def administrator(cls, member: StaffMember) -> Actor:
        return cls(f"staff:{member.username}", member.username, member.region_code)

    def manages(self, region: str) -> bool:
        return self.region is None or covers(self.region, region)


def view(m: StaffMember) -> dict[str, Any]:
    """What the audit log keeps of an account before and after a change (never a hash)."""
    return {
        "role": m.role,
        "region": m.region_code,
        "department": m.department_code,
        "active": m.active,
        "must_change_password": m.must_change_password,
    }


async def create(
    username: str,
    name: str,
    role: str,
    region: str,
    department: str | None,
    password: str,
    *,
    actor: Actor | None = None,
    record: Recorder | None = None,
    hall: int | None = None,
) -> StaffMember:
    """A new account (at a hall, when given: the caller checks the hall is in the region);
    every field at fault is named at once."""
    errors = [
        FieldError(
            f"/{field}",
            "INVALID_LENGTH",
            "须为 1 到 64 个字符。",
            f"{field} must be 1 to 64 characters.",
        )
        for field, value in (("username", username), ("name", name))
        if not 0 < len(value.strip()) <= 64
    ]
    errors += await _scope_errors(role, region, department)
    errors += _password_errors("/password", password)
    if errors:
        raise invalid(errors)
    password_hash = await hash_password(password)
    try:
        async with in_transaction():
            member = await StaffMember.create(
                username=username,
                name=name,
                role=role,
                region_code=region,
                department_code=department,
                password_hash=password_hash,
                hall_id=hall,
            )
            if actor is not None and record is not None:
                await record(actor.name, "staff.created", _subject(member), None, view(member))
    except IntegrityError:
        raise invalid(
            [
                FieldError(
                    "/username",
                    "USERNAME_TAKEN",
                    f"用户名 {username} 已存在。",
                    f"The username {username} is taken.",
                )
            ]
        ) from None
    return member


async def members(actor: Actor) -> list[StaffMember]:
    """The accounts the actor manages, by username."""
    accounts = StaffMember.all()
    if actor.region is not None:
        accounts = accounts.filter(_in_region(actor.region))
    return await accounts.order_by("username")


async def sign_in(
    username: str, password: str, address: str, throttle: Throttle, record: Recorder
) -> StaffMember:
    """`authenticate`, with its success or its refusal in the audit log through `record`: the
    username tried and the client address, never the password."""
    tried = f"staff:{username[:64]}"  # the account claimed, whether or not it exists
    try:
        member = await authenticate(username, password, address, throttle)
    except StaffProblem:
        await record(tried, "staff.sign_in_failed", tried, None, {"address": address})
        raise
    await record(tried, "staff.signed_in", tried, None, {"address": address})
    return member


async def deactivate(actor: Actor, username: str, record: Recorder) -> StaffMember:
    """The member can no longer sign in, and every session of theirs ends at once."""
    return await _change(actor, username, record, "staff.deactivated", active=False)


async def reactivate(actor: Actor, username: str, record: Recorder) -> StaffMember:
    return await _change(actor, username, record, "staff.reactivated", active=True)


async def unlock_sign_in(actor: Actor, username: str, record: Recorder) -> StaffMember:
    """Every client address locked out of the account may try again."""
    async with in_transaction():
        member = await _managed(actor, username)
        await unlock(member.id)
        await record(actor.name, "staff.unlocked", _subject(member), None, None)
    return member


async def reset_password(actor: Actor, username: str, record: Recorder) -> tuple[StaffMember, str]:
    """A temporary password, to be changed at the member's next sign-in; their sessions end."""
    temporary = secrets.token_urlsafe(12)  # 16 characters
    password_hash = await hash_password(temporary)
    async with in_transaction():
        member = await _change(
            actor,
            username,
            record,
            "staff.password_reset",
            password_hash=password_hash,
            must_change_password=True,
        )
        await unlock(member.id)
    return member, temporary


async def update(
    actor: Actor,
    username: str,
    record: Recorder,
    *,
    role: str | None = None,
    region: str | None = None,
    department: str | None = None,
) -> StaffMember:
    """A new role, region or department; a department is kept by reviewers only. Whatever
    changes, the member's sessions end."""
    async with in_transaction():
        member = await _managed(actor, username)
        role = role or member.role
        region = region or member.region_code
        if role != "reviewer":
            department = department or None
        elif department is None:
            department = member.department_code
        errors = await _scope_errors(role, region, department)
        if not actor.manages(region):
            errors.append(
                FieldError(
                    "/region",
                    "OUTSIDE_YOUR_REGION",
                    f"区划 {region} 不在您的管辖范围内。",
                    f"Region {region} is outside the region you manage.",
                )
            )
        if errors:
            raise invalid(errors)
        return await _change(
            actor,
            username,
            record,
            "staff.changed",
            role=role,
            region_code=region,
            department_code=department,
        )


async def end_sessions(actor: Actor, username: str, record: Recorder) -> tuple[StaffMember, int]:
    """Every session of the member ends (they sign in again); how many there were."""
    async with in_transaction():
        member = await _managed(actor, username, own_allowed=True)
        ended = await end_all(member.id)
        await record(actor.name, "staff.sessions_ended", _subject(member), None, {"ended": ended})
    return member, ended


async def change_password(
    member: StaffMember, current: str, new: str, record: Recorder
) -> StaffMember:
    """The member's own new password, which ends a forced change; every session of theirs ends
    (the caller issues a fresh one)."""
    errors = [] if await verify(member, current) else [_wrong_current()]
    errors += _password_errors("/newPassword", new)
    if new == current:
        errors.append(
            FieldError(
                "/newPassword",
                "SAME_PASSWORD",
                "新密码不能与当前密码相同。",
                "The new password must differ from the current one.",
            )
        )
    if errors:
        raise invalid(errors)
    password_hash = await hash_password(new)
    async with in_transaction():
        await StaffMember.filter(id=member.id).update(
            password_hash=password_hash, must_change_password=False
        )
        await end_all(member.id)
        await record(
            f"staff:{member.username}", "staff.password_changed", _subject(member), None, None
        )
    member.password_hash, member.must_change_password = password_hash, False
    return member


async def _change(
    actor: Actor, username: str, record: Recorder, action: str, **changes: Any
) -> StaffMember:
    """Apply `changes` to a managed account (not the actor's own), end its sessions, and record
    the account before and after, in one transaction."""
    async with in_transaction():
        member = await _managed(actor, username)
        before = view(member)
        await StaffMember.filter(id=member.id).update(**changes)
        member.update_from_dict(changes)
        await end_all(member.id)
        await record(actor.name, action, _subject(member), before, view(member))
    return member


async def _managed(actor: Actor, username: str, own_allowed: bool = False) -> StaffMember:
    """The account, if the actor manages it; an administrator changes others' accounts only."""
    member = await StaffMember.get_or_none(username=username)
    if member is None or not actor.manages(member.region_code):
        raise not_found(username)
    if member.username == actor.username and not own_allowed:
        raise StaffProblem(
            "OWN_ACCOUNT",
            "不能更改自己的角色、范围或状态，请联系另一位管理员。",
            "You cannot change your own role, scope or status; ask another administrator.",
        )
    return member


def _in_region(region: str) -> Q:
    """The accounts of `region` and every region below it (regions.covers, as a filter)."""
    if region.endswith("0000"):
        return Q(region_code__startswith=region[:2])
    if region.endswith("00"):
        return Q(region_code__startswith=region[:4])
    return Q(region_code=region)


async def _scope_errors(role: str, region: str, department: str | None) -> list[FieldError]:
    """A known role; a region in the regions table; for a reviewer, a department of some
    published matter offered in that region (the departments review tasks are sent to)."""
    errors = []
    if role not in ROLES:
        errors.append(
            FieldError(
                "/role",
                "INVALID_ROLE",
                f"角色须为：{'、'.join(ROLES)}。",
                f"role must be one of {', '.join(ROLES)}.",
            )
        )
    known_region = is_county_code(region) and await Region.exists(code=region)  # not a township
    if not known_region:
        errors.append(
            FieldError(
                "/region",
                "UNKNOWN_REGION",
                f"区划代码 {region} 不在区划表中。",
                f"region {region} is not in the regions table (GB/T 2260, loaded by zerorun catalog load).",
            )
        )
    if role == "reviewer" and not department:
        errors.append(
            FieldError(
                "/department",
                "DEPARTMENT_REQUIRED",
                "审批人员须指定所属部门。",
                "A reviewer needs a department.",
            )
        )
    elif department and known_region and not await _department_known(department, region):
        errors.append(
            FieldError(
                "/department",
                "UNKNOWN_DEPARTMENT",
                f"区划 {region} 已发布的事项中没有部门 {department}。",
                f"No published matter offered in {region} is handled by department {department}.",
            )
        )
    return errors


async def _department_known(department: str, region: str) -> bool:
    if len(department) > 32:
        return False
    return await matters_query(MatterFilter(region=region, department=department)).exists()


def _password_errors(path: str, password: str) -> list[FieldError]:
    if len(password) >= MIN_PASSWORD:
        return []
    return [
        FieldError(
            path,
            "WEAK_PASSWORD",
            f"密码至少 {MIN_PASSWORD} 位。",
            f"The password needs at least {MIN_PASSWORD} characters.",
        )
    ]


def _wrong_current() -> FieldError:
    return FieldError(
        "/currentPassword", "WRONG_PASSWORD", "当前密码不正确。", "The current password is wrong."
    )


def _subject(member: StaffMember) -> str:
    return f"staff:{member.username}"
