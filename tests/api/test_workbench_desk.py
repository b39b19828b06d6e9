"""The window clerk's desk screens: a walk-in filed at the counter (configurator/src/workbench/desk/
desk.graphql to the staff API, configurator/citizen/desk.graphql to the citizen API with the
walk-in's token), the day's appointments at the hall, and the deferred material and handover of
the application view (clerk/mutations.graphql), at pinned costs.

PINNED: the statements of each operation, measured in this file's scenario
(tests/api/test_client_round_trips.py checks that every operation the clients send is pinned
somewhere). fast_path_reads: the screens' reads, sent both ways by tests/api/test_fast_path.py."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from operation_replay import Replay
from PIL import Image
from staff.test_deferred import MARRIAGE, submitted_without_marriage_data, working_day_after
from support import REGION, gql, sign_in, staff_token

from backend.appointments import demo
from backend.backoffice.models import ReviewTask
from backend.rules.domain import CHINA_TIME

PINNED: dict[str, int] = {
    "configurator/ClerkRecordDeferredMaterial": 12,
    "configurator/ClerkRecordHandover": 6,
    "configurator/DeskConfirmWalkIn": 5,
    "configurator/DeskHallBookings": 5,
    "configurator/DeskStartWalkIn": 23,
    "workbench_citizen/DeskMatters": 2,  # the county's own synonyms read with the matters
    "workbench_citizen/DeskSaveApplication": 6,
    "workbench_citizen/DeskSignCommitment": 9,  # a sealed signature record (issue 19)
    "workbench_citizen/DeskSubmitApplication": 29,
    "workbench_citizen/DeskUploadMaterial": 8,
    "workbench_citizen/DeskWalkInApplication": 11,
}

ZHANG = {"residentId": "330106195209180229", "name": "张秀英"}  # demo-4: never signed in here
CARD = "330106-ZJ-006"  # social security card: the bank chosen, the photo scanned
BUSINESS = "330106-ZJ-007"  # an individual business
SLOTS = "query($r: String!) { appointmentSlots(region: $r) { id startsAt free } }"
BOOK = "mutation($s: ID!) { bookAppointment(slotId: $s) { __typename } }"
APPROVE = 'mutation($t: ID!) { decideTask(taskId: $t, approve: true, opinion: "符合条件") { __typename } }'


# The walk-in's operations, in the order the screens send them.
WALK_IN = (
    "workbench_citizen/DeskMatters",
    "configurator/DeskStartWalkIn",
    "workbench_citizen/DeskWalkInApplication",
    "workbench_citizen/DeskSaveApplication",
    "workbench_citizen/DeskUploadMaterial",
    "configurator/DeskConfirmWalkIn",
    "workbench_citizen/DeskSubmitApplication",
)


def pinned(*keys: str) -> dict[str, int]:
    return {key: PINNED[key] for key in keys}


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 40), "white").save(out, "JPEG")
    return out.getvalue()


async def walk_in_filed(r: Replay, clerk: str) -> str:
    """张秀英's social security card filed at the counter, from her ID to submitted."""
    walk_in = await r.run("configurator/DeskStartWalkIn", {**ZHANG, "matterCode": CARD}, clerk)
    token, app = walk_in["startWalkIn"]["token"], walk_in["startWalkIn"]["applicationId"]
    await r.run("workbench_citizen/DeskWalkInApplication", {"id": app}, token)
    answers = {"id": app, "answers": {"ssc_bank": "icbc"}, "situation": {"card_for": "self"}}
    await r.run("workbench_citizen/DeskSaveApplication", answers, token)
    scan = {"id": app, "material": "portrait_photo"}
    await r.upload("workbench_citizen/DeskUploadMaterial", scan, "file", photo(), token)
    await r.run("configurator/DeskConfirmWalkIn", {"id": app, "method": "signature"}, clerk)
    submitted = {"id": app, "deliveryMode": "pickup"}
    body = await r.run("workbench_citizen/DeskSubmitApplication", submitted, token)
    assert body["submitApplication"]["status"] == "SUBMITTED"
    return str(app)


async def approved(r: Replay, application: str) -> None:
    """Every department's reviewer approves."""
    tasks = await ReviewTask.filter(application_id=application).values_list("id", "department_code")
    for task, department in tasks:
        reviewer = await staff_token(r.client, f"desk-{department}", "reviewer", REGION, department)
        body = await gql(r.client, APPROVE, {"t": str(task)}, reviewer, "/staff/graphql")
        assert body["data"]["decideTask"]["__typename"] == "ReviewTask", body


