"""A department's system reports its decision back at POST /exchange/decisions: signed with
its department's key, checked field by field, decided as a reviewer's decision is (the system
named in the audit log), once however often it is sent; every refusal is a clear 4xx JSON."""

from __future__ import annotations

import base64
import time
from typing import Any

import httpx
from handing import (
    POLICE,
    REGION,
    handed_over,
    signed,
    status_of,
)
from support import Registry, fees_paid, staff_gql, staff_token

from backend.backoffice.models import AuditEntry, ReviewTask
from backend.devregistry.department import result_pdf
from backend.exchange import service as exchange
from backend.exchange.models import Delivery

PATH = "/exchange/decisions"
DECIDE = 'mutation($t: ID!) { decideTask(taskId: $t, approve: true, opinion: "同意") { __typename ... on ReviewTask { status } ... on BackofficeError { code } } }'
QUEUE = "{ reviewQueue { id handOff { status attempts } } }"


async def post(
    client: httpx.AsyncClient, report: dict[str, Any], key_id: str, **signing: Any
) -> httpx.Response:
    body, headers = signed(report, key_id, **signing)
    return await client.post(PATH, content=body, headers=headers)


async def test_a_reported_approval_waits_for_fees_then_decides_once_and_completes(
    client: httpx.AsyncClient, registry: Registry
) -> None:
    citizen, app, task_id, key_id = await handed_over(client, registry)
    report = {"task_id": task_id, "decision": "approve", "opinion": "经审核，符合办证条件"}

    unpaid = await post(client, report, key_id)  # the last approval waits for the fees
    await fees_paid(client, app)
    first = await post(client, report, key_id)
    again = await post(client, report, key_id)
    other = await post(client, {**report, "decision": "deny"}, key_id)

    assert unpaid.status_code == 409 and unpaid.json()["code"] == "FEES_UNPAID"
    assert first.status_code == again.status_code == 200, first.text
    assert first.json() == again.json()
    assert first.json()["code"] == "DECIDED" and first.json()["decision"] == "approved"
    assert other.status_code == 409 and other.json()["code"] == "ALREADY_DECIDED"
    task = await ReviewTask.get(id=task_id)
    assert task.status == "approved" and task.decided_by == f"system:{POLICE}"
    decided = await AuditEntry.filter(subject_id=app, action="task_approved")
    assert [e.actor for e in decided] == [f"system:{POLICE}"]
    assert await status_of(client, citizen, app) == "COMPLETED"


async def test_a_reviewer_cannot_decide_a_task_handed_to_the_department_system(
    client: httpx.AsyncClient, registry: Registry
) -> None:
    _, _, task_id, _ = await handed_over(client, registry)
    reviewer = await staff_token(client, "police-reviewer", "reviewer", department=POLICE)

    decided = (await staff_gql(client, DECIDE, {"t": task_id}, reviewer))["data"]["decideTask"]
    queue = (await staff_gql(client, QUEUE, token=reviewer))["data"]["reviewQueue"]

    assert decided == {"__typename": "BackofficeError", "code": "WITH_DEPARTMENT_SYSTEM"}
    assert queue == [{"id": str(task_id), "handOff": {"status": "PENDING", "attempts": 0}}]


async def test_a_reported_denial_with_its_result_document_is_stored(
    client: httpx.AsyncClient, registry: Registry
) -> None:
    citizen, app, task_id, key_id = await handed_over(client, registry)
    pdf = result_pdf("denied")
    document = {"filename": "不予许可决定书.pdf", "content_base64": base64.b64encode(pdf).decode()}
    delivery = await Delivery.get(task_id=task_id)
    report = {
        "delivery_id": delivery.id,
        "decision": "deny",
        "opinion": "不符合条件",
        "result_document": document,
    }

    damaged = {**document, "content_base64": base64.b64encode(b"%PDF-1.4 cut off").decode()}
    refused = await post(client, {**report, "result_document": damaged}, key_id)
    undecided = await ReviewTask.get(id=task_id)
    answer = await post(client, report, key_id)

    assert refused.status_code == 400 and refused.json()["errors"][0]["code"] == "damaged"
    assert refused.json()["errors"][0]["path"] == "/result_document/content_base64"
    assert undecided.status == "pending"  # a refused document decides nothing
    assert answer.status_code == 200, answer.text
    assert (await ReviewTask.get(id=task_id)).status == "denied"
    [stored] = await AuditEntry.filter(subject=f"review_task:{task_id}", action="task.result_file")
    assert stored.actor == f"system:{POLICE}" and stored.after["size"] == len(pdf)
    assert stored.after["contentType"] == "application/pdf"
    assert await status_of(client, citizen, app) == "DENIED"


async def test_refused_reports_are_clear_4xx_json_and_decide_nothing(
    client: httpx.AsyncClient, registry: Registry
) -> None:
    _, _, task_id, key_id = await handed_over(client, registry)
    await exchange.declare_endpoint("330106-RSJ", REGION, f"{registry.url}/x", "rsj-other")
    good = {"task_id": task_id, "decision": "approve", "opinion": "同意"}
    body, headers = signed(good, key_id)

    forged = await client.post(
        PATH, content=body, headers={**headers, "X-ZeroRun-Signature": "0" * 64}
    )
    tampered = await client.post(PATH, content=body.replace(b"approve", b"deny"), headers=headers)
    stale = await post(client, good, key_id, at=time.time() - 600)
    unsigned = await client.post(PATH, content=body)
    unknown_key = await post(client, good, "nobody", secret="whatever")
    oversize = await post(client, {**good, "opinion": "x" * 800_000}, key_id)
    invalid = await post(client, {"decision": "maybe", "opinion": "", "task_id": "1"}, key_id)
    unknown = await post(client, {**good, "task_id": task_id + 1000}, key_id)
    foreign = await post(client, good, "rsj-other")

    got = {
        name: (r.status_code, r.json()["code"])
        for name, r in {
            "forged": forged,
            "tampered": tampered,
            "stale": stale,
            "unsigned": unsigned,
            "unknown_key": unknown_key,
            "oversize": oversize,
            "invalid": invalid,
            "unknown": unknown,
            "foreign": foreign,
        }.items()
    }
    assert got == {
        "forged": (401, "BAD_SIGNATURE"),
        "tampered": (401, "BAD_SIGNATURE"),
        "stale": (401, "STALE"),
        "unsigned": (401, "UNSIGNED"),
        "unknown_key": (401, "UNKNOWN_KEY"),
        "oversize": (413, "TOO_LARGE"),
        "invalid": (400, "INVALID_INPUT"),
        "unknown": (404, "UNKNOWN_TASK"),
        "foreign": (403, "WRONG_DEPARTMENT"),
    }
    assert {e["path"] for e in invalid.json()["errors"]} == {"/task_id", "/decision", "/opinion"}
    assert invalid.json()["message"] == {"zh": "报文有误。", "en": "The report is not valid."}
    assert (await ReviewTask.get(id=task_id)).status == "pending"
