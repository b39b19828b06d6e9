"""The reviewer's task screen (并联审批) against the staff API: one task with its application and
the other departments' progress, the result document's file, and every refusal."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import httpx
from support import (
    PDF,
    PNG,
    fees_paid,
    gql,
    ready_house_event,
    sign_in,
    staff_gql,
    staff_token,
)

from backend.backoffice.models import AuditEntry, ReviewTask

SUBMIT = "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { __typename } }"
ACCEPT = "mutation($id: ID!) { acceptApplication(id: $id) { ... on StaffApplication { tasks { id departmentCode } } } }"
QUEUE = "{ reviewQueue { id dueOn daysLeft status } }"
TASK = """
query($id: ID!) {
  reviewTask(id: $id) {
    id status departmentCode dueOn daysLeft opinion resultDocument
    resultFile { filename contentType size url }
    application { id lifeEventCode answers }
    otherTasks { departmentCode status decidedAt }
  }
}
"""
UPLOAD = """
mutation($id: ID!, $file: Upload!) {
  uploadResultDocument(taskId: $id, file: $file) {
    __typename
    ... on ReviewTask { status resultFile { filename contentType size } }
    ... on BackofficeError { code errors { path code } }
  }
}
"""
DECIDE = 'mutation($id: ID!) { decideTask(taskId: $id, approve: true, opinion: "符合条件", resultDocument: "西不动产〔2026〕7号") { __typename ... on ReviewTask { status resultDocument resultFile { filename } } ... on BackofficeError { code } } }'
CITIZEN = "query($id: ID!) { application(id: $id) { status } }"


async def accepted_event(client: httpx.AsyncClient) -> tuple[str, str, dict[str, str]]:
    """王建国's house transfer, submitted and accepted: its root and its tasks by department."""
    citizen = await sign_in(client, "demo-1")
    parent = await ready_house_event(client, citizen)
    await gql(client, SUBMIT, {"id": parent}, citizen)
    clerk = await staff_token(client, "clerk-review-1", "window_clerk")
    body = await staff_gql(client, ACCEPT, {"id": parent}, clerk)
    tasks = {t["departmentCode"]: t["id"] for t in body["data"]["acceptApplication"]["tasks"]}
    await fees_paid(client, parent)  # so that the last approval decides it
    return citizen, parent, tasks


async def upload_result(
    client: httpx.AsyncClient,
    token: str,
    task_id: str,
    content: bytes = PDF,
    filename: str = "决定书.pdf",
) -> dict[str, Any]:
    """A multipart request to the staff endpoint, as the task screen sends the file."""
    operations = {"query": UPLOAD, "variables": {"id": task_id, "file": None}}
    response = await client.post(
        "/staff/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": (filename, content, "application/octet-stream")},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()["data"]["uploadResultDocument"]
    return result


async def test_a_reviewer_reads_their_task_with_the_application_and_the_other_departments(
    client: httpx.AsyncClient,
) -> None:
    _, parent, tasks = await accepted_event(client)
    housing = await staff_token(client, "reviewer-zjj", "reviewer", department="330106-ZJJ")

    [row] = (await staff_gql(client, QUEUE, token=housing))["data"]["reviewQueue"]
    task = (await staff_gql(client, TASK, {"id": tasks["330106-ZJJ"]}, housing))["data"][
        "reviewTask"
    ]

    assert row["id"] == tasks["330106-ZJJ"] and row["daysLeft"] >= 0
    assert task["status"] == "pending" and task["departmentCode"] == "330106-ZJJ"
    assert task["daysLeft"] == row["daysLeft"] and task["resultFile"] is None
    assert task["application"]["id"] == parent and task["application"]["lifeEventCode"]
    assert task["application"]["answers"]["seller_name"] == "王建国"
    assert sorted(t["departmentCode"] for t in task["otherTasks"]) == sorted(tasks)
    assert {t["status"] for t in task["otherTasks"]} == {"pending"}
    reads = await AuditEntry.filter(subject_id=parent, actor="staff:reviewer-zjj")
    assert {e.action for e in reads} == {"task.read", "application.read"}


