"""Nearby and elsewhere (就近办, 异地可办): a township hall receives for its county and hands the
result over; another county's hall receives for Xihu and only sees what it received; the
county's window accepts both."""

from __future__ import annotations

import functools
import os
import sqlite3
from pathlib import Path
from typing import Any

import httpx
import pytest
from support import REGISTRY_TOKEN, gql, make_settings, staff_gql, staff_token, zerorun
from test_walk_in import CARD, CONFIRM, SUBMIT, ZHANG, filled, start

from backend.applications.models import Application
from backend.appointments.service import seed_demo_hall, seed_receiving_halls
from backend.backoffice.models import AuditEntry
from backend.settings import Settings
from backend.staff import service as staff

WANG = ("330106196803120311", "王建国")
PASSWORD = "correct horse battery staple"
SIGN_IN = "mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { ... on StaffSession { token } } }"
QUEUE = """
query($scope: QueueScope!, $status: String) {
  windowQueue(scope: $scope, status: $status) { id channel receivedAt { name { zh } } pickupAt { name { zh } } }
}
"""
ACCEPT = "mutation($id: ID!) { r: acceptApplication(id: $id) { __typename ... on StaffApplication { status } ... on BackofficeError { code } } }"
REJECT = 'mutation($id: ID!) { r: rejectApplication(id: $id, reason: "x", legalBasis: "y") { __typename ... on BackofficeError { code } } }'
HANDOVER = "mutation($id: ID!) { r: recordHandover(id: $id) { __typename ... on StaffApplication { handedOverAt } ... on BackofficeError { code } } }"
TASKS = "{ reviewQueue { id } }"
DECIDE = 'mutation($id: ID!) { r: decideTask(taskId: $id, approve: true, opinion: "符合条件") { ... on ReviewTask { status } } }'
TIMELINE = "query($id: ID!) { application(id: $id) { status timeline { kind message { zh } } } }"


@pytest.fixture
def settings(database_url: str, registry_server: str) -> Settings:
    return make_settings(database_url, identity_url=registry_server, identity_token=REGISTRY_TOKEN)


async def halls_and_clerks(client: httpx.AsyncClient) -> dict[str, str]:
    """Tokens of Xihu's window clerk (county hall), the township hall's clerk (Xihu staff at
    三墩镇便民服务中心) and Shangcheng's clerk (上城区政务服务中心)."""
    county = await seed_demo_hall()
    receiving = await seed_receiving_halls()
    clerks = {
        "county": ("330106", county.id),
        "township": ("330106", receiving["township"].id),
        "other": ("330102", receiving["other_county"].id),
    }
    tokens = {}
    for name, (region, hall) in clerks.items():
        await staff.create(name, name, "window_clerk", region, None, PASSWORD, hall=hall)
        body = await staff_gql(client, SIGN_IN, {"u": name, "p": PASSWORD})
        tokens[name] = str(body["data"]["signIn"]["token"])
    return tokens


async def filed(client: httpx.AsyncClient, clerk: str, who: tuple[str, str]) -> dict[str, Any]:
    """A walk-in's card application filed at the clerk's hall, confirmed, collected there."""
    walk_in = await start(client, clerk, who, CARD)
    app = await filled(client, walk_in)
    await staff_gql(client, CONFIRM, {"id": app, "m": "signature"}, clerk)
    body = await gql(client, SUBMIT, {"id": app, "mode": "pickup"}, walk_in["token"])
    assert body["data"]["submitApplication"]["status"] == "SUBMITTED", body
    return walk_in


async def ids(
    client: httpx.AsyncClient, token: str, scope: str, status: str | None = None
) -> list[str]:
    body = await staff_gql(client, QUEUE, {"scope": scope, "status": status}, token)
    return [a["id"] for a in body["data"]["windowQueue"]]


async def test_a_township_hall_receives_for_its_county_and_hands_the_result_over(
    client: httpx.AsyncClient,
) -> None:
    clerks = await halls_and_clerks(client)
    walk_in = await filed(client, clerks["township"], ZHANG)
    app = walk_in["applicationId"]

    arrived = (await staff_gql(client, QUEUE, {"scope": "FROM_ELSEWHERE"}, clerks["county"]))[
        "data"
    ]
    accepted = (await staff_gql(client, ACCEPT, {"id": app}, clerks["county"]))["data"]["r"]
    reviewer = await staff_token(client, "rsj", "reviewer", department="330106-RSJ")
    [task] = (await staff_gql(client, TASKS, token=reviewer))["data"]["reviewQueue"]
    approved = (await staff_gql(client, DECIDE, {"id": task["id"]}, reviewer))["data"]["r"]
    elsewhere = (await staff_gql(client, HANDOVER, {"id": app}, clerks["other"]))["data"]["r"]
    county = (await staff_gql(client, HANDOVER, {"id": app}, clerks["county"]))["data"]["r"]
    handed = (await staff_gql(client, HANDOVER, {"id": app}, clerks["township"]))["data"]["r"]
    again = (await staff_gql(client, HANDOVER, {"id": app}, clerks["township"]))["data"]["r"]
    seen = (await gql(client, TIMELINE, {"id": app}, walk_in["token"]))["data"]["application"]

    assert {
        "id": app,
        "channel": "window",
        "receivedAt": {"name": {"zh": "三墩镇便民服务中心"}},
        "pickupAt": {"name": {"zh": "三墩镇便民服务中心"}},
    } in arrived["windowQueue"]
    assert accepted == {"__typename": "StaffApplication", "status": "accepted"}
    assert approved == {"status": "approved"} and seen["status"] == "COMPLETED"
    assert elsewhere["code"] == county["code"] == "NOT_FOUND"
    assert handed["__typename"] == "StaffApplication" and handed["handedOverAt"]
    assert again["code"] == "NOT_READY"
    assert seen["timeline"][-1] == {
        "kind": "handed_over",
        "message": {"zh": "办理结果已在三墩镇便民服务中心交付本人。"},
    }
    audit = await AuditEntry.filter(subject_id=app, action="handed_over").values_list(
        "actor", flat=True
    )
    assert audit == ["staff:township"]


