"""A county administrator's own use cases on accounts: create one in their region with a
temporary password (changed at its first sign-in), and list the accounts they manage by role
and activity, capped."""

from __future__ import annotations

import secrets

from tortoise.transactions import in_transaction

from backend.forms.validation import FieldError
from backend.staff.lifecycle import Actor, Recorder, _in_region, _scope_errors, create, view
from backend.staff.models import StaffMember
from backend.staff.problems import invalid

ORDER = ("/username", "/name", "/role", "/region", "/department", "/hall", "/password")
MAX_LISTED = 500  # a county's staff fit; the list never grows unbounded


async def create_with_temporary_password(
    actor: Actor,
    record: Recorder,
    *,
    username: str,
    name: str,
    role: str,
    region: str,
    department: str | None,
    hall: int | None = None,
    other_errors: tuple[FieldError, ...] = (),
) -> tuple[StaffMember, str]:
    """A new account of the actor's region (or below), as `zerorun staff create` makes it, with
    a temporary password told once; the member must choose their own at the first sign-in.
    Every field at fault is named at once, with `other_errors` (the caller's, about the hall).
    The audit log keeps the account as created, password change pending."""
    errors = [*await _scope_errors(role, region, department), *other_errors]
    if not actor.manages(region) and not any(e.path == "/region" for e in errors):
        errors.append(
            FieldError(
                "/region",
                "OUTSIDE_YOUR_REGION",
                f"区划 {region} 不在您的管辖范围内。",
                f"Region {region} is outside the region you manage.",
            )
        )
    if errors:  # with the names' faults too, all at once
        errors = _field_errors(username, name) + errors
        raise invalid(sorted(errors, key=lambda e: ORDER.index(e.path)))
    temporary = secrets.token_urlsafe(12)  # 16 characters
    async with in_transaction():
        member = await create(
            username, name, role, region, department or None, temporary, hall=hall
        )
        await StaffMember.filter(id=member.id).update(must_change_password=True)
        member.must_change_password = True
        await record(actor.name, "staff.created", f"staff:{member.username}", None, view(member))
    return member, temporary


async def listed(
    actor: Actor, role: str | None = None, active: bool | None = None, limit: int = MAX_LISTED
) -> list[StaffMember]:
    """The accounts the actor manages, by username, of `role` and `active` when given; at most
    `limit` (capped at MAX_LISTED)."""
    accounts = StaffMember.all()
    if actor.region is not None:
        accounts = accounts.filter(_in_region(actor.region))
    if role is not None:
        accounts = accounts.filter(role=role)
    if active is not None:
        accounts = accounts.filter(active=active)
    return await accounts.order_by("username").limit(max(1, min(limit, MAX_LISTED)))


def _field_errors(username: str, name: str) -> list[FieldError]:
    return [
        FieldError(
            f"/{field}",
            "INVALID_LENGTH",
            "须为 1 到 64 个字符。",
            f"{field} must be 1 to 64 characters.",
        )
        for field, value in (("username", username), ("name", name))
        if not 0 < len(value.strip()) <= 64
    ]
