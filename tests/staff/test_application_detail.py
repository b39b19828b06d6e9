"""An application in full at the window (staffApplication): who applied (masked), the parties,
every answer with its title and provenance, every material with its evidence; who may read it,
and every read in the audit log."""

from __future__ import annotations

from typing import Any

import httpx
from support import QueryCount, gql, ready_house_event, sign_in, staff_gql, staff_token

from backend.applications.models import Application
from backend.backoffice.models import AuditEntry
from backend.staff.models import StaffMember

SUBMIT = "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { __typename ... on Application { status } } }"
DETAIL = """
query($id: ID!) {
  staffApplication(id: $id) {
    id status
    applicant { name residentId mobile }
    parties { party name { zh en } role status personName }
    answerList { field title { zh en } value provenance { sourceId sourceName { zh en } fetchedAt edited } }
    materials { id name { zh en } status party evidence { kind text { zh en } file { url filename contentType size } } }
  }
}
"""
LIST = "{ windowQueue { id applicant { name } answerList { field } materials { id } parties { party } } }"
ACCEPT = "mutation($id: ID!) { acceptApplication(id: $id) { __typename } }"


async def submitted_house_event(client: httpx.AsyncClient) -> str:
    citizen = await sign_in(client, "demo-1")
    parent = await ready_house_event(client, citizen)
    body = await gql(client, SUBMIT, {"id": parent}, citizen)
    assert body["data"]["submitApplication"]["status"] == "SUBMITTED", body
    return parent


async def read(client: httpx.AsyncClient, token: str, app_id: str) -> Any:
    body = await staff_gql(client, DETAIL, {"id": app_id}, token)
    assert "errors" not in body, body
    return body["data"]["staffApplication"]


async def test_the_clerk_reads_the_application_in_full_with_masked_identity_and_evidence(
    client: httpx.AsyncClient,
) -> None:
    parent = await submitted_house_event(client)
    clerk = await staff_token(client, "clerk-d1", "window_clerk")

    app = await read(client, clerk, parent)

    assert app["applicant"] == {
        "name": "王建国",
        "residentId": "330106********0311",
        "mobile": "138****0001",
    }
    parties = {p["party"]: p for p in app["parties"]}
    assert parties["seller"]["personName"] == "王建国"
    assert parties["buyer"]["personName"] == "李婷"
    assert parties["buyer"]["status"] == "confirmed"
    assert parties["seller"]["name"]["zh"]
    answers = {a["field"]: a for a in app["answerList"]}
    assert answers["buyer_mobile"]["value"] == "13905710021"
    assert answers["buyer_mobile"]["title"]["zh"] != "buyer_mobile"
    shared = [a for a in app["answerList"] if a["provenance"]]
    assert shared, "some answers came from shared data"
    assert all(a["provenance"]["sourceName"]["zh"] for a in shared)
    assert all(a["provenance"]["fetchedAt"] for a in shared)
    kinds = {m["evidence"]["kind"] for m in app["materials"]}
    assert {"upload", "commitment"} <= kinds
    assert "missing" not in kinds
    upload = next(m for m in app["materials"] if m["evidence"]["kind"] == "upload")
    assert upload["evidence"]["file"] == {
        "url": f"/staff/files/{parent}/{upload['id']}",
        "filename": "scan.pdf",
        "contentType": "application/pdf",
        "size": upload["evidence"]["file"]["size"],
    }
    assert upload["evidence"]["file"]["size"] > 0
    signed = next(m for m in app["materials"] if m["evidence"]["kind"] == "commitment")
    assert signed["party"] == "buyer"
    assert "已签署告知承诺" in signed["evidence"]["text"]["zh"]
    assert len(signed["evidence"]["text"]["zh"]) > 20, "the commitment's full text"
    reads = await AuditEntry.filter(action="application.read", subject_id=parent)
    assert [r.actor for r in reads] == ["staff:clerk-d1"], "one read, one entry"


async def test_the_queue_list_does_not_read_anyones_details(client: httpx.AsyncClient) -> None:
    parent = await submitted_house_event(client)
    clerk = await staff_token(client, "clerk-d2", "window_clerk")

    body = await staff_gql(client, LIST, token=clerk)

    row = next(a for a in body["data"]["windowQueue"] if a["id"] == parent)
    assert row == {
        "id": parent,
        "applicant": None,
        "answerList": [],
        "materials": [],
        "parties": [],
    }
    assert not await AuditEntry.filter(action="application.read").exists()


async def test_another_countys_clerk_and_a_citizens_draft_are_not_readable(
    client: httpx.AsyncClient,
) -> None:
    parent = await submitted_house_event(client)
    other = await staff_token(client, "clerk-d3", "window_clerk", region="330102")
    citizen = await sign_in(client, "demo-5")
    draft = (
        await gql(
            client,
            'mutation { startApplication(matterCode: "330106-ZJ-009") { ... on Application { id } } }',
            token=citizen,
        )
    )["data"]["startApplication"]["id"]
    clerk = await staff_token(client, "clerk-d4", "window_clerk")

    assert await read(client, other, parent) is None
    assert await read(client, clerk, draft) is None
    assert await read(client, clerk, "not-an-id") is None
    assert await read(client, clerk, "00000000-0000-0000-0000-000000000000") is None
    assert not await AuditEntry.filter(action="application.read").exists()


