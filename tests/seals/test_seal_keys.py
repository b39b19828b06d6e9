"""Key management as an operator meets it: `zerorun seal-keys rotate` retires a department's
key and makes a new one; what the old key sealed still verifies, the next document is sealed
with the new key, and no answer ever carries a private key."""

from __future__ import annotations

import os

import httpx
from seals_support import REJECT, documents, submitted_id_card, verify
from support import gql, staff_gql, staff_token, zerorun

from backend.seals.models import SealKey
from backend.settings import Settings

KEYS = "query { sealKeys { keyId departmentCode publicKey retiredAt } }"
FULL = """query($n: String!) { verifyDocument(number: $n) { ... on DocumentVerification {
  status keyId } } }"""


async def test_a_rotated_key_still_verifies_what_it_sealed_and_the_next_document_uses_the_new_one(
    client: httpx.AsyncClient, settings: Settings, database_url: str
) -> None:
    token, first = await submitted_id_card(client)
    _, second = await submitted_id_card(client)
    clerk = await staff_token(client, "rotating-clerk", "window_clerk")
    await staff_gql(client, REJECT, {"id": first}, clerk)
    old = (await documents(client, token, first))["rejection"]
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "ZERORUN_SECRET_KEY": settings.secret_key,
    }

    rotated = zerorun("seal-keys", "rotate", "330106-WINDOW", env=env)
    await staff_gql(client, REJECT, {"id": second}, clerk)
    new = (await documents(client, token, second))["rejection"]
    listed = zerorun("seal-keys", "list", env=env)
    keys = await client.post("/graphql", json={"query": KEYS})

    assert rotated.returncode == 0, rotated.stderr
    old_key = (await gql(client, FULL, {"n": old["number"]}))["data"]["verifyDocument"]
    new_key = (await gql(client, FULL, {"n": new["number"]}))["data"]["verifyDocument"]
    assert old_key["status"] == new_key["status"] == "GENUINE"
    assert old_key["keyId"] != new_key["keyId"]
    window = [k for k in keys.json()["data"]["sealKeys"] if k["departmentCode"] == "330106-WINDOW"]
    assert [k["retiredAt"] is None for k in window] == [False, True]
    assert (await verify(client, old["number"]))["status"] == "GENUINE"
    for private in [k.private_key for k in await SealKey.all()]:
        assert private.startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----")
        assert private not in keys.text and private not in listed.stdout
    assert "330106-WINDOW" in listed.stdout and "retired" in listed.stdout


async def test_after_the_secret_rotates_rewrap_encrypts_every_key_under_the_new_one(
    client: httpx.AsyncClient, settings: Settings, database_url: str
) -> None:
    _, app = await submitted_id_card(client)
    clerk = await staff_token(client, "rewrap-clerk", "window_clerk")
    await staff_gql(client, REJECT, {"id": app}, clerk)  # the window's key, under the old secret
    new_secret = "a-new-secret-of-at-least-32-characters-long"
    env = {**os.environ, "DATABASE_URL": database_url, "ZERORUN_SECRET_KEY": new_secret}

    with_previous = zerorun(
        "seal-keys", "rewrap", env={**env, "ZERORUN_PREVIOUS_SECRET_KEYS": settings.secret_key}
    )
    again = zerorun("seal-keys", "rewrap", env=env)  # the old secret dropped: every key opens
    lost = zerorun("seal-keys", "rewrap", env={**env, "ZERORUN_SECRET_KEY": "x" * 40})

    assert with_previous.returncode == 0, with_previous.stderr
    assert "Encrypted 1 key(s)" in with_previous.stderr
    assert "Encrypted 0 key(s)" in again.stderr
    assert lost.returncode != 0 and "keep the secret it was made under" in lost.stderr
