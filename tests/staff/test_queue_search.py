"""Finding an application in the window's queue (by the applicant's name, a tracking number or
the start of its id) and the queue's counts by status, read in one statement."""

from __future__ import annotations

import httpx
from support import ID_CARD, ID_CARD_ANSWERS, QueryCount, gql, sign_in, staff_gql, staff_token

from backend.applications.service import Application

START = "mutation($c: String!) { startApplication(matterCode: $c) { ... on Application { id } } }"
SAVE = "mutation($id: ID!, $a: JSON!) { saveApplication(id: $id, answers: $a) { __typename } }"
SUBMIT = "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { __typename ... on Application { status } ... on ApplicationError { code errors { path code } } } }"
SEARCH = "query($q: String, $s: String) { windowQueue(search: $q, status: $s) { id } }"
COUNTS = "query($scope: QueueScope!) { windowQueueCounts(scope: $scope) { status count } }"
DEFAULT_COUNTS = "{ windowQueueCounts { status count } }"


async def submitted_id_card(client: httpx.AsyncClient) -> str:
    """陈浩然 (demo-5)'s ID card application, submitted."""
    citizen = await sign_in(client, "demo-5")
    app = (await gql(client, START, {"c": ID_CARD}, citizen))["data"]["startApplication"]["id"]
    await gql(client, SAVE, {"id": app, "a": ID_CARD_ANSWERS}, citizen)
    body = await gql(client, SUBMIT, {"id": app}, citizen)
    assert body["data"]["submitApplication"]["status"] == "SUBMITTED", body
    return str(app)


async def found(
    client: httpx.AsyncClient, token: str, text: str, status: str | None = None
) -> list[str]:
    body = await staff_gql(client, SEARCH, {"q": text, "s": status}, token)
    assert "errors" not in body, body
    return [a["id"] for a in body["data"]["windowQueue"]]


async def test_the_clerk_finds_an_application_by_name_id_prefix_or_tracking_number(
    client: httpx.AsyncClient,
) -> None:
    app = await submitted_id_card(client)
    clerk = await staff_token(client, "clerk-s1", "window_clerk")

    assert await found(client, clerk, "浩然") == [app]
    assert await found(client, clerk, "  陈浩然  ") == [app], "trimmed"
    assert await found(client, clerk, app[:8]) == [app]
    assert await found(client, clerk, app[:8].upper()) == [app]
    assert await found(client, clerk, app) == [app]
    assert await found(client, clerk, "王建国") == []
    assert await found(client, clerk, "ffffffff") == []
    assert await found(client, clerk, "") == [app], "an empty search is no search"
    assert await found(client, clerk, "%") == [], "a LIKE wildcard is a character"
    assert await found(client, clerk, "陈" * 500) == [], "long input is cut, not refused"

    await Application.filter(id=app).update(status="completed", tracking_number="SF1234567890")
    assert await found(client, clerk, "SF1234567890") == []
    assert await found(client, clerk, "SF1234567890", "completed") == [app]


async def test_another_countys_clerk_does_not_find_it(client: httpx.AsyncClient) -> None:
    app = await submitted_id_card(client)
    other = await staff_token(client, "clerk-s2", "window_clerk", region="330102")

    assert await found(client, other, "陈浩然") == []
    assert await found(client, other, app[:8]) == []


async def test_the_counts_by_status_are_one_statement_and_only_my_countys(
    client: httpx.AsyncClient,
) -> None:
    first = await submitted_id_card(client)
    await submitted_id_card(client)
    await Application.filter(id=first).update(status="accepted")
    clerk = await staff_token(client, "clerk-s3", "window_clerk")
    other = await staff_token(client, "clerk-s4", "window_clerk", region="330102")

    with QueryCount() as q:
        body = await staff_gql(client, COUNTS, {"scope": "HERE"}, clerk)
    counts = {c["status"]: c["count"] for c in body["data"]["windowQueueCounts"]}

    assert counts == {"accepted": 1, "submitted": 1}
    grouped = [s for s in q.statements if "GROUP BY" in s.upper()]
    assert len(grouped) == 1
    assert (await staff_gql(client, DEFAULT_COUNTS, token=clerk))["data"] == body["data"]
    assert (await staff_gql(client, DEFAULT_COUNTS, token=other))["data"] == {
        "windowQueueCounts": []
    }
    elsewhere = await staff_gql(client, COUNTS, {"scope": "FOR_ELSEWHERE"}, clerk)
    assert elsewhere["data"] == {"windowQueueCounts": []}


async def test_counts_are_for_window_clerks_only(client: httpx.AsyncClient) -> None:
    reviewer = await staff_token(client, "review-s1", "reviewer", department="330106-GAJ")

    body = await staff_gql(client, DEFAULT_COUNTS, token=reviewer)

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN_ROLE"
    anonymous = await staff_gql(client, DEFAULT_COUNTS)
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_citizens_draft_is_not_the_windows_to_see(client: httpx.AsyncClient) -> None:
    # given 陈浩然's ID card application, written and saved but not sent, beside a sent one
    citizen = await sign_in(client, "demo-5")
    draft = (await gql(client, START, {"c": ID_CARD}, citizen))["data"]["startApplication"]["id"]
    await gql(client, SAVE, {"id": draft, "a": ID_CARD_ANSWERS}, citizen)
    sent = await submitted_id_card(client)
    clerk = await staff_token(client, "clerk-s5", "window_clerk")

    # then the clerk finds the sent one only: not by status, name or id, not in the counts
    assert await found(client, clerk, "", "draft") == []
    assert await found(client, clerk, "陈浩然", "draft") == []
    assert await found(client, clerk, draft[:8], "draft") == []
    counts = await staff_gql(client, COUNTS, {"scope": "HERE"}, clerk)
    assert counts["data"]["windowQueueCounts"] == [{"status": "submitted", "count": 1}]
    read = "query($id: ID!) { staffApplication(id: $id) { id } }"
    assert (await staff_gql(client, read, {"id": draft}, clerk))["data"] == {
        "staffApplication": None
    }
    assert (await staff_gql(client, read, {"id": sent}, clerk))["data"]["staffApplication"]
