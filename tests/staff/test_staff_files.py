"""Staff download the files citizens uploaded (GET /staff/files/{application}/{material}): only
staff who may read the application get the bytes; everyone else a 404 (no token: 401), never
a 5xx; each download in the audit log."""

from __future__ import annotations

import httpx
from support import PDF, gql, ready_house_event, sign_in, staff_gql, staff_token

from backend.applications.models import MaterialAction
from backend.backoffice.models import AuditEntry
from backend.files.service import LocalFileStore
from backend.settings import Settings
from backend.staff.models import StaffMember

SUBMIT = "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { __typename } }"
MATERIAL = "property.co_owner_consent"  # 王建国 uploads his spouse's consent (scan.pdf)


async def submitted(client: httpx.AsyncClient) -> str:
    citizen = await sign_in(client, "demo-1")
    parent = await ready_house_event(client, citizen)
    await gql(client, SUBMIT, {"id": parent}, citizen)
    return parent


async def get(
    client: httpx.AsyncClient, parent: str, material: str, token: str | None
) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return await client.get(f"/staff/files/{parent}/{material}", headers=headers)


async def test_the_clerk_of_the_county_downloads_the_uploaded_file_and_the_download_is_audited(
    client: httpx.AsyncClient,
) -> None:
    parent = await submitted(client)
    clerk = await staff_token(client, "clerk-f1", "window_clerk")

    response = await get(client, parent, MATERIAL, clerk)

    assert response.status_code == 200
    assert response.content == PDF
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == "inline; filename*=UTF-8''scan.pdf"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "private, no-store"
    entry = await AuditEntry.get(action="file.read")
    assert entry.actor == "staff:clerk-f1"
    assert str(entry.subject_id) == parent
    assert entry.after["material"] == MATERIAL
    assert entry.subject == f"citizen:{entry.after['citizen']}"


async def test_staff_who_may_not_read_the_application_get_404_and_nothing_is_audited(
    client: httpx.AsyncClient,
) -> None:
    parent = await submitted(client)
    clerk = await staff_token(client, "clerk-f2", "window_clerk")
    other_county = await staff_token(client, "clerk-f3", "window_clerk", region="330102")
    reviewer = await staff_token(client, "review-f1", "reviewer", department="330106-ZJJ")

    assert (await get(client, parent, MATERIAL, other_county)).status_code == 404
    assert (await get(client, parent, MATERIAL, reviewer)).status_code == 404, "no task yet"
    assert (await get(client, parent, "no.such.material", clerk)).status_code == 404
    assert (await get(client, parent, "tax.family_housing_commitment", clerk)).status_code == 404
    assert (await get(client, "not-an-id", MATERIAL, clerk)).status_code == 404
    missing = "00000000-0000-0000-0000-000000000000"
    refused = await get(client, missing, MATERIAL, clerk)
    assert refused.status_code == 404
    assert refused.json()["code"] == "NOT_FOUND"
    assert refused.json()["message"]["zh"]
    assert not await AuditEntry.filter(action="file.read").exists()


async def test_a_reviewer_with_a_task_of_their_department_downloads_it(
    client: httpx.AsyncClient,
) -> None:
    parent = await submitted(client)
    clerk = await staff_token(client, "clerk-f4", "window_clerk")
    reviewer = await staff_token(client, "review-f2", "reviewer", department="330106-ZJJ")
    accept = "mutation($id: ID!) { acceptApplication(id: $id) { __typename } }"
    await staff_gql(client, accept, {"id": parent}, clerk)

    response = await get(client, parent, MATERIAL, reviewer)

    assert response.status_code == 200
    assert response.content == PDF
    assert await AuditEntry.filter(action="file.read", actor="staff:review-f2").count() == 1


async def test_without_a_staff_token_the_answer_is_401(client: httpx.AsyncClient) -> None:
    parent = await submitted(client)
    citizen = await sign_in(client, "demo-1")

    for token in (None, "not-a-token", citizen):
        response = await get(client, parent, MATERIAL, token)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
        assert response.json()["code"] == "UNAUTHENTICATED"


async def test_a_member_whose_password_was_reset_must_change_it_first(
    client: httpx.AsyncClient,
) -> None:
    parent = await submitted(client)
    clerk = await staff_token(client, "clerk-f5", "window_clerk")
    await StaffMember.filter(username="clerk-f5").update(must_change_password=True)

    response = await get(client, parent, MATERIAL, clerk)

    assert response.status_code == 403
    assert response.json()["code"] == "PASSWORD_CHANGE_REQUIRED"


async def test_a_file_gone_from_the_store_is_a_404_not_a_5xx(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    parent = await submitted(client)
    clerk = await staff_token(client, "clerk-f6", "window_clerk")
    action = await MaterialAction.get(material_id=MATERIAL)
    await LocalFileStore(settings.files_dir).delete(str(action.file_key))

    assert (await get(client, parent, MATERIAL, clerk)).status_code == 404


async def test_a_chinese_file_name_is_sent_percent_encoded(client: httpx.AsyncClient) -> None:
    parent = await submitted(client)
    clerk = await staff_token(client, "clerk-f7", "window_clerk")
    await MaterialAction.filter(material_id=MATERIAL).update(filename="配偶同意书 (1).pdf")

    response = await get(client, parent, MATERIAL, clerk)

    assert response.status_code == 200
    assert response.headers["content-disposition"] == (
        "inline; filename*=UTF-8''%E9%85%8D%E5%81%B6%E5%90%8C%E6%84%8F%E4%B9%A6%20%281%29.pdf"
    )


async def test_a_reviewer_downloads_only_the_files_of_their_departments_part(
    client: httpx.AsyncClient,
) -> None:
    # given the house transfer accepted: the spouse's consent is housing's and real estate's
    parent = await submitted(client)
    clerk = await staff_token(client, "clerk-f9", "window_clerk")
    accept = "mutation($id: ID!) { acceptApplication(id: $id) { __typename } }"
    await staff_gql(client, accept, {"id": parent}, clerk)
    housing = await staff_token(client, "review-f9", "reviewer", department="330106-ZJJ")
    tax = await staff_token(client, "review-f10", "reviewer", department="330106-SWJ")

    assert (await get(client, parent, MATERIAL, housing)).status_code == 200
    assert (await get(client, parent, MATERIAL, tax)).status_code == 404, "not the tax part"
    readers = {e.actor for e in await AuditEntry.filter(action="file.read")}
    assert readers == {"staff:review-f9"}
