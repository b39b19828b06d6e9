"""An agent (代办员) files for a citizen present with them: the citizen's consent by a one-time
code sent to the mobile on record for them (through the notice gateway, here its stand-in on
loopback), or by a signed paper consent scanned into the file store; then the agent works on the
citizen endpoint with a token acting for them, and the citizen sees every step."""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from notifications.notices_support import TOKEN, CountingGateway, serving
from support import (
    PDF,
    Registry,
    app_client,
    free_port,
    gql,
    make_settings,
    sign_in,
    staff_gql,
    staff_token,
    zerorun,
)

from backend.applications.service import Application
from backend.appointments.service import ServiceHall
from backend.backoffice.models import AuditEntry
from backend.files.service import LocalFileStore
from backend.settings import Settings
from backend.staff.service import StaffMember

HALL = "翠苑街道便民服务中心"
MOTHER_ID = "330106195209180229"  # 张秀英 (demo-4), mobile on record 13605710004
WANG_ID = "330106196803120311"  # 王建国 (demo-1), mobile on record 13857100001
SEND = """
mutation Send($rid: String!, $name: String!) {
  sendConsentCode(residentId: $rid, name: $name) {
    __typename
    ... on ConsentCodeSent { sentTo expiresAt }
    ... on AgentError { code message { zh } errors { path code } }
  }
}
"""
START = """
mutation Start($rid: String!, $name: String!, $consent: ConsentInput!) {
  startAssistedFiling(residentId: $rid, name: $name, consent: $consent) {
    __typename
    ... on AssistedFiling { token citizenName expiresAt }
    ... on AgentError { code message { zh } errors { path code } }
  }
}
"""
ME = "{ me { name actingFor { basis agentName banner { zh } } } }"
START_APPLICATION = 'mutation { startApplication(matterCode: "330106-ZJ-006") { __typename ... on Application { id timeline { actedBy } } } }'
SCAN = "mutation($file: Upload!) { uploadPaperConsent(file: $file) { __typename ... on PaperConsent { fileKey filename size } ... on AgentError { code errors { path code } } } }"
IN_MY_NAME = "{ actionsInMyName { kind actor } }"
LEDGER = "{ authorisations { id basis agentName mine } }"
REVOKE = "mutation($id: ID!) { revokeAuthorisation(id: $id) { ... on Authorisation { inForce } } }"
ASSISTED = "{ assistedSteps { applicationId kind principalName } }"


@pytest.fixture
def gateway() -> Iterator[tuple[CountingGateway, str]]:
    counting = CountingGateway()
    with serving(counting, free_port()) as url:
        yield counting, url


@pytest.fixture
async def client(
    database_url: str, registry: Registry, gateway: tuple[CountingGateway, str]
) -> AsyncIterator[httpx.AsyncClient]:
    """The app sending text messages through the gateway's stand-in."""
    settings = make_settings(
        database_url, notify_url=gateway[1], notify_token=TOKEN, notify_adapter="sms"
    )
    async with app_client(settings) as c:
        yield c


async def send(client: httpx.AsyncClient, agent: str, rid: str, name: str) -> dict[str, Any]:
    body = await staff_gql(client, SEND, {"rid": rid, "name": name}, agent)
    result: dict[str, Any] = body["data"]["sendConsentCode"] if body["data"] else body
    return result


async def start(
    client: httpx.AsyncClient, agent: str, rid: str, name: str, **consent: str
) -> dict[str, Any]:
    variables = {"rid": rid, "name": name, "consent": consent}
    result: dict[str, Any] = (await staff_gql(client, START, variables, agent))["data"][
        "startAssistedFiling"
    ]
    return result


def last_code(gateway: CountingGateway, phone: str) -> str:
    sent = [body for _, body in gateway.accepted if body.get("phone") == phone]
    found = re.search(r"验证码 (\d{6})", str(sent[-1]["content"]))
    assert found is not None
    return found.group(1)