async def test_another_departments_task_is_null_and_its_read_is_not_recorded(
    client: httpx.AsyncClient,
) -> None:
    _, parent, tasks = await accepted_event(client)
    land = await staff_token(client, "reviewer-gtj", "reviewer", department="330106-GTJ")

    other = await staff_gql(client, TASK, {"id": tasks["330106-ZJJ"]}, land)
    nonsense = await staff_gql(client, TASK, {"id": "not-a-task"}, land)

    assert other["data"]["reviewTask"] is None and nonsense["data"]["reviewTask"] is None
    assert not await AuditEntry.filter(subject_id=parent, actor="staff:reviewer-gtj").exists()


async def test_a_window_clerk_may_not_read_a_review_task(client: httpx.AsyncClient) -> None:
    _, _, tasks = await accepted_event(client)
    clerk = await staff_token(client, "clerk-review-2", "window_clerk")

    body = await staff_gql(client, TASK, {"id": tasks["330106-ZJJ"]}, clerk)

    assert body["data"]["reviewTask"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN_ROLE"


async def test_the_result_file_is_uploaded_then_the_decision_keeps_it_and_the_application_completes(
    client: httpx.AsyncClient,
) -> None:
    citizen, parent, tasks = await accepted_event(client)
    tokens = {
        d: await staff_token(client, f"reviewer-{d}", "reviewer", department=d) for d in tasks
    }

    uploaded = await upload_result(client, tokens["330106-ZJJ"], tasks["330106-ZJJ"])
    again = await upload_result(
        client, tokens["330106-ZJJ"], tasks["330106-ZJJ"], PNG, "决定书.png"
    )
    decisions = [
        (await staff_gql(client, DECIDE, {"id": tasks[d]}, tokens[d]))["data"]["decideTask"]
        for d in sorted(tasks)
    ]
    view = (await staff_gql(client, TASK, {"id": tasks["330106-ZJJ"]}, tokens["330106-ZJJ"]))[
        "data"
    ]["reviewTask"]
    done = (await gql(client, CITIZEN, {"id": parent}, citizen))["data"]["application"]

    assert uploaded == {
        "__typename": "ReviewTask",
        "status": "pending",
        "resultFile": {
            "filename": "决定书.pdf",
            "contentType": "application/pdf",
            "size": len(PDF),
        },
    }
    assert again["resultFile"]["contentType"] == "image/png"  # a later upload replaces it
    assert {d["status"] for d in decisions} == {"approved"}
    assert view["resultFile"]["filename"] == "决定书.png"
    assert view["resultDocument"] == "西不动产〔2026〕7号" and view["opinion"] == "符合条件"
    assert {t["status"] for t in view["otherTasks"]} == {"approved"}
    assert all(t["decidedAt"] for t in view["otherTasks"])
    assert done["status"] == "COMPLETED"
    files = await AuditEntry.filter(subject_id=parent, action="task.result_file").count()
    assert files == 2


async def test_a_file_of_the_wrong_type_is_refused_under_file(client: httpx.AsyncClient) -> None:
    _, _, tasks = await accepted_event(client)
    housing = await staff_token(client, "reviewer-zjj", "reviewer", department="330106-ZJJ")

    refused = await upload_result(
        client, housing, tasks["330106-ZJJ"], b"GIF89a" + b"0" * 64, "a.gif"
    )
    empty = await upload_result(client, housing, tasks["330106-ZJJ"], b"", "empty.pdf")

    assert refused["code"] == "INVALID_INPUT"
    assert refused["errors"] == [{"path": "/file", "code": "type_not_allowed"}]
    assert empty["errors"] == [{"path": "/file", "code": "empty"}]


async def test_a_file_over_ten_megabytes_is_refused_under_file(client: httpx.AsyncClient) -> None:
    _, _, tasks = await accepted_event(client)
    housing = await staff_token(client, "reviewer-zjj", "reviewer", department="330106-ZJJ")

    big = PDF + b"0" * (10 * 1024 * 1024)
    refused = await upload_result(client, housing, tasks["330106-ZJJ"], big, "big.pdf")

    assert refused["errors"] == [{"path": "/file", "code": "too_large"}]


async def test_another_departments_task_refuses_the_upload_as_not_found(
    client: httpx.AsyncClient,
) -> None:
    _, _, tasks = await accepted_event(client)
    land = await staff_token(client, "reviewer-gtj", "reviewer", department="330106-GTJ")

    other = await upload_result(client, land, tasks["330106-ZJJ"])
    nonsense = await upload_result(client, land, "no-such-task")

    assert other == {"__typename": "BackofficeError", "code": "NOT_FOUND", "errors": []}
    assert nonsense["code"] == "NOT_FOUND"


async def test_a_decided_task_refuses_a_new_upload(client: httpx.AsyncClient) -> None:
    _, parent, tasks = await accepted_event(client)
    housing = await staff_token(client, "reviewer-zjj", "reviewer", department="330106-ZJJ")
    await staff_gql(client, DECIDE, {"id": tasks["330106-ZJJ"]}, housing)

    refused = await upload_result(client, housing, tasks["330106-ZJJ"])
    twice = (await staff_gql(client, DECIDE, {"id": tasks["330106-ZJJ"]}, housing))["data"]

    assert refused == {"__typename": "BackofficeError", "code": "ALREADY_DECIDED", "errors": []}
    assert twice["decideTask"]["code"] == "CONFLICT"
    assert not await AuditEntry.filter(subject_id=parent, action="task.result_file").exists()


async def test_days_left_count_working_days_and_go_negative_when_overdue(
    client: httpx.AsyncClient,
) -> None:
    _, _, tasks = await accepted_event(client)
    housing = await staff_token(client, "reviewer-zjj", "reviewer", department="330106-ZJJ")
    today = dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).date()

    await ReviewTask.filter(id=int(tasks["330106-ZJJ"])).update(due_on=today + dt.timedelta(7))
    [ahead] = (await staff_gql(client, QUEUE, token=housing))["data"]["reviewQueue"]
    await ReviewTask.filter(id=int(tasks["330106-ZJJ"])).update(due_on=today - dt.timedelta(7))
    [late] = (await staff_gql(client, QUEUE, token=housing))["data"]["reviewQueue"]

    assert 3 <= ahead["daysLeft"] <= 5  # a week holds a weekend, maybe a holiday
    assert -5 <= late["daysLeft"] <= -3


