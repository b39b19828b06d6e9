from __future__ import annotations

import strawberry

from backend.accounts import service as accounts
from backend.api.context import Info
from backend.api.errors import problems_as
from backend.api.permissions import HasStaffSession, IsCountyAdministrator, IsStaff
from backend.api.staff.accounts_admin import AccountsAdminMutations
from backend.api.staff.agents import AgentMutations
from backend.api.staff.guardianship import GuardianshipMutations
from backend.api.staff.types import (
    PasswordReset,
    PasswordResetResult,
    SessionsEnded,
    SessionsEndedResult,
    StaffAccount,
    StaffAccountResult,
    StaffError,
    StaffRole,
    StaffSession,
    StaffSignInResult,
)
from backend.api.view import bearer
from backend.backoffice.service import record_staff_change
from backend.staff import service

ADMIN = [IsStaff, IsCountyAdministrator]


def administrator(info: Info) -> service.Actor:
    assert info.context.staff is not None
    return service.Actor.administrator(info.context.staff)


async def account(member: service.StaffMember) -> StaffAccount:
    return StaffAccount.of(member, await service.locked_out([member.id]))


@strawberry.type
class StaffMutations(AgentMutations, GuardianshipMutations, AccountsAdminMutations):
    @strawberry.mutation(
        description="Sign in with username and password; five failures in a row from one client address lock that address out of the account for 15 minutes. `passwordChangeRequired` after a reset. Each success and each refusal is in the audit log (the username tried and the client address, never the password). No sign-in needed."
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
        address = client.host if client else "unknown"
        member = await service.sign_in(username, password, address, throttle, record_staff_change)
        return StaffSession.of(await services.staff_sessions.issue(member), member)

    @strawberry.mutation(
        description="End the session whose token this request carries, at once on every server. True when a session ended. No sign-in needed."
    )
    async def sign_out(self, info: Info) -> bool:
        token = bearer(info.context.request)
        return token is not None and await info.context.services.staff_sessions.end(token)

    @strawberry.mutation(
        permission_classes=[HasStaffSession],
        description="Choose a new password (at least 12 characters), as required after a reset. Every session of the member ends; the answer is a fresh one. Requires a staff session, even one whose password must change first.",
    )
    @problems_as(StaffError)
    async def change_password(
        self, info: Info, current_password: str, new_password: str
    ) -> StaffSignInResult:
        assert info.context.staff is not None
        member = await service.change_password(
            info.context.staff, current_password, new_password, record_staff_change
        )
        return StaffSession.of(await info.context.services.staff_sessions.issue(member), member)

    @strawberry.mutation(
        permission_classes=ADMIN,
        description="Deactivate an account of my region: it cannot sign in, and its sessions end at once, with the citizen tokens of its filings for citizens (an agent's, a window clerk's). County administrators only.",
    )
    @problems_as(StaffError)
    async def deactivate_staff_member(self, info: Info, username: str) -> StaffAccountResult:
        member = await service.deactivate(administrator(info), username, record_staff_change)
        await accounts.agents.end_filings(member.username)  # their citizens' tokens too
        return await account(member)

    @strawberry.mutation(
        permission_classes=ADMIN,
        description="Let a deactivated account of my region sign in again. County administrators only.",
    )
    @problems_as(StaffError)
    async def reactivate_staff_member(self, info: Info, username: str) -> StaffAccountResult:
        return await account(
            await service.reactivate(administrator(info), username, record_staff_change)
        )

    @strawberry.mutation(
        permission_classes=ADMIN,
        description="Let every client address locked out of an account of my region try again. County administrators only.",
    )
    @problems_as(StaffError)
    async def unlock_staff_member(self, info: Info, username: str) -> StaffAccountResult:
        return await account(
            await service.unlock_sign_in(administrator(info), username, record_staff_change)
        )

    @strawberry.mutation(
        permission_classes=ADMIN,
        description="Give an account of my region a temporary password, to be changed at its next sign-in; its sessions end. County administrators only.",
    )
    @problems_as(StaffError)
    async def reset_staff_password(self, info: Info, username: str) -> PasswordResetResult:
        member, temporary = await service.reset_password(
            administrator(info), username, record_staff_change
        )
        return PasswordReset(account=await account(member), temporary_password=temporary)

    @strawberry.mutation(
        permission_classes=ADMIN,
        description="Change the role, region (mine or below) or department (reviewers) of another account of my region; its sessions end. County administrators only.",
    )
    @problems_as(StaffError)
    async def update_staff_member(
        self,
        info: Info,
        username: str,
        role: StaffRole | None = None,
        region: str | None = None,
        department: str | None = None,
    ) -> StaffAccountResult:
        member = await service.update(
            administrator(info),
            username,
            record_staff_change,
            role=role.value if role else None,
            region=region,
            department=department,
        )
        return await account(member)

    @strawberry.mutation(
        permission_classes=ADMIN,
        description="End every session of an account of my region (mine included), with the citizen tokens of its filings for citizens: it must sign in again. County administrators only.",
    )
    @problems_as(StaffError)
    async def end_staff_sessions(self, info: Info, username: str) -> SessionsEndedResult:
        member, ended = await service.end_sessions(
            administrator(info), username, record_staff_change
        )
        await accounts.agents.end_filings(member.username)
        return SessionsEnded(account=await account(member), ended=ended)
