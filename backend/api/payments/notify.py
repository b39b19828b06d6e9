"""POST /pay/notify: the payment platform's notice that an order was paid (支付结果通知).

Answered as WeChat Pay expects (200 with `{"code": "SUCCESS"}` once handled, else 4xx/5xx with
`{"code": "FAIL"}`, after which the platform delivers it again). A body over MAX_NOTICE_BYTES is
refused unread (413); a forged, stale or contradicting notice is refused (401) and logged with
the caller's address; a notice delivered twice pays once (backend/payments/orders.py).
"""

from __future__ import annotations

import structlog
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from backend.api.bodies import bounded
from backend.api.services import Services
from backend.infra import metrics
from backend.payments import service as payments

log = structlog.get_logger("zerorun.payments")
PATH = "/pay/notify"


def _answer(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"code": code, "message": message}, status)


def payment_notices(services: Services) -> Route:
    async def notice(request: Request) -> Response:
        body = await bounded(request, payments.MAX_NOTICE_BYTES)
        if body is None:
            return _answer(413, "FAIL", "body too large")
        headers = {k.lower(): v for k, v in request.headers.items()}
        try:
            outcome = await payments.handle_notice(services.payments.platform, headers, body)
        except payments.BadNotice as e:
            caller = request.client.host if request.client else None
            log.warning("payment notice refused", reason=str(e), caller=caller)
            metrics.PAYMENT_NOTICES.labels("refused").inc()
            return _answer(401, "FAIL", "notice refused")
        metrics.PAYMENT_NOTICES.labels(outcome).inc()
        log.info("payment notice", outcome=outcome)
        return _answer(200, "SUCCESS", outcome)

    return Route(PATH, notice, methods=["POST"])
