"""GET /exchange/files/{delivery}/{material}: a department's system fetches a file the citizen
uploaded to an application handed to it (the delivery's body gives each file's path). Signed
as reports are, the signed message being the request's path: a signature fetches that one
file, within 5 minutes. Only the key of the system the application was handed to reads it;
every refusal but a bad signature is the same 404, as for staff downloads; each read is in the
audit log, as a staff member's is."""

from __future__ import annotations

from urllib.parse import quote

import structlog
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from backend.api.services import Services
from backend.backoffice import service as backoffice
from backend.exchange import service as exchange

log = structlog.get_logger("zerorun.exchange")
PATH = "/exchange/files/{delivery_id:int}/{material_id}"
PRIVATE = {"Cache-Control": "private, no-store"}


def _refused(status: int, code: str, zh: str, en: str) -> JSONResponse:
    return JSONResponse({"code": code, "message": {"zh": zh, "en": en}}, status, PRIVATE)


def department_files(services: Services) -> Route:
    async def fetch(request: Request) -> Response:
        headers = {k.lower(): v for k, v in request.headers.items()}
        message = request.url.path.encode()  # a fetch signs its path: it has no body
        try:
            key_id = await exchange.signed_by_declared(
                headers, message, services.settings.exchange_secret
            )
        except exchange.BadSignature as e:
            log.warning("department file refused", reason=str(e))
            return _refused(
                401, e.code, f"签名无效（{e.code}）。", f"The signature does not hold: {e}."
            )
        material_id = str(request.path_params["material_id"])[:64]
        found = await backoffice.handed_file(
            request.path_params["delivery_id"], material_id, key_id
        )
        if found is None or not await services.files.exists(found.file_key):
            zh, en = "没有这个文件，或不是移交给您的。", "No such file, or not handed to you."
            return _refused(404, "NOT_FOUND", zh, en)
        filename = found.filename or material_id
        return StreamingResponse(
            services.files.open(found.file_key),
            media_type=found.content_type or "application/octet-stream",
            headers={
                "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename, safe='')}",
                "X-Content-Type-Options": "nosniff",
                **PRIVATE,
            },
        )

    return Route(PATH, fetch, methods=["GET"])
