"""Automatic decisions (秒批, issue 19): the social security card for oneself, its photo from the
population registry (赵敏, demo-3), is accepted, approved and completed at submission by its rules, with no
one's desk; a sampled share waits for a reviewer's check; without the shared record it goes to
the window as before."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from typing import Any

import httpx
from PIL import Image
from support import (
    consent_to_everything,
    gql,
    refusing_inserts,
    sign_in,
    staff_gql,
    staff_token,
    upload,
)
from test_walk_in import CARD

from backend.applications.models import Application
from backend.backoffice import service
from backend.backoffice.models import AuditEntry, ReviewTask
from backend.calendar.service import WorkingCalendar
from backend.catalog.models import MatterVersion
from backend.catalog.service import content_hash, sampled
from backend.settings import ROOT

CALENDAR = WorkingCalendar.load(ROOT / "form_schemas" / "calendar")
START = "mutation($c: String!) { startApplication(matterCode: $c) { ... on Application { id } } }"
SAVE = "mutation($id: ID!, $a: JSON!, $s: JSON) { saveApplication(id: $id, answers: $a, situation: $s) { __typename } }"
SUBMIT = "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { __typename ... on Application { status timeline { kind message { zh } } } } }"
WALLET = "{ myWallet { type issuedByZerorun } }"
CHECKS = "query($checked: Boolean) { automaticChecks(checked: $checked) { id taskId applicationId decidedBy outcome note checkedBy } }"
RECORD = "mutation($id: ID!, $o: AutomaticCheckOutcome!, $n: String) { recordAutomaticCheck(id: $id, outcome: $o, note: $n) { __typename ... on AutomaticCheck { outcome note checkedBy } ... on BackofficeError { code errors { path code } } } }"
QUEUE = "{ windowQueue { id automatic } }"
ANSWERS = {"ssc_bank": "icbc"}
SITUATION = {"card_for": "self"}
DEPARTMENT = "330106-RSJ"


async def checked_share(rate: float) -> None:
    """The card's published version checks `rate` of its automatic decisions (the demo: 10 %)."""
    version = await MatterVersion.filter(matter__code=CARD).order_by("-number").first()
    assert version is not None
    definition = {**version.definition, "automatic": {"sample_rate": rate}}
    await MatterVersion.filter(id=version.id).update(
        definition=definition, content_hash=content_hash(definition)
    )


async def card_draft(client: httpx.AsyncClient, token: str, photo: bool = False) -> str:
    """A card for oneself, every data set shared: the photo comes from the population registry
    when it holds the applicant (赵敏, demo-3), else it is uploaded (`photo`)."""
    app = str((await gql(client, START, {"c": CARD}, token))["data"]["startApplication"]["id"])
    await gql(client, SAVE, {"id": app, "a": ANSWERS, "s": SITUATION}, token)
    await consent_to_everything(client, token, app)
    if photo:
        out = io.BytesIO()
        Image.new("RGB", (64, 80), "white").save(out, "JPEG")
        uploaded = await upload(client, token, app, "portrait_photo", out.getvalue(), "me.jpg")
        assert uploaded["__typename"] == "Application", uploaded
    return app


async def submit(client: httpx.AsyncClient, token: str, app: str) -> dict[str, Any]:
    result: dict[str, Any] = (await gql(client, SUBMIT, {"id": app}, token))["data"][
        "submitApplication"
    ]
    return result


async def test_an_automatic_matter_completes_at_submit_with_no_staff_action_and_its_output_is_in_the_wallet(
    client: httpx.AsyncClient,
) -> None:
    await checked_share(0.0)
    citizen = await sign_in(client, "demo-3")
    app = await card_draft(client, citizen)

    submitted = await submit(client, citizen, app)

    assert submitted["status"] == "COMPLETED", submitted
    kinds = [e["kind"] for e in submitted["timeline"]]
    assert kinds[-3:] == ["submitted", "decided_automatically", "completed"]
    assert "系统已自动审批" in submitted["timeline"][-2]["message"]["zh"]
    wallet = (await gql(client, WALLET, {}, citizen))["data"]["myWallet"]
    assert {"type": "social_security_card", "issuedByZerorun": True} in wallet
    [task] = await ReviewTask.filter(root_id=app)
    assert (task.status, task.decided_by) == ("approved", "rules:330106-ZJ-006@v1")
    entries = await AuditEntry.filter(subject_id=app).order_by("id")
    assert [(e.actor, e.action) for e in entries] == [
        ("citizen:1", "consent.granted"),
        ("citizen:1", "application.submitted"),
        ("rules:330106-ZJ-006@v1", "decided_automatically"),
    ]
    assert entries[2].after["approved"][0]["rules"] == "rules:330106-ZJ-006@v1"
    reviewer = await staff_token(client, "rst", "reviewer", department=DEPARTMENT)
    assert (await staff_gql(client, CHECKS, {}, reviewer))["data"]["automaticChecks"] == []


