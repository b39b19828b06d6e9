"""The workbench's screens of issue 19 against the staff API, at pinned costs: the window takes
the fees (窗口缴费), a reviewer pauses and resumes a task's clock and checks a sampled automatic
decision (秒批抽查), the finance office reads the day's reconciliation (对账); and the
mini-program's pay button (payFees), whose order the window then takes instead.

PINNED: the statements of each operation of those screens not pinned with their screen's others
(configurator/src/workbench/{clerk,review,finance}/*.graphql, and PayFees of the mini-program,
which needs the payment platform), measured in this file's scenario (tests/api/
test_client_round_trips.py checks that every operation the clients send is pinned somewhere).
fast_path_reads: the screens' reads, sent both ways by tests/api/test_fast_path.py."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import pytest
from operation_replay import DOCUMENTS, Replay, replaying
from support import REGISTRY_TOKEN, consent_to_everything, gql, sign_in, staff_token
from test_workbench_review import HOUSING, accepted_house_transfer

from backend.backoffice.models import ReviewTask
from backend.catalog.models import MatterVersion
from backend.catalog.service import content_hash
from backend.rules.domain import CHINA_TIME
from backend.settings import DEV_PAY_PUBLIC_KEY, Settings

PINNED: dict[str, int] = {
    "configurator/ClerkRecordWindowPayment": 18,  # the order opened online, paid here instead
    "configurator/ReviewSuspendTask": 9,
    "configurator/ReviewResumeTask": 19,  # the working days paused, both deadlines moved
    "configurator/ReviewAutomaticChecks": 2,
    "configurator/ReviewRecordCheck": 6,
    "configurator/FinanceReconciliation": 2,
    "mini_program/PayFees": 13,
}

CARD = "330106-ZJ-006"  # the social security card: decided by its rules (秒批)
CARD_DEPARTMENT = "330106-RSJ"
START = "mutation($c: String!) { startApplication(matterCode: $c) { ... on Application { id } } }"
SAVE = "mutation($id: ID!, $a: JSON!, $s: JSON) { saveApplication(id: $id, answers: $a, situation: $s) { __typename } }"
SUBMIT = "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { ... on Application { status } } }"


@pytest.fixture
async def paying(settings: Settings, registry_server: str) -> AsyncIterator[Replay]:
    """The clients' operations replayed against the app with online payment on (the stand-in)."""
    mine = replace(
        settings,
        pay_url=registry_server,
        pay_token=REGISTRY_TOKEN,
        pay_mchid="m" + uuid.uuid4().hex[:12],
        pay_public_key=DEV_PAY_PUBLIC_KEY,
    )
    async with replaying(mine) as r:
        yield r


async def fast_path_reads(c: Any) -> None:
    """Every query of these screens, sent through both apps (c.send(key, variables, token))."""
    checker = await staff_token(
        c.client, "fees-ui-fast-rss", "reviewer", department=CARD_DEPARTMENT
    )
    supervisor = await staff_token(c.client, "fees-ui-fast-sup", "supervisor")
    await c.send("configurator/ReviewAutomaticChecks", {"checked": False}, checker)
    # online payment is off in both apps: the report is refused alike (NOT_READY), not sent by c.send
    body = {
        "query": DOCUMENTS["configurator/FinanceReconciliation"],
        "variables": {"day": dt.datetime.now(CHINA_TIME).date().isoformat()},
    }
    headers = {"Authorization": f"Bearer {supervisor}"}
    answer = (await c.client.post("/staff/graphql", json=body, headers=headers)).json()
    assert answer["data"]["paymentReconciliation"]["code"] == "NOT_READY", answer


async def every_decision_checked() -> None:
    """The card's published version samples every automatic decision (the demo: 10 %)."""
    version = await MatterVersion.filter(matter__code=CARD).order_by("-number").first()
    assert version is not None
    definition = {**version.definition, "automatic": {"sample_rate": 1.0}}
    await MatterVersion.filter(id=version.id).update(
        definition=definition, content_hash=content_hash(definition)
    )


async def test_the_window_the_reviewer_and_the_finance_office_work_at_the_pinned_costs(
    paying: Replay,
) -> None:
    r = paying
    clerk = await staff_token(r.client, "fees-ui-clerk", "window_clerk")
    parent = await accepted_house_transfer(r.client, clerk)
    reviewer = await staff_token(r.client, "fees-ui-rev", "reviewer", department=HOUSING)
    task = await ReviewTask.get(root_id=parent, department_code=HOUSING)
    await every_decision_checked()
    zhao = await sign_in(r.client, "demo-3")  # 赵敏: her photo from the population registry
    card = (await gql(r.client, START, {"c": CARD}, zhao))["data"]["startApplication"]["id"]
    await gql(
        r.client, SAVE, {"id": card, "a": {"ssc_bank": "icbc"}, "s": {"card_for": "self"}}, zhao
    )
    await consent_to_everything(r.client, zhao, card)
    decided = await gql(r.client, SUBMIT, {"id": card}, zhao)
    checker = await staff_token(r.client, "fees-ui-rss", "reviewer", department=CARD_DEPARTMENT)
    supervisor = await staff_token(r.client, "fees-ui-sup", "supervisor")

    buyer = await sign_in(r.client, "demo-2")  # 李婷 opens the order, then pays at the window
    order = await r.run("mini_program/PayFees", {"applicationId": parent}, buyer)
    paid = await r.run("configurator/ClerkRecordWindowPayment", {"id": parent}, clerk)
    pause = {"taskId": str(task.id), "kind": "EXPERT_REVIEW", "reason": "专家评审房屋面积"}
    paused = await r.run("configurator/ReviewSuspendTask", pause, reviewer)
    resumed = await r.run("configurator/ReviewResumeTask", {"taskId": str(task.id)}, reviewer)
    checks = await r.run("configurator/ReviewAutomaticChecks", {"checked": False}, checker)
    [check] = checks["automaticChecks"]
    found = {"id": check["id"], "outcome": "CONFIRMED", "note": None}
    recorded = await r.run("configurator/ReviewRecordCheck", found, checker)
    day = {"day": dt.datetime.now(CHINA_TIME).date().isoformat()}
    report = await r.run("configurator/FinanceReconciliation", day, supervisor)

    assert decided["data"]["submitApplication"]["status"] == "COMPLETED"
    assert order["payFees"]["status"] == "CREATED" and order["payFees"]["prepayId"]
    assert paid["recordWindowPayment"]["status"] == "accepted"
    assert paused["suspendTask"]["suspendedSince"] is not None
    assert resumed["resumeTask"]["suspendedSince"] is None
    assert check["applicationId"] == card
    assert recorded["recordAutomaticCheck"]["outcome"] == "CONFIRMED"
    reconciliation = report["paymentReconciliation"]
    assert reconciliation["windowTotalCny"] == 38_580.0 and reconciliation["mismatchCount"] == 0
    assert r.counts == PINNED
