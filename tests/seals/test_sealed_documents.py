"""Sealed documents as a third party meets them: a completed application's certificate PDF
verifies by upload, by its number and by its e-license number; one byte changed, a forged
signature or a PDF we never issued do not; the answer never shows a resident ID; the window's
notices are sealed too."""

from __future__ import annotations

import base64
import hashlib

import httpx
import orjson
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from seals_support import (
    REJECT,
    completed_id_card,
    documents,
    pdf_of,
    submitted_id_card,
    verify,
    verify_file,
)
from support import gql, staff_gql, staff_token

from backend.accounts.service import Citizen
from backend.seals.models import SealedDocument

KEYS = "query { sealKeys { keyId departmentCode publicKey algorithm retiredAt } }"
CORRECT = 'mutation($id: ID!) { requestCorrection(id: $id, items: [{path: "/answers/applicant_mobile", reason: "号码无法接通"}]) { __typename } }'


async def test_a_completed_applications_certificate_verifies_by_upload_and_by_number(
    client: httpx.AsyncClient,
) -> None:
    token, app = await completed_id_card(client)
    docs = await documents(client, token, app)
    content = await pdf_of(client, token, docs["certificate"])

    uploaded = await verify_file(client, content)
    by_number = await verify(client, docs["certificate"]["number"])
    by_license = await verify(client, uploaded["licenseNumber"])

    assert set(docs) == {"acceptance", "certificate"}
    assert uploaded["status"] == "GENUINE"
    assert uploaded["number"] == docs["certificate"]["number"]
    assert by_number["status"] == by_license["status"] == "GENUINE"
    assert by_license["number"] == docs["certificate"]["number"]
    assert by_number["holder"] == "陈**" and by_number["sealed"] is True
    assert by_number["issuerCode"] == "330106-GAJ"
    assert content.startswith(b"%PDF-") and docs["certificate"]["number"].encode() in content


async def test_anyone_can_check_the_signature_with_the_published_key(
    client: httpx.AsyncClient,
) -> None:
    token, app = await completed_id_card(client)
    docs = await documents(client, token, app)
    content = await pdf_of(client, token, docs["certificate"])
    full = """query($n: String!) { verifyDocument(number: $n) { ... on DocumentVerification {
      statement signature keyId } } }"""
    answer = (await gql(client, full, {"n": docs["certificate"]["number"]}))["data"]
    shown = answer["verifyDocument"]
    keys = {k["keyId"]: k for k in (await gql(client, KEYS))["data"]["sealKeys"]}
    public = Ed25519PublicKey.from_public_bytes(base64.b64decode(keys[shown["keyId"]]["publicKey"]))

    public.verify(base64.b64decode(shown["signature"]), shown["statement"].encode())  # or raises
    assert orjson.loads(shown["statement"])["sha256"] == hashlib.sha256(content).hexdigest()
    assert keys[shown["keyId"]]["algorithm"] == "Ed25519"


async def test_the_verify_answer_shows_no_resident_id(client: httpx.AsyncClient) -> None:
    token, app = await completed_id_card(client)
    docs = await documents(client, token, app)
    chen = await Citizen.get(name="陈浩然")
    assert chen.id_number
    everything = """query($n: String!) { verifyDocument(number: $n) { ... on DocumentVerification {
      status number kind holder issuerCode issuedAt licenseType licenseNumber statement signature
      title { zh en } issuer { zh en } message { zh en } } } }"""

    answers = [
        (await client.post("/graphql", json={"query": everything, "variables": {"n": n}})).text
        for n in (docs["certificate"]["number"], docs["acceptance"]["number"])
    ]
    page = (await client.get("/verify", params={"number": docs["certificate"]["number"]})).text

    for text in [*answers, page]:
        assert chen.id_number not in text and "陈浩然" not in text
    assert "陈**" in page and "真实有效" in page


async def test_one_byte_changed_a_forged_signature_or_a_foreign_pdf_do_not_verify(
    client: httpx.AsyncClient,
) -> None:
    token, app = await completed_id_card(client)
    docs = await documents(client, token, app)
    content = await pdf_of(client, token, docs["certificate"])
    at = content.index(b"/Title") + 8  # a byte of the title in the metadata: still a PDF
    tampered = content[:at] + bytes([content[at] ^ 0x01]) + content[at + 1 :]
    foreign = content.replace(b"%PDF-1.4", b"%PDF-1.4\n%% not ours", 1).replace(
        docs["certificate"]["number"].encode(), b"ZRD20260101AAAAAAAAAA"
    )

    changed = await verify_file(client, tampered)
    never_issued = await verify_file(client, foreign)
    # Someone who could write to the table re-signs the statement with a key of their own.
    row = await SealedDocument.get(number=docs["certificate"]["number"])
    forged = base64.b64encode(Ed25519PrivateKey.generate().sign(row.statement.encode())).decode()
    await SealedDocument.filter(id=row.id).update(signature=forged)
    forged_by_number = await verify(client, row.number)
    forged_by_upload = await verify_file(client, content)

    assert changed["status"] == "ALTERED" and changed["number"] == row.number
    assert never_issued["status"] == "UNKNOWN"
    assert forged_by_number["status"] == forged_by_upload["status"] == "INVALID_SIGNATURE"
    assert forged_by_number["holder"] is None  # nothing unproven is shown


async def test_the_windows_notices_are_sealed_and_verify(client: httpx.AsyncClient) -> None:
    token, rejected = await submitted_id_card(client)
    _, corrected = await submitted_id_card(client)
    clerk = await staff_token(client, "notice-clerk", "window_clerk")
    await staff_gql(client, REJECT, {"id": rejected}, clerk)
    await staff_gql(client, CORRECT, {"id": corrected}, clerk)

    rejection = (await documents(client, token, rejected))["rejection"]
    correction = (await documents(client, token, corrected))["correction"]
    someone_else = await gql(
        client,
        "query($id: ID!) { issuedDocuments(applicationId: $id) { number } }",
        {"id": rejected},
        await _other_citizen(client),
    )

    for notice, kind in ((rejection, "rejection"), (correction, "correction")):
        shown = await verify(client, notice["number"])
        assert (shown["status"], shown["kind"]) == ("GENUINE", kind)
        assert (await verify_file(client, await pdf_of(client, token, notice)))[
            "status"
        ] == "GENUINE"
    assert someone_else["data"]["issuedDocuments"] == []
    denied = await client.get(rejection["downloadPath"])
    assert denied.status_code == 401


async def _other_citizen(client: httpx.AsyncClient) -> str:
    from support import sign_in

    return await sign_in(client, "demo-1")
