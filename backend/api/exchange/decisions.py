"""POST /exchange/decisions: a department's system reports its decision on a task handed to it
(数据交换, docs/adr/0018-department-hand-off.md). Plain HTTP JSON, not GraphQL: department
systems speak it, and the HMAC signature covers the exact bytes of the body.

Signed as deliveries are (X-ZeroRun-Key-Id, X-ZeroRun-Timestamp within 5 minutes, X-ZeroRun-
Signature); the key must be the task's department's. Every refusal is JSON with a stable
`code`, the message in Chinese and English and each field at fault by path, never a 5xx:
401 signature, 413 too large, 400 the report, 403 another department's task, 404 no such task,
409 decided already or waiting for fees (FEES_UNPAID); only an outage is a 503 (UNAVAILABLE),
to be reported again. The same report sent again decides once and is answered the same."""

from __future__ import annotations

from typing import Any

import structlog
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from backend.api.bodies import bounded
from backend.api.services import Services
from backend.backoffice import service as backoffice
from backend.exchange import service as exchange
from backend.infra import metrics

log = structlog.get_logger("zerorun.exchange")
PATH = "/exchange/decisions"
STATUS = {"NOT_FOUND": 404, "INVALID_INPUT": 400}  # any other refusal of a decision: 409


def _refused(problem: exchange.ReportProblem) -> JSONResponse:
    metrics.EXCHANGE_REPORTS.labels("refused").inc()
    return JSONResponse(problem.as_json(), problem.status)


def department_reports(services: Services) -> Route:
    settings = services.settings

    async def report(request: Request) -> Response:
        try:
            return await answer_report(request)
        except Exception:  # the database is lost (or a bug): the system reports again later
            log.exception("department report failed")
            zh, en = "暂时无法处理，请稍后重新报告。", "Cannot be handled now: report again later."
            return _refused(exchange.ReportProblem(503, "UNAVAILABLE", zh, en))

    async def answer_report(request: Request) -> Response:
        body = await bounded(request, exchange.MAX_REPORT_BYTES)
        if body is None:
            kb = exchange.MAX_REPORT_BYTES // 1024
            zh, en = f"报文超过 {kb} KB。", f"The report is over {kb} KB."
            return _refused(exchange.ReportProblem(413, "TOO_LARGE", zh, en))
        headers = {k.lower(): v for k, v in request.headers.items()}
        try:
            key_id = await exchange.signed_by_declared(headers, body, settings.exchange_secret)
        except exchange.BadSignature as e:
            caller = request.client.host if request.client else None
            log.warning("department report refused", reason=str(e), caller=caller)
            zh, en = f"签名无效（{e.code}）。", f"The signature does not hold ({e.code}): {e}."
            return _refused(exchange.ReportProblem(401, e.code, zh, en))
        delivery = None
        try:
            parsed = exchange.parse_report(body)
            delivery = await exchange.answered(parsed, key_id)
            if (answer := exchange.replayed(delivery, parsed)) is not None:
                metrics.EXCHANGE_REPORTS.labels("repeat").inc()
                return JSONResponse(answer)
            return JSONResponse(await _decide(delivery, parsed))
        except exchange.ReportProblem as problem:
            if problem.code == "ALREADY_DECIDED" and delivery is not None:
                await delivery.refresh_from_db()  # the same report twice at once: one decided
                if delivery.reported_sha256 == parsed.sha256:
                    metrics.EXCHANGE_REPORTS.labels("repeat").inc()
                    return JSONResponse(delivery.reported_answer)
            return _refused(problem)

    async def _decide(delivery: exchange.Delivery, parsed: exchange.Report) -> dict[str, Any]:
        answer = {
            "code": "DECIDED",
            "delivery_id": delivery.id,
            "task_id": delivery.task_id,
            "decision": "approved" if parsed.approve else "denied",
        }

        async def keep(_: object) -> None:
            await exchange.keep_answer(delivery, parsed, answer)

        document = (parsed.document, parsed.filename) if parsed.document else None
        try:
            await backoffice.decide_by_system(
                delivery.task_id,
                parsed.approve,
                parsed.opinion,
                document,
                services.files,
                services.payments,
                keep,
            )
        except backoffice.BackofficeProblem as e:
            code = "ALREADY_DECIDED" if e.code == "CONFLICT" else e.code
            paths = [
                exchange.FieldProblem(f.path, f.code, f.message_zh, f.message_en) for f in e.errors
            ]
            raise exchange.ReportProblem(
                STATUS.get(code, 409), code, e.message_zh, e.message_en, paths
            ) from None
        metrics.EXCHANGE_REPORTS.labels("decided").inc()
        log.info("department decision", task=delivery.task_id, approve=parsed.approve)
        return answer

    return Route(PATH, report, methods=["POST"])
