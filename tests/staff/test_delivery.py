"""Delivery as the citizen chose: e-license into the wallet, express with a tracking number."""

from __future__ import annotations

import httpx
from support import (
    CONFIRM,
    SAVE,
    gql,
    ready_house_event,
    sign_in,
    staff_gql,
    staff_token,
)

from backend.applications import service as applications

SUBMIT = """
mutation($id: ID!, $mode: String, $a: JSON) {
  submitApplication(input: {applicationId: $id, deliveryMode: $mode, answers: $a}) {
    __typename ... on Application { deliveryMode children { matter { code } deliveryMode } }
    ... on ApplicationError { errors { path code } }
  }
}
"""
ACCEPT = "mutation($id: ID!) { acceptApplication(id: $id) { __typename } }"
DISPATCH = "mutation($id: ID!, $n: String!) { recordDispatch(id: $id, trackingNumber: $n) { __typename ... on BackofficeError { code } } }"
VIEW = "query($id: ID!) { application(id: $id) { children { matter { code } trackingNumber } timeline { message { zh } } } }"
ADDRESS = {"delivery_address": "杭州市西湖区文三路 188 号 2 幢 3 单元 502 室"}
ANSWERS = "query($id: ID!) { application(id: $id) { answers } }"


async def test_express_needs_an_address_and_an_unoffered_mode_is_refused(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-1")
    parent = await ready_house_event(client, token)
    no_address = (await gql(client, SUBMIT, {"id": parent, "mode": "express"}, token))["data"][
        "submitApplication"
    ]
    teleport = (await gql(client, SUBMIT, {"id": parent, "mode": "teleport"}, token))["data"][
        "submitApplication"
    ]
    assert {"path": "/answers/delivery_address", "code": "required"} in no_address["errors"]
    assert {"path": "/deliveryMode", "code": "enum"} in teleport["errors"]


async def test_an_express_result_is_dispatched_once_with_its_tracking_number(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-1")
    parent = await ready_house_event(client, token)
    buyer = await sign_in(client, "demo-2")  # the address is the buyer's, who receives the result
    hers = (await gql(client, ANSWERS, {"id": parent}, buyer))["data"]["application"]["answers"]
    await gql(client, SAVE, {"id": parent, "a": {**hers, **ADDRESS}}, buyer)
    await gql(client, CONFIRM, {"id": parent}, buyer)
    submitted = (await gql(client, SUBMIT, {"id": parent, "mode": "express"}, token))["data"][
        "submitApplication"
    ]
    modes = {c["matter"]["code"]: c["deliveryMode"] for c in submitted["children"]}
    clerk = await staff_token(client, "clerk", "window_clerk")
    early = (await staff_gql(client, DISPATCH, {"id": parent, "n": "SF1234567890"}, clerk))["data"][
        "recordDispatch"
    ]
    await staff_gql(client, ACCEPT, {"id": parent}, clerk)
    for child in await applications.Application.filter(parent_id=parent):
        await applications.complete(child.id)  # the departments' decisions (test_backoffice)

    sent = (await staff_gql(client, DISPATCH, {"id": parent, "n": "SF1234567890"}, clerk))["data"][
        "recordDispatch"
    ]
    again = (await staff_gql(client, DISPATCH, {"id": parent, "n": "SF1234567890"}, clerk))["data"][
        "recordDispatch"
    ]
    view = (await gql(client, VIEW, {"id": parent}, token))["data"]["application"]

    assert modes == {
        "330106-ZJ-001": "none",
        "330106-ZJ-002": "express",
        "330106-ZJ-003": "e_license",
    }
    assert (
        early["code"] == "NOT_READY"
        and sent["__typename"] == "StaffApplication"
        and again["code"] == "NOT_READY"
    )
    assert {c["matter"]["code"]: c["trackingNumber"] for c in view["children"]}[
        "330106-ZJ-002"
    ] == "SF1234567890"
    assert "快递单号 SF1234567890" in view["timeline"][-1]["message"]["zh"]
