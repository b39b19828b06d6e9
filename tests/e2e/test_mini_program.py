"""The citizen's mini-program in real Chromium at a phone's size against a real server
(mini_program_stub/e2e/*.e2e.ts): a house transfer by two citizens on two phones (the seller
invites the buyer by share code, each fills in and confirms their own part) watched live while
the departments decide, a daughter acting for her mother until the mother revokes it, one booked
trip for a first ID card, and a correction fixed in elderly mode. Screenshots of every page land
in artifacts/mini-program/."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from browser_support import demo_env, run_journeys, serving
from support import STAFF_PASSWORD, free_port, make_settings

from backend import db
from backend.appointments.demo import seed_demo_hall
from backend.settings import ROOT
from backend.staff import service as staff

CLIENT = ROOT / "mini_program_stub"
ARTIFACTS = ROOT / "artifacts" / "mini-program"
CLERK = "clerk"
REVIEWERS = {"housing": "330106-ZJJ", "land": "330106-GTJ", "tax": "330106-SWJ"}

SIGN_IN = 'mutation($r: String!) { signIn(provider: "development", credential: $r) { ... on Session { token } } }'
MINE = """
{
  myApplications(first: 5) {
    edges { node { id status answers myParty lifeEvent { code } matter { code } rating { score } } }
  }
  myAppointments { status applicationId }
  myWallet { type number holderName status }
}
"""


@pytest.fixture
async def server(
    templates: dict[str, str], tmp_path: Path, registry_server: str
) -> AsyncIterator[tuple[str, dict[str, str]]]:
    """One server process on a copy of the demo database, with the demo service hall, a window
    clerk and a reviewer in each department of the house transfer."""
    database = tmp_path / "mini-program.sqlite3"
    shutil.copyfile(templates["sqlite"], database)
    await db.init(make_settings(f"sqlite://{database}"))
    try:
        await seed_demo_hall()
        await staff.create(CLERK, "西湖区综合窗口", "window_clerk", "330106", None, STAFF_PASSWORD)
        for username, department in REVIEWERS.items():
            await staff.create(username, username, "reviewer", "330106", department, STAFF_PASSWORD)
    finally:
        await db.close()
    port = free_port()  # the stand-in platform's notices of the buyer's payment come back here
    env = demo_env(database, tmp_path, "mini-program")
    env["ZERORUN_PAY_NOTIFY_URL"] = f"http://127.0.0.1:{port}/pay/notify"
    with serving(env, port) as url:
        yield url, env


def mine(client: httpx.Client, resident: str) -> dict[str, Any]:
    token = client.post("/graphql", json={"query": SIGN_IN, "variables": {"r": resident}}).json()
    headers = {"Authorization": f"Bearer {token['data']['signIn']['token']}"}
    body: dict[str, Any] = client.post("/graphql", json={"query": MINE}, headers=headers).json()
    assert "errors" not in body, body
    return body["data"]  # type: ignore[no-any-return]


def test_citizens_apply_watch_book_and_correct_through_the_mini_program(
    server: tuple[str, dict[str, str]],
) -> None:
    url, env = server

    # when: the three citizens' journeys run in Chromium at a phone's size
    run_journeys(
        CLIENT,
        {
            **env,
            "ZERORUN_URL": url,
            "ZERORUN_STAFF_CLERK": CLERK,
            "ZERORUN_STAFF_REVIEWERS": ",".join(REVIEWERS),
            "ZERORUN_STAFF_PASSWORD": STAFF_PASSWORD,
        },
        ARTIFACTS,
    )

    # then: the server holds what the pages showed
    with httpx.Client(base_url=url, timeout=60) as client:
        seller = mine(client, "demo-1")
        buyer = mine(client, "demo-2")
        id_card = mine(client, "demo-5")
        zhang = [e["node"] for e in mine(client, "demo-4")["myApplications"]["edges"]]
    # the card she corrected herself, and the one her daughter started in her name
    [card] = [a for a in zhang if a["status"] != "DRAFT"]
    assert [a["matter"]["code"] for a in zhang if a["status"] == "DRAFT"] == [
        card["matter"]["code"]
    ]
    [house] = [e["node"] for e in seller["myApplications"]["edges"]]
    [bought] = [e["node"] for e in buyer["myApplications"]["edges"]]
    assert house["lifeEvent"]["code"] == "330106-YJS-001"
    assert house["status"] == "COMPLETED" and house["rating"] == {"score": 5}
    assert (house["myParty"], bought["myParty"], bought["id"]) == ("seller", "buyer", house["id"])
    assert "buyer_mobile" not in house["answers"] and "seller_mobile" not in bought["answers"]
    certificates = [w for w in seller["myWallet"] if w["type"] == "real_estate_certificate"]
    assert [w["status"] for w in certificates] == ["cancelled"]
    assert [
        (w["holderName"], w["status"])
        for w in buyer["myWallet"]
        if w["type"] == "real_estate_certificate"
    ] == [("李婷", "current")]
    assert [a["status"] for a in id_card["myAppointments"]] == ["BOOKED"]
    assert card["status"] == "SUBMITTED"
    assert card["answers"]["delivery_address"] == "杭州市西湖区翠苑一区 12 幢 1 单元 301 室"
    assert sorted(p.name for p in ARTIFACTS.glob("*.png"))[:3] == [
        "01-signin.png",
        "02-home.png",
        "03-guide.png",
    ]
