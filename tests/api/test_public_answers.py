"""Anonymous catalog reads are answered from memory until the catalog changes: never stale
after a publish (on any worker, through Redis), never for a request that carries a token, and
with an ETag so a client that has the answer gets 304. The catalog rows a worker keeps for
signed-in reads follow the same changes."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from authoring.authoring_support import publish, save
from strawberry.types import ExecutionResult
from support import REDIS_URL, app_client, gql, sign_in, staff_gql, staff_token

from backend.api.fastpath.answers import PublicAnswers, Sent
from backend.api.view import GRAPHQL_RESPONSE
from backend.catalog.models import Matter
from backend.settings import Settings

GUIDE = 'query { matter(code: "330106-ZJ-006") { code name { zh } } }'
MATTER = "query($c: String!) { authoredMatter(code: $c) { document } }"


async def name_seen(client: httpx.AsyncClient, token: str | None = None) -> str:
    return str((await gql(client, GUIDE, token=token))["data"]["matter"]["name"]["zh"])


async def etag_for(client: httpx.AsyncClient, token: str | None = None) -> str | None:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return (await client.post("/graphql", json={"query": GUIDE}, headers=headers)).headers.get(
        "etag"
    )


async def rename_behind_the_apis_back(name: str) -> None:
    await Matter.filter(code="330106-ZJ-006").update(name_zh=name)


async def republish(client: httpx.AsyncClient, admin: str, **changes: Any) -> None:
    body = await staff_gql(client, MATTER, {"c": "330106-ZJ-006"}, admin)
    document: dict[str, Any] = body["data"]["authoredMatter"]["document"]
    await save(client, admin, "330106-ZJ-006", {**document, "keywords": ["社保卡"], **changes})
    assert (await publish(client, admin, "330106-ZJ-006", "changed"))["version"] == 2


async def test_an_anonymous_read_is_kept_until_a_publish_and_a_token_holder_is_never_served_it(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-1")
    first = await name_seen(client)
    await rename_behind_the_apis_back("改过的名字")
    kept = await name_seen(client)
    kept_for_citizen = await name_seen(client, token)
    etags = (await etag_for(client), await etag_for(client, token))
    await republish(client, await staff_token(client, "xihu-admin", "county_admin"))
    await rename_behind_the_apis_back("发布之后又改")
    after_publish = (await name_seen(client), await name_seen(client, token))

    assert first == kept == "社会保障卡申领"  # from memory: the database was changed behind it
    assert kept_for_citizen == "社会保障卡申领"  # executed, on the worker's catalog rows
    assert etags[0] and etags[1] is None  # but never the anonymous answer: it has no ETag
    assert after_publish == ("发布之后又改", "发布之后又改")  # both forgot at the publish


async def test_a_client_holding_the_answer_gets_304_until_the_catalog_changes(
    client: httpx.AsyncClient,
) -> None:
    first = await client.post("/graphql", json={"query": GUIDE})
    etag = first.headers["etag"]
    again = await client.post("/graphql", json={"query": GUIDE}, headers={"If-None-Match": etag})
    renamed = {"zh": "社会保障卡申领（含补换）", "en": "Social security card"}
    await republish(client, await staff_token(client, "xihu-admin", "county_admin"), name=renamed)
    changed = await client.post("/graphql", json={"query": GUIDE}, headers={"If-None-Match": etag})

    assert first.status_code == 200 and first.headers["cache-control"] == "no-cache"
    assert again.status_code == 304 and again.content == b""
    assert changed.status_code == 200 and changed.headers["etag"] != etag
    assert changed.json()["data"]["matter"]["name"]["zh"] == "社会保障卡申领（含补换）"


async def test_answers_differ_by_variables_and_a_personal_query_gets_no_etag(
    client: httpx.AsyncClient,
) -> None:
    query = "query($c: String!) { matter(code: $c) { code } }"
    one = (await gql(client, query, {"c": "330106-ZJ-001"}))["data"]["matter"]["code"]
    two = (await gql(client, query, {"c": "330106-ZJ-002"}))["data"]["matter"]["code"]
    personal = await client.post(
        "/graphql", json={"query": '{ me { name } matter(code: "330106-ZJ-001") { code } }'}
    )

    assert (one, two) == ("330106-ZJ-001", "330106-ZJ-002")
    assert "etag" not in personal.headers


async def test_the_same_request_again_gets_the_response_sent_before_without_being_executed(
    settings: Settings,
) -> None:
    served = app_client(settings)
    async with served as client:
        services = served.app.state.services
        first = await client.post("/graphql", json={"query": GUIDE})
        services.public_answers.results.clear()  # only the response as it was sent is left
        services.catalog_rows.forget()
        await rename_behind_the_apis_back("改过的名字")
        again = await client.post("/graphql", json={"query": GUIDE})
        other_accept = await client.post(
            "/graphql", json={"query": GUIDE}, headers={"Accept": GRAPHQL_RESPONSE}
        )

    assert again.content == first.content and again.headers["etag"] == first.headers["etag"]
    # Another Accept header is another response: executed, on the renamed row.
    assert other_accept.headers["content-type"] == GRAPHQL_RESPONSE
    assert other_accept.json()["data"]["matter"]["name"]["zh"] == "改过的名字"


def test_a_response_computed_across_a_change_is_not_kept() -> None:
    answers = PublicAnswers(ttl_seconds=600)
    generation = answers.generation
    answers.forget()
    answers.keep_sent("k", Sent([], b"{}", b'"e"'), generation)

    assert answers.sent.get("k") is None


async def test_a_publish_on_one_worker_reaches_the_answers_kept_by_another(
    settings: Settings,
) -> None:
    if not REDIS_URL:
        pytest.skip("needs REDIS_URL: workers hear of catalog changes through Redis (CI sets it)")
    async with app_client(settings) as first, app_client(settings) as second:
        await name_seen(second)
        await rename_behind_the_apis_back("另一个名字")
        kept = await name_seen(second)
        token = await sign_in(second, "demo-1")
        kept_for_citizen = await name_seen(second, token)
        await republish(first, await staff_token(first, "xihu-admin", "county_admin"))
        await rename_behind_the_apis_back("发布之后又改")
        for _ in range(50):  # the message crosses Redis; wait for it, not for a clock
            if await name_seen(second) != kept:
                break
        seen = (await name_seen(second), await name_seen(second, token))

    assert kept == kept_for_citizen == "社会保障卡申领"
    assert seen == ("发布之后又改", "发布之后又改")


async def test_an_answer_computed_across_a_change_is_served_but_neither_kept_nor_shared() -> None:
    answers = PublicAnswers(ttl_seconds=600)
    release = asyncio.Event()
    computed: list[str] = []

    async def compute(value: str) -> ExecutionResult:
        computed.append(value)
        if value == "before":
            await release.wait()
        return ExecutionResult(data={"name": value}, errors=None)

    first = asyncio.create_task(answers.answer("k", lambda: compute("before")))
    await asyncio.sleep(0)  # the first computation is under way
    answers.forget()  # the catalog changes meanwhile
    second = asyncio.create_task(answers.answer("k", lambda: compute("after")))
    await asyncio.sleep(0)
    release.set()
    served = [(await first).data, (await second).data]
    third = await answers.answer("k", lambda: compute("third"))

    assert served == [{"name": "before"}, {"name": "after"}]  # the second did not wait for it
    assert third.data == {"name": "after"} and computed == ["before", "after"]


async def test_while_an_expired_answer_is_computed_again_the_others_get_it_at_once() -> None:
    answers = PublicAnswers(ttl_seconds=0)  # every answer has expired as soon as it is kept
    await answers.answer("k", lambda: done("old"))
    release = asyncio.Event()

    async def slow() -> ExecutionResult:
        await release.wait()
        return ExecutionResult(data={"name": "new"}, errors=None)

    computing = asyncio.create_task(answers.answer("k", slow))
    await asyncio.sleep(0)
    meanwhile = await answers.answer("k", lambda: done("never"))
    release.set()

    assert meanwhile.data == {"name": "old"}  # without waiting for the computation
    assert (await computing).data == {"name": "new"}


async def done(value: str) -> ExecutionResult:
    return ExecutionResult(data={"name": value}, errors=None)
