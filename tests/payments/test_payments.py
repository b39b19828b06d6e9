"""Fees paid online through the stand-in payment platform (`zerorun dev-registry`, served on
loopback), whose notices reach the app served on loopback too: the house transfer's buyer pays
the deed tax and the registration fee, a notice delivered twice pays once, a forged one is
refused, a platform that is down charges nothing, the last approval waits for the fees, a
denial refunds once, and the day's reconciliation finds a notice that never came."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from typing import Any

import httpx
import pytest
import uvicorn
from support import (
    REGISTRY_TOKEN,
    Registry,
    app_client,
    free_port,
    gql,
    ready_house_event,
    sign_in,
    staff_token,
    zerorun,
)

from backend.applications.service import Application, ApplicationEvent
from backend.backoffice.service import ReviewTask
from backend.payments import service as payments
from backend.rules.domain import CHINA_TIME
from backend.settings import DEV_PAY_PUBLIC_KEY, Settings

SUBMIT = "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { __typename } }"
ACCEPT = "mutation($id: ID!) { acceptApplication(id: $id) { __typename } }"
PAY = """
mutation($id: ID!) { payFees(applicationId: $id) {
  __typename
  ... on PaymentOrder { id amountCny status prepayId fees { id amountCny } }
  ... on PaymentError { code message { zh } }
} }"""
DECIDE = """
mutation($t: ID!, $a: Boolean!) { decideTask(taskId: $t, approve: $a, opinion: "审查意见") {
  __typename ... on ReviewTask { status } ... on BackofficeError { code }
} }"""
EVALUATE = """
query($a: JSON, $s: JSON) { evaluate(matterCode: "330106-ZJ-003", answers: $a, situation: $s) {
  ... on Evaluation { fees { id amountCny amountKnown formula { zh } } }
} }"""
# 李婷 buys 王建国's home for 3,850,000 yuan, 89.62 m², her family's only home: 1% deed tax,
# 38,500 yuan, and the 80 yuan registration fee (form_schemas/demo/registry.json)


@dataclass
class Served:
    """The app through its lifespan (httpx's ASGI client) and on a loopback port for the
    platform's notices; the stand-in platform with this test's own merchant id."""

    client: httpx.AsyncClient
    platform: httpx.AsyncClient  # the stand-in's cashier and its view of an order
    adapter: payments.PaymentPlatform  # the app's own, as the sweep and the CLI use it
    settings: Settings


@pytest.fixture
async def served(
    settings: Settings, registry_server: str, registry: Registry
) -> AsyncIterator[Served]:
    port = free_port()
    mine = replace(
        settings,
        pay_url=registry_server,
        pay_token=REGISTRY_TOKEN,
        pay_mchid="m" + uuid.uuid4().hex[:12],
        pay_public_key=DEV_PAY_PUBLIC_KEY,
        pay_notify_url=f"http://127.0.0.1:{port}/pay/notify",
    )
    context = app_client(mine)
    async with context as client:
        config = uvicorn.Config(context.app, port=port, lifespan="off", log_level="warning")
        server = uvicorn.Server(config)
        serving = asyncio.create_task(server.serve())
        while not server.started:
            await asyncio.sleep(0.01)
        headers = {"Authorization": f"Bearer {REGISTRY_TOKEN}"}
        async with httpx.AsyncClient(base_url=registry_server, headers=headers) as platform:
            yield Served(client, platform, context.app.state.services.payments.platform, mine)
        server.should_exit = True
        await serving


def reconcile_cli(settings: Settings, day: dt.date) -> tuple[int, str, str]:
    """`zerorun payments reconcile --day`, as the finance office runs it."""
    env = {
        "DATABASE_URL": settings.database_url,
        "ZERORUN_SECRET_KEY": settings.secret_key,
        "ZERORUN_PAY_URL": settings.pay_url,
        "ZERORUN_PAY_TOKEN": settings.pay_token,
        "ZERORUN_PAY_MCHID": settings.pay_mchid,
        "ZERORUN_PAY_PUBLIC_KEY": settings.pay_public_key,
    }
    done = zerorun("payments", "reconcile", "--day", day.isoformat(), env=env)
    return done.returncode, done.stdout, done.stderr


async def submitted_house_transfer(client: httpx.AsyncClient) -> tuple[str, str]:
    """The house transfer submitted and accepted at the window; (application, buyer's token)."""
    seller = await sign_in(client, "demo-1")
    parent = await ready_house_event(client, seller)
    assert (await gql(client, SUBMIT, {"id": parent}, seller))["data"]
    clerk = await staff_token(client, f"pay-clerk-{uuid.uuid4().hex[:6]}", "window_clerk")
    await gql(client, ACCEPT, {"id": parent}, clerk, "/staff/graphql")
    return parent, await sign_in(client, "demo-2")


async def pay(s: Served, parent: str, buyer: str) -> dict[str, Any]:
    body = await gql(s.client, PAY, {"id": parent}, buyer)
    order: dict[str, Any] = body["data"]["payFees"]
    return order


async def cashier(s: Served, order_id: str, notify: str) -> list[int]:
    response = await s.platform.post(f"/_pay/{order_id}", json={"notify": notify})
    response.raise_for_status()
    deliveries: list[int] = response.json()["deliveries"]
    return deliveries


async def decide_all(s: Served, parent: str, approve: bool) -> list[dict[str, Any]]:
    answers = []
    for task in await ReviewTask.filter(root_id=parent).order_by("id"):
        token = await staff_token(
            s.client, f"pay-rev-{uuid.uuid4().hex[:6]}", "reviewer", department=task.department_code
        )
        body = await gql(
            s.client, DECIDE, {"t": str(task.id), "a": approve}, token, "/staff/graphql"
        )
        answers.append(body["data"]["decideTask"])
    return answers


@pytest.mark.parametrize(
    ("homes", "area", "expected"),
    [("first", 90, 30_000.0), ("second", 150, 60_000.0)],
)
async def test_the_deed_tax_matter_tells_the_buyer_their_own_tax(
    served: Served, homes: str, area: float, expected: float
) -> None:
    token = await sign_in(served.client, "demo-2")
    answers = {"transaction_price": 3_000_000, "property_area": area}
    body = await gql(
        served.client, EVALUATE, {"a": answers, "s": {"buyer_family_homes": homes}}, token
    )
    [fee] = body["data"]["evaluate"]["fees"]
    assert fee["id"] == "deed_tax" and fee["amountKnown"] is True
    assert fee["amountCny"] == expected and "1%" in fee["formula"]["zh"]


async def test_the_buyer_pays_once_though_the_notice_comes_twice_and_then_it_is_decided(
    served: Served,
) -> None:
    parent, buyer = await submitted_house_transfer(served.client)
    *first, last = await ReviewTask.filter(root_id=parent).order_by("id")
    waiting = await decide_all(served, parent, True)  # the last approval waits for the fees

    order = await pay(served, parent, buyer)
    again = await pay(served, parent, buyer)  # the same order, asked again before paying
    deliveries = await cashier(served, order["id"], "twice")
    stored = await payments.Payment.get(id=order["id"])
    paid_events = await ApplicationEvent.filter(application_id=parent, kind="fees_paid").count()
    token = await staff_token(
        served.client, "pay-rev-last", "reviewer", department=last.department_code
    )
    decided = await gql(
        served.client, DECIDE, {"t": str(last.id), "a": True}, token, "/staff/graphql"
    )

    assert [w["status"] for w in waiting[:-1]] == ["approved"] * len(first)
    assert waiting[-1] == {"__typename": "BackofficeError", "code": "FEES_UNPAID"}
    assert order["__typename"] == "PaymentOrder" and order["prepayId"]
    fees = {f["id"]: f["amountCny"] for f in order["fees"]}
    assert fees == {"330106-ZJ-002:registration_fee": 80.0, "330106-ZJ-003:deed_tax": 38_500.0}
    assert order["amountCny"] == 38_580.0 and again["id"] == order["id"]
    assert deliveries == [200, 200]
    assert stored.status == "paid" and stored.paid_day == dt.datetime.now(CHINA_TIME).date()
    assert paid_events == 1
    assert decided["data"]["decideTask"]["status"] == "approved"
    assert (await Application.get(id=parent)).status == "completed"


async def test_a_forged_notice_is_refused_and_pays_nothing(served: Served) -> None:
    parent, buyer = await submitted_house_transfer(served.client)
    order = await pay(served, parent, buyer)

    deliveries = await cashier(served, order["id"], "forged")
    garbage = await served.client.post("/pay/notify", content=b"{}")
    huge = await served.client.post("/pay/notify", content=b"x" * (payments.MAX_NOTICE_BYTES + 1))

    assert deliveries == [401] and garbage.status_code == 401 and huge.status_code == 413
    assert (await payments.Payment.get(id=order["id"])).status == "created"


async def test_a_platform_that_is_down_is_a_clear_error_and_nothing_is_paid(
    served: Served, registry: Registry
) -> None:
    parent, buyer = await submitted_house_transfer(served.client)
    registry.set(fail="error", sources=["payments"])

    refused = await pay(served, parent, buyer)

    assert refused["__typename"] == "PaymentError" and refused["code"] == "PLATFORM_UNAVAILABLE"
    assert "没有扣款" in refused["message"]["zh"]
    assert not await payments.Payment.filter(application_id=parent, status="paid").exists()


async def test_a_denial_refunds_the_fees_once(served: Served) -> None:
    parent, buyer = await submitted_house_transfer(served.client)
    order = await pay(served, parent, buyer)
    await cashier(served, order["id"], "once")

    answers = await decide_all(served, parent, False)
    await payments.send_refunds(served.adapter)  # a later round: nothing more
    at_platform = (await served.platform.get(f"/_pay/{order['id']}")).json()
    stored = await payments.Payment.get(id=order["id"])

    assert {a["status"] for a in answers} == {"denied"}
    assert (await Application.get(id=parent)).status == "denied"
    assert stored.status == "refunded" and stored.refund_status == "done"
    assert at_platform["trade_state"] == "REFUND" and at_platform["refund_count"] == 1


async def test_the_days_reconciliation_lists_the_payments_and_a_notice_that_never_came(
    served: Served,
) -> None:
    parent, buyer = await submitted_house_transfer(served.client)
    order = await pay(served, parent, buyer)
    await cashier(served, order["id"], "none")  # paid at the platform, the notice lost
    other, other_buyer = await submitted_house_transfer(served.client)
    paid = await pay(served, other, other_buyer)
    await cashier(served, paid["id"], "once")

    today = dt.datetime.now(CHINA_TIME).date()
    report = await payments.reconcile(served.adapter, today)
    code, out, _ = await asyncio.to_thread(reconcile_cli, served.settings, today)

    recovered = await payments.recover(served.adapter, order["id"])  # the finance office asks
    again = await payments.reconcile(served.adapter, dt.datetime.now(CHINA_TIME).date())

    by_number = {line.out_trade_no: line for line in report.lines}
    assert by_number[paid["id"]].problem is None
    assert by_number[paid["id"]].ledger_fen == by_number[paid["id"]].platform_fen == 3_858_000
    assert by_number[order["id"]].problem == "NOT_RECORDED"
    assert [m.out_trade_no for m in report.mismatches] == [order["id"]]
    assert code == 1 and f"{order['id']}\tonline\t-\t38580.00\t" in out and "NOT_RECORDED" in out
    assert recovered and again.mismatches == [] and len(again.lines) == 2
    assert again.total("online") == again.platform_total == 2 * 3_858_000


WINDOW_PAYMENT = """
mutation($id: ID!) { recordWindowPayment(id: $id) {
  __typename ... on StaffApplication { status } ... on BackofficeError { code }
} }"""


async def test_fees_paid_at_the_window_cost_a_trip_and_let_it_be_decided(served: Served) -> None:
    parent, _ = await submitted_house_transfer(served.client)
    before = (await Application.get(id=parent)).run_count
    clerk = await staff_token(served.client, "pay-window-clerk", "window_clerk")

    paid = await gql(served.client, WINDOW_PAYMENT, {"id": parent}, clerk, "/staff/graphql")
    again = await gql(served.client, WINDOW_PAYMENT, {"id": parent}, clerk, "/staff/graphql")
    answers = await decide_all(served, parent, True)
    stored = await payments.Payment.get(application_id=parent)

    assert before == 0 and (await Application.get(id=parent)).run_count == 1
    assert paid["data"]["recordWindowPayment"]["__typename"] == "StaffApplication"
    assert again["data"]["recordWindowPayment"]["__typename"] == "StaffApplication"
    assert (stored.channel, stored.status, stored.amount_fen) == ("window", "paid", 3_858_000)
    assert {a["status"] for a in answers} == {"approved"}
    assert (await Application.get(id=parent)).status == "completed"
