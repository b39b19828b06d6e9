"""The workbench's clerk screens against the staff API: what they send, at pinned costs.

PINNED: the statements of each operation of configurator/src/workbench/clerk/*.graphql, measured
in this file's scenario (tests/api/test_client_round_trips.py checks that every operation the
clients send is pinned somewhere). fast_path_reads: the screens' reads, sent both ways by
tests/api/test_fast_path.py."""

from __future__ import annotations

import asyncio
from typing import Any

from operation_replay import DOCUMENTS, Replay, Socket
from support import ID_CARD, ID_CARD_ANSWERS, QueryCount, fees_paid, gql, staff_token

PINNED: dict[str, int] = {
    "configurator/ClerkAccept": 14,  # sealed notices (issue 19)
    "configurator/ClerkApplication": 23,  # issue 19: its payment (the fees owed come with the detail)
    "configurator/ClerkQueueChanged": 2,
    "configurator/ClerkQueueCounts": 2,
    "configurator/ClerkRecordDispatch": 9,
    "configurator/ClerkReject": 11,  # issue 19: the sealed notice; whether fees are owed back
    "configurator/ClerkRequestCorrection": 14,
    "configurator/ClerkWindowQueue": 6,
}

APPROVED = {"approve": True, "opinion": "符合条件", "resultDocument": "西公〔2026〕1号"}


async def citizen(send: Any, resident: str) -> str:
    body = await send("mini_program/SignIn", {"provider": "development", "credential": resident})
    return str(body["signIn"]["token"])


async def id_card_submitted(send: Any, token: str, n: int) -> str:
    """An ID card application of demo-5 (陈浩然), submitted for express delivery."""
    start = {"code": ID_CARD, "key": f"clerk-ui-card-{n}"}
    draft = (await send("mini_program/StartApplication", start, token))["startApplication"]["id"]
    submit = {"applicationId": draft, "answers": ID_CARD_ANSWERS, "deliveryMode": "express"}
    await send("mini_program/SubmitApplication", {"input": submit}, token)
    return str(draft)


async def test_a_clerk_works_the_queue_from_the_workbench_at_the_pinned_costs(
    replay: Replay,
) -> None:
    r = replay
    clerk = await staff_token(r.client, "clerk-ui-1", "window_clerk")
    chen = await citizen(r.send, "demo-5")
    accepted, corrected, rejected = [await id_card_submitted(r.send, chen, n) for n in range(3)]

    queue = await r.run("configurator/ClerkWindowQueue", {"scope": "HERE"}, clerk)
    assert {a["id"] for a in queue["windowQueue"]} == {accepted, corrected, rejected}
    counts = await r.run("configurator/ClerkQueueCounts", {"scope": "HERE"}, clerk)
    assert {"status": "submitted", "count": 3} in counts["windowQueueCounts"]
    detail = await r.run("configurator/ClerkApplication", {"id": accepted}, clerk)
    assert detail["staffApplication"]["applicant"]["name"] == "陈浩然"

    body = await r.run("configurator/ClerkAccept", {"id": accepted}, clerk)
    assert body["acceptApplication"]["status"] == "accepted"
    items = [{"path": "/answers/applicant_mobile", "reason": "号码无法接通，请核对"}]
    body = await r.run(
        "configurator/ClerkRequestCorrection", {"id": corrected, "items": items}, clerk
    )
    assert body["requestCorrection"]["status"] == "correction_requested"
    reason = {"reason": "不属于本机关管辖", "legalBasis": "《行政许可法》第三十二条"}
    body = await r.run("configurator/ClerkReject", {"id": rejected, **reason}, clerk)
    assert body["rejectApplication"]["status"] == "rejected"

    await fees_paid(r.client, accepted)  # the ID card's 20 yuan, so that the approval decides
    police = await staff_token(r.client, "clerk-ui-police", "reviewer", department="330106-GAJ")
    [task] = (await r.send("staff/ReviewQueue", {}, police))["reviewQueue"]
    await r.send("staff/DecideTask", {"taskId": task["id"], **APPROVED}, police)
    dispatch = {"id": accepted, "trackingNumber": "SF1234567890"}
    body = await r.run("configurator/ClerkRecordDispatch", dispatch, clerk)
    assert body["recordDispatch"]["id"] == accepted

    assert r.counts == {k: v for k, v in PINNED.items() if k != "configurator/ClerkQueueChanged"}


