"""Accept with a deferred material (容缺受理): the seller's marriage certificate deferred, the
review runs, the result withheld until the material arrives, then issued exactly once."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import httpx
import pytest
from support import (
    GRANT,
    HOUSE_EVENT,
    HOUSE_EVENT_SITUATION,
    NEEDED,
    PDF,
    SAVE,
    SIGN,
    fees_paid,
    gql,
    sign_in,
    staff_gql,
    staff_token,
    upload,
)

from backend.applications.service import Application, ApplicationEvent
from backend.backoffice import service
from backend.backoffice.models import AuditEntry
from backend.calendar.service import WorkingCalendar
from backend.catalog import service as catalog
from backend.notifications.models import Outbox
from backend.rules.domain import CHINA_TIME
from backend.settings import ROOT
from backend.wallet.models import IssuedLicense

CALENDAR = WorkingCalendar.load(ROOT / "form_schemas" / "calendar")
MARRIAGE = "identity.marriage_certificate"  # the life event's checklist names it by its type
HOUSE = "property.real_estate_certificate"
# The buyer unmarried: the checklist's one marriage certificate is the seller's.
SITUATION = {**HOUSE_EVENT_SITUATION, "buyer_marital_status": "not_married"}

ACCEPT = """
mutation($id: ID!, $deferred: [DeferredInput!]) {
  acceptApplication(id: $id, deferred: $deferred) {
    __typename
    ... on StaffApplication { status tasks { id departmentCode } deferred { materialId name { zh } dueOn receivedAt overdue } }
    ... on BackofficeError { code message { zh en } errors { path code } }
  }
}
"""
RECORD = """
mutation($id: ID!, $m: String!, $key: String) {
  recordDeferredMaterial(id: $id, materialId: $m, fileKey: $key) {
    __typename
    ... on StaffApplication { status deferred { materialId receivedAt } }
    ... on BackofficeError { code errors { path code } }
  }
}
"""
STAFF_VIEW = (
    'query { windowQueue(status: "accepted") { id deferred { materialId dueOn overdue } } }'
)
SUBMIT = "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { __typename ... on Application { status } ... on ApplicationError { code errors { path code } } } }"
TASKS = "{ reviewQueue { id } }"
DECIDE = 'mutation($id: ID!) { decideTask(taskId: $id, approve: true, opinion: "材料齐全，符合条件") { __typename ... on BackofficeError { code } } }'
DENY = 'mutation($id: ID!) { decideTask(taskId: $id, approve: false, opinion: "容缺材料逾期未补交") { __typename } }'
VIEW = "query($id: ID!) { application(id: $id) { status deferred { materialId name { zh } dueOn receivedAt } timeline { kind message { zh } } } }"


def china_today() -> dt.date:
    return dt.datetime.now(CHINA_TIME).date()


def working_day_after(day: dt.date, n: int = 1) -> dt.date:
    """The n-th working day after `day` (Hangzhou's calendar)."""
    while n:
        day += dt.timedelta(days=1)
        n -= CALENDAR.is_working_day(day, "330106")
    return day


@pytest.fixture
async def deferrable(client: httpx.AsyncClient, tmp_path: Path) -> None:
    """The demo catalog with the seller's marriage certificate (and the spouse's consent)
    deferrable, published as the
    catalog load publishes (a new version only when the demo catalog does not say so yet)."""
    copy = tmp_path / "catalog"
    shutil.copytree(
        ROOT / "form_schemas", copy, ignore=shutil.ignore_patterns("regions.json", "calendar")
    )
    path = copy / "matters" / "330000" / "330000-ZJ-002.json"
    matter = json.loads(path.read_text())
    for m in matter["materials"]:
        if m["id"] in ("seller_marriage_certificate", "spouse_consent"):
            m["deferrable"] = True
    path.write_text(json.dumps(matter, ensure_ascii=False))
    await catalog.load(copy)


START = "mutation($c: String!) { startLifeEvent(code: $c) { ... on Application { id answers } } }"
JOIN = "mutation($c: String!) { joinApplication(code: $c) { __typename ... on ApplicationError { code } } }"
INVITE = 'mutation($id: ID!) { inviteParty(applicationId: $id, party: "buyer") { ... on PartyInvitation { shareCode: code } ... on ApplicationError { code } } }'
CONFIRM = "mutation($id: ID!) { confirmParty(applicationId: $id) { __typename ... on Application { status } ... on ApplicationError { code errors { path code } } } }"
ANSWERS = "query($id: ID!) { application(id: $id) { answers } }"
BUYER_PART = {"buyer_mobile": "13905710021", "payment_method": "full_payment"}


async def consent_to_all_but_marriage(client: httpx.AsyncClient, token: str, app: str) -> None:
    needed = await gql(client, NEEDED, {"id": app}, token)
    sources = [d["sourceId"] for d in needed["data"]["application"]["dataSharing"]]
    keep = [s for s in sources if s not in ("marriage", "e_license")]
    await gql(client, GRANT, {"id": app, "sources": keep}, token)


async def save_more(client: httpx.AsyncClient, token: str, app: str, more: dict[str, str]) -> None:
    answers = (await gql(client, ANSWERS, {"id": app}, token))["data"]["application"]["answers"]
    await gql(client, SAVE, {"id": app, "a": {**answers, **more}, "s": SITUATION}, token)


async def submitted_without_marriage_data(client: httpx.AsyncClient) -> tuple[str, str]:
    """王建国 (demo-1, the seller) and 李婷 (demo-2, the buyer) submit the house transfer, he
    without sharing his marriage records or e-licenses: everything is there but his marriage
    certificate, which he would have to bring to the window."""
    seller, buyer = await sign_in(client, "demo-1"), await sign_in(client, "demo-2")
    started = (await gql(client, START, {"c": HOUSE_EVENT}, seller))["data"]["startLifeEvent"]
    parent = str(started["id"])
    await gql(client, SAVE, {"id": parent, "a": started["answers"], "s": SITUATION}, seller)
    await consent_to_all_but_marriage(client, seller, parent)
    await upload(client, seller, parent, "property.co_owner_consent")
    await save_more(client, seller, parent, {"seller_mobile": "13805710001"})
    code = (await gql(client, INVITE, {"id": parent}, seller))["data"]["inviteParty"]["shareCode"]
    await gql(client, JOIN, {"c": code}, buyer)
    await consent_to_all_but_marriage(client, buyer, parent)
    await gql(client, SIGN, {"id": parent, "m": "tax.family_housing_commitment"}, buyer)
    await save_more(client, buyer, parent, BUYER_PART)
    await gql(client, CONFIRM, {"id": parent}, buyer)
    submitted = (await gql(client, CONFIRM, {"id": parent}, seller))["data"]["confirmParty"]
    assert submitted.get("status") == "SUBMITTED", submitted
    return seller, parent


async def accept(
    client: httpx.AsyncClient, clerk: str, parent: str, deferred: list[dict[str, str]]
) -> dict[str, Any]:
    body = await staff_gql(client, ACCEPT, {"id": parent, "deferred": deferred}, clerk)
    result: dict[str, Any] = body["data"]["acceptApplication"]
    if result.get("status") == "accepted":
        await fees_paid(client, parent)  # so that the last approval decides it
    return result


async def approve_all(client: httpx.AsyncClient, departments: set[str]) -> None:
    for d in sorted(departments):
        token = await staff_token(client, f"reviewer-{d}", "reviewer", department=d)
        [task] = (await staff_gql(client, TASKS, token=token))["data"]["reviewQueue"]
        decided = (await staff_gql(client, DECIDE, {"id": task["id"]}, token))["data"]
        assert decided["decideTask"]["__typename"] == "ReviewTask", decided


async def issued(parent: str) -> list[str]:
    ids = [c.id for c in await Application.filter(parent_id=parent)]
    return [lic.type for lic in await IssuedLicense.filter(application_id__in=ids)]


@pytest.mark.usefixtures("deferrable")
async def test_accepted_with_the_marriage_certificate_deferred_it_completes_only_once_the_citizen_uploads_it(
    client: httpx.AsyncClient,
) -> None:
    citizen, parent = await submitted_without_marriage_data(client)
    clerk = await staff_token(client, "clerk", "window_clerk")
    due = working_day_after(china_today(), 5)

    accepted = await accept(client, clerk, parent, [{"materialId": MARRIAGE, "dueOn": str(due)}])
    await approve_all(client, {t["departmentCode"] for t in accepted["tasks"]})
    withheld = (await gql(client, VIEW, {"id": parent}, citizen))["data"]["application"]
    issued_before = await issued(parent)
    not_a_scan = await upload(client, citizen, parent, MARRIAGE, b"GIF89a" + bytes(64), "a.gif")
    by_the_buyer = await upload(client, await sign_in(client, "demo-2"), parent, MARRIAGE)
    delivered = await upload(client, citizen, parent, MARRIAGE)
    done = (await gql(client, VIEW, {"id": parent}, citizen))["data"]["application"]
    again = await upload(client, citizen, parent, MARRIAGE)

    assert accepted["status"] == "accepted", accepted
    assert accepted["deferred"] == [
        {
            "materialId": MARRIAGE,
            "name": {"zh": "卖方的结婚证"},
            "dueOn": str(due),
            "receivedAt": None,
            "overdue": False,
        }
    ]
    steps = [(e["kind"], e["message"]["zh"]) for e in withheld["timeline"]]
    assert (
        "deferred",
        f"已容缺受理，请于 {due} 前补交卖方的结婚证。材料补齐前，审批结果暂不出具。",
    ) in steps
    assert withheld["status"] == "ACCEPTED" and steps[-1][0] == "withheld"
    assert "补交卖方的结婚证后即办结出证" in steps[-1][1]
    assert issued_before == []
    assert await Outbox.filter(kind="deferred").count() == 1  # the citizen's notice
    assert not_a_scan["code"] == "INVALID"
    assert by_the_buyer["code"] == "NOT_YOUR_PART"  # the seller's certificate is his to bring
    assert not_a_scan["errors"][0]["path"] == f"/materials/{MARRIAGE}/file"
    assert delivered["__typename"] == "Application", delivered
    assert done["status"] == "COMPLETED"
    assert done["deferred"][0]["receivedAt"] is not None
    assert sorted(await issued(parent)) == sorted(set(await issued(parent)))  # each output once
    assert "real_estate_certificate" in await issued(parent)
    assert again["code"] == "NOT_EDITABLE"  # nothing awaited any more: an ordinary upload
    completed = await ApplicationEvent.filter(application_id=parent, kind="completed").count()
    assert completed == 1
    received = await AuditEntry.filter(subject_id=parent, action="deferred_received").first()
    assert received is not None and received.actor.startswith("citizen:")


@pytest.mark.usefixtures("deferrable")
async def test_the_original_seen_at_the_window_before_the_approvals_lets_the_last_approval_complete(
    client: httpx.AsyncClient,
) -> None:
    citizen, parent = await submitted_without_marriage_data(client)
    clerk = await staff_token(client, "clerk", "window_clerk")
    due = str(working_day_after(china_today(), 3))
    accepted = await accept(client, clerk, parent, [{"materialId": MARRIAGE, "dueOn": due}])

    recorded = (await staff_gql(client, RECORD, {"id": parent, "m": MARRIAGE}, clerk))["data"]
    twice = (await staff_gql(client, RECORD, {"id": parent, "m": MARRIAGE}, clerk))["data"]
    never = (await staff_gql(client, RECORD, {"id": parent, "m": HOUSE}, clerk))["data"]
    no_file = {"id": parent, "m": MARRIAGE, "key": "f" * 64}
    unknown_file = (await staff_gql(client, RECORD, no_file, clerk))["data"]
    await approve_all(client, {t["departmentCode"] for t in accepted["tasks"]})
    done = (await gql(client, VIEW, {"id": parent}, citizen))["data"]["application"]

    assert recorded["recordDeferredMaterial"]["deferred"][0]["receivedAt"] is not None
    assert twice["recordDeferredMaterial"]["code"] == "CONFLICT"
    assert never["recordDeferredMaterial"]["errors"] == [
        {"path": "/materialId", "code": "not_deferred"}
    ]
    assert unknown_file["recordDeferredMaterial"]["errors"] == [
        {"path": "/fileKey", "code": "unknown"}
    ]
    assert done["status"] == "COMPLETED"
    assert "withheld" not in [e["kind"] for e in done["timeline"]]
    received = await AuditEntry.filter(subject_id=parent, action="deferred_received").first()
    assert received is not None and received.actor == "staff:clerk"


@pytest.mark.usefixtures("deferrable")
async def test_what_cannot_be_deferred_is_refused_item_by_item_and_nothing_is_accepted(
    client: httpx.AsyncClient,
) -> None:
    _, parent = await submitted_without_marriage_data(client)
    clerk = await staff_token(client, "clerk", "window_clerk")
    today, good = china_today(), str(working_day_after(china_today()))
    saturday = today + dt.timedelta(days=(5 - today.weekday()) % 7 or 7)
    while CALENDAR.is_working_day(saturday, "330106"):  # a make-up Saturday: the next one
        saturday += dt.timedelta(days=7)
    late = str(working_day_after(today, 60))  # beyond the 30 working days of the law

    refused = await accept(
        client,
        clerk,
        parent,
        [
            {"materialId": HOUSE, "dueOn": good},  # shared by the registry, never deferrable
            {"materialId": "property.co_owner_consent", "dueOn": good},  # deferrable, uploaded
            {"materialId": MARRIAGE, "dueOn": str(today)},
            {"materialId": MARRIAGE, "dueOn": good},
            {"materialId": "no_such_material", "dueOn": str(saturday)},
            {"materialId": MARRIAGE, "dueOn": late},
        ],
    )
    too_many = await accept(client, clerk, parent, [{"materialId": MARRIAGE, "dueOn": good}] * 11)
    status = (await Application.get(id=parent)).status

    assert refused["code"] == "INVALID_INPUT" and refused["message"]["zh"].startswith("容缺受理")
    assert refused["errors"] == [
        {"path": "/deferred/0/materialId", "code": "not_deferrable"},
        {"path": "/deferred/1/materialId", "code": "not_missing"},
        {"path": "/deferred/2/dueOn", "code": "too_soon"},
        {"path": "/deferred/3/materialId", "code": "duplicate"},
        {"path": "/deferred/4/materialId", "code": "unknown"},
        {"path": "/deferred/4/dueOn", "code": "not_working_day"},
        {"path": "/deferred/5/materialId", "code": "duplicate"},
        {"path": "/deferred/5/dueOn", "code": "beyond_deadline"},
    ]
    assert too_many["errors"] == [{"path": "/deferred", "code": "too_many"}]
    assert status == "submitted"


async def test_the_demo_catalog_defers_the_marriage_certificate_and_nothing_it_does_not_mark(
    client: httpx.AsyncClient,
) -> None:
    _, parent = await submitted_without_marriage_data(client)
    clerk = await staff_token(client, "clerk", "window_clerk")
    due = str(working_day_after(china_today()))
    consent = {"materialId": "property.co_owner_consent", "dueOn": due}

    refused = await accept(client, clerk, parent, [consent])
    accepted = await accept(client, clerk, parent, [{"materialId": MARRIAGE, "dueOn": due}])

    assert refused["errors"] == [{"path": "/deferred/0/materialId", "code": "not_deferrable"}]
    assert accepted["status"] == "accepted"
    assert [d["materialId"] for d in accepted["deferred"]] == [MARRIAGE]


@pytest.mark.usefixtures("deferrable")
async def test_the_sweep_reminds_the_citizen_before_the_due_date_and_flags_an_overdue_deferral_once(
    client: httpx.AsyncClient,
) -> None:
    citizen, parent = await submitted_without_marriage_data(client)
    clerk = await staff_token(client, "clerk", "window_clerk")
    due = working_day_after(china_today(), 2)
    await accept(client, clerk, parent, [{"materialId": MARRIAGE, "dueOn": str(due)}])

    early = await service.sweep(CALENDAR, due - dt.timedelta(days=10))
    near = await service.sweep(CALENDAR, due - dt.timedelta(days=1))
    near_again = await service.sweep(CALENDAR, due - dt.timedelta(days=1))
    late = await service.sweep(CALENDAR, due + dt.timedelta(days=1))
    late_again = await service.sweep(CALENDAR, due + dt.timedelta(days=2))
    staff_view = (await staff_gql(client, STAFF_VIEW, token=clerk))["data"]["windowQueue"]
    steps = (await gql(client, VIEW, {"id": parent}, citizen))["data"]["application"]["timeline"]

    assert (early.deferrals_reminded, early.deferrals_flagged) == (0, 0)
    assert (near.deferrals_reminded, near_again.deferrals_reminded) == (1, 0)
    assert (late.deferrals_flagged, late_again.deferrals_flagged) == (1, 0)
    assert [a["deferred"] for a in staff_view if a["id"] == parent] == [
        [{"materialId": MARRIAGE, "dueOn": str(due), "overdue": True}]
    ]
    kinds = [e["kind"] for e in steps]
    assert kinds.count("deferred_reminder") == 1 and kinds.count("deferred_overdue") == 1
    assert (
        f"请于 {due} 前补交卖方的结婚证" in steps[kinds.index("deferred_reminder")]["message"]["zh"]
    )
    assert "已超过补交期限" in steps[kinds.index("deferred_overdue")]["message"]["zh"]
    flagged = await AuditEntry.filter(subject_id=parent, action="deferred_overdue").count()
    assert flagged == 1


@pytest.mark.usefixtures("deferrable")
async def test_two_clerks_accepting_at_once_one_wins_and_the_material_is_deferred_once(
    client: httpx.AsyncClient,
) -> None:
    _, parent = await submitted_without_marriage_data(client)
    first, second = (
        await staff_token(client, "c1", "window_clerk"),
        await staff_token(client, "c2", "window_clerk"),
    )
    deferred = [{"materialId": MARRIAGE, "dueOn": str(working_day_after(china_today(), 4))}]

    results = await asyncio.gather(
        accept(client, first, parent, deferred), accept(client, second, parent, deferred)
    )

    assert sorted(r["__typename"] for r in results) == ["BackofficeError", "StaffApplication"]
    assert "CONFLICT" in [r.get("code") for r in results]
    assert await service.deferred_views([(await Application.get(id=parent)).id]) != [[]]
    assert len((await service.deferred_views([(await Application.get(id=parent)).id]))[0]) == 1


@pytest.mark.usefixtures("deferrable")
async def test_the_last_approval_and_the_material_arriving_at_once_complete_it_exactly_once(
    client: httpx.AsyncClient,
) -> None:
    citizen, parent = await submitted_without_marriage_data(client)
    clerk = await staff_token(client, "clerk", "window_clerk")
    due = str(working_day_after(china_today(), 3))
    accepted = await accept(client, clerk, parent, [{"materialId": MARRIAGE, "dueOn": due}])
    departments = sorted({t["departmentCode"] for t in accepted["tasks"]})
    await approve_all(client, set(departments[:-1]))
    last = await staff_token(client, "last-reviewer", "reviewer", department=departments[-1])
    [task] = (await staff_gql(client, TASKS, token=last))["data"]["reviewQueue"]

    await asyncio.gather(
        staff_gql(client, DECIDE, {"id": task["id"]}, last),
        upload(client, citizen, parent, MARRIAGE),
    )

    assert (await Application.get(id=parent)).status == "completed"
    assert await ApplicationEvent.filter(application_id=parent, kind="completed").count() == 1
    licenses = await issued(parent)
    assert "real_estate_certificate" in licenses and len(licenses) == len(set(licenses))


@pytest.mark.usefixtures("deferrable")
async def test_a_department_may_deny_while_a_material_is_awaited_and_it_arrives_too_late_then(
    client: httpx.AsyncClient,
) -> None:
    citizen, parent = await submitted_without_marriage_data(client)
    clerk = await staff_token(client, "clerk", "window_clerk")
    due = str(working_day_after(china_today(), 2))
    accepted = await accept(client, clerk, parent, [{"materialId": MARRIAGE, "dueOn": due}])
    department = sorted({t["departmentCode"] for t in accepted["tasks"]})[0]
    reviewer = await staff_token(client, "reviewer", "reviewer", department=department)
    [task] = (await staff_gql(client, TASKS, token=reviewer))["data"]["reviewQueue"]

    await staff_gql(client, DENY, {"id": task["id"]}, reviewer)
    others = sorted({t["departmentCode"] for t in accepted["tasks"]})[1:]
    await approve_all(client, set(others))
    late = (await staff_gql(client, RECORD, {"id": parent, "m": MARRIAGE}, clerk))["data"]
    upload_late = await upload(client, citizen, parent, MARRIAGE)

    assert (await Application.get(id=parent)).status == "denied"
    assert late["recordDeferredMaterial"]["code"] == "NOT_READY"
    assert upload_late["code"] == "NOT_EDITABLE"  # nothing awaited on a denied application
    assert await issued(parent) == []


SCAN = """
mutation($id: ID!, $m: String!, $scan: Upload) {
  recordDeferredMaterial(id: $id, materialId: $m, scan: $scan) {
    __typename
    ... on StaffApplication { deferred { materialId receivedAt } }
    ... on BackofficeError { code errors { path code } }
  }
}
"""


async def record_with_scan(
    client: httpx.AsyncClient, token: str, parent: str, content: bytes, filename: str
) -> dict[str, Any]:
    """A multipart request to the staff endpoint, as the clerk's screen sends the scan."""
    operations = {"query": SCAN, "variables": {"id": parent, "m": MARRIAGE, "scan": None}}
    response = await client.post(
        "/staff/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.scan"]})},
        files={"0": (filename, content, "application/octet-stream")},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()["data"]["recordDeferredMaterial"]
    return result


@pytest.mark.usefixtures("deferrable")
async def test_the_window_keeps_the_scan_it_uploads_with_the_arrived_material(
    client: httpx.AsyncClient,
) -> None:
    _, parent = await submitted_without_marriage_data(client)
    clerk = await staff_token(client, "clerk", "window_clerk")
    due = str(working_day_after(china_today(), 3))
    await accept(client, clerk, parent, [{"materialId": MARRIAGE, "dueOn": due}])

    not_a_scan = await record_with_scan(client, clerk, parent, b"MZ\x90\x00", "结婚证.exe")
    kept = await record_with_scan(client, clerk, parent, PDF, "结婚证.pdf")

    assert not_a_scan["code"] == "INVALID_INPUT"
    assert [e["path"] for e in not_a_scan["errors"]] == ["/scan"]
    assert kept["deferred"][0]["receivedAt"] is not None, kept
    received = await AuditEntry.filter(subject_id=parent, action="deferred_received").first()
    assert received is not None and received.actor == "staff:clerk"
    assert received.after["file_key"] == hashlib.sha256(PDF).hexdigest()  # content-addressed
