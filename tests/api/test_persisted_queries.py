"""Automatic persisted queries: a known query travels as its SHA-256 only; the text is sent
once, checked against the hash, and (with Redis) known to every worker."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import httpx
import pytest
from support import REDIS_URL, app_client

from backend.settings import Settings

QUERY = "query Guide($c: String!) { matter(code: $c) { code name { zh } } }"
HASH = hashlib.sha256(QUERY.encode()).hexdigest()
VARIABLES = {"c": "330106-ZJ-002"}


def persisted(digest: str = HASH) -> dict[str, Any]:
    return {"persistedQuery": {"version": 1, "sha256Hash": digest}}


async def post(client: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    response = await client.post("/graphql", json=body)
    return response.json()  # type: ignore[no-any-return]


def code_of(body: dict[str, Any]) -> str:
    return str(body["errors"][0]["extensions"]["code"])


async def test_the_hash_alone_works_once_the_query_text_was_sent_with_it(
    client: httpx.AsyncClient,
) -> None:
    unknown = await post(client, {"extensions": persisted(), "variables": VARIABLES})
    registered = await post(
        client, {"query": QUERY, "extensions": persisted(), "variables": VARIABLES}
    )
    by_hash = await post(client, {"extensions": persisted(), "variables": VARIABLES})
    params = {"extensions": json.dumps(persisted()), "variables": json.dumps(VARIABLES)}
    by_get = (await client.get("/graphql", params=params)).json()

    assert code_of(unknown) == "PERSISTED_QUERY_NOT_FOUND" and "data" not in unknown
    assert registered["data"] == by_hash["data"] == by_get["data"]
    assert by_hash["data"]["matter"]["code"] == "330106-ZJ-002"


async def test_a_query_text_that_does_not_match_its_hash_is_refused_and_not_kept(
    client: httpx.AsyncClient,
) -> None:
    other = "{ __typename }"
    wrong = await post(client, {"query": other, "extensions": persisted()})
    then = await post(client, {"extensions": persisted()})
    malformed = await post(
        client, {"extensions": {"persistedQuery": {"version": 2, "sha256Hash": "x"}}}
    )

    assert code_of(wrong) == "PERSISTED_QUERY_HASH_MISMATCH"
    assert code_of(then) == "PERSISTED_QUERY_NOT_FOUND"
    assert code_of(malformed) == "PERSISTED_QUERY_INVALID"


async def test_every_worker_knows_a_query_one_of_them_was_sent(settings: Settings) -> None:
    if not REDIS_URL:
        pytest.skip("needs REDIS_URL: workers share persisted queries through Redis (CI sets it)")
    async with app_client(settings) as first, app_client(settings) as second:
        await post(first, {"query": QUERY, "extensions": persisted(), "variables": VARIABLES})
        answered = await post(second, {"extensions": persisted(), "variables": VARIABLES})

    assert answered["data"]["matter"]["code"] == "330106-ZJ-002"
