from __future__ import annotations

import strawberry

from backend.accounts import service
from backend.api.accounts.types import Citizen, Session, SignInError, SignInResult
from backend.api.context import Info
from backend.api.types import LocalizedText
from backend.api.view import bearer

MESSAGES_ZH = {
    "UNKNOWN_PROVIDER": "不支持这种登录方式。",
    "PROVIDER_DISABLED": "这种登录方式仅在开发环境可用。",
    "INVALID_CREDENTIAL": "身份核验未通过，请重试。",
    "NOT_VERIFIED": "这个账号还没有完成实名认证，请先在小程序里完成实名认证。",
    "PROVIDER_UNAVAILABLE": "登录服务暂时无法使用，请稍后再试。",
}


@strawberry.type
class AccountMutations:
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
