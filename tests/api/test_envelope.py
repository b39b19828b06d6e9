"""A malformed request is refused before any work, with HTTP 400 and a code, on both endpoints
and over GET: never a 5xx, never a giant query parsed in full."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import graphql.language.parser
import httpx
import pytest
from support import gql

PATHS = ["/graphql", "/staff/graphql"]
TYPENAME = "{ __typename }"
DEEP = "[" * 5000 + "]" * 5000
# ~90,000 tokens in ~990 KB, as the issue measured
GIANT = (
    "query Giant { " + " ".join(f"alias_number_{i:05d}: __typename" for i in range(30_000)) + " }"
)
# more tokens than allowed (2,000) in a text short enough to be read
MANY_TOKENS = "query Many { " + " ".join("__typename" for _ in range(2_500)) + " }"

MALFORMED: dict[str, tuple[bytes, str]] = {
    "operationName as an object": (
        b'{"query": "{ __typename }", "operationName": {"a": 1}}',
        "BAD_REQUEST",
    ),
    "operationName as an array": (
        b'{"query": "{ __typename }", "operationName": [1]}',
        "BAD_REQUEST",
    ),
    "query as a number": (b'{"query": 5}', "BAD_REQUEST"),
    "a list body": (b'[{"query": "{ __typename }"}]', "BAD_REQUEST"),
    "a number body": (b"5", "BAD_REQUEST"),
    "variables as a string": (b'{"query": "{ __typename }", "variables": "{}"}', "BAD_REQUEST"),
    "extensions as a list": (b'{"query": "{ __typename }", "extensions": []}', "BAD_REQUEST"),
    "JSON nested 5,000 deep in variables": (
        b'{"query": "{ __typename }", "variables": {"v": ' + DEEP.encode() + b"}}",
        "TOO_DEEP",
    ),
    "an integer of 400 digits": (
        b'{"query": "query($n: Int) { __typename }", "variables": {"n": ' + b"9" * 400 + b"}}",
        "NUMBER_TOO_LONG",
    ),
    "an integer of 5,000 digits": (
        b'{"query": "{ __typename }", "variables": {"n": ' + b"9" * 5000 + b"}}",
        "NUMBER_TOO_LONG",
    ),
    "NaN": (b'{"query": "{ __typename }", "variables": {"n": NaN}}', "INVALID_JSON"),
    "not JSON": (b'{"query": ', "INVALID_JSON"),
    "a 990 KB query": (json.dumps({"query": GIANT}).encode(), "QUERY_TOO_LONG"),
    "U+0000 in a variable": (
        b'{"query": "query($c: String!) { __typename }", "variables": {"c": "a\\u0000b"}}',
        "INVALID_CHARACTER",
    ),
    "a lone surrogate in a variable": (
        b'{"query": "query($c: String!) { __typename }", "variables": {"c": "a\\ud800b"}}',
        "INVALID_CHARACTER",
    ),
    "U+0000 in a GraphQL string": (
        json.dumps({"query": '{ __type(name: "a\\u0000b") { name } }'}).encode(),
        "INVALID_CHARACTER",
    ),
}


def code_of(response: httpx.Response) -> str:
    return str(response.json()["errors"][0]["extensions"]["code"])


@pytest.fixture
def parsed_tokens(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The tokens each graphql-core parse of a document read before it finished or gave up."""
    counts: list[int] = []
    parse_document = graphql.language.parser.Parser.parse_document

    def counting(self: graphql.language.parser.Parser) -> Any:
        try:
            return parse_document(self)
        finally:
            counts.append(self.token_count)

    monkeypatch.setattr(graphql.language.parser.Parser, "parse_document", counting)
    yield counts


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("case", list(MALFORMED))
async def test_a_malformed_request_is_a_400_with_a_code(
    client: httpx.AsyncClient, path: str, case: str, parsed_tokens: list[int]
) -> None:
    body, code = MALFORMED[case]

    response = await client.post(path, content=body, headers={"Content-Type": "application/json"})

    assert (response.status_code, code_of(response)) == (400, code), response.text
    assert response.json()["errors"][0]["extensions"]["zh"]  # Chinese too
    assert parsed_tokens == []  # refused before any GraphQL was parsed


