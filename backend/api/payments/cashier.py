"""POST /pay/dev-cashier, in development only: the mini-program's browser build pays the order
payFees opened at the stand-in platform's cashier, as wx.requestPayment does in WeChat.

Body `{"applicationId": "…"}` (at most 1 KB), the citizen's `Authorization: Bearer <token>`.
Answers 200 `{"status": "PAID"}` once the platform's notice was handled; 401 without a session;
404 for an application not mine; 409 `{"code": …, "message": {zh, en}}` for a refusal
(NOT_PAYABLE: no open order; PLATFORM_UNAVAILABLE: the stand-in did not answer)."""

from __future__ import annotations

import orjson
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from backend.api.bodies import bounded
from backend.api.services import Services
from backend.api.view import bearer
from backend.payments import service as payments

PATH = "/pay/dev-cashier"
MAX_BODY = 1024


def dev_cashier(services: Services) -> Route:
    async def pay(request: Request) -> Response:
        token = bearer(request)
        citizen = await services.sessions.citizen(token) if token else None
        if citizen is None:
            return JSONResponse({"code": "UNAUTHENTICATED"}, 401)
        body = await bounded(request, MAX_BODY)
        if body is None:
            return JSONResponse({"code": "INVALID_INPUT"}, 413)
        try:
            application_id = str(orjson.loads(body)["applicationId"])
        except (orjson.JSONDecodeError, KeyError, TypeError):
            return JSONResponse({"code": "INVALID_INPUT"}, 400)
        paid = await payments.pay_at_stand_in(services.payments, citizen, application_id)
        if isinstance(paid, payments.PaymentProblem):
            message = {"zh": paid.message_zh, "en": paid.message_en}
            status = 404 if paid.code == "NOT_FOUND" else 409
            return JSONResponse({"code": paid.code, "message": message}, status)
        return JSONResponse({"status": paid.status.upper()})

    return Route(PATH, pay, methods=["POST"])
