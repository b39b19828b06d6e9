"""Automatic persisted queries: a known query travels as its SHA-256 only; the text is sent
once, checked against the hash, and (with Redis) known to every worker."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import httpx
import pytest
from graphql import GraphQLError
from redis.asyncio import Redis
from strawberry.http import GraphQLRequestData
from support import REDIS_URL, app_client, make_settings

from backend.api.persisted import PersistedQueries
from backend.infra.kv import LocalKeyValue
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


JUNK = "x" * 5000 + " { nonsense"
INVALID = "{ noSuchField }"


async def kept_in_redis(settings: Settings, digest: str) -> tuple[bool, int]:
    """Whether Redis holds the text, and its time to live in seconds."""
    redis = Redis.from_url(REDIS_URL or "")
    try:
        key = settings.cache_prefix + "apq:" + digest
        return bool(await redis.exists(key)), int(await redis.ttl(key))
    finally:
        await redis.aclose()


@pytest.mark.parametrize(
    ("text", "code"), [(JUNK, "GRAPHQL_PARSE_FAILED"), (INVALID, "GRAPHQL_VALIDATION_FAILED")]
)
async def test_a_text_that_does_not_validate_is_refused_with_its_errors_and_not_kept(
    settings: Settings, text: str, code: str
) -> None:
    digest = hashlib.sha256(text.encode()).hexdigest()
    async with app_client(settings) as client:
        registered = await post(client, {"query": text, "extensions": persisted(digest)})
        then = await post(client, {"extensions": persisted(digest)})

    assert code_of(registered) == code and "data" not in registered
    assert code_of(then) == "PERSISTED_QUERY_NOT_FOUND"
    if REDIS_URL:
        assert await kept_in_redis(settings, digest) == (False, -2)


def digest_of(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()


def registration(query: str) -> GraphQLRequestData:
    return GraphQLRequestData(query, None, None, persisted(digest_of(query)))


async def test_a_worker_keeps_at_most_its_number_of_texts_and_bytes() -> None:
    queries = PersistedQueries(LocalKeyValue, "bounded", shared=False, size=3, budget=15_000)
    small = [f"{{ a{i}: __typename }}" for i in range(5)]
    large = [f"query Q{i} {{ __typename }}" + " " * 6000 for i in range(5)]

    for query in small:
        await queries.keep(registration(query))
    counted = list(queries.local)
    for query in large:
        await queries.keep(registration(query))

    assert counted == [digest_of(q) for q in small[2:]]  # the last three small ones
    assert queries.bytes <= 15_000  # three large ones would not fit: the last two are kept
    assert [k.query for k in queries.local.values()] == large[3:]
    evicted = GraphQLRequestData(None, None, None, persisted(digest_of(small[0])))
    assert isinstance(await queries.resolve(evicted), GraphQLError)  # nothing else kept it


async def test_with_redis_a_text_is_kept_a_day_from_its_last_use(settings: Settings) -> None:
    if not REDIS_URL:
        pytest.skip("needs REDIS_URL: texts are shared through Redis (CI sets it)")
    async with app_client(settings) as first:
        await post(first, {"query": QUERY, "extensions": persisted(), "variables": VARIABLES})
    kept, ttl = await kept_in_redis(settings, HASH)
    assert kept and 86_000 < ttl <= 86_400
    redis = Redis.from_url(REDIS_URL)
    await redis.expire(settings.cache_prefix + "apq:" + HASH, 60)  # as if a day nearly passed
    await redis.aclose()

    async with app_client(settings) as second:  # another worker, which has not seen it
        answered = await post(second, {"extensions": persisted(), "variables": VARIABLES})

    assert answered["data"]["matter"]["code"] == "330106-ZJ-002"
    assert (await kept_in_redis(settings, HASH))[1] > 86_000  # used: a day again


async def test_without_redis_a_text_is_kept_by_the_worker_alone(database_url: str) -> None:
    async with app_client(make_settings(database_url, redis_url=None)) as client:
        await post(client, {"query": QUERY, "extensions": persisted(), "variables": VARIABLES})
        services = client._transport.app.state.services  # type: ignore[attr-defined]
        answered = await post(client, {"extensions": persisted(), "variables": VARIABLES})
        in_store = await services.kv.get(services.settings.cache_prefix + "apq:" + HASH)

    assert answered["data"]["matter"]["code"] == "330106-ZJ-002"
    assert in_store is None  # only the worker's bounded store holds it
