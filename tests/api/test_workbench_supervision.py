"""The workbench's supervision screens against the staff API: what they send, at pinned costs.

PINNED: the statements of each operation of configurator/src/workbench/supervision/*.graphql, measured
in this file's scenario (tests/api/test_client_round_trips.py checks that every operation the
clients send is pinned somewhere). fast_path_reads: the screens' reads, sent both ways by
tests/api/test_fast_path.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from operation_replay import DOCUMENTS, Replay
from support import ID_CARD, ID_CARD_ANSWERS, fees_paid, gql, staff_token

from backend.rules.domain import today_in_china

# The dashboard: the session, how far the summary reaches, every figure but the ratings in one
# statement (summary and live rows read once), the overdue count and list, the ratings. (Nine
# before the summary: a statement per figure and one for the matters' names.)
PINNED: dict[str, int] = {
    "configurator/SupervisionDashboard": 6,
}

DASHBOARD = "configurator/SupervisionDashboard"


def last_30_days() -> dict[str, str]:
    """The screen's default period: the last 30 days, today included (China time)."""
    today = today_in_china()
    return {"from": (today - dt.timedelta(days=29)).isoformat(), "to": today.isoformat()}


async def fast_path_reads(c: Any) -> None:
    """Every query of the supervision screens, sent through both apps (c.send(key, variables, token))."""
    supervisor = await staff_token(c.client, "supervision-ui-fast", "supervisor")
    await c.send(DASHBOARD, last_30_days(), supervisor)
    await c.send(DASHBOARD, {**last_30_days(), "region": "330106"}, supervisor)


async def completed_id_card(r: Replay) -> str:
    """陈浩然 (demo-5) applies for his ID card online for delivery; the window accepts it and the
    department it goes to approves it: completed today, at the one trip his first card costs
    (his fingerprints, in person), as his submission evaluated and kept."""
    body = await r.send("mini_program/SignIn", {"provider": "development", "credential": "demo-5"})
    chen = body["signIn"]["token"]
    start = {"code": ID_CARD, "key": "supervision-card"}
    draft = (await r.send("mini_program/StartApplication", start, chen))["startApplication"]["id"]
    submit = {"applicationId": draft, "answers": ID_CARD_ANSWERS, "deliveryMode": "express"}
    await r.send("mini_program/SubmitApplication", {"input": submit}, chen)
    clerk = await staff_token(r.client, "supervision-ui-clerk", "window_clerk")
    accepted = (await r.send("staff/AcceptApplication", {"id": draft}, clerk))["acceptApplication"]
    await fees_paid(r.client, draft)  # his card's 20 yuan, at the window he visits anyway
    decision = {"approve": True, "opinion": "材料齐全，符合条件"}
    for n, task in enumerate(accepted["tasks"]):
        department = task["departmentCode"]
        reviewer = await staff_token(
            r.client, f"supervision-ui-reviewer-{n}", "reviewer", department=department
        )
        await r.send("staff/DecideTask", {"taskId": task["id"], **decision}, reviewer)
    return str(draft)


async def test_the_supervisor_sees_todays_completed_application_at_the_pinned_costs(
    replay: Replay,
) -> None:
    r = replay
    await completed_id_card(r)
    supervisor = await staff_token(r.client, "supervision-ui-1", "supervisor")

    body = await r.run(DASHBOARD, last_30_days(), supervisor)

    d = body["supervisionDashboard"]
    assert d["regionCode"] == "330106"
    assert len(d["daily"]) == 30
    assert d["daily"][-1] == {"day": today_in_china().isoformat(), "received": 1, "completed": 1}
    total = d["total"]
    assert (total["applications"], total["completed"]) == (1, 1)
    assert (total["zeroRunShare"], total["oneRunShare"]) == (0.0, 1.0)
    assert [m["code"] for m in d["byMatter"]] == [ID_CARD]
    assert d["byMatter"][0]["oneRunShare"] == 1.0
    assert [g["applications"] for g in d["byDepartment"]] == [1]
    assert d["overdue"] == 0 and d["overdueItems"] == []
    assert d["ratings"]["count"] == 0 and d["ratings"]["badShare"] is None
    assert r.counts == PINNED


async def refused(r: Replay, token: str, variables: dict[str, Any]) -> dict[str, Any]:
    body = await gql(r.client, DOCUMENTS[DASHBOARD], variables, token, "/staff/graphql")
    assert "errors" not in body, body
    answer: dict[str, Any] = body["data"]["supervisionDashboard"]
    assert answer["__typename"] == "BackofficeError", answer
    return answer


async def test_the_screen_shows_why_a_period_or_region_is_refused(replay: Replay) -> None:
    r = replay
    supervisor = await staff_token(r.client, "supervision-ui-2", "supervisor")
    today = today_in_china()

    backwards = {"from": today.isoformat(), "to": (today - dt.timedelta(days=1)).isoformat()}
    answer = await refused(r, supervisor, backwards)
    assert [e["path"] for e in answer["errors"]] == ["/to"]
    assert answer["errors"][0]["message"]["zh"]

    too_long = {"from": (today - dt.timedelta(days=366)).isoformat(), "to": today.isoformat()}
    assert [e["path"] for e in (await refused(r, supervisor, too_long))["errors"]] == ["/to"]

    elsewhere = {**last_30_days(), "region": "330102"}
    answer = await refused(r, supervisor, elsewhere)
    assert (answer["code"], [e["path"] for e in answer["errors"]]) == ("NOT_FOUND", ["/region"])

    not_a_code = {**last_30_days(), "region": "xihu"}
    assert [e["path"] for e in (await refused(r, supervisor, not_a_code))["errors"]] == ["/region"]


async def test_other_roles_cannot_open_the_dashboard(replay: Replay) -> None:
    r = replay
    clerk = await staff_token(r.client, "supervision-ui-3", "window_clerk")
    body = await gql(r.client, DOCUMENTS[DASHBOARD], last_30_days(), clerk, "/staff/graphql")
    assert body["data"] is None or body["data"].get("supervisionDashboard") is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN_ROLE"
