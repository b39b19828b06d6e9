"""Steps the seals' tests share: an ID card application of 陈浩然 (demo-5) taken to completion
through the real API (the clerk accepts, the police reviewer approves), and the documents
issued for it."""

from __future__ import annotations

import json
from typing import Any

import httpx
from support import ID_CARD, ID_CARD_ANSWERS, fees_paid, gql, sign_in, staff_gql, staff_token

START = "mutation($c: String!) { startApplication(matterCode: $c) { ... on Application { id } } }"
SUBMIT = "mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { __typename } }"
ACCEPT = "mutation($id: ID!) { acceptApplication(id: $id) { __typename } }"
QUEUE = "query { reviewQueue { id } }"
DECIDE = 'mutation($t: ID!) { decideTask(taskId: $t, approve: true, opinion: "符合条件") { __typename } }'
REJECT = 'mutation($id: ID!) { rejectApplication(id: $id, reason: "不属于本机关管辖", legalBasis: "《行政许可法》第三十二条") { __typename } }'
DOCUMENTS = (
    "query($id: ID!) { issuedDocuments(applicationId: $id) { number kind downloadPath revoked } }"
)
VERIFY = """
query($n: String!) { verifyDocument(number: $n) {
  __typename
  ... on DocumentVerification { status number kind holder issuerCode licenseNumber sealed revokedAt
    title { zh } message { zh } }
  ... on SealError { code path }
} }
"""
VERIFY_FILE = """
mutation($f: Upload!) { verifyDocumentFile(file: $f) {
  __typename
  ... on DocumentVerification { status number kind holder licenseNumber }
  ... on SealError { code path message { zh en } }
} }
"""


async def submitted_id_card(client: httpx.AsyncClient) -> tuple[str, str]:
    """陈浩然's token and his ID card application, submitted."""
    token = await sign_in(client, "demo-5")
    body = await gql(client, START, {"c": ID_CARD}, token)
    app = str(body["data"]["startApplication"]["id"])
    submit = {"applicationId": app, "answers": ID_CARD_ANSWERS, "deliveryMode": "express"}
    await gql(client, SUBMIT, {"i": submit}, token)
    return token, app


async def completed_id_card(client: httpx.AsyncClient) -> tuple[str, str]:
    """The same, accepted at the window, its fee paid there and approved by the police:
    completed, its ID card e-license issued with its sealed certificate."""
    token, app = await submitted_id_card(client)
    clerk = await staff_token(client, "seal-clerk", "window_clerk")
    await staff_gql(client, ACCEPT, {"id": app}, clerk)
    await fees_paid(client, app)  # the ID card's fee, at the window: the decision waits for it
    police = await staff_token(client, "seal-police", "reviewer", department="330106-GAJ")
    [task] = (await staff_gql(client, QUEUE, token=police))["data"]["reviewQueue"]
    decided = await staff_gql(client, DECIDE, {"t": task["id"]}, police)
    assert decided["data"]["decideTask"]["__typename"] == "ReviewTask", decided
    return token, app


async def documents(client: httpx.AsyncClient, token: str, app: str) -> dict[str, Any]:
    """The application's documents by kind (the newest of each)."""
    body = await gql(client, DOCUMENTS, {"id": app}, token)
    return {d["kind"]: d for d in reversed(body["data"]["issuedDocuments"])}


async def pdf_of(client: httpx.AsyncClient, token: str, document: dict[str, Any]) -> bytes:
    response = await client.get(
        document["downloadPath"], headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    return response.content


async def verify(client: httpx.AsyncClient, number: str) -> dict[str, Any]:
    body = await gql(client, VERIFY, {"n": number})
    result: dict[str, Any] = body["data"]["verifyDocument"]
    return result


async def verify_file(
    client: httpx.AsyncClient, content: bytes, filename: str = "证书.pdf"
) -> dict[str, Any]:
    """A GraphQL multipart request, without sign-in: anyone may verify."""
    operations = {"query": VERIFY_FILE, "variables": {"f": None}}
    response = await client.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.f"]})},
        files={"0": (filename, content, "application/pdf")},
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()["data"]["verifyDocumentFile"]
    return result