async def test_an_agent_files_for_a_citizen_who_reads_out_the_code_sent_to_her_own_mobile(
    client: httpx.AsyncClient, gateway: tuple[CountingGateway, str]
) -> None:
    mother = await sign_in(client, "demo-4")  # she is on record, with her verified mobile
    agent = await staff_token(client, "cuiyuan-agent", "agent")
    hall = await ServiceHall.create(
        region_code="330106004", name={"zh": HALL, "en": "Cuiyuan"}, address={"zh": "", "en": ""}
    )
    await StaffMember.filter(username="cuiyuan-agent").update(hall_id=hall.id)

    sent = await send(client, agent, MOTHER_ID, "张秀英")
    assert (sent["__typename"], sent["sentTo"]) == ("ConsentCodeSent", "136****0004")
    code = last_code(gateway[0], "13605710004")
    wrong = await start(
        client,
        agent,
        MOTHER_ID,
        "张秀英",
        method="sms_code",
        code="000000" if code != "000000" else "111111",
    )
    assert wrong["code"] == "CODE_WRONG"
    filing = await start(client, agent, MOTHER_ID, "张秀英", method="sms_code", code=code)
    assert filing["citizenName"] == "张秀英"

    acting = filing["token"]
    me = (await gql(client, ME, token=acting))["data"]["me"]
    assert me["actingFor"] == {
        "basis": "agent",
        "agentName": f"{HALL} 代办员 cuiyuan-agent",
        "banner": {"zh": "您正在为 张秀英 代办"},
    }
    started = (await gql(client, START_APPLICATION, token=acting))["data"]["startApplication"]
    assert started["timeline"] == [{"actedBy": f"{HALL} 代办员 cuiyuan-agent"}]
    assert (await Application.get(id=started["id"])).channel == "agent"
    own = (await gql(client, START_APPLICATION, token=mother))["data"]["startApplication"]
    assert (await Application.get(id=own["id"])).channel == "online"  # hers, the same matter
    steps = (await gql(client, IN_MY_NAME, token=mother))["data"]["actionsInMyName"]
    assert steps == [{"kind": "started", "actor": f"{HALL} 代办员 cuiyuan-agent"}]
    mine = (await staff_gql(client, ASSISTED, token=agent))["data"]["assistedSteps"]
    assert mine == [{"applicationId": started["id"], "kind": "started", "principalName": "张**"}]
    again = await start(client, agent, MOTHER_ID, "张秀英", method="sms_code", code=code)
    assert again["code"] == "CODE_EXPIRED"  # used once
    [entry] = await AuditEntry.filter(action="representation.assisted")
    assert (entry.actor, entry.after["consent"]) == ("staff:cuiyuan-agent", "sms_code")

    [filed] = (await gql(client, LEDGER, token=mother))["data"]["authorisations"]
    assert (filed["basis"], filed["agentName"], filed["mine"]) == (
        "agent",
        f"{HALL} 代办员 cuiyuan-agent",
        True,
    )
    ended = await gql(client, REVOKE, {"id": filed["id"]}, mother)  # she stops the filing
    assert ended["data"]["revokeAuthorisation"]["inForce"] is False
    assert (await gql(client, ME, token=acting))["data"]["me"] is None


async def test_five_wrong_codes_lock_even_the_right_one(
    client: httpx.AsyncClient, gateway: tuple[CountingGateway, str]
) -> None:
    await sign_in(client, "demo-1")
    agent = await staff_token(client, "cuiyuan-agent", "agent")
    await send(client, agent, WANG_ID, "王建国")
    code = last_code(gateway[0], "13857100001")
    wrong = "000000" if code != "000000" else "111111"

    answers = [
        (await start(client, agent, WANG_ID, "王建国", method="sms_code", code=wrong))["code"]
        for _ in range(5)
    ]
    right = await start(client, agent, WANG_ID, "王建国", method="sms_code", code=code)

    assert answers == ["CODE_WRONG"] * 4 + ["LOCKED"]
    assert right["code"] == "LOCKED"


async def test_codes_go_only_to_a_mobile_on_record_and_at_most_three_an_hour(
    client: httpx.AsyncClient, gateway: tuple[CountingGateway, str]
) -> None:
    await sign_in(client, "demo-1")
    agent = await staff_token(client, "cuiyuan-agent", "agent")

    unknown = await send(client, agent, "330106197905160028", "李萍")  # never signed in
    mismatch = await send(client, agent, WANG_ID, "王健国")
    sends = [(await send(client, agent, WANG_ID, "王建国"))["__typename"] for _ in range(4)]

    assert unknown["code"] == mismatch["code"] == "NO_MOBILE_ON_RECORD"
    assert sends[:3] == ["ConsentCodeSent"] * 3
    assert (await send(client, agent, WANG_ID, "王建国"))["code"] == "RATE_LIMITED"
    assert len([b for _, b in gateway[0].accepted if b["phone"] == "13857100001"]) == 3


