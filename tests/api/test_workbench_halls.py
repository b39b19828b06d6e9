"""The workbench's halls screen (大厅与号源) against the staff API: what it sends, at pinned costs.

PINNED: the statements of each operation of configurator/src/workbench/halls/*.graphql, measured
in this file's scenario (tests/api/test_client_round_trips.py checks that every operation the
clients send is pinned somewhere). fast_path_reads: the screen's reads, sent both ways by
tests/api/test_fast_path.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from operation_replay import Replay
from support import staff_token

from backend.accounts.service import SHANGHAI
from backend.appointments import demo

PINNED: dict[str, int] = {
    "configurator/HallsManaged": 4,
    "configurator/HallsDays": 4,
    "configurator/HallsSave": 5,
    "configurator/HallsSaveWindow": 5,
    "configurator/HallsAddClosure": 11,
    "configurator/HallsRemoveClosure": 5,
    "configurator/HallsPublish": 8,
}
HOURS = [{"weekday": d, "opens": "09:00", "closes": "11:00"} for d in range(1, 8)]


async def fast_path_reads(c: Any) -> None:
    """Every query of the halls screen, sent through both apps (c.send(key, variables, token))."""
    admin = await staff_token(c.client, "halls-ui-1", "county_admin")
    hall = await demo.seed_demo_hall()
    await c.send("configurator/HallsManaged", {}, admin)
    await c.send("configurator/HallsDays", {"hallId": str(hall.id)}, admin)


async def test_the_administrator_sets_hours_adds_a_window_closes_a_day_and_publishes_at_pinned_costs(
    replay: Replay,
) -> None:
    r = replay
    admin = await staff_token(r.client, "halls-ui-1", "county_admin")
    await demo.seed_demo_hall()
    today = dt.datetime.now(SHANGHAI).date()
    week = [(today + dt.timedelta(days=n)).isoformat() for n in range(1, 8)]

    [hall] = (await r.run("configurator/HallsManaged", {}, admin))["managedHalls"]
    saved = {
        "hallId": hall["id"],
        "name": hall["name"],
        "address": hall["address"],
        "regionCode": hall["regionCode"],
        "openingHours": HOURS,
    }
    await r.run("configurator/HallsSave", saved, admin)
    window = {
        "hallId": hall["id"],
        "name": {"zh": "3 号窗口", "en": "Window 3"},
        "slotMinutes": 60,
        "capacity": 2,
        "active": True,
    }
    added = (await r.run("configurator/HallsSaveWindow", window, admin))["saveHallWindow"]
    closure = {"hallId": hall["id"], "day": week[0], "reason": "设备检修", "confirm": False}
    closed = (await r.run("configurator/HallsAddClosure", closure, admin))["addHallClosure"]
    published = await r.run(
        "configurator/HallsPublish", {"hallId": hall["id"], "from": week[0], "to": week[-1]}, admin
    )
    days = (await r.run("configurator/HallsDays", {"hallId": hall["id"]}, admin))["hallDays"]
    [listed] = (await r.send("configurator/HallsManaged", {}, admin))["managedHalls"]
    reopened = await r.run(
        "configurator/HallsRemoveClosure", {"closureId": listed["closures"][0]["id"]}, admin
    )

    assert added["__typename"] == "HallWindow"
    assert closed == {"__typename": "HallClosed", "cancelledBookings": 0}
    assert published["publishHallSlots"]["created"] > 0
    by_day = {d["day"]: d for d in days}
    assert by_day[week[0]]["closed"] is True
    assert [w["name"]["zh"] for w in listed["windows"]][-1] == "3 号窗口"
    assert reopened["removeHallClosure"]["__typename"] == "HallClosure"
    assert {k: v for k, v in r.counts.items() if k.startswith("configurator/")} == PINNED
