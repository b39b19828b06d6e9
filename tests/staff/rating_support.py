"""Finished applications to rate, and the documents of the 好差评 loop's tests."""

from __future__ import annotations

import httpx
from support import gql, ready_house_event, sign_in, staff_gql, staff_token

from backend.applications.models import Application
from backend.backoffice.models import ReviewTask

SUBMIT = "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { __typename } }"
ACCEPT = "mutation($id: ID!) { acceptApplication(id: $id) { __typename } }"
REJECT = 'mutation($id: ID!) { rejectApplication(id: $id, reason: "不属于本机关管辖", legalBasis: "《行政许可法》第三十二条") { __typename } }'
DENY = 'mutation($id: ID!) { decideTask(taskId: $id, approve: false, opinion: "不符合条件") { __typename ... on ReviewTask { status } } }'
RATE = """
mutation($id: ID!, $score: Int!) {
  rateApplication(applicationId: $id, score: $score, tags: ["等待久"], comment: "窗口排队太久") {
    __typename
    ... on Rating { score channel followUp { id state callbackDueOn dueOn } }
    ... on RatingError { code errors { path code } }
  }
}
"""
RE_RATE = """
mutation($id: ID!, $score: Int!) {
  reRateApplication(applicationId: $id, score: $score, comment: "整改后很快") {
    __typename ... on FollowUp { state reScore closedAt } ... on RatingError { code errors { path } }
  }
}
"""
CALLBACK = """
mutation($id: ID!, $method: CallbackMethod!, $note: String!) {
  recordFollowUpCallback(id: $id, method: $method, note: $note) {
    __typename ... on FollowUp { state calledBackAt callbackMethod } ... on RatingError { code errors { path } }
  }
}
"""
RECTIFY = """
mutation($id: ID!, $text: String!) {
  recordFollowUpRectification(id: $id, rectification: $text) {
    __typename ... on FollowUp { state rectification reRatingDueOn } ... on RatingError { code errors { path } }
  }
}
"""
IN_STATE = "query($state: FollowUpFilter) { followUpsInState(state: $state) { id state late applicationId score } }"
SATISFACTION = "query($by: SatisfactionLevel!, $region: String!) { satisfaction(by: $by, regionCode: $region) { code name { zh } rated average badShare } }"
MINE = "query($id: ID!) { application(id: $id) { status rating { score followUp { state reScore } } timeline { kind message { zh } } } }"


async def submitted(client: httpx.AsyncClient, resident: str = "demo-1") -> tuple[str, str]:
    citizen = await sign_in(client, resident)
    parent = await ready_house_event(client, citizen)
    await gql(client, SUBMIT, {"id": parent}, citizen)
    return citizen, parent


async def denied(client: httpx.AsyncClient) -> tuple[str, str]:
    """王建国's house transfer, accepted at the window and denied by its three departments."""
    citizen, parent = await submitted(client)
    clerk = await staff_token(client, "deny-clerk", "window_clerk")
    await staff_gql(client, ACCEPT, {"id": parent}, clerk)
    for task in await ReviewTask.filter(root_id=parent):
        name = f"deny-{task.department_code}"
        reviewer = await staff_token(client, name, "reviewer", department=task.department_code)
        await staff_gql(client, DENY, {"id": str(task.id)}, reviewer)
    assert (await Application.get(id=parent)).status == "denied"
    return citizen, parent


async def rejected(client: httpx.AsyncClient) -> tuple[str, str]:
    """王建国's house transfer, rejected at the window (不予受理)."""
    citizen, parent = await submitted(client)
    clerk = await staff_token(client, "reject-clerk", "window_clerk")
    await staff_gql(client, REJECT, {"id": parent}, clerk)
    assert (await Application.get(id=parent)).status == "rejected"
    return citizen, parent