async def test_a_reviewer_reads_it_once_their_department_has_a_task_and_a_supervisor_above_reads_it(
    client: httpx.AsyncClient,
) -> None:
    parent = await submitted_house_event(client)
    clerk = await staff_token(client, "clerk-d5", "window_clerk")
    reviewer = await staff_token(client, "review-d1", "reviewer", department="330106-ZJJ")
    stranger = await staff_token(client, "review-d2", "reviewer", department="330106-GAJ")
    city = await staff_token(client, "super-d1", "supervisor", region="330100")
    elsewhere = await staff_token(client, "super-d2", "supervisor", region="330200")
    admin = await staff_token(client, "admin-d1", "county_admin")

    assert await read(client, reviewer, parent) is None, "no task yet"
    accepted = await staff_gql(client, ACCEPT, {"id": parent}, clerk)
    assert accepted["data"]["acceptApplication"]["__typename"] == "StaffApplication"

    assert (await read(client, reviewer, parent))["id"] == parent
    assert await read(client, stranger, parent) is None
    assert (await read(client, city, parent))["applicant"]["name"] == "王建国"
    assert await read(client, elsewhere, parent) is None
    assert await read(client, admin, parent) is None
    actors = {r.actor for r in await AuditEntry.filter(action="application.read")}
    assert actors == {"staff:review-d1", "staff:super-d1"}


async def test_reading_needs_staff_sign_in(client: httpx.AsyncClient) -> None:
    body = await staff_gql(client, DETAIL, {"id": "00000000-0000-0000-0000-000000000000"})
    assert body["data"] == {"staffApplication": None}
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_the_clerk_of_the_hall_that_received_it_for_another_county_reads_it(
    client: httpx.AsyncClient,
) -> None:
    parent = await submitted_house_event(client)
    hall_clerk = await staff_token(client, "clerk-d6", "window_clerk", region="330102")
    stranger = await staff_token(client, "clerk-d7", "window_clerk", region="330102")
    await StaffMember.filter(username__in=["clerk-d6", "clerk-d7"]).update(hall_id=7)
    await StaffMember.filter(username="clerk-d7").update(hall_id=8)
    await Application.filter(id=parent).update(received_hall_id=7)

    assert (await read(client, hall_clerk, parent))["applicant"]["name"] == "王建国"
    assert await read(client, stranger, parent) is None


async def test_reading_in_full_costs_a_bounded_number_of_statements(
    client: httpx.AsyncClient,
) -> None:
    parent = await submitted_house_event(client)
    clerk = await staff_token(client, "clerk-d8", "window_clerk")

    with QueryCount() as q:
        await read(client, clerk, parent)

    assert q.count <= 16, q.statements  # 15 today, whatever the number of answers or materials


async def test_a_reviewer_reads_only_the_part_of_a_life_event_their_department_decides(
    client: httpx.AsyncClient,
) -> None:
    # given the house transfer (housing ZJJ, real estate GTJ and tax SWJ), accepted
    parent = await submitted_house_event(client)
    clerk = await staff_token(client, "clerk-d9", "window_clerk")
    housing = await staff_token(client, "review-d9", "reviewer", department="330106-ZJJ")
    tax = await staff_token(client, "review-d10", "reviewer", department="330106-SWJ")
    city = await staff_token(client, "super-d9", "supervisor", region="330100")
    await staff_gql(client, ACCEPT, {"id": parent}, clerk)

    def part(app: Any) -> tuple[set[str], set[str]]:
        return {a["field"] for a in app["answerList"]}, {m["id"] for m in app["materials"]}

    every_answer, every_material = part(await read(client, city, parent))
    housing_answers, housing_materials = part(await read(client, housing, parent))
    tax_answers, tax_materials = part(await read(client, tax, parent))

    # then each reviewer reads their own matter's answers and materials, not the others'
    assert "property_area" in housing_answers and "transaction_price" in tax_answers
    assert not {"contract_no", "delivery_address", "buyer_spouse_name"} & housing_answers
    assert not {"property_certificate_no", "delivery_address"} & tax_answers
    assert housing_answers < every_answer and tax_answers < every_answer
    assert "tax.family_housing_commitment" in tax_materials
    assert "tax.family_housing_commitment" not in housing_materials
    assert housing_materials <= {"property.real_estate_certificate", "property.co_owner_consent"}
    assert tax_materials < every_material
    # and the applicant and parties stay: who applied is every department's business
    assert (await read(client, tax, parent))["applicant"]["name"] == "王建国"
