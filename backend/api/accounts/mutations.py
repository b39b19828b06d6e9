from __future__ import annotations

import datetime as dt

import strawberry

from backend.accounts import service
from backend.api.accounts.acting import (
    AsApplicationError,
    AsSignInError,
    acting_for,
    audit,
    authorisation,
    not_while_acting,
    staff_names,
)
from backend.api.accounts.types import (
    AuthorisationResult,
    Citizen,
    Session,
    SignInError,
    SignInResult,
)
from backend.api.context import Info
from backend.api.errors import problems_as
from backend.api.permissions import IsSignedIn
from backend.api.types import LocalizedText
from backend.api.view import bearer
from backend.datasources import service as datasources

MESSAGES_ZH = {
    "UNKNOWN_PROVIDER": "不支持这种登录方式。",
    "PROVIDER_DISABLED": "这种登录方式仅在开发环境可用。",
    "INVALID_CREDENTIAL": "身份核验未通过，请重试。",
    "NOT_VERIFIED": "这个账号还没有完成实名认证，请先在小程序里完成实名认证。",
    "PROVIDER_UNAVAILABLE": "登录服务暂时无法使用，请稍后再试。",
}


def yourself(info: Info) -> service.Citizen:
    """The signed-in citizen acting as themself; refused for a session acting for someone."""
    if info.context.representation is not None:
        raise not_while_acting()
    assert info.context.citizen is not None
    return info.context.citizen


@strawberry.type
class ActingMutations:
    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Authorise the person with this resident ID and name to act in my name (家人代办): for the matters and life events named (at most 20; null: all) until validUntil (at most a year). In both our ledgers (authorisations) and the audit log. Not from a session acting for someone. Requires sign-in.",
    )
    @problems_as(AsApplicationError)
    async def grant_authorisation(
        self,
        info: Info,
        resident_id: str,
        name: str,
        valid_until: dt.datetime,
        matters: list[str] | None = None,
    ) -> AuthorisationResult:
        me = yourself(info)
        made = await service.grants.grant(me, resident_id, name, matters, valid_until)
        await audit(f"citizen:{me.id}", "representation.granted", made)
        return authorisation(made, me.id, {})

    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="End an authorisation at once: I granted it (or an agent's filing for me), or it was granted to me and I give it up (a guardian gives up a guardianship). Every session acting under it is refused from its next request. Not from a session acting for someone. Requires sign-in.",
    )
    @problems_as(AsApplicationError)
    async def revoke_authorisation(self, info: Info, id: strawberry.ID) -> AuthorisationResult:
        me = yourself(info)
        ended = await service.grants.revoke(me, str(id))
        await audit(f"citizen:{me.id}", "representation.revoked", ended)
        return authorisation(ended, me.id, await staff_names([ended]))

    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Claim the guardianship of my minor child (监护): shown when the household register (shared data, read now at my request) lists the child with this resident ID and name as registered with me; it lasts until the child turns 18, for every matter. Otherwise NEEDS_MATERIAL: apply for the child in the matter itself, with its guardianship material. Not from a session acting for someone. Requires sign-in.",
    )
    @problems_as(AsApplicationError)
    async def claim_guardianship(
        self, info: Info, resident_id: str, name: str
    ) -> AuthorisationResult:
        me = yourself(info)
        children = await datasources.minor_children(info.context.services.sharing, me)
        made = await service.guardians.claim(me, resident_id, name, children)
        await audit(f"citizen:{me.id}", "representation.guardian_claimed", made)
        return authorisation(made, me.id, {})

    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="A session acting in the name of the person who authorised me (or my ward): its token works on this endpoint as theirs, within the matters the authorisation covers, until it is revoked or expires; every step records that I did it. SignInError codes: NOT_FOUND, NOT_AUTHORISED (revoked, expired, or asked from a session already acting). Requires sign-in.",
    )
    @problems_as(AsSignInError)
    async def act_for(self, info: Info, authorisation_id: strawberry.ID) -> SignInResult:
        me = yourself(info)
        r = await service.grants.act_for(me, str(authorisation_id))
        token = await info.context.services.sessions.issue(r.principal, r)
        await audit(f"citizen:{me.id}", "representation.acting", r)
        acting = Citizen.of(r.principal)
        acting.acting_for = await acting_for(r.principal, r)
        return Session(token=token, citizen=acting)


@strawberry.type
class AccountMutations(ActingMutations):
    @strawberry.mutation(
        description="Sign in through an identity provider: 'wechat' or 'alipay' with the mini-program's login code (wx.login / my.getAuthCode), where configured; 'development' as a demo resident (development mode only)."
    )
    async def sign_in(self, info: Info, provider: str, credential: str) -> SignInResult:
        services = info.context.services
        try:
            citizen = await service.sign_in(
                services.providers, services.settings, provider, credential
            )
        except service.SignInRefused as e:
            return SignInError(
                code=e.code, message=LocalizedText(zh=MESSAGES_ZH[e.code], en=str(e))
            )
        token = await services.sessions.issue(citizen)
        return Session(token=token, citizen=Citizen.of(citizen))

    @strawberry.mutation(
        description="End the session whose token this request carries (Authorization: Bearer), at once on every server: the token is refused from then on. True when a session ended; false when the token named none (already ended, expired or never valid). No sign-in needed."
    )
    async def sign_out(self, info: Info) -> bool:
        token = bearer(info.context.request)
        return token is not None and await info.context.services.sessions.end(token)
