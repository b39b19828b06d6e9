"""A reviewer's task screen (并联审批): the result document's file, the working days left, the
application and the other departments' tasks, resolved for the ReviewTask type."""

from __future__ import annotations

import strawberry

from backend.api.context import Info
from backend.backoffice import service
from backend.backoffice.service import ReviewTask as TaskRow


@strawberry.type(description="The result document's file (审批结果文件) a reviewer uploaded.")
class ResultFile:
    filename: str
    content_type: str
    size: int = strawberry.field(description="In bytes.")

    @classmethod
    def of(cls, f: service.ResultFile) -> ResultFile:
        return cls(filename=f.filename, content_type=f.content_type, size=f.size)


def days_left(info: Info, task: TaskRow) -> int | None:
    return service.days_left(info.context.services.calendar, task)


async def result_file(task: TaskRow) -> ResultFile | None:
    found = await service.result_file(task)
    return ResultFile.of(found) if found else None
