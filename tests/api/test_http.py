"""The endpoint follows GraphQL over HTTP and refuses requests that would tie up a worker."""

from __future__ import annotations

import time
import uuid

import httpx
from support import app_client, gql, make_settings

TYPENAME = "{ __typename }"


async def test_query_over_get_is_answered(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", params={"query": TYPENAME})
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}


async def test_mutation_over_get_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/graphql",
        params={"query": 'mutation { signIn(provider: "x", credential: "y") { __typename } }'},
    )
    assert response.status_code == 405


async def test_graphql_response_json_is_used_when_asked(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql",
        json={"query": TYPENAME},
        headers={"Accept": "application/graphql-response+json"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/graphql-response+json")


async def test_malformed_query_is_a_400_without_data_under_graphql_response_json(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        "/graphql",
        json={"query": "{ matters( }"},
        headers={"Accept": "application/graphql-response+json"},
    )
    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    assert "Syntax Error" in body["errors"][0]["message"]


async def test_unknown_field_is_a_validation_error(client: httpx.AsyncClient) -> None:
    body = await gql(client, "{ matters { edges { node { noSuchField } } } }")
    assert "data" not in body
    assert "noSuchField" in body["errors"][0]["message"]


async def test_wrong_argument_type_is_a_validation_error(client: httpx.AsyncClient) -> None:
    body = await gql(client, '{ matters(first: "ten") { pageInfo { hasNextPage } } }')
    assert "Int cannot represent" in body["errors"][0]["message"]


async def test_body_that_is_not_json_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400


async def test_oversized_body_is_refused_before_parsing(client: httpx.AsyncClient) -> None:
    query = "{ __typename }" + " " * 2_000_000
    response = await client.post("/graphql", json={"query": query})
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "BODY_TOO_LARGE"


async def test_oversized_streamed_body_without_length_is_refused(client: httpx.AsyncClient) -> None:
    async def chunks():  # type: ignore[no-untyped-def]
        yield b'{"query": "{ __typename }", "pad": "'
        for _ in range(40):
            yield b"x" * 50_000
        yield b'"}'

    response = await client.post(
        "/graphql", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413


async def test_deep_query_is_refused(client: httpx.AsyncClient) -> None:
    deep = "{ regions { " + "children { " * 14 + "code" + " }" * 14 + " } }"
    body = await gql(client, deep)
    assert "exceeds maximum operation depth" in body["errors"][0]["message"]


async def test_too_many_aliases_are_refused(client: httpx.AsyncClient) -> None:
    query = "{ " + " ".join(f"a{i}: __typename" for i in range(40)) + " }"
    body = await gql(client, query)
    assert "aliases" in body["errors"][0]["message"]


async def test_too_many_tokens_are_refused(client: httpx.AsyncClient) -> None:
    query = "{ " + " ".join("__typename" for _ in range(2500)) + " }"
    body = await gql(client, query)
    assert "token" in body["errors"][0]["message"].lower()


async def test_graphiql_is_served_only_in_development(database_url: str) -> None:
    for env, expected in (("development", 200), ("production", 404)):
        async with app_client(make_settings(database_url, env=env)) as c:
            response = await c.get("/graphql", headers={"Accept": "text/html"})
            assert (response.status_code, "graphiql" in response.text.lower()) == (
                expected,
                expected == 200,
            )


async def test_clients_over_the_rate_limit_get_429(database_url: str) -> None:
    settings = make_settings(database_url, rate_limit_per_minute=3)
    for attempt in range(2):  # a run that straddles a minute boundary is repeated once
        window = int(time.time() // 60)
        async with app_client(
            settings, client_addr=f"10.{attempt}.{uuid.uuid4().int % 250}.7"
        ) as c:
            codes = [
                (await c.post("/graphql", json={"query": TYPENAME})).status_code for _ in range(5)
            ]
        if int(time.time() // 60) == window:
            break
    assert codes == [200, 200, 200, 429, 429]
