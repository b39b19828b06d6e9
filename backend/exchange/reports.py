"""A department's system reporting its decision back (POST /exchange/decisions): the report
read and checked field by field, the delivery it answers found and checked against the key that
signed it (a department speaks for its own tasks only), and the answer kept, so that the same
report sent again is answered the same and decides once."""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass, field
from typing import Any

import orjson

from backend.exchange.endpoints import endpoint_for
from backend.exchange.models import Delivery

MAX_DOCUMENT_BYTES = 512 * 1024  # a result document, decoded (PDF, JPEG or PNG)
MAX_REPORT_BYTES = 768 * 1024  # the whole report: the document in base64 and the rest
MAX_OPINION = 2000
MAX_FILENAME = 100
DECISIONS = {"approve": True, "deny": False}


@dataclass(frozen=True)
class FieldProblem:
    path: str
    code: str
    zh: str
    en: str


class ReportProblem(Exception):
    """A report refused: `status` the HTTP status, `code` stable, messages in both languages
    and each field at fault by its path."""

    def __init__(
        self, status: int, code: str, zh: str, en: str, errors: list[FieldProblem] | None = None
    ) -> None:
        super().__init__(f"{code}: {en}")
        self.status, self.code, self.zh, self.en = status, code, zh, en
        self.errors = errors or []

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": {"zh": self.zh, "en": self.en},
            "errors": [e.__dict__ for e in self.errors],
        }


@dataclass(frozen=True)
class Report:
    delivery_id: int | None
    task_id: int | None
    approve: bool
    opinion: str
    document: bytes | None = None
    filename: str = "result.pdf"
    sha256: str = field(default="")  # of the report's body: the same report, the same answer


def parse(body: bytes) -> Report:
    """The report, or ReportProblem (400) naming every field at fault at once."""
    try:
        doc = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise ReportProblem(
            400, "INVALID_JSON", "报文不是 JSON。", "The body is not JSON."
        ) from None
    if not isinstance(doc, dict):
        doc = {}
    errors: list[FieldProblem] = []

    def wrong(path: str, zh: str, en: str, code: str = "invalid") -> None:
        errors.append(FieldProblem(path, code, zh, en))

    ids = {k: doc.get(k) for k in ("delivery_id", "task_id")}
    for key, value in ids.items():
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            wrong(f"/{key}", "须为整数。", "Must be an integer.")
    if ids["delivery_id"] is None and ids["task_id"] is None:
        wrong(
            "/delivery_id",
            "请给出投递编号或任务编号。",
            "Give the delivery id or the task id.",
            "required",
        )
    decision = doc.get("decision")
    if decision not in DECISIONS:
        wrong("/decision", "须为 approve 或 deny。", "Must be approve or deny.")
    opinion = doc.get("opinion")
    if not isinstance(opinion, str) or not opinion.strip() or len(opinion) > MAX_OPINION:
        wrong(
            "/opinion",
            f"请填写审批意见（{MAX_OPINION} 字以内）。",
            f"Write the opinion (at most {MAX_OPINION} characters).",
        )
    document, filename = _document(doc.get("result_document"), wrong)
    if errors:
        raise ReportProblem(400, "INVALID_INPUT", "报文有误。", "The report is not valid.", errors)
    return Report(
        ids["delivery_id"] if isinstance(ids["delivery_id"], int) else None,
        ids["task_id"] if isinstance(ids["task_id"], int) else None,
        DECISIONS[str(decision)],
        str(opinion),
        document,
        filename,
        hashlib.sha256(body).hexdigest(),
    )


def _document(value: Any, wrong: Any) -> tuple[bytes | None, str]:
    if value is None:
        return None, "result.pdf"
    path = "/result_document"
    if not isinstance(value, dict):
        wrong(path, "须为 {filename, content_base64}。", "Must be {filename, content_base64}.")
        return None, ""
    name = value.get("filename")
    if not isinstance(name, str) or not 0 < len(name) <= MAX_FILENAME:
        wrong(
            f"{path}/filename",
            "请给出文件名。",
            f"Give a file name (at most {MAX_FILENAME} characters).",
        )
    try:
        content = base64.b64decode(str(value.get("content_base64", "")), validate=True)
    except (binascii.Error, ValueError):
        wrong(f"{path}/content_base64", "不是 base64。", "Not base64.")
        return None, ""
    if not content or len(content) > MAX_DOCUMENT_BYTES:
        zh, en = (
            f"文件须在 {MAX_DOCUMENT_BYTES // 1024} KB 以内。",
            f"The file must be 1 byte to {MAX_DOCUMENT_BYTES // 1024} KB.",
        )
        wrong(f"{path}/content_base64", zh, en, "too_large" if content else "required")
    return content, str(name)


async def answered(report: Report, key_id: str) -> Delivery:
    """The delivery the report answers, when the signing key is its department's: 404 for a
    task handed to no system, 403 for another department's."""
    where = {"id": report.delivery_id} if report.delivery_id else {"task_id": report.task_id}
    delivery = await Delivery.get_or_none(**where)
    if delivery is None or (report.task_id and delivery.task_id != report.task_id):
        raise ReportProblem(
            404,
            "UNKNOWN_TASK",
            "没有这项移交的审查任务。",
            "No review task was handed over with this id.",
        )
    if not await signs_for(delivery, key_id):
        zh, en = (
            "这项任务不属于签名密钥所属的部门。",
            "This task is not of the department whose key signed the report.",
        )
        raise ReportProblem(403, "WRONG_DEPARTMENT", zh, en)
    return delivery


async def signs_for(delivery: Delivery, key_id: str) -> bool:
    """Whether `key_id` is the key of the system the delivery was handed to (its department's
    in its county, declared and active)."""
    endpoint = await endpoint_for(delivery.department_code, delivery.region_code)
    return endpoint is not None and endpoint.key_id == key_id


def replayed(delivery: Delivery, report: Report) -> dict[str, Any] | None:
    """The answer given to this very report before; ReportProblem (409) for another report of a
    task already decided; None when the task waits for its decision."""
    if delivery.reported_sha256 is None:
        return None
    if delivery.reported_sha256 == report.sha256:
        answer: dict[str, Any] = delivery.reported_answer
        return answer
    zh, en = "这项任务已经报告过决定。", "A decision was already reported for this task."
    raise ReportProblem(409, "ALREADY_DECIDED", zh, en)


async def keep(delivery: Delivery, report: Report, answer: dict[str, Any]) -> None:
    """The answer kept with the report's hash, in the decision's transaction."""
    await Delivery.filter(id=delivery.id).update(
        reported_sha256=report.sha256, reported_answer=answer
    )