async def test_a_clerk_files_a_walk_in_and_hands_its_result_over_at_the_pinned_costs(
    replay: Replay,
) -> None:
    r = replay
    await demo.seed_demo_hall()
    clerk = await staff_token(r.client, "desk-ui-1", "window_clerk")

    found = await r.run("workbench_citizen/DeskMatters", {"region": REGION, "keyword": "社保"})
    application = await walk_in_filed(r, clerk)
    await r.send("configurator/ClerkAccept", {"id": application}, clerk)
    await approved(r, application)
    handed = await r.run("configurator/ClerkRecordHandover", {"id": application}, clerk)
    detail = await r.send("configurator/ClerkApplication", {"id": application}, clerk)

    assert CARD in [e["node"]["code"] for e in found["matters"]["edges"]]
    assert handed["recordHandover"] == {
        "__typename": "StaffApplication",
        "id": application,
        "status": "completed",
    }
    assert detail["staffApplication"]["channel"] == "window"
    assert detail["staffApplication"]["handedOverAt"] is not None
    assert r.counts == pinned(*WALK_IN, "configurator/ClerkRecordHandover")


async def test_a_deferred_material_arriving_at_the_window_is_recorded_at_its_pinned_cost(
    replay: Replay,
) -> None:
    r = replay
    _, parent = await submitted_without_marriage_data(r.client)
    clerk = await staff_token(r.client, "desk-ui-2", "window_clerk")
    due = str(working_day_after(dt.datetime.now(CHINA_TIME).date(), 5))
    deferred = [{"materialId": MARRIAGE, "dueOn": due}]
    await r.send("configurator/ClerkAccept", {"id": parent, "deferred": deferred}, clerk)

    body = await r.run(
        "configurator/ClerkRecordDeferredMaterial", {"id": parent, "materialId": MARRIAGE}, clerk
    )
    detail = await r.send("configurator/ClerkApplication", {"id": parent}, clerk)

    assert body["recordDeferredMaterial"]["__typename"] == "StaffApplication"
    [arrived] = detail["staffApplication"]["deferred"]
    assert arrived["materialId"] == MARRIAGE and arrived["receivedAt"] is not None
    assert r.counts == pinned("configurator/ClerkRecordDeferredMaterial")


async def test_a_commitment_signed_for_a_walk_in_is_sent_at_its_pinned_cost(
    replay: Replay,
) -> None:
    """An individual business in rented premises: the lease is replaced by a signed commitment."""
    r = replay
    clerk = await staff_token(r.client, "desk-ui-4", "window_clerk")
    walk_in = await r.send("configurator/DeskStartWalkIn", {**ZHANG, "matterCode": BUSINESS}, clerk)
    token, app = walk_in["startWalkIn"]["token"], walk_in["startWalkIn"]["applicationId"]
    rented = {"business_form": "personal", "premises_type": "rented"}
    await r.send(
        "workbench_citizen/DeskSaveApplication",
        {"id": app, "answers": {}, "situation": rented},
        token,
    )

    await r.run(
        "workbench_citizen/DeskSignCommitment", {"id": app, "material": "lease_contract"}, token
    )
    seen = await r.send("workbench_citizen/DeskWalkInApplication", {"id": app}, token)

    statuses = {m["id"]: m["status"] for m in seen["application"]["evaluation"]["materials"]}
    assert statuses["lease_contract"] == "SIGNED"
    assert r.counts == pinned("workbench_citizen/DeskSignCommitment")


async def test_the_days_bookings_at_the_hall_are_listed_masked_at_their_pinned_cost(
    replay: Replay,
) -> None:
    r = replay
    await demo.seed_demo_hall()
    chen = await sign_in(r.client, "demo-5")
    slots = (await gql(r.client, SLOTS, {"r": REGION}, chen))["data"]["appointmentSlots"]
    slot = next(s for s in slots if s["free"])
    booked = await gql(r.client, BOOK, {"s": slot["id"]}, chen)
    assert booked["data"]["bookAppointment"]["__typename"] == "Booking", booked
    clerk = await staff_token(r.client, "desk-ui-3", "window_clerk")
    day = dt.datetime.fromisoformat(slot["startsAt"]).date().isoformat()

    body = await r.run("configurator/DeskHallBookings", {"day": day}, clerk)

    [booking] = body["hallBookings"]
    assert booking["citizenName"] == "陈*然" and booking["residentId"].endswith("0031")
    assert "20100608" not in booking["residentId"]
    assert (booking["applicationId"], booking["status"]) == (None, "BOOKED")
    assert r.counts == pinned("configurator/DeskHallBookings")


async def fast_path_reads(c: Any) -> None:
    """Every query of the desk screens, sent through both apps (c.send(key, variables, token))."""
    await demo.seed_demo_hall()
    clerk = await staff_token(c.client, "desk-ui-fast", "window_clerk")
    await c.send("workbench_citizen/DeskMatters", {"region": REGION, "keyword": "社保"}, None)
    await c.send("workbench_citizen/DeskMatters", {"region": REGION}, None)
    walk_in = await c.send("configurator/DeskStartWalkIn", {**ZHANG, "matterCode": CARD}, clerk)
    started = walk_in["startWalkIn"]
    await c.send(
        "workbench_citizen/DeskWalkInApplication",
        {"id": started["applicationId"]},
        started["token"],
    )
    await c.send("configurator/DeskHallBookings", {}, clerk)