async def test_another_countys_hall_receives_for_xihu_and_only_xihu_decides(
    client: httpx.AsyncClient,
) -> None:
    clerks = await halls_and_clerks(client)
    app = (await filed(client, clerks["other"], WANG))["applicationId"]

    other = {
        s: await ids(client, clerks["other"], s)
        for s in ("HERE", "FOR_ELSEWHERE", "FROM_ELSEWHERE")
    }
    xihu = {
        s: await ids(client, clerks["county"], s)
        for s in ("HERE", "FOR_ELSEWHERE", "FROM_ELSEWHERE")
    }
    township = await ids(client, clerks["township"], "FROM_ELSEWHERE")
    refused = [
        (await staff_gql(client, doc, {"id": app}, clerks["other"]))["data"]["r"]["code"]
        for doc in (ACCEPT, REJECT)
    ]
    accepted = (await staff_gql(client, ACCEPT, {"id": app}, clerks["county"]))["data"]["r"]

    assert other == {"HERE": [], "FOR_ELSEWHERE": [app], "FROM_ELSEWHERE": []}
    assert xihu == {"HERE": [app], "FOR_ELSEWHERE": [], "FROM_ELSEWHERE": [app]}
    assert township == [app]  # received at another hall than the township's own
    assert refused == ["NOT_COMPETENT", "NOT_COMPETENT"]
    assert accepted["status"] == "accepted"
    row = await Application.get(id=app)
    assert row.region_code == "330106" and row.received_hall_id == row.pickup_hall_id


async def test_a_clerk_without_a_hall_cannot_receive_another_countys_matter(
    client: httpx.AsyncClient,
) -> None:
    await staff.create("hall-less", "窗口", "window_clerk", "330102", None, PASSWORD)
    token = str(
        (await staff_gql(client, SIGN_IN, {"u": "hall-less", "p": PASSWORD}))["data"]["signIn"][
            "token"
        ]
    )

    refused = await start(client, token, ZHANG, CARD)

    assert refused["code"] == "NOT_COMPETENT"
    assert not await Application.exists(channel="window")
    assert await ids(client, token, "FOR_ELSEWHERE") == []  # no hall: nothing received there
    assert await ids(client, token, "FROM_ELSEWHERE") == []


async def test_a_walk_in_at_the_countys_own_hall_records_no_receiving_hall(
    client: httpx.AsyncClient,
) -> None:
    clerks = await halls_and_clerks(client)
    app = (await start(client, clerks["county"], ZHANG, CARD))["applicationId"]

    row = await Application.get(id=app)
    assert (row.received_hall_id, row.pickup_hall_id) == (None, None)
    assert await ids(client, clerks["county"], "FROM_ELSEWHERE", "draft") == []
    assert await ids(client, clerks["county"], "HERE", "draft") == [app]


def test_the_demo_seed_makes_the_receiving_halls_and_their_clerks_and_the_cli_puts_staff_at_a_hall(
    tmp_path: Path,
) -> None:
    env = {
        **os.environ,
        "ZERORUN_ENV": "development",
        "DATABASE_URL": f"sqlite://{tmp_path / 'halls.sqlite3'}",
    }
    run = functools.partial(zerorun, env=env)
    assert run("migrate").returncode == 0
    assert run("catalog", "load").returncode == 0

    seeded = run("demo-seed")
    halls = {
        line.split("\t")[1]: line.split("\t")[0]
        for line in run("staff", "halls").stdout.splitlines()
    }
    create = ("staff", "create", "sandun-2", "--name", "窗口", "--role", "window_clerk")
    at_township = run(
        *create, "--region", "330106", "--hall", halls["330106109"], stdin=PASSWORD + "\n"
    )
    elsewhere = ("staff", "create", "sandun-3", "--name", "窗口", "--role", "window_clerk")
    wrong_hall = run(
        *elsewhere, "--region", "330106", "--hall", halls["330102"], stdin=PASSWORD + "\n"
    )

    assert seeded.returncode == 0 and "sandun-window" in seeded.stderr
    assert set(halls) == {"330106", "330106109", "330102"}
    assert at_township.returncode == 0, at_township.stderr
    assert wrong_hall.returncode == 1 and wrong_hall.stderr.strip().count("\n") == 0
    assert f"hall {halls['330102']} is not a hall in 330106" in wrong_hall.stderr
    placed = dict(
        sqlite3.connect(tmp_path / "halls.sqlite3").execute(
            "SELECT username, hall_id FROM staff_member WHERE hall_id IS NOT NULL"
        )
    )
    assert placed == {
        "xihu-window": int(halls["330106"]),
        "sandun-window": int(halls["330106109"]),
        "sandun-agent": int(halls["330106109"]),
        "shangcheng-window": int(halls["330102"]),
        "sandun-2": int(halls["330106109"]),
    }