MALFORMED_GET: dict[str, tuple[dict[str, str], str]] = {
    "variables as a list": ({"query": TYPENAME, "variables": "[1]"}, "BAD_REQUEST"),
    "extensions as a number": ({"query": TYPENAME, "extensions": "5"}, "BAD_REQUEST"),
    "variables not JSON": ({"query": TYPENAME, "variables": "{"}, "INVALID_JSON"),
    "JSON nested 5,000 deep in variables": (
        {"query": TYPENAME, "variables": '{"v": ' + DEEP + "}"},
        "TOO_DEEP",
    ),
    "an integer of 5,000 digits": (
        {"query": TYPENAME, "variables": '{"n": ' + "9" * 5000 + "}"},
        "NUMBER_TOO_LONG",
    ),
    "a query longer than the cap": ({"query": GIANT[:40_000]}, "QUERY_TOO_LONG"),
}


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("case", list(MALFORMED_GET))
async def test_a_malformed_get_is_a_400_with_a_code(
    client: httpx.AsyncClient, path: str, case: str
) -> None:
    params, code = MALFORMED_GET[case]

    response = await client.get(path, params=params)

    assert (response.status_code, code_of(response)) == (400, code), response.text


@pytest.mark.parametrize("path", PATHS)
async def test_a_giant_anonymous_query_is_refused_without_being_parsed(
    client: httpx.AsyncClient, path: str, parsed_tokens: list[int]
) -> None:
    assert len(GIANT) > 900_000

    response = await client.post(path, json={"query": GIANT})

    assert (response.status_code, code_of(response)) == (400, "QUERY_TOO_LONG")
    assert parsed_tokens == []


@pytest.mark.parametrize("path", PATHS)
async def test_too_many_tokens_stop_every_parse_at_the_limit(
    client: httpx.AsyncClient, path: str, parsed_tokens: list[int]
) -> None:
    body = await gql(client, MANY_TOKENS, path=path)

    assert body["errors"][0]["extensions"]["code"] == "TOO_MANY_TOKENS"
    assert "data" not in body
    # the public-answer key and the endpoint each parse at most one token past the limit
    assert parsed_tokens and max(parsed_tokens) <= 2_001


async def test_depth_and_alias_limits_answer_with_a_code(client: httpx.AsyncClient) -> None:
    deep = "{ regions { " + "children { " * 14 + "code" + " }" * 14 + " } }"
    aliases = "{ " + " ".join(f"a{i}: __typename" for i in range(40)) + " }"

    too_deep = await gql(client, deep)
    too_many = await gql(client, aliases, path="/staff/graphql")

    assert too_deep["errors"][0]["extensions"]["code"] == "TOO_DEEP"
    assert too_many["errors"][0]["extensions"]["code"] == "TOO_MANY_ALIASES"


async def test_a_syntax_error_has_a_code(client: httpx.AsyncClient) -> None:
    body = await gql(client, "{ matters( }")

    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"


async def test_the_response_names_its_request_and_a_refusal_carries_the_same_id(
    client: httpx.AsyncClient,
) -> None:
    answered = await client.post("/graphql", json={"query": TYPENAME})
    again = await client.post("/graphql", json={"query": TYPENAME})  # the kept public answer
    refused = await client.post("/graphql", json={"query": 5})
    given = await client.post(
        "/graphql", json={"query": TYPENAME}, headers={"X-Request-Id": "proxy-42.a_b"}
    )
    forged = await client.post(
        "/graphql", json={"query": TYPENAME}, headers={"X-Request-Id": "a b<script>"}
    )

    ids = [r.headers["x-request-id"] for r in (answered, again, refused)]
    assert len(set(ids)) == 3 and all(ids)
    assert refused.json()["errors"][0]["extensions"]["requestId"] == ids[2]
    assert given.headers["x-request-id"] == "proxy-42.a_b"
    assert forged.headers["x-request-id"] != "a b<script>"


async def test_an_unsupported_content_type_is_a_400_with_a_code(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", content=b"{ __typename }")

    assert (response.status_code, code_of(response)) == (400, "UNSUPPORTED_CONTENT_TYPE")


async def test_a_multipart_map_that_does_not_fit_its_operations_is_a_400(
    client: httpx.AsyncClient,
) -> None:
    operations = json.dumps({"query": TYPENAME, "variables": {"f": None}})
    response = await client.post(
        "/graphql",
        data={"operations": operations, "map": json.dumps({"0": ["variables.f.x.y"]})},
        files={"0": ("a.txt", b"a", "text/plain")},
    )

    assert (response.status_code, code_of(response)) == (400, "BAD_REQUEST")
