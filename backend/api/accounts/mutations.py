from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterable

import strawberry
from strawberry.file_uploads import Upload

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
    GuardianshipClaim,
    GuardianshipClaimResult,
    Session,
    SignInError,
    SignInResult,
)
from backend.api.context import Info
from backend.api.errors import problems_as
from backend.api.permissions import IsSignedIn
from backend.api.types import LocalizedText
from backend.api.view import bearer
from backend.backoffice.service import record_staff_change
from backend.datasources import service as datasources
from backend.files.service import MB, Readable, UploadRejected, store_upload
from backend.forms.validation import FieldError

GUARDIANSHIP_MATERIAL = ["application/pdf", "image/jpeg", "image/png"]

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
        description="Claim the guardianship of my minor child (监护): shown when the household register (shared data, read now at my request) lists the child with this resident ID and name as registered with me; it lasts until the child turns 18, for every matter. Otherwise NEEDS_MATERIAL: show it by a material (claimGuardianshipByMaterial). Not from a session acting for someone. Requires sign-in.",
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
        description="Show my guardianship of a minor child the household register does not list with me by a material (出生医学证明, 户口簿, a court's appointment: PDF, JPEG or PNG, at most 10 MB, multipart request): a claim the window of my county reviews; granted, the guardianship appears in my authorisations until the child turns 18. A second upload for the same child replaces the pending one's. Codes: INVALID_INPUT (with /residentId, /name or /file). Not from a session acting for someone. Requires sign-in.",
    )
    @problems_as(AsApplicationError)
    async def claim_guardianship_by_material(
        self, info: Info, resident_id: str, name: str, file: Upload
    ) -> GuardianshipClaimResult:
        me = yourself(info)
        services = info.context.services
        if not isinstance(file, AsyncIterable | Readable):  # a value, not a multipart file part
            zh, en = (
                "请以 multipart 请求上传文件。",
                "Send the file as a part of a multipart request.",
            )
            raise service.AccountProblem(
                "INVALID_INPUT", zh, en, [FieldError("/file", "not_a_file", zh, en)]
            )
        try:
            stored = await store_upload(
                services.files,
                file,
                filename=getattr(file, "filename", "") or "",
                accept=GUARDIANSHIP_MATERIAL,
                max_bytes=min(10 * MB, services.settings.max_upload_bytes),
            )
        except UploadRejected as e:
            raise service.AccountProblem(
                "INVALID_INPUT",
                e.message_zh,
                e.message_en,
                [FieldError("/file", e.code, e.message_zh, e.message_en)],
            ) from None
        finally:
            if close := getattr(file, "close", None):
                await close()
        material = (stored.key, stored.filename, stored.content_type)
        claim = await service.guardians.claim_by_material(me, resident_id, name, material)
        after = {"claim": claim.id, "file": stored.key, "sha256": stored.sha256}
        await record_staff_change(
            f"citizen:{me.id}", "guardianship.claimed", f"citizen:{me.id}", None, after
        )
        return GuardianshipClaim.of(claim)

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