async def test_staff_who_may_read_the_application_download_the_result_file_and_it_is_audited(
    client: httpx.AsyncClient,
) -> None:
    _, parent, tasks = await accepted_event(client)
    housing = await staff_token(client, "reviewer-zjj", "reviewer", department="330106-ZJJ")
    land = await staff_token(client, "reviewer-gtj", "reviewer", department="330106-GTJ")
    elsewhere = await staff_token(client, "clerk-far", "window_clerk", "330102")
    await upload_result(client, housing, tasks["330106-ZJJ"])
    task = (await staff_gql(client, TASK, {"id": tasks["330106-ZJJ"]}, housing))["data"][
        "reviewTask"
    ]
    url = task["resultFile"]["url"]

    mine = await client.get(url, headers={"Authorization": f"Bearer {housing}"})
    other_department = await client.get(url, headers={"Authorization": f"Bearer {land}"})
    other_region = await client.get(url, headers={"Authorization": f"Bearer {elsewhere}"})
    anonymous = await client.get(url)
    no_file = await client.get(
        f"/staff/result-files/{tasks['330106-GTJ']}", headers={"Authorization": f"Bearer {land}"}
    )
    nonsense = await client.get(
        "/staff/result-files/x", headers={"Authorization": f"Bearer {land}"}
    )

    assert url == f"/staff/result-files/{tasks['330106-ZJJ']}"
    assert mine.status_code == 200 and mine.content == PDF
    assert mine.headers["content-type"] == "application/pdf"
    assert mine.headers["x-content-type-options"] == "nosniff"
    assert "filename*=UTF-8''" in mine.headers["content-disposition"]
    assert other_department.status_code == 200  # a department on the same application
    assert other_region.status_code == 404 and other_region.json()["code"] == "NOT_FOUND"
    assert anonymous.status_code == 401 and no_file.status_code == 404
    assert nonsense.status_code == 404
    reads = await AuditEntry.filter(subject_id=parent, action="task.result_file_read")
    assert sorted(e.actor for e in reads) == ["staff:reviewer-gtj", "staff:reviewer-zjj"]
