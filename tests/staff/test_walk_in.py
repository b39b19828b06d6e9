"""Walk-in intake at one window (一窗受理): a clerk files for a citizen at the counter with the
same form, rules and checklist as online, through a citizen token acting for them; the
citizen's confirmation comes before the submission; the identity service verifies where it
answers and never turns anyone away by being down."""

from __future__ import annotations

import io
from typing import Any

import httpx
import pytest
from PIL import Image
from support import REGISTRY_TOKEN, Registry, gql, make_settings, sign_in, staff_gql, upload

from backend.accounts.models import Citizen, Representation
from backend.applications.models import Application, ApplicationEvent
from backend.appointments.service import seed_demo_hall
from backend.settings import Settings
from backend.staff import service as staff

ZHANG = ("330106195209180229", "张秀英")  # demo-4, 74: never signed in here
CHEN = ("330106201006080031", "陈浩然")  # demo-5: first ID card, fingerprints in person
CARD = "330106-ZJ-006"  # social security card
ID_CARD = "330106-ZJ-009"
PASSWORD = "correct horse battery staple"

START = """
mutation($r: String!, $n: String!, $m: String!) {
  startWalkIn(residentId: $r, name: $n, matterCode: $m) {
    __typename
    ... on WalkIn { token applicationId citizenName identityVerified visitReasons { zh en } }
    ... on BackofficeError { code errors { path code } }
  }
}
"""
CONFIRM = """
mutation($id: ID!, $m: String!) {
  confirmWalkIn(id: $id, method: $m) {
    __typename ... on StaffApplication { id channel } ... on BackofficeError { code errors { path } }
  }
}
"""
SAVE = "mutation($id: ID!, $a: JSON!, $s: JSON) { saveApplication(id: $id, answers: $a, situation: $s) { __typename } }"
SUBMIT = """
mutation($id: ID!, $a: JSON, $mode: String) {
  submitApplication(input: {applicationId: $id, answers: $a, deliveryMode: $mode}) {
    __typename ... on Application { status } ... on ApplicationError { code errors { path code } }
  }
}
"""
QUEUE = (
    "{ windowQueue { id channel receivedAt { name { zh } } runCount { count reasons { zh } } } }"
)
ME = "{ me { name } }"
EVALUATION = "query($id: ID!) { application(id: $id) { evaluation { runCount trips { visit kind reason { zh } } } } }"
MINE = {"started", "walk_in", "walk_in_confirmed", "submitted"}


@pytest.fixture
def settings(database_url: str, registry_server: str) -> Settings:
    """The app asks the stand-in's identity service, as production asks the province's."""
    return make_settings(database_url, identity_url=registry_server, identity_token=REGISTRY_TOKEN)


async def clerk(client: httpx.AsyncClient, username: str = "clerk") -> str:
    """A window clerk of Xihu District at the county's own hall, signed in."""
    hall = await seed_demo_hall()
    await staff.create(username, "窗口", "window_clerk", "330106", None, PASSWORD, hall=hall.id)
    body = await staff_gql(
        client,
        "mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { ... on StaffSession { token } } }",
        {"u": username, "p": PASSWORD},
    )
    return str(body["data"]["signIn"]["token"])


async def start(
    client: httpx.AsyncClient, token: str, who: tuple[str, str], matter: str = CARD
) -> dict[str, Any]:
    body = await staff_gql(client, START, {"r": who[0], "n": who[1], "m": matter}, token)
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["startWalkIn"]
    return result


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 40), "white").save(out, "JPEG")
    return out.getvalue()


async def filled(client: httpx.AsyncClient, walk_in: dict[str, Any]) -> str:
    """The card form filled and the photo scanned, through the citizen API with the token."""
    token, app = walk_in["token"], walk_in["applicationId"]
    saved = await gql(
        client, SAVE, {"id": app, "a": {"ssc_bank": "icbc"}, "s": {"card_for": "self"}}, token
    )
    assert saved["data"]["saveApplication"]["__typename"] == "SavedApplication", saved
    scanned = await upload(client, token, app, "portrait_photo", jpeg(), "photo.jpg")
    assert scanned["__typename"] == "Application", scanned
    return str(app)


