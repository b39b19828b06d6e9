"""Revocation as /verify shows it (a county administrator's, audited; a license an output
superseded), and the limits of the verify upload: a file too large, not a PDF, damaged or too
long gets a clear answer, on the API and on the /verify page alike, never a 5xx."""

from __future__ import annotations

import io
import uuid

import httpx
from pypdf import PdfWriter
from seals_support import completed_id_card, documents, pdf_of, verify, verify_file
from support import sign_in, staff_gql, staff_token

from backend.accounts.service import Citizen
from backend.backoffice.models import AuditEntry
from backend.staff.models import StaffMember
from backend.wallet import service as wallet

REVOKE = """mutation($n: String!, $r: String!) { revokeDocument(number: $n, reason: $r) {
  __typename ... on RevokedDocument { number kind reason } ... on SealError { code path } } }"""


async def test_a_revoked_certificate_shows_revoked_by_number_and_upload(
    client: httpx.AsyncClient,
) -> None:
    token, app = await completed_id_card(client)
    certificate = (await documents(client, token, app))["certificate"]
    content = await pdf_of(client, token, certificate)
    admin = await staff_token(client, "seal-admin", "county_admin")
    elsewhere = await staff_token(client, "seal-admin-2", "county_admin")
    await StaffMember.filter(username="seal-admin-2").update(region_code="330108")
    license_number = (await verify(client, certificate["number"]))["licenseNumber"]

    other_county = await staff_gql(client, REVOKE, {"n": license_number, "r": "误发"}, elsewhere)
    revoked = await staff_gql(
        client, REVOKE, {"n": license_number, "r": "信息有误，已重新办理"}, admin
    )
    again = await staff_gql(client, REVOKE, {"n": certificate["number"], "r": "再次"}, admin)

    assert other_county["data"]["revokeDocument"] == {
        "__typename": "SealError",
        "code": "NOT_FOUND",
        "path": "number",
    }
    assert revoked["data"]["revokeDocument"]["number"] == certificate["number"]
    assert again["data"]["revokeDocument"]["code"] == "ALREADY_REVOKED"
    for shown in (
        await verify(client, certificate["number"]),
        await verify(client, license_number),
        await verify_file(client, content),
    ):
        assert shown["status"] == "REVOKED"
    assert await wallet.cancelled_at("resident_id_card", license_number) is not None
    entry = await AuditEntry.get(action="document_revoked")
    assert (
        entry.actor == "staff:seal-admin" and entry.subject == f"document:{certificate['number']}"
    )
    assert (await documents(client, token, app))["certificate"]["revoked"] is True


async def test_a_license_issued_before_sealing_is_vouched_by_the_registry_and_its_cancellation_shows(
    client: httpx.AsyncClient,
) -> None:
    await sign_in(client, "demo-5")
    chen = await Citizen.get(name="陈浩然")
    assert chen.id_number
    holder = wallet.Holder(chen, chen.name, chen.id_number)
    issuer = {"zh": "杭州市公安局西湖区分局", "en": "Xihu police"}
    lic = await wallet.issue(holder, uuid.uuid4(), "resident_id_card", issuer, {})

    current = await verify(client, lic.number)
    await wallet.cancel(lic.type, lic.number, chen.id_number, uuid.uuid4())  # superseded
    superseded = await verify(client, lic.number)

    assert (current["status"], current["sealed"], current["holder"]) == ("GENUINE", False, "陈**")
    assert superseded["status"] == "REVOKED" and superseded["revokedAt"]


async def test_another_registrys_license_an_output_superseded_shows_revoked(
    client: httpx.AsyncClient,
) -> None:
    old = "浙（2016）杭州市不动产权第0087654号"  # the e-license library's, not ours
    before = await verify(client, old)
    await wallet.cancel("real_estate_certificate", old, "330106196803120311", uuid.uuid4())

    after = await verify(client, old)

    assert before["status"] == "UNKNOWN"
    assert (after["status"], after["holder"], after["licenseNumber"]) == ("REVOKED", None, old)


def _pages(n: int) -> bytes:
    writer = PdfWriter()
    for _ in range(n):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


async def test_the_verify_upload_is_bounded_and_malformed_files_get_a_clear_answer(
    client: httpx.AsyncClient,
) -> None:
    cases = {
        "TOO_LARGE": b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024),
        "NOT_A_PDF": b"GIF89a not a pdf",
        "DAMAGED": b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\ntrailer <<>>\n%%EOF",
        "TOO_MANY_PAGES": _pages(11),
    }

    answers = {code: await verify_file(client, content) for code, content in cases.items()}
    one_page = await verify_file(client, _pages(1))
    bad_number = await verify(client, "<script>")
    no_such = await verify(client, "ZRD20260101FFFFFFFFFF")

    for code, answer in answers.items():
        assert (answer["__typename"], answer["code"], answer["path"]) == ("SealError", code, "file")
        assert answer["message"]["zh"] and answer["message"]["en"]
    assert one_page["status"] == "UNKNOWN"
    assert (bad_number["code"], bad_number["path"]) == ("INVALID_INPUT", "number")
    assert no_such["status"] == "UNKNOWN"


async def test_the_verify_page_answers_in_chinese_first_and_never_fails(
    client: httpx.AsyncClient,
) -> None:
    token, app = await completed_id_card(client)
    certificate = (await documents(client, token, app))["certificate"]
    content = await pdf_of(client, token, certificate)

    blank = await client.get("/verify")
    by_number = await client.get("/verify", params={"number": certificate["number"]})
    upload = await client.post("/verify", files={"file": ("c.pdf", content, "application/pdf")})
    garbage = await client.post("/verify", files={"file": ("c.pdf", b"%PDF-x", "application/pdf")})
    huge = await client.post(
        "/verify", files={"file": ("c.pdf", b"%PDF-" + b"0" * 3_000_000, "application/pdf")}
    )
    typed = await client.post("/verify", data={"number": "no such"})

    for response in (blank, by_number, upload, garbage, huge, typed):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        assert "<script" not in response.text and 'lang="zh-CN"' in response.text
    assert "真实有效" in by_number.text and "Genuine" in by_number.text
    assert "真实有效" in upload.text and certificate["number"] in upload.text
    assert "无法核验" in garbage.text and "无法读取此 PDF" in garbage.text
    assert "超过 2 MB" in huge.text
    assert "编号应为" in typed.text  # "no such" has a space: refused as a number
    assert '<label for="number">' in blank.text and '<label for="file">' in blank.text
    assert "default-src 'none'" in by_number.headers["content-security-policy"]
