"""What the audit log records beyond the back office's steps, and who reads it: staff sign-ins
(success and failure, never the password), a staff read of a citizen's file in that citizen's
access log (the office, not the person), and the log itself for supervisors and county
administrators of the region (docs/adr/0019)."""

from __future__ import annotations

import json

import httpx
from support import (
    PDF,
    STAFF_PASSWORD,
    STAFF_SIGN_IN,
    gql,
    ready_house_event,
    sign_in,
    staff_gql,
    staff_token,
)

from backend.backoffice.models import AuditEntry
from backend.staff import service as staff

SUBMIT = "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { __typename } }"
MATERIAL = "property.co_owner_consent"
MY_ACCESS_LOG = """query { myAccessLog { id action what { zh en } applicationId materialId
  readerRole readerDepartment readerRegion reader { zh en } } }"""
AUDIT_LOG = """query($filter: AuditLogFilter, $first: Int! = 50, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    __typename
    ... on AuditLogPage { entries { id actor action subject applicationId after hash requestId }
      endCursor hasNextPage }
    ... on BackofficeError { code errors { path } }
  }
}"""


async def submitted(client: httpx.AsyncClient) -> tuple[str, str]:
    citizen = await sign_in(client, "demo-1")
    parent = await ready_house_event(client, citizen)
    await gql(client, SUBMIT, {"id": parent}, citizen)
    return citizen, parent


async def test_a_clerks_download_of_a_citizens_file_is_in_the_citizens_access_log(
    client: httpx.AsyncClient,
) -> None:
    citizen, parent = await submitted(client)
    clerk = await staff_token(client, "clerk-a1", "window_clerk")
    headers = {"Authorization": f"Bearer {clerk}"}
    assert (await client.get(f"/staff/files/{parent}/{MATERIAL}", headers=headers)).content == PDF

    body = await gql(client, MY_ACCESS_LOG, None, citizen)
    someone_else = await gql(client, MY_ACCESS_LOG, None, await sign_in(client, "demo-2"))

    reads = body["data"]["myAccessLog"]
    assert reads[0] == {
        "id": reads[0]["id"],
        "action": "file.read",
        "what": {"zh": "查看了上传的材料", "en": "read an uploaded material"},
        "applicationId": parent,
        "materialId": MATERIAL,
        "readerRole": "window_clerk",
        "readerDepartment": None,
        "readerRegion": "330106",
        "reader": {"zh": "综合受理窗口", "en": "the one window"},
    }
    assert "clerk-a1" not in json.dumps(body)  # the office, not the person
    assert all(r["action"] != "consent.granted" for r in reads)  # their own steps are not reads
    assert someone_else["data"]["myAccessLog"] == []


async def test_staff_sign_ins_are_recorded_failures_included_and_never_the_password(
    client: httpx.AsyncClient,
) -> None:
    await staff.create("clerk-a2", "窗口", "window_clerk", "330106", None, STAFF_PASSWORD)

    wrong = await staff_gql(client, STAFF_SIGN_IN, {"u": "clerk-a2", "p": "not-the-password-1"})
    unknown = await staff_gql(client, STAFF_SIGN_IN, {"u": "nobody-here", "p": "guess-12345678"})
    right = await staff_gql(client, STAFF_SIGN_IN, {"u": "clerk-a2", "p": STAFF_PASSWORD})

    assert wrong["data"]["signIn"] == {} and unknown["data"]["signIn"] == {}
    assert right["data"]["signIn"]["token"]
    entries = await AuditEntry.filter(action__startswith="staff.sign").order_by("id")
    assert [(e.actor, e.action, e.subject) for e in entries] == [
        ("staff:clerk-a2", "staff.sign_in_failed", "staff:clerk-a2"),
        ("staff:nobody-here", "staff.sign_in_failed", "staff:nobody-here"),
        ("staff:clerk-a2", "staff.signed_in", "staff:clerk-a2"),
    ]
    assert all(set(e.after) == {"address"} for e in entries)
    recorded = json.dumps([e.after for e in entries])
    assert "not-the-password" not in recorded and STAFF_PASSWORD not in recorded


async def test_a_supervisor_reads_the_audit_log_of_their_region_and_the_read_is_recorded(
    client: httpx.AsyncClient,
) -> None:
    _, parent = await submitted(client)
    clerk = await staff_token(client, "clerk-a3", "window_clerk")
    await client.get(
        f"/staff/files/{parent}/{MATERIAL}", headers={"Authorization": f"Bearer {clerk}"}
    )
    supervisor = await staff_token(client, "super-a3", "supervisor")
    elsewhere = await staff_token(client, "super-a4", "supervisor", region="330102")

    reads = await staff_gql(client, AUDIT_LOG, {"filter": {"action": "file.read"}}, supervisor)
    outside = await staff_gql(client, AUDIT_LOG, {"filter": {"applicationId": parent}}, elsewhere)
    refused = await staff_gql(client, AUDIT_LOG, None, clerk)

    page = reads["data"]["auditLog"]
    assert [(e["actor"], e["applicationId"]) for e in page["entries"]] == [
        ("staff:clerk-a3", parent)
    ]
    assert page["entries"][0]["after"]["material"] == MATERIAL
    assert len(page["entries"][0]["hash"]) == 64
    assert outside["data"]["auditLog"]["entries"] == []
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN_ROLE"
    looked = await AuditEntry.filter(action="audit.read").order_by("id")
    assert [(e.actor, e.after["filter"], e.after["count"]) for e in looked] == [
        ("staff:super-a3", {"action": "file.read"}, 1),
        ("staff:super-a4", {"application_id": parent}, 0),
    ]


async def test_the_audit_log_pages_newest_first_and_refuses_a_malformed_cursor(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "admin-a5", "county_admin")
    for n in range(3):
        await staff.create(f"clerk-a5-{n}", "窗口", "window_clerk", "330106", None, STAFF_PASSWORD)
        await staff_gql(client, STAFF_SIGN_IN, {"u": f"clerk-a5-{n}", "p": "wrong-password-12"})
    failed = {"filter": {"action": "staff.sign_in_failed"}, "first": 2}

    first = (await staff_gql(client, AUDIT_LOG, failed, admin))["data"]["auditLog"]
    second = (await staff_gql(client, AUDIT_LOG, {**failed, "after": first["endCursor"]}, admin))[
        "data"
    ]["auditLog"]
    bad = await staff_gql(client, AUDIT_LOG, {"after": "x1"}, admin)

    assert [e["actor"] for e in first["entries"]] == ["staff:clerk-a5-2", "staff:clerk-a5-1"]
    assert first["hasNextPage"] is True
    assert [e["actor"] for e in second["entries"]] == ["staff:clerk-a5-0"]
    assert second["hasNextPage"] is False
    assert bad["data"]["auditLog"] == {
        "__typename": "BackofficeError",
        "code": "INVALID_INPUT",
        "errors": [{"path": "/after"}],
    }