async def test_a_clerk_files_for_a_walk_in_verified_confirmed_and_submitted(
    client: httpx.AsyncClient,
) -> None:
    token = await clerk(client)

    walk_in = await start(client, token, ZHANG)
    me = (await gql(client, ME, token=walk_in["token"]))["data"]["me"]
    app = await filled(client, walk_in)
    early = (await gql(client, SUBMIT, {"id": app, "mode": "pickup"}, walk_in["token"]))["data"]
    confirmed = (await staff_gql(client, CONFIRM, {"id": app, "m": "signature"}, token))["data"]
    submitted = (await gql(client, SUBMIT, {"id": app, "mode": "pickup"}, walk_in["token"]))["data"]
    queue = (await staff_gql(client, QUEUE, token=token))["data"]["windowQueue"]
    seen = (await gql(client, EVALUATION, {"id": app}, walk_in["token"]))["data"]["application"]

    assert walk_in["__typename"] == "WalkIn" and walk_in["identityVerified"] is True
    assert walk_in["citizenName"] == "张秀英" and me == {"name": "张秀英"}
    assert walk_in["visitReasons"] == [
        {"zh": "本人选择到窗口办理", "en": "Chose to come to the window"}
    ]
    assert early["submitApplication"]["code"] == "CONFIRMATION_REQUIRED"
    assert early["submitApplication"]["errors"] == [{"path": "/confirmation", "code": "REQUIRED"}]
    assert confirmed["confirmWalkIn"] == {
        "__typename": "StaffApplication",
        "id": app,
        "channel": "window",
    }
    assert submitted["submitApplication"] == {"__typename": "Application", "status": "SUBMITTED"}
    assert {
        "id": app,
        "channel": "window",
        "receivedAt": None,  # the county's own window
        "runCount": {"count": 1, "reasons": [{"zh": "本人选择到窗口办理"}]},
    } in queue
    assert seen["evaluation"] == {
        "runCount": 1,
        "trips": [{"visit": 1, "kind": "window", "reason": {"zh": "本人选择到窗口办理"}}],
    }
    row = await Application.get(id=app)
    citizen = await Citizen.get(id=row.citizen_id)
    assert (row.channel, row.region_code, row.received_hall_id) == ("window", "330106", None)
    assert (citizen.provider, citizen.id_number) == ("resident_id", ZHANG[0])
    steps = await ApplicationEvent.filter(application_id=app).order_by("id")
    kinds = [s.kind for s in steps]
    assert [k for k in kinds if k in MINE] == [
        "started",
        "walk_in",
        "walk_in_confirmed",
        "submitted",
    ]
    assert "uploaded" in kinds and {s.actor for s in steps} == {"staff:clerk"}
    [basis] = await Representation.filter(principal_id=citizen.id).values_list("basis", flat=True)
    assert basis == "walk_in"


async def test_what_is_submitted_must_be_what_the_citizen_confirmed(
    client: httpx.AsyncClient,
) -> None:
    token = await clerk(client)
    walk_in = await start(client, token, ZHANG)
    app = await filled(client, walk_in)
    await staff_gql(client, CONFIRM, {"id": app, "m": "paper"}, token)

    changed = {"ssc_bank": "abc"}
    other = (await gql(client, SUBMIT, {"id": app, "a": changed}, walk_in["token"]))["data"]
    same = (await gql(client, SUBMIT, {"id": app, "a": {"ssc_bank": "icbc"}}, walk_in["token"]))[
        "data"
    ]

    assert other["submitApplication"]["code"] == "CONFIRMATION_REQUIRED"
    assert same["submitApplication"]["status"] == "SUBMITTED"


