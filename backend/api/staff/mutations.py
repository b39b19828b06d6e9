from __future__ import annotations

import strawberry

from backend.api.context import Info
from backend.api.errors import problems_as
from backend.api.staff.types import StaffError, StaffMember, StaffSession, StaffSignInResult
from backend.staff import service


@strawberry.type
class StaffMutations:
    @strawberry.mutation(
        description="Sign in with username and password; five failures in a row lock the account for 15 minutes. No sign-in needed."
    )
    @problems_as(StaffError)
    async def sign_in(self, info: Info, username: str, password: str) -> StaffSignInResult:
        services = info.context.services
        settings = services.settings
        throttle = service.Throttle(
            services.kv,
            settings.cache_prefix,
            settings.staff_sign_ins_per_username,
            settings.staff_sign_ins_per_address,
        )
        # Behind a proxy, the proxy's address unless serve trusts it (--forwarded-allow-ips).
        client = info.context.request.client
        member = await service.authenticate(
            username, password, client.host if client else "unknown", throttle
        )
        return StaffSession(
            token=info.context.services.staff_sessions.issue(member), member=StaffMember.of(member)
        )
