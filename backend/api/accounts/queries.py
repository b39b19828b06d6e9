from __future__ import annotations

import strawberry

from backend.api.accounts.types import Citizen
from backend.api.context import Info


@strawberry.type
class AccountQueries:
    @strawberry.field(description="The signed-in citizen, or null.")
    def me(self, info: Info) -> Citizen | None:
        return Citizen.of(info.context.citizen) if info.context.citizen else None
