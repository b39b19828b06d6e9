from __future__ import annotations

import strawberry

from backend.api.context import Info
from backend.api.permissions import IsCountyAdministrator, IsStaff
from backend.api.staff.accounts_admin import AccountsAdminQueries
from backend.api.staff.agents import AgentQueries
from backend.api.staff.guardianship import GuardianshipQueries
from backend.api.staff.types import StaffAccount, StaffMember
from backend.staff import service


@strawberry.type
class StaffQueries(AgentQueries, GuardianshipQueries, AccountsAdminQueries):
    @strawberry.field(
        permission_classes=[IsStaff],
        description="The signed-in staff member. Requires staff sign-in.",
    )
    def me(self, info: Info) -> StaffMember:
        assert info.context.staff is not None
        return StaffMember.of(info.context.staff)

    @strawberry.field(
        permission_classes=[IsStaff, IsCountyAdministrator],
        description="The staff accounts of my region and the regions below it, by username. County administrators only.",
    )
    async def staff_members(self, info: Info) -> list[StaffAccount]:
        assert info.context.staff is not None
        members = await service.members(service.Actor.administrator(info.context.staff))
        locked = await service.locked_out([m.id for m in members])
        return [StaffAccount.of(m, locked) for m in members]
