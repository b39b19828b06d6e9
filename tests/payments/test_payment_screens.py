"""What the workbench and the mini-program read of fees (issue 19's screens): the window sees
each fee owed with its basis and formula before taking payment and the payment it took; the
citizen sees her order paid; the finance office reads the day's reconciliation through the
staff API, refused to other roles, for a day to come, and while online payment is off."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import httpx
from support import Registry, app_client, free_port, gql, sign_in, staff_token
from test_payments import Served, cashier, pay, served, submitted_house_transfer

from backend.rules.domain import CHINA_TIME
from backend.settings import Settings

__all__ = ["served"]  # the fixture, shared with test_payments

APPLICATION = """
query($id: ID!) { staffApplication(id: $id) {
  fees { id amountCny amountKnown formula { zh } basis { zh } exemption { reason { zh } } }
  payment { status channel amountCny receivedBy fees { id amountCny } }
} }"""
WINDOW_PAYMENT = "mutation($id: ID!) { recordWindowPayment(id: $id) { __typename } }"
CITIZEN = (
    "query($id: ID!) { application(id: $id) { payment { status channel amountCny prepayId } } }"
)
RECONCILE = """
query($day: Date!) { paymentReconciliation(day: $day) {
  __typename
  ... on PaymentReconciliation {
    day onlineTotalCny windowTotalCny platformTotalCny tradeCount mismatchCount
    lines { orderId channel ledgerCny platformCny problem }
  }
  ... on BackofficeError { code errors { path } }
} }"""


def today() -> dt.date:
    return dt.datetime.now(CHINA_TIME).date()


async def test_the_window_reads_each_fee_with_its_basis_then_the_payment_it_took(
    client: httpx.AsyncClient,
) -> None:
    parent, buyer = await submitted_house_transfer(client)
    clerk = await staff_token(client, "pay-screen-clerk", "window_clerk")

    before = await gql(client, APPLICATION, {"id": parent}, clerk, "/staff/graphql")
    await gql(client, WINDOW_PAYMENT, {"id": parent}, clerk, "/staff/graphql")
    after = await gql(client, APPLICATION, {"id": parent}, clerk, "/staff/graphql")
    mine = await gql(client, CITIZEN, {"id": parent}, buyer)

    fees = {f["id"]: f for f in before["data"]["staffApplication"]["fees"]}
    tax, registration = fees["330106-ZJ-003:deed_tax"], fees["330106-ZJ-002:registration_fee"]
    assert tax["amountCny"] == 38_500.0 and "成交价" in tax["formula"]["zh"]
    assert registration["amountCny"] == 80.0 and "2559号" in registration["basis"]["zh"]
    assert before["data"]["staffApplication"]["payment"] is None
    payment = after["data"]["staffApplication"]["payment"]
    assert (payment["status"], payment["channel"], payment["amountCny"]) == (
        "PAID",
        "window",
        38_580.0,
    )
    assert payment["receivedBy"] == "pay-screen-clerk" and len(payment["fees"]) == 2
    assert mine["data"]["application"]["payment"] == {
        "status": "PAID",
        "channel": "window",
        "amountCny": 38_580.0,
        "prepayId": None,
    }


async def test_the_finance_office_reads_the_days_reconciliation_the_lost_notice_first(
    served: Served,
) -> None:
    lost, buyer = await submitted_house_transfer(served.client)
    order = await pay(served, lost, buyer)
    await cashier(served, order["id"], "none")  # paid at the platform, the notice lost
    at_window, _ = await submitted_house_transfer(served.client)
    clerk = await staff_token(served.client, "pay-recon-clerk", "window_clerk")
    await gql(served.client, WINDOW_PAYMENT, {"id": at_window}, clerk, "/staff/graphql")
    supervisor = await staff_token(served.client, "pay-recon-sup", "supervisor")

    body = await gql(
        served.client, RECONCILE, {"day": today().isoformat()}, supervisor, "/staff/graphql"
    )
    report = body["data"]["paymentReconciliation"]

    assert report["day"] == today().isoformat() and report["mismatchCount"] == 1
    assert report["tradeCount"] == 2 and report["onlineTotalCny"] == 0.0
    assert report["windowTotalCny"] == report["platformTotalCny"] == 38_580.0
    assert report["lines"][0] == {
        "orderId": order["id"],
        "channel": "online",
        "ledgerCny": None,
        "platformCny": 38_580.0,
        "problem": "NOT_RECORDED",
    }
    assert report["lines"][1]["channel"] == "window" and report["lines"][1]["problem"] is None


async def test_only_supervisors_and_county_administrators_read_it_and_never_for_tomorrow(
    served: Served,
) -> None:
    clerk = await staff_token(served.client, "pay-recon-clerk-2", "window_clerk")
    admin = await staff_token(served.client, "pay-recon-admin", "county_admin")
    day = {"day": today().isoformat()}
    tomorrow = {"day": (today() + dt.timedelta(days=1)).isoformat()}

    refused = await gql(served.client, RECONCILE, day, clerk, "/staff/graphql")
    empty = await gql(served.client, RECONCILE, day, admin, "/staff/graphql")
    later = await gql(served.client, RECONCILE, tomorrow, admin, "/staff/graphql")

    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN_ROLE"
    assert empty["data"]["paymentReconciliation"]["tradeCount"] == 0
    assert later["data"]["paymentReconciliation"] == {
        "__typename": "BackofficeError",
        "code": "INVALID_INPUT",
        "errors": [{"path": "/day"}],
    }


async def test_without_online_payment_there_is_nothing_to_reconcile(
    client: httpx.AsyncClient,
) -> None:
    supervisor = await staff_token(client, "pay-recon-off", "supervisor")

    body = await gql(client, RECONCILE, {"day": today().isoformat()}, supervisor, "/staff/graphql")

    answer = body["data"]["paymentReconciliation"]
    assert answer["__typename"] == "BackofficeError" and answer["code"] == "NOT_READY"


async def test_a_platform_that_is_down_gives_no_half_report(
    served: Served, registry: Registry
) -> None:
    supervisor = await staff_token(served.client, "pay-recon-down", "supervisor")
    registry.set(fail="error", sources=["payments"])

    body = await gql(
        served.client, RECONCILE, {"day": today().isoformat()}, supervisor, "/staff/graphql"
    )

    answer = body["data"]["paymentReconciliation"]
    assert answer["__typename"] == "BackofficeError" and answer["code"] == "NOT_READY"


CASHIER = "/pay/dev-cashier"


async def test_the_browser_build_pays_at_the_stand_ins_cashier_once_and_only_its_own_order(
    served: Served,
) -> None:
    parent, buyer = await submitted_house_transfer(served.client)
    stranger = await sign_in(served.client, "demo-5")
    before = await served.client.post(
        CASHIER, json={"applicationId": parent}, headers=bearer(buyer)
    )
    order = await pay(served, parent, buyer)

    anonymous = await served.client.post(CASHIER, json={"applicationId": parent})
    not_hers = await served.client.post(
        CASHIER, json={"applicationId": parent}, headers=bearer(stranger)
    )
    platform, served.adapter.url = served.adapter.url, f"http://127.0.0.1:{free_port()}"  # down
    down = await served.client.post(CASHIER, json={"applicationId": parent}, headers=bearer(buyer))
    served.adapter.url = platform
    paid = await served.client.post(CASHIER, json={"applicationId": parent}, headers=bearer(buyer))
    again = await served.client.post(CASHIER, json={"applicationId": parent}, headers=bearer(buyer))
    mine = await gql(served.client, CITIZEN, {"id": parent}, buyer)

    assert before.status_code == 409 and before.json()["code"] == "NOT_PAYABLE"
    assert anonymous.status_code == 401 and not_hers.status_code == 404
    assert down.status_code == 409 and down.json()["code"] == "PLATFORM_UNAVAILABLE"
    assert paid.status_code == 200 and paid.json() == {"status": "PAID"}
    assert again.status_code == 409 and again.json()["code"] == "NOT_PAYABLE"
    assert mine["data"]["application"]["payment"]["status"] == "PAID"
    assert order["status"] == "CREATED"


async def test_there_is_no_stand_in_cashier_outside_development(settings: Settings) -> None:
    async with app_client(replace(settings, env="production", secret_key="x" * 32)) as client:
        answer = await client.post(CASHIER, json={"applicationId": "x"})

    assert answer.status_code in (404, 405)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
