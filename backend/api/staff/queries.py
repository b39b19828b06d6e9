from __future__ import annotations

import strawberry

from backend.api.context import Info
from backend.api.permissions import IsStaff
from backend.api.staff.types import StaffMember


@strawberry.type
class StaffQueries:
    @strawberry.field(
        permission_classes=[IsStaff],
        description="The signed-in staff member. Requires staff sign-in.",
    )
    def me(self, info: Info) -> StaffMember:
        assert info.context.staff is not None
        return StaffMember.of(info.context.staff)
