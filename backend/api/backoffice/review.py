"""A reviewer's task screen (并联审批): the result document's file (and its download route), the
working days left, resolved for the ReviewTask type."""

from __future__ import annotations

from urllib.parse import quote

import strawberry
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from backend.api.context import Info
from backend.api.services import Services
from backend.api.view import bearer
from backend.backoffice import service
from backend.backoffice.service import ReviewTask as TaskRow

PATH = "/staff/result-files/{task_id}"


@strawberry.type(description="The result document's file (审批结果文件) a reviewer uploaded.")
class ResultFile:
    filename: str
    content_type: str
    size: int = strawberry.field(description="In bytes.")
    url: str = strawberry.field(
        description="GET it with the staff bearer token (staff who may read the application; each download audited)."
    )

    @classmethod
    def of(cls, task: TaskRow, f: service.ResultFile) -> ResultFile:
        url = PATH.format(task_id=task.id)
        return cls(filename=f.filename, content_type=f.content_type, size=f.size, url=url)


def days_left(info: Info, task: TaskRow) -> int | None:
    return service.days_left(info.context.services.calendar, task)


async def result_file(task: TaskRow) -> ResultFile | None:
    found = await service.result_file(task)
    return ResultFile.of(task, found) if found else None


def _refused(status: int, code: str, zh: str, en: str) -> JSONResponse:
    headers = {"Cache-Control": "private, no-store"}
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse({"code": code, "message": {"zh": zh, "en": en}}, status, headers)


def result_files(services: Services) -> Route:
    """GET /staff/result-files/{task}: a task's result file, to staff who may read its
    application (else 404, as for a task without one); streamed from the file store."""

    async def download(request: Request) -> Response:
        token = bearer(request)
        staff = await services.staff_sessions.member(token) if token else None
        if staff is None:
            zh, en = "请先以工作人员身份登录。", "Sign in as staff and send the bearer token."
            return _refused(401, "UNAUTHENTICATED", zh, en)
        if staff.must_change_password:
            zh, en = "请先设置自己的密码。", "Choose your own password (changePassword) first."
            return _refused(403, "PASSWORD_CHANGE_REQUIRED", zh, en)
        found = await service.result_to_download(staff, str(request.path_params["task_id"]))
        if found is None:
            zh, en = "没有这个文件，或不在您的管辖范围内。", "No such file, or outside your region."
            return _refused(404, "NOT_FOUND", zh, en)
        return StreamingResponse(
            services.files.open(found.key),
            media_type=found.content_type,
            headers={
                "Content-Disposition": f"inline; filename*=UTF-8''{quote(found.filename, safe='')}",
                "X-Content-Type-Options": "nosniff",
                "Cache-Control": "private, no-store",
            },
        )

    return Route(PATH, download, methods=["GET"])
