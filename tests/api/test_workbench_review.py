"""The workbench's review screens against the staff API: what they send, at pinned costs.

PINNED: the statements of each operation of configurator/src/workbench/review/*.graphql, measured
in this file's scenario (tests/api/test_client_round_trips.py checks that every operation the
clients send is pinned somewhere). fast_path_reads: the screens' reads, sent both ways by
tests/api/test_fast_path.py."""

from __future__ import annotations

from typing import Any

import httpx
from operation_replay import DOCUMENTS, Replay
from support import PDF, gql, ready_house_event, sign_in, staff_token

PINNED: dict[str, int] = {
    "configurator/ReviewQueue": 2,
    "configurator/ReviewTask": 7,  # issue 19: the pauses of its clock
    "configurator/ReviewApplication": 18,  # issue 20: the matters their department decides
    "configurator/ReviewUploadResult": 6,
    "configurator/ReviewDecide": 12,  # issue 19: whether this approval decides (the fees gate)
}

QUEUE = "configurator/ReviewQueue"
TASK = "configurator/ReviewTask"
APPLICATION = "configurator/ReviewApplication"
UPLOAD = "configurator/ReviewUploadResult"
DECIDE = "configurator/ReviewDecide"
SUBMIT = "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { __typename } }"
HOUSING = "330106-ZJJ"
ACCEPT = "mutation($id: ID!) { acceptApplication(id: $id) { __typename } }"


async def accepted_house_transfer(client: httpx.AsyncClient, clerk: str) -> str:
    """王建国 (demo-1) sells to 李婷 (demo-2): their life event submitted and accepted at the
    window, a task for each of the three departments."""
    seller = await sign_in(client, "demo-1")
    parent = await ready_house_event(client, seller)
    await gql(client, SUBMIT, {"id": parent}, seller)
    await gql(client, ACCEPT, {"id": parent}, clerk, "/staff/graphql")
    return parent


async def fast_path_reads(c: Any) -> None:
    """Every query of the review screens, sent through both apps (c.send(key, variables, token))."""
    clerk = await staff_token(c.client, "review-ui-fast-clerk", "window_clerk")
    parent = await accepted_house_transfer(c.client, clerk)
    reviewer = await staff_token(c.client, "review-ui-fast", "reviewer", department=HOUSING)
    body = await gql(c.client, "{ reviewQueue { id } }", {}, reviewer, "/staff/graphql")
    [task] = body["data"]["reviewQueue"]
    await c.send(QUEUE, {"status": "pending"}, reviewer)
    await c.send(TASK, {"id": task["id"]}, reviewer)
    await c.send(APPLICATION, {"id": parent}, reviewer)


async def test_a_reviewer_opens_a_task_uploads_the_result_and_approves_at_the_pinned_costs(
    replay: Replay,
) -> None:
    r = replay
    clerk = await staff_token(r.client, "review-ui-clerk", "window_clerk")
    parent = await accepted_house_transfer(r.client, clerk)
    reviewer = await staff_token(r.client, "review-ui-1", "reviewer", department=HOUSING)

    [row] = (await r.run(QUEUE, {"status": "pending"}, reviewer))["reviewQueue"]
    task = (await r.run(TASK, {"id": row["id"]}, reviewer))["reviewTask"]
    app = (await r.run(APPLICATION, {"id": parent}, reviewer))["staffApplication"]
    uploaded = await r.upload(UPLOAD, {"taskId": row["id"]}, "file", PDF, reviewer)
    decision = {"taskId": row["id"], "approve": True, "opinion": "符合转移登记条件"}
    decided = await r.run(DECIDE, {**decision, "resultDocument": "西不动产〔2026〕1号"}, reviewer)

    assert row["rootId"] == parent and row["daysLeft"] is not None
    assert task["departmentCode"] == HOUSING and len(task["otherTasks"]) == 3
    assert app["id"] == parent and app["answerList"] and app["materials"]
    assert uploaded["uploadResultDocument"]["resultFile"]["contentType"] == "application/pdf"
    result = decided["decideTask"]
    assert result["status"] == "approved" and result["resultFile"]["filename"] == "scan.pdf"
    assert r.counts == PINNED


async def test_the_screen_is_told_plainly_when_another_reviewer_decided_first(
    replay: Replay,
) -> None:
    r = replay
    clerk = await staff_token(r.client, "review-ui-clerk-2", "window_clerk")
    await accepted_house_transfer(r.client, clerk)
    first = await staff_token(r.client, "review-ui-2", "reviewer", department=HOUSING)
    second = await staff_token(r.client, "review-ui-3", "reviewer", department=HOUSING)
    [row] = (await r.send(QUEUE, {"status": "pending"}, first))["reviewQueue"]
    decision = {"taskId": row["id"], "approve": True, "opinion": "同意"}
    await r.send(DECIDE, decision, first)

    body = await gql(r.client, DOCUMENTS[DECIDE], decision, second, "/staff/graphql")
    empty = await gql(
        r.client, DOCUMENTS[DECIDE], {**decision, "opinion": " "}, second, "/staff/graphql"
    )

    assert body["data"]["decideTask"]["code"] == "CONFLICT"
    assert body["data"]["decideTask"]["message"]["zh"]
    assert empty["data"]["decideTask"]["code"] == "INVALID_INPUT"
