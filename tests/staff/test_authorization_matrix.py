"""Every staff mutation × every role (and no sign-in), and own versus another region for the
role that may act: denials carry stable codes; another region's work is simply not there."""

from __future__ import annotations

import httpx
import pytest
from support import gql, ready_house_event, sign_in, staff_gql, staff_token

from backend.backoffice.models import ReviewTask
from backend.staff.models import StaffMember

MUTATIONS = {
    "acceptApplication": (
        "window_clerk",
        'mutation { r: acceptApplication(id: "%s") { __typename ... on BackofficeError { code } } }',
    ),
    "rejectApplication": (
        "window_clerk",
        'mutation { r: rejectApplication(id: "%s", reason: "x", legalBasis: "y") { __typename ... on BackofficeError { code } } }',
    ),
    "requestCorrection": (
        "window_clerk",
        'mutation { r: requestCorrection(id: "%s", items: [{path: "/answers/buyer_mobile", reason: "x"}]) { __typename ... on BackofficeError { code } } }',
    ),
    "decideTask": (
        "reviewer",
        'mutation { r: decideTask(taskId: "%s", approve: true, opinion: "ok") { __typename ... on BackofficeError { code } } }',
    ),
    "recordDispatch": (
        "window_clerk",
        'mutation { r: recordDispatch(id: "%s", trackingNumber: "SF123456") { __typename ... on BackofficeError { code } } }',
    ),
    "answerFollowUp": (
        "county_admin",
        'mutation { r: answerFollowUp(id: "%s", answer: "ok") { __typename ... on RatingError { code } } }',
    ),
}
ROLES = ["window_clerk", "reviewer", "county_admin", "supervisor", None]
SUBMIT = "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { __typename } }"


@pytest.mark.parametrize("mutation", MUTATIONS)
@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "signed-out")
async def test_a_role_that_may_not_act_is_refused_with_a_stable_code(
    client: httpx.AsyncClient, mutation: str, role: str | None
) -> None:
    allowed, document = MUTATIONS[mutation]
    token = await staff_token(client, f"u-{role}", role, department="330106-GTJ") if role else None

    body = await staff_gql(client, document % "1", token=token)

    if role == allowed:
        assert "errors" not in body and body["data"]["r"]["code"] == "NOT_FOUND"
    else:
        assert body["data"] is None
        assert body["errors"][0]["extensions"]["code"] == (
            "UNAUTHENTICATED" if role is None else "FORBIDDEN_ROLE"
        )


@pytest.mark.parametrize(
    "mutation",
    ["acceptApplication", "rejectApplication", "requestCorrection", "decideTask", "recordDispatch"],
)
async def test_the_role_that_may_act_reaches_only_its_own_region(
    client: httpx.AsyncClient, mutation: str
) -> None:
    citizen = await sign_in(client, "demo-1")
    parent = await ready_house_event(client, citizen)
    await gql(client, SUBMIT, {"id": parent}, citizen)
    allowed, document = MUTATIONS[mutation]
    target = parent
    if mutation == "decideTask":
        clerk = await staff_token(client, "clerk", "window_clerk")
        await staff_gql(client, MUTATIONS["acceptApplication"][1] % parent, token=clerk)
        target = str((await ReviewTask.get(root_id=parent, department_code="330106-GTJ")).id)
    # The same role and department in the neighbouring district (no published matter there is
    # 330106-GTJ's, so the account is moved there after it was made)
    elsewhere = await staff_token(client, "elsewhere", allowed, department="330106-GTJ")
    await StaffMember.filter(username="elsewhere").update(region_code="330108")
    here = await staff_token(client, "here", allowed, department="330106-GTJ")

    other_region = (await staff_gql(client, document % target, token=elsewhere))["data"]["r"]
    own_region = (await staff_gql(client, document % target, token=here))["data"]["r"]

    assert other_region == {"__typename": "BackofficeError", "code": "NOT_FOUND"}
    if mutation == "recordDispatch":  # reached, but nothing completed to send yet
        assert own_region == {"__typename": "BackofficeError", "code": "NOT_READY"}
    else:
        assert own_region["__typename"] in ("StaffApplication", "ReviewTask")
