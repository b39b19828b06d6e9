"""The workbench's admin screens against the staff API: what they send, at pinned costs.

PINNED: the statements of each operation of configurator/src/workbench/admin/*.graphql, measured
in this file's scenario (tests/api/test_client_round_trips.py checks that every operation the
clients send is pinned somewhere). fast_path_reads: the screens' reads, sent both ways by
tests/api/test_fast_path.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from operation_replay import Replay
from support import ID_CARD, ID_CARD_ANSWERS, staff_token

from backend.appointments import demo
from backend.ratings.models import FollowUp, Rating
from backend.rules.domain import CHINA_TIME
from backend.staff.models import StaffMember

PINNED: dict[str, int] = {
    "configurator/AdminStaffAccounts": 3,
    "configurator/AdminStaffHalls": 2,
    "configurator/AdminCreateStaffMember": 7,
    "configurator/AdminUpdateStaffMember": 9,
    "configurator/AdminDeactivate": 8,
    "configurator/AdminReactivate": 7,
    "configurator/AdminUnlock": 6,
    "configurator/AdminResetPassword": 8,
    "configurator/AdminEndSessions": 7,
    "configurator/AdminFollowUps": 3,
    "configurator/AdminRecordCallback": 9,
    "configurator/AdminRecordRectification": 9,
}


async def fast_path_reads(c: Any) -> None:
    """Every query of the admin screens, sent through both apps (c.send(key, variables, token))."""
    admin = await staff_token(c.client, "admin-ui-1", "county_admin")
    await staff_token(c.client, "admin-ui-clerk", "window_clerk")
    await c.send("configurator/AdminStaffAccounts", {}, admin)
    await c.send("configurator/AdminStaffAccounts", {"role": "WINDOW_CLERK", "active": True}, admin)
    await c.send("configurator/AdminStaffHalls", {}, admin)
    await c.send("configurator/AdminFollowUps", {}, admin)
    await c.send("configurator/AdminFollowUps", {"state": "AWAITING_CALLBACK"}, admin)


async def low_rating(r: Replay) -> None:
    """陈浩然 (demo-5) submits an ID card application and, as the rating page would, rates it
    low: the follow-up the county must call back and rectify (written directly, the rating's own
    costs are pinned with the mini-program's)."""
    signed_in = {"provider": "development", "credential": "demo-5"}
    chen = (await r.send("mini_program/SignIn", signed_in))["signIn"]["token"]
    start = {"code": ID_CARD, "key": "admin-ui-card"}
    draft = (await r.send("mini_program/StartApplication", start, chen))["startApplication"]["id"]
    submit = {"applicationId": draft, "answers": ID_CARD_ANSWERS, "deliveryMode": "express"}
    await r.send("mini_program/SubmitApplication", {"input": submit}, chen)
    rating = await Rating.create(application_id=draft, citizen_id=1, score=1, comment="等太久")
    today = dt.datetime.now(CHINA_TIME).date()
    await FollowUp.create(
        rating=rating,
        region_code="330106",
        callback_due_on=today,
        due_on=today + dt.timedelta(days=21),
    )


async def test_the_administrator_manages_accounts_and_follows_up_a_low_rating_at_pinned_costs(
    replay: Replay,
) -> None:
    r = replay
    admin = await staff_token(r.client, "admin-ui-1", "county_admin")
    await demo.seed_demo_hall()
    await low_rating(r)

    listed = await r.run("configurator/AdminStaffAccounts", {}, admin)
    halls = (await r.run("configurator/AdminStaffHalls", {}, admin))["staffHalls"]
    new = {
        "username": "admin-ui-clerk",
        "name": "新窗口",
        "role": "WINDOW_CLERK",
        "region": "330106",
    }
    created = await r.run("configurator/AdminCreateStaffMember", new, admin)
    who = {"username": "admin-ui-clerk"}
    changed = {**who, "role": "SUPERVISOR", "department": None}
    await r.run("configurator/AdminUpdateStaffMember", changed, admin)
    await r.run("configurator/AdminDeactivate", who, admin)
    await r.run("configurator/AdminReactivate", who, admin)
    await r.run("configurator/AdminUnlock", who, admin)
    reset = await r.run("configurator/AdminResetPassword", who, admin)
    ended = await r.run("configurator/AdminEndSessions", who, admin)
    waiting = {"state": "AWAITING_CALLBACK"}
    [follow_up] = (await r.run("configurator/AdminFollowUps", waiting, admin))["followUpsInState"]
    call = {"id": follow_up["id"], "method": "PHONE", "note": "已致电陈先生"}
    called = await r.run("configurator/AdminRecordCallback", call, admin)
    rectification = {"id": follow_up["id"], "rectification": "已增设窗口，高峰期等待不超过 15 分钟"}
    rectified = await r.run("configurator/AdminRecordRectification", rectification, admin)

    assert listed["me"] == {"username": "admin-ui-1", "regionCode": "330106"}
    assert [a["username"] for a in listed["staffAccounts"]] == ["admin-ui-1"]
    assert halls and all(h["regionCode"].startswith("330106") for h in halls)
    assert created["createStaffMember"]["account"]["mustChangePassword"] is True
    assert reset["resetStaffPassword"]["temporaryPassword"]
    assert ended["endStaffSessions"]["ended"] == 0
    assert follow_up["state"] == "AWAITING_CALLBACK" and follow_up["applicationId"]
    assert called["recordFollowUpCallback"]["state"] == "AWAITING_RECTIFICATION"
    assert rectified["recordFollowUpRectification"]["state"] == "AWAITING_RE_RATING"
    assert (await StaffMember.get(username="admin-ui-clerk")).role == "supervisor"
    assert {k: v for k, v in r.counts.items() if k.startswith("configurator/")} == PINNED