async def test_a_sampled_automatic_decision_waits_for_its_departments_check_recorded_once(
    client: httpx.AsyncClient,
) -> None:
    await checked_share(1.0)
    citizen = await sign_in(client, "demo-3")
    app = await card_draft(client, citizen)
    assert (await submit(client, citizen, app))["status"] == "COMPLETED"
    reviewer = await staff_token(client, "rst", "reviewer", department=DEPARTMENT)
    other = await staff_token(client, "gtj", "reviewer", department="330106-GTJ")

    [waiting] = (await staff_gql(client, CHECKS, {}, reviewer))["data"]["automaticChecks"]
    elsewhere = (await staff_gql(client, CHECKS, {}, other))["data"]["automaticChecks"]
    no_note = await staff_gql(client, RECORD, {"id": waiting["id"], "o": "WRONG"}, reviewer)
    not_mine = await staff_gql(client, RECORD, {"id": waiting["id"], "o": "CONFIRMED"}, other)
    confirmed = await staff_gql(client, RECORD, {"id": waiting["id"], "o": "CONFIRMED"}, reviewer)
    again = await staff_gql(
        client, RECORD, {"id": waiting["id"], "o": "WRONG", "n": "照片不符"}, reviewer
    )

    assert waiting["applicationId"] == app and waiting["outcome"] is None
    assert waiting["decidedBy"] == "rules:330106-ZJ-006@v1"
    assert elsewhere == []
    assert no_note["data"]["recordAutomaticCheck"] == {
        "__typename": "BackofficeError",
        "code": "INVALID_INPUT",
        "errors": [{"path": "/note", "code": "required"}],
    }
    assert not_mine["data"]["recordAutomaticCheck"]["code"] == "NOT_FOUND"
    assert confirmed["data"]["recordAutomaticCheck"] == {
        "__typename": "AutomaticCheck",
        "outcome": "CONFIRMED",
        "note": None,
        "checkedBy": "rst",
    }
    assert again["data"]["recordAutomaticCheck"]["code"] == "CONFLICT"
    assert (await staff_gql(client, CHECKS, {}, reviewer))["data"]["automaticChecks"] == []
    [done] = (await staff_gql(client, CHECKS, {"checked": True}, reviewer))["data"][
        "automaticChecks"
    ]
    assert done["outcome"] == "CONFIRMED"
    assert await AuditEntry.exists(actor="staff:rst", action="automatic_checked", subject_id=app)


async def test_without_the_registrys_record_the_card_goes_to_the_window_as_before(
    client: httpx.AsyncClient,
) -> None:
    citizen = await sign_in(client, "demo-4")  # the population registry does not hold 张秀英
    app = await card_draft(client, citizen, photo=True)  # her photo uploaded: a person looks

    submitted = await submit(client, citizen, app)

    assert submitted["status"] == "SUBMITTED", submitted
    assert "decided_automatically" not in [e["kind"] for e in submitted["timeline"]]
    clerk = await staff_token(client, "clerk", "window_clerk")
    queue = (await staff_gql(client, QUEUE, token=clerk))["data"]["windowQueue"]
    assert {"id": app, "automatic": False} in queue
    assert not await ReviewTask.exists(root_id=app)


async def test_a_decision_that_fails_leaves_the_submission_standing_and_the_sweep_makes_it_once(
    client: httpx.AsyncClient,
) -> None:
    await checked_share(0.0)
    citizen = await sign_in(client, "demo-3")
    app = await card_draft(client, citizen)
    async with refusing_inserts("review_task"):  # the decision cannot be written
        submitted = await submit(client, citizen, app)
    await Application.filter(id=app).update(  # past the minute a submission's own request has
        submitted_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    )

    today = dt.date.today()
    first, again = await service.sweep(CALENDAR, today), await service.sweep(CALENDAR, today)

    assert submitted["status"] == "SUBMITTED"
    assert (first.decided_automatically, again.decided_automatically) == (1, 0)
    assert (await Application.get(id=app)).status == "completed"
    assert await ReviewTask.filter(root_id=app).count() == 1
    wallet = (await gql(client, WALLET, {}, citizen))["data"]["myWallet"]
    assert [w["type"] for w in wallet].count("social_security_card") == 1


def test_the_sampled_share_is_deterministic_and_near_its_rate() -> None:
    ids = [uuid.UUID(int=n * 7919 + 1) for n in range(4000)]
    picked = [i for i in ids if sampled(i, 0.1)]

    assert [i for i in ids if sampled(i, 0.1)] == picked
    assert 300 < len(picked) < 500
    assert not any(sampled(i, 0.0) for i in ids) and all(sampled(i, 1.0) for i in ids)