async def scan(client: httpx.AsyncClient, token: str, content: bytes = PDF) -> dict[str, Any]:
    """The agent's upload of a signed paper consent (multipart, as the browser sends it)."""
    operations = {"query": SCAN, "variables": {"file": None}}
    response = await client.post(
        "/staff/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": ("授权委托书.pdf", content, "application/octet-stream")},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()["data"]["uploadPaperConsent"]
    return result


async def test_a_signed_paper_consent_the_agent_scanned_starts_the_filing(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    agent = await staff_token(client, "cuiyuan-agent", "agent")
    other = await staff_token(client, "sandun-agent-2", "agent")

    scanned = await scan(client, agent)
    not_a_scan = await scan(client, agent, "我同意".encode())
    missing = await start(
        client, agent, "330106197905160028", "李萍", method="paper", fileKey="nope"
    )
    key = scanned["fileKey"]
    not_theirs = await start(
        client, other, "330106197905160028", "李萍", method="paper", fileKey=key
    )

    async def stored() -> AsyncIterator[bytes]:  # a citizen's file: in the store, not a scan
        yield PDF + b"\n% a citizen's upload"

    citizens_file = await LocalFileStore(settings.files_dir).put(stored())
    smuggled = await start(
        client, agent, "330106197905160028", "李萍", method="paper", fileKey=citizens_file
    )
    filing = await start(client, agent, "330106197905160028", "李萍", method="paper", fileKey=key)

    assert (scanned["__typename"], scanned["filename"]) == ("PaperConsent", "授权委托书.pdf")
    assert (not_a_scan["code"], not_a_scan["errors"]) == (
        "INVALID_INPUT",
        [{"path": "/file", "code": "type_not_allowed"}],
    )
    for refused in (missing, not_theirs, smuggled):
        assert (refused["code"], refused["errors"]) == (
            "FILE_NOT_FOUND",
            [{"path": "/consent/fileKey", "code": "FILE_NOT_FOUND"}],
        )
    assert filing["citizenName"] == "李萍"  # registered by resident ID: she never signed in


async def test_only_agents_send_codes_or_file_for_citizens(client: httpx.AsyncClient) -> None:
    clerk = await staff_token(client, "xihu-clerk", "window_clerk")

    body = await staff_gql(client, SEND, {"rid": MOTHER_ID, "name": "张秀英"}, clerk)

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN_ROLE"


def test_the_cli_creates_an_agent_account(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "ZERORUN_ENV": "development",
        "DATABASE_URL": f"sqlite://{tmp_path / 'agents.sqlite3'}",
    }
    run = functools.partial(zerorun, env=env)
    assert run("migrate").returncode == 0
    assert run("catalog", "load").returncode == 0

    create = ("staff", "create", "cuiyuan-agent", "--name", "翠苑代办员", "--role", "agent")
    created = run(*create, "--region", "330106", stdin="correct horse battery staple\n")

    assert created.returncode == 0, created.stderr
    assert run("staff", "list").stdout.split("\t")[:3] == ["cuiyuan-agent", "agent", "330106"]


async def test_deactivating_an_agent_ends_the_filings_they_were_doing_for_citizens(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    agent = await staff_token(client, "cuiyuan-agent", "agent")
    admin = await staff_token(client, "xihu-admin-2", "county_admin")

    key = (await scan(client, agent))["fileKey"]
    filing = await start(client, agent, MOTHER_ID, "张秀英", method="paper", fileKey=key)
    assert (await gql(client, ME, token=filing["token"]))["data"]["me"]["name"] == "张秀英"

    deactivate = 'mutation { deactivateStaffMember(username: "cuiyuan-agent") { __typename } }'
    assert "errors" not in await staff_gql(client, deactivate, token=admin)

    assert (await gql(client, ME, token=filing["token"]))["data"]["me"] is None


async def test_a_gateway_that_refuses_the_text_leaves_the_agent_a_clear_answer(
    client: httpx.AsyncClient, gateway: tuple[CountingGateway, str]
) -> None:
    await sign_in(client, "demo-1")
    agent = await staff_token(client, "cuiyuan-agent", "agent")
    gateway[0].failures = 1  # the gateway answers 503 once

    refused = await send(client, agent, WANG_ID, "王建国")
    sent = await send(client, agent, WANG_ID, "王建国")

    assert refused["code"] == "NOT_SENT" and "纸质授权书" in refused["message"]["zh"]
    assert sent["__typename"] == "ConsentCodeSent"