async def test_the_queue_lists_each_applicant_masked_at_the_same_cost_for_one_row_as_for_three(
    replay: Replay,
) -> None:
    r = replay
    clerk = await staff_token(r.client, "clerk-ui-6", "window_clerk")
    chen = await citizen(r.send, "demo-5")
    first = await id_card_submitted(r.send, chen, 40)
    await r.send("configurator/ClerkWindowQueue", {"scope": "HERE"}, clerk)  # the catalog kept

    with QueryCount() as one:
        page = await r.send("configurator/ClerkWindowQueue", {"scope": "HERE"}, clerk)
    assert [a["applicantMasked"] for a in page["windowQueue"]] == [
        {"name": "陈*然", "residentId": "330106********0031"}
    ]
    for n in (41, 42):
        await id_card_submitted(r.send, chen, n)
    with QueryCount() as three:
        page = await r.send("configurator/ClerkWindowQueue", {"scope": "HERE"}, clerk)

    assert len(page["windowQueue"]) == 3
    assert three.count == one.count, "the applicants of a page are read in one statement"
    for search, found in (("330106201006080031", 3), ("330106********0031", 0), ("陈浩然", 3)):
        page = await r.send(
            "configurator/ClerkWindowQueue", {"scope": "HERE", "search": search}, clerk
        )
        assert len(page["windowQueue"]) == found, search
    assert first in {a["id"] for a in page["windowQueue"]}


async def test_a_second_clerk_acting_on_the_same_application_is_told_of_the_conflict(
    replay: Replay,
) -> None:
    r = replay
    first = await staff_token(r.client, "clerk-ui-2", "window_clerk")
    second = await staff_token(r.client, "clerk-ui-3", "window_clerk")
    chen = await citizen(r.send, "demo-5")
    application = await id_card_submitted(r.send, chen, 9)
    await r.send("configurator/ClerkAccept", {"id": application}, first)

    body = await gql(
        r.client,
        DOCUMENTS["configurator/ClerkAccept"],
        {"id": application},
        second,
        "/staff/graphql",
    )

    assert body["data"]["acceptApplication"]["code"] == "CONFLICT"


async def test_a_rejection_without_its_legal_basis_is_refused_as_invalid_input(
    replay: Replay,
) -> None:
    r = replay
    clerk = await staff_token(r.client, "clerk-ui-4", "window_clerk")
    chen = await citizen(r.send, "demo-5")
    application = await id_card_submitted(r.send, chen, 10)
    reason = {"id": application, "reason": "不属于本机关管辖", "legalBasis": " "}

    body = await gql(
        r.client, DOCUMENTS["configurator/ClerkReject"], reason, clerk, "/staff/graphql"
    )

    refused = body["data"]["rejectApplication"]
    assert refused["__typename"] == "BackofficeError"
    assert refused["code"] == "INVALID_INPUT"


async def test_the_open_queue_hears_of_an_application_submitted_at_its_pinned_cost(
    replay: Replay,
) -> None:
    """The subscription's cost to start, up to its first message (`watching`): the session at
    connection_init and the queue it starts from. It then reads the queue again when the
    county's channel on the bus says it changed (backend/backoffice/live_queue.py)."""
    r = replay
    clerk = await staff_token(r.client, "clerk-ui-5", "window_clerk")
    chen = await citizen(r.send, "demo-5")
    key = "configurator/ClerkQueueChanged"
    with QueryCount() as q:
        socket = Socket(r.app, "/staff/graphql")
        await socket.open({"Authorization": f"Bearer {clerk}"})
        await socket.send({"id": "1", "type": "subscribe", "payload": {"query": DOCUMENTS[key]}})
        async with asyncio.timeout(30):
            first = await socket.receive()
    assert first["payload"]["data"]["windowQueueChanged"] == {
        "applicationId": None,
        "status": "watching",
    }
    try:
        application = await id_card_submitted(r.send, chen, 30)
        async with asyncio.timeout(30):
            message = await socket.receive()
        assert message["payload"]["data"]["windowQueueChanged"] == {
            "applicationId": application,
            "status": "submitted",
        }
    finally:
        await socket.close()

    assert q.count == PINNED[key]


async def fast_path_reads(c: Any) -> None:
    """Every query of the clerk screens, sent through both apps (c.send(key, variables, token))."""
    clerk = await staff_token(c.client, "clerk-ui-fast", "window_clerk")
    chen = await citizen(c.send, "demo-5")
    application = await id_card_submitted(c.send, chen, 20)
    await c.send("configurator/ClerkWindowQueue", {"scope": "HERE"}, clerk)
    await c.send("configurator/ClerkWindowQueue", {"scope": "HERE", "search": "陈"}, clerk)
    await c.send("configurator/ClerkQueueCounts", {"scope": "HERE"}, clerk)
    await c.send("configurator/ClerkApplication", {"id": application}, clerk)
