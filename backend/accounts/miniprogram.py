"""Sign-in from a WeChat or Alipay mini-program.

The mini-program sends the login code it got from `wx.login` / `my.getAuthCode`; the server
exchanges it on the platform's server for the user's openid (the app secret never reaches the
phone), then asks the province's unified identity service for the identity verified when this
account first passed real-name verification. An account never verified cannot sign in.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from backend.accounts.identity import Identity, SignInRefused

TIMEOUT = httpx.Timeout(5.0)


@dataclass(frozen=True)
class Platform:
    name: str  # wechat | alipay
    url: str  # the platform's open API, e.g. https://api.weixin.qq.com
    appid: str
    secret: str


class MiniProgramProvider:
    development_only = False

    def __init__(
        self, platform: Platform, identity_url: str, identity_token: str, http: httpx.AsyncClient
    ) -> None:
        self.platform, self.name = platform, platform.name
        self.identity_url, self.identity_token, self.http = identity_url, identity_token, http

    async def authenticate(self, credential: str) -> Identity | None:
        try:
            openid = await self._openid(credential)
            if openid is None:
                return None
            response = await self.http.get(
                f"{self.identity_url}/identity/{self.name}/{openid}",
                headers={"Authorization": f"Bearer {self.identity_token}"},
                timeout=TIMEOUT,
            )
        except (httpx.HTTPError, ValueError) as e:
            raise SignInRefused(
                "PROVIDER_UNAVAILABLE", f"{self.name} sign-in is unavailable now; try again ({e})"
            ) from e
        if response.status_code == 404:
            raise SignInRefused(
                "NOT_VERIFIED",
                "this account has not passed real-name verification; verify in the mini-program first",
            )
        response.raise_for_status()
        profile = response.json()
        return Identity(self.name, openid, profile["name"], profile)

    async def _openid(self, code: str) -> str | None:
        p = self.platform
        if p.name == "wechat":
            params = {"appid": p.appid, "secret": p.secret, "js_code": code}
            r = await self.http.get(
                f"{p.url}/sns/jscode2session",
                params={**params, "grant_type": "authorization_code"},
                timeout=TIMEOUT,
            )
            body = r.json()
            return None if body.get("errcode") else body.get("openid")
        # Alipay signs requests with the app's private key; the deployment's gateway adds the
        # signature (sign_type RSA2), as Alipay's SDKs do, before the request leaves the network.
        form = {
            "method": "alipay.system.oauth.token",
            "app_id": p.appid,
            "grant_type": "authorization_code",
            "code": code,
        }
        body = (await self.http.post(f"{p.url}/gateway.do", data=form, timeout=TIMEOUT)).json()
        token = body.get("alipay_system_oauth_token_response") or {}
        return token.get("open_id") or token.get("user_id")