@pytest.mark.parametrize("down", ["switched to error", "nothing listening"])
async def test_a_walk_in_is_served_unverified_while_the_identity_service_is_down(
    database_url: str, registry: Registry, down: str
) -> None:
    from support import app_client

    url = registry.url if down == "switched to error" else "http://127.0.0.1:9"
    registry.set(fail="error", sources=["identity"])
    settings = make_settings(database_url, identity_url=url, identity_token=REGISTRY_TOKEN)
    async with app_client(settings) as client:
        token = await clerk(client)
        walk_in = await start(client, token, ZHANG)
        timeline = await ApplicationEvent.get(
            application_id=walk_in["applicationId"], kind="walk_in"
        )
        evidence = (await Representation.get(agent_staff="clerk")).evidence

    assert walk_in["__typename"] == "WalkIn" and walk_in["identityVerified"] is False
    assert "身份核验服务暂不可用" in timeline.message_zh
    assert evidence["identity_verified"] is False


async def test_a_name_that_does_not_match_the_resident_id_is_refused_on_both_fields(
    client: httpx.AsyncClient, registry: Registry
) -> None:
    token = await clerk(client)
    await sign_in(client, "demo-1")  # 王建国 has an account already

    refused = await start(client, token, (ZHANG[0], "张秀芳"))
    registry.set(fail="error", sources=["identity"])
    known_down = await start(client, token, ("330106196803120311", "王建华"))

    for answer in (refused, known_down):
        assert answer["code"] == "IDENTITY_MISMATCH"
        assert [e["path"] for e in answer["errors"]] == ["/residentId", "/name"]
    assert not await Application.exists(channel="window")


async def test_every_malformed_input_is_named_at_once_before_any_work(
    client: httpx.AsyncClient,
) -> None:
    token = await clerk(client)

    bad = await start(client, token, ("330106195209180228", " "), "X" * 40)
    unknown = await start(client, token, ZHANG, "330106-ZJ-999")

    assert bad["code"] == "INVALID_INPUT"
    assert [(e["path"], e["code"]) for e in bad["errors"]] == [
        ("/residentId", "INVALID_RESIDENT_ID"),
        ("/name", "INVALID_LENGTH"),
        ("/matterCode", "INVALID_LENGTH"),
    ]
    assert unknown["code"] == "INVALID_INPUT" and unknown["errors"][0]["path"] == "/matterCode"
    assert not await Citizen.exists(provider="resident_id")


async def test_a_walk_in_who_needs_to_come_anyway_is_told_why_and_counted_one_visit(
    client: httpx.AsyncClient,
) -> None:
    await sign_in(client, "demo-5")  # 陈浩然's account: his household is registered in Xihu
    token = await clerk(client)

    walk_in = await start(client, token, CHEN, ID_CARD)

    reasons = [r["zh"] for r in walk_in["visitReasons"]]
    assert walk_in["identityVerified"] is True
    assert "须本人到场：采集指纹和拍摄身份证相片" in reasons  # and the household register, until
    assert "本人选择到窗口办理" not in reasons  # he consents to the registry's data
    seen = await gql(client, EVALUATION, {"id": walk_in["applicationId"]}, walk_in["token"])
    evaluation = seen["data"]["application"]["evaluation"]
    assert (
        evaluation["runCount"] == 1 and [t["reason"]["zh"] for t in evaluation["trips"]] == reasons
    )


async def test_the_citizen_submitting_their_window_draft_themself_confirms_it_by_doing_so(
    client: httpx.AsyncClient,
) -> None:
    token = await clerk(client)
    walk_in = await start(client, token, ZHANG)
    app = await filled(client, walk_in)

    own = await sign_in(client, "demo-4")  # 张秀英 signs in at home: her account, adopted
    submitted = (await gql(client, SUBMIT, {"id": app}, own))["data"]["submitApplication"]

    assert submitted == {"__typename": "Application", "status": "SUBMITTED"}
