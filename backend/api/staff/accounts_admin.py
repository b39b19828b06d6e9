"""A county administrator creates staff accounts of their region (as `zerorun staff create`
does, with a temporary password told once) and lists the accounts they manage by role and
activity."""

from __future__ import annotations

from typing import Annotated

import strawberry

from backend.api.backoffice.halls import Hall
from backend.api.context import Info
from backend.api.errors import problems_as
from backend.api.permissions import IsCountyAdministrator, IsStaff
from backend.api.staff.types import StaffAccount, StaffError, StaffRole
from backend.appointments.service import ServiceHall
from backend.backoffice.service import record_staff_change
from backend.forms.validation import FieldError
from backend.regions.service import covers
from backend.staff import service


@strawberry.type(description="A new account: tell the member the temporary password, once.")
class StaffMemberCreated:
    account: StaffAccount
    temporary_password: str = strawberry.field(
        description="Valid for the first sign-in, after which the member must choose their own; shown only in this answer."
    )


StaffMemberCreatedResult = Annotated[
    StaffMemberCreated | StaffError, strawberry.union("StaffMemberCreatedResult")
]


def _administrator(info: Info) -> service.Actor:
    assert info.context.staff is not None
    return service.Actor.administrator(info.context.staff)


async def _hall_errors(hall: int | None, region: str) -> list[FieldError]:
    """A hall of the region (or of a township in it), as the CLI checks it."""
    if hall is None:
        return []
    found = await ServiceHall.get_or_none(id=hall)
    if found is not None and covers(region, found.region_code):
        return []
    return [
        FieldError(
            "/hall",
            "UNKNOWN_HALL",
            f"服务大厅 {hall} 不在区划 {region} 内。",
            f"Hall {hall} is not a hall in {region}.",
        )
    ]


MAX_HALLS = 200


def _below(region: str) -> str:
    """The prefix of every region code a region covers (a county's townships too)."""
    if region.endswith("0000"):
        return region[:2]
    return region[:4] if region.endswith("00") else region


@strawberry.type
class AccountsAdminQueries:
    @strawberry.field(
        permission_classes=[IsStaff, IsCountyAdministrator],
        description="The service halls of my region and the regions below it (a county's centre, its townships' halls), by region then id, at most 200: where a new account may work. County administrators only.",
    )
    async def staff_halls(self, info: Info) -> list[Hall]:
        region = _administrator(info).region or ""
        found = ServiceHall.filter(region_code__startswith=_below(region))
        return [Hall.of(h) for h in await found.order_by("region_code", "id").limit(MAX_HALLS)]

    @strawberry.field(
        permission_classes=[IsStaff, IsCountyAdministrator],
        description="The staff accounts of my region and the regions below it, by username, of one role and activity when given; at most `limit` (1 to 500). County administrators only.",
    )
    async def staff_accounts(
        self,
        info: Info,
        role: StaffRole | None = None,
        active: bool | None = None,
        limit: int = 200,
    ) -> list[StaffAccount]:
        found = await service.listed(
            _administrator(info), role.value if role else None, active, limit
        )
        locked = await service.locked_out([m.id for m in found])
        return [StaffAccount.of(m, locked) for m in found]


@strawberry.type
class AccountsAdminMutations:
    @strawberry.mutation(
        permission_classes=[IsStaff, IsCountyAdministrator],
        description="Create an account of my region (or below), as `zerorun staff create` does: a reviewer needs a department of a published matter there, a hall must be in the region. The answer carries a temporary password, once; the member changes it at the first sign-in. Every field at fault under its path (/username, /name, /role, /region, /department, /hall). County administrators only.",
    )
    @problems_as(StaffError)
    async def create_staff_member(
        self,
        info: Info,
        username: str,
        name: str,
        role: StaffRole,
        region: str,
        department: str | None = None,
        hall: int | None = None,
    ) -> StaffMemberCreatedResult:
        member, temporary = await service.create_with_temporary_password(
            _administrator(info),
            record_staff_change,
            username=username.strip(),
            name=name.strip(),
            role=role.value,
            region=region.strip(),
            department=(department or "").strip() or None,
            hall=hall,
            other_errors=tuple(await _hall_errors(hall, region.strip())),
        )
        account = StaffAccount.of(member, set())
        return StaffMemberCreated(account=account, temporary_password=temporary)
