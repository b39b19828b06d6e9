"""Staff downloads of the files citizens uploaded: GET /staff/files/{application}/{material}
with the staff bearer token. Only to staff who may read the application (else 404, the same
as a file that is not there); the bytes streamed from the file store; each download in the
audit log."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from backend.api.services import Services
from backend.api.view import bearer
from backend.backoffice import service

PATH = "/staff/files/{application_id}/{material_id}"
REFUSALS = {
    401: (
        "UNAUTHENTICATED",
        "请先以工作人员身份登录，并在 Authorization 中携带令牌。",
        "Sign in as staff and send 'Authorization: Bearer <token>'.",
    ),
    403: (
        "PASSWORD_CHANGE_REQUIRED",
        "您的密码已被重置，请先设置自己的密码。",
        "Your password was reset: choose your own (changePassword) first.",
    ),
    404: (
        "NOT_FOUND",
        "没有这个文件，或不在您的管辖范围内。",
        "No such file, or outside your region or department.",
    ),
}


def refused(status: int) -> JSONResponse:
    code, zh, en = REFUSALS[status]
    headers = {"Cache-Control": "private, no-store"}
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse({"code": code, "message": {"zh": zh, "en": en}}, status, headers)


def staff_files(services: Services) -> Route:
    """The download route, reading sessions and files through the app's services."""

    async def download(request: Request) -> Response:
        token = bearer(request)
        staff = await services.staff_sessions.member(token) if token else None
        if staff is None:
            return refused(401)
        if staff.must_change_password:
            return refused(403)
        app = await service.readable(staff, request.path_params["application_id"])
        material_id = str(request.path_params["material_id"])[:100]
        shown = app is not None and await service.shown_to(staff, app, material_id)
        found = await service.uploaded(app, material_id) if app and shown else None
        if app is None or found is None or not await _stored(services, found.file_key):
            return refused(404)
        await service.record_read(
            staff,
            app,
            "file.read",
            {"material": material_id, "citizen": app.citizen_id, "file": found.file_key},
        )
        filename = found.filename or material_id
        return StreamingResponse(
            services.files.open(found.file_key),
            media_type=found.content_type or "application/octet-stream",
            headers={
                "Content-Disposition": f"inline; filename*=UTF-8''{quote(filename, safe='')}",
                "X-Content-Type-Options": "nosniff",
                "Cache-Control": "private, no-store",
            },
        )

    return Route(PATH, download, methods=["GET"])


async def _stored(services: Services, key: str) -> bool:
    try:
        return await services.files.exists(key)
    except ValueError:  # not a key the store gives out
        return False
