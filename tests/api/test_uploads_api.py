"""Citizens upload materials from a phone: judged by content, size-capped, hashed, kept."""

from __future__ import annotations

import hashlib

import httpx
from support import PDF, gql, sign_in, upload

from backend.applications.models import MaterialAction

START = 'mutation { startApplication(matterCode: "330106-ZJ-002") { ... on Application { id } } }'
CHECKLIST = "query($id: ID!) { application(id: $id) { evaluation { materials { id status evidence { zh } } } timeline { kind } } }"


async def draft(client: httpx.AsyncClient, token: str) -> str:
    return str((await gql(client, START, {}, token))["data"]["startApplication"]["id"])


async def test_an_uploaded_file_satisfies_its_material_and_is_kept_with_its_hash(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-1")
    application_id = await draft(client, token)

    assert (await upload(client, token, application_id, "sale_contract"))[
        "__typename"
    ] == "Application"

    app = (await gql(client, CHECKLIST, {"id": application_id}, token))["data"]["application"]
    item = next(m for m in app["evaluation"]["materials"] if m["id"] == "sale_contract")
    assert item["status"] == "UPLOADED"
    assert item["evidence"]["zh"].startswith("已上传 scan.pdf（")  # plain words for citizens
    [action] = await MaterialAction.filter(application_id=application_id)
    assert action.sha256 == hashlib.sha256(PDF).hexdigest()
    assert "uploaded" in [t["kind"] for t in app["timeline"]]


async def test_a_gif_named_pdf_is_judged_by_its_content_and_refused_with_the_path(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-1")
    application_id = await draft(client, token)  # sale_contract accepts PDF, JPG and PNG
    gif = b"GIF89a" + b"\x00" * 64

    result = await upload(
        client, token, application_id, "sale_contract", gif, filename="contract.pdf"
    )

    assert result["code"] == "INVALID"
    assert [(e["path"], e["code"]) for e in result["errors"]] == [
        ("/materials/sale_contract/file", "type_not_allowed")
    ]
    assert "PDF" in result["errors"][0]["message"]["zh"]


async def test_an_empty_file_is_refused(client: httpx.AsyncClient) -> None:
    token = await sign_in(client, "demo-1")
    application_id = await draft(client, token)
    result = await upload(client, token, application_id, "sale_contract", b"", filename="empty.pdf")
    assert [e["code"] for e in result["errors"]] == ["empty"]


async def test_a_material_that_takes_no_upload_refuses_one(client: httpx.AsyncClient) -> None:
    token = await sign_in(client, "demo-1")
    application_id = await draft(client, token)
    result = await upload(client, token, application_id, "house_certificate")
    assert result["code"] == "INVALID_INPUT"


async def test_another_citizens_application_takes_no_upload(client: httpx.AsyncClient) -> None:
    owner, other = await sign_in(client, "demo-1"), await sign_in(client, "demo-2")
    application_id = await draft(client, owner)
    assert (await upload(client, other, application_id, "sale_contract"))["code"] == "NOT_FOUND"
