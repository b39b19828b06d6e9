"""Stand-ins of the mini-program platforms' login servers and of the province's unified
identity service, for the demo residents: a login code `wx-<resident>` (WeChat) or
`ali-<resident>` (Alipay) names the resident, as `wx.login` / `my.getAuthCode` would give it;
`wx-unverified` / `ali-unverified` is an account that never passed real-name verification.

The answers follow the platforms' documented shapes: WeChat `GET /sns/jscode2session`, Alipay
`POST /gateway.do` with `method=alipay.system.oauth.token`; the identity service answers
`GET /identity/{platform}/{openid}` with the verified profile bound to that account.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

PREFIX = {"wechat": "wx-", "alipay": "ali-"}
OPENID = {"wechat": "o-wx-", "alipay": "o-ali-"}


class Platforms:
    def __init__(self, residents_file: Path) -> None:
        residents = (
            orjson.loads(residents_file.read_bytes())["residents"]
            if residents_file.exists()
            else []
        )
        self.residents: dict[str, dict[str, Any]] = {r["id"]: r for r in residents}

    def _resident(self, platform: str, code: str) -> str | None:
        resident = code.removeprefix(PREFIX[platform])
        known = resident in self.residents or resident == "unverified"
        return resident if code.startswith(PREFIX[platform]) and known else None

    async def wechat_login(self, request: Request) -> Response:
        q = request.query_params
        resident = self._resident("wechat", q.get("js_code", ""))
        if not (q.get("appid") and q.get("secret")) or q.get("grant_type") != "authorization_code":
            return JSONResponse({"errcode": 40013, "errmsg": "invalid appid"})
        if resident is None:
            return JSONResponse({"errcode": 40029, "errmsg": "invalid code"})
        return JSONResponse({"openid": OPENID["wechat"] + resident, "session_key": "stand-in"})

    async def alipay_gateway(self, request: Request) -> Response:
        form = await request.form()
        if form.get("method") != "alipay.system.oauth.token" or not form.get("app_id"):
            return JSONResponse(
                {"error_response": {"code": "40001", "msg": "Missing Required Arguments"}}
            )
        resident = self._resident("alipay", str(form.get("code", "")))
        if resident is None:
            return JSONResponse(
                {
                    "error_response": {
                        "code": "40002",
                        "msg": "Invalid Arguments",
                        "sub_code": "isv.code-invalid",
                    }
                }
            )
        token = {
            "open_id": OPENID["alipay"] + resident,
            "access_token": "stand-in",
            "expires_in": 1296000,
        }
        return JSONResponse({"alipay_system_oauth_token_response": token})

    async def identity(self, request: Request) -> Response:
        platform, subject = request.path_params["platform"], request.path_params["subject"]
        prefix = OPENID.get(platform, "\0")
        person = (
            self.residents.get(subject.removeprefix(prefix)) if subject.startswith(prefix) else None
        )
        if person is None:
            return JSONResponse(
                {"error": "no verified identity bound to this account"}, status_code=404
            )
        return JSONResponse({k: v for k, v in person.items() if k not in ("id", "note")})
