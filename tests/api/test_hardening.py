"""Production hardening: in production the schema is not shown (no introspection, no "Did you
mean" suggestions) unless a setting turns it on; the full introspection query works where it is
on; every answer carries the security headers and signed-in answers are not stored; `zerorun
serve` does not name its server and takes the client address from X-Forwarded-For only from the
proxies it trusts; an idempotency key reused for something else is a conflict."""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
import strawberry
from graphql import get_introspection_query
from support import app_client, gql, make_settings, server_process, sign_in, staff_token

from backend.api.schema import build_schema
from backend.infra.headers import API, CONFIGURATOR, WEB_CLIENT
from backend.settings import Settings

INTROSPECTION = get_introspection_query(
    descriptions=True,
    specified_by_url=True,
    directive_is_repeatable=True,
    schema_description=True,
    input_value_deprecation=True,
)
TYPE = '{ __type(name: "Query") { name } }'
TYPENAME = "{ __typename }"
# Each misspelling graphql-core would answer with "Did you mean …?": a field, an argument, a
# type, an input field written in the query, an input field in the variables.
MISSPELLED = [
    ("{ matterz(first: 1) { pageInfo { hasNextPage } } }", {}),
    ("{ matters(frist: 1) { pageInfo { hasNextPage } } }", {}),
    ("query($f: MatterFiltr) { matters(filter: $f) { pageInfo { hasNextPage } } }", {}),
    ('{ matters(filter: {regoin: "330106"}) { pageInfo { hasNextPage } } }', {}),
    (
        "query($f: MatterFilter) { matters(filter: $f) { pageInfo { hasNextPage } } }",
        {"f": {"regoin": "330106"}},
    ),
]
MATTER = "330106-ZJ-002"  # house transfer
OTHER_MATTER = "330106-ZJ-009"  # first resident ID card
LIFE_EVENT = "330106-YJS-001"
START = """
mutation Start($code: String!, $key: String) {
  startApplication(matterCode: $code, idempotencyKey: $key) {
    __typename
    ... on Application { id matter { code } }
    ... on ApplicationError { code message { zh en } errors { path code message { zh en } } }
  }
}
"""
START_EVENT = """
mutation StartEvent($code: String!, $key: String) {
  startLifeEvent(code: $code, idempotencyKey: $key) {
    __typename
    ... on Application { id }
    ... on ApplicationError { code errors { path code } }
  }
}
"""
ME = "{ me { name } }"
STAFF_ME = "{ me { username } }"


def production(database_url: str, **changes: Any) -> Settings:
    return make_settings(database_url, env="production", **changes)


async def post(client: httpx.AsyncClient, query: str, path: str = "/graphql") -> dict[str, Any]:
    response = await client.post(path, json={"query": query})
    assert response.status_code < 500, response.text
    body: dict[str, Any] = response.json()
    return body


def codes(body: dict[str, Any]) -> list[str]:
    return [e.get("extensions", {}).get("code") for e in body.get("errors", [])]


# Introspection and suggestions


async def test_production_refuses_introspection_with_a_code_on_both_endpoints(
    database_url: str,
) -> None:
    async with app_client(production(database_url)) as client:
        answers = [
            await post(client, query, path)
            for path in ("/graphql", "/staff/graphql")
            for query in (INTROSPECTION, TYPE)
        ]
        typename = await post(client, TYPENAME)

    assert [codes(a) for a in answers] == [["INTROSPECTION_DISABLED"]] * 4
    assert all("data" not in a or a["data"] is None for a in answers)
    assert typename == {"data": {"__typename": "Query"}}


async def test_production_answers_a_misspelling_without_suggesting_the_right_name(
    database_url: str,
) -> None:
    async with app_client(make_settings(database_url)) as client:  # development
        shown = [await gql(client, q, v) for q, v in MISSPELLED]
    async with app_client(production(database_url)) as client:
        hidden = [await gql(client, q, v) for q, v in MISSPELLED]

    for development, answer in zip(shown, hidden, strict=True):
        assert "Did you mean" in development["errors"][0]["message"], development
        assert answer["errors"], answer
        assert all("Did you mean" not in e["message"] for e in answer["errors"]), answer


async def test_the_introspection_setting_shows_the_schema_in_production(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZERORUN_ENV", "production")
    monkeypatch.setenv("ZERORUN_INTROSPECTION", "1")
    assert Settings.from_env().schema_visible
    monkeypatch.delenv("ZERORUN_INTROSPECTION")
    assert not Settings.from_env().schema_visible

    async with app_client(production(database_url, introspection=True)) as client:
        schema = await post(client, INTROSPECTION)
        misspelled = await post(client, MISSPELLED[0][0])

    assert "errors" not in schema and schema["data"]["__schema"]["queryType"]["name"] == "Query"
    assert "Did you mean" in misspelled["errors"][0]["message"]


async def test_the_full_introspection_query_is_answered_on_both_endpoints(
    client: httpx.AsyncClient,
) -> None:
    citizen = await post(client, INTROSPECTION)
    staff = await post(client, INTROSPECTION, "/staff/graphql")

    for answer in (citizen, staff):
        assert "errors" not in answer, answer["errors"][:3]
    inputs = {t["name"]: t for t in staff["data"]["__schema"]["types"]}["TestCaseInput"]
    defaults = {f["name"]: f["defaultValue"] for f in inputs["inputFields"]}
    assert defaults["situation"] == defaults["answers"] == "null"


async def test_an_unexpected_error_is_masked_and_logged_once_with_its_request_id(
    caplog: pytest.LogCaptureFixture,
) -> None:
    @strawberry.type
    class Broken:
        @strawberry.field
        def answer(self) -> str:
            raise RuntimeError("the disk is on fire")

    schema = build_schema(Settings(env="production"), Broken, None)
    caplog.set_level(logging.INFO, logger="strawberry.execution")

    result = await schema.execute("{ answer }", context_value=SimpleNamespace(request_id="r-42"))
    misspelled = await schema.execute("{ answr }", context_value=SimpleNamespace(request_id="r-43"))

    assert result.errors is not None and [e.message for e in result.errors] == ["Unexpected error."]
    assert misspelled.errors  # the client's mistake: answered, not logged
    logged = [r for r in caplog.records if r.name == "strawberry.execution"]
    assert len(logged) == 1
    assert logged[0].levelno == logging.ERROR
    assert "r-42" in logged[0].getMessage() and "answer" in logged[0].getMessage()
    assert logged[0].exc_info is not None and isinstance(logged[0].exc_info[1], RuntimeError)


# Security headers


async def test_both_web_clients_and_the_api_answer_with_the_security_headers(
    database_url: str,
) -> None:
    async with app_client(production(database_url)) as client:
        configurator = await client.get("/configurator/")
        mini_program = await client.get("/m/")
        api = await client.post("/graphql", json={"query": TYPENAME})
        staff_api = await client.post("/staff/graphql", json={"query": TYPENAME})

    assert configurator.headers["content-security-policy"] == CONFIGURATOR
    assert mini_program.headers["content-security-policy"] == WEB_CLIENT
    assert api.headers["content-security-policy"] == staff_api.headers["content-security-policy"]
    assert api.headers["content-security-policy"] == API
    for response in (configurator, mini_program, api, staff_api):
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "no-referrer"
    for client_page in (configurator, mini_program):
        policy = client_page.headers["content-security-policy"]
        assert (
            "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split("style-src")[0]
        )


async def test_graphiql_in_development_has_a_policy_of_its_own(client: httpx.AsyncClient) -> None:
    page = await client.get("/graphql", headers={"Accept": "text/html"})

    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "https://unpkg.com" in page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]


async def test_a_signed_in_answer_is_not_to_be_stored_and_a_public_one_may_be(
    client: httpx.AsyncClient,
) -> None:
    citizen = await sign_in(client, "demo-1")
    staff = await staff_token(client, "clerk-nostore", "window_clerk")

    signed_in = await client.post(
        "/graphql", json={"query": ME}, headers={"Authorization": f"Bearer {citizen}"}
    )
    staff_answer = await client.post(
        "/staff/graphql", json={"query": STAFF_ME}, headers={"Authorization": f"Bearer {staff}"}
    )
    public = await client.post("/graphql", json={"query": TYPENAME})

    assert signed_in.json()["data"]["me"]["name"] == "王建国"
    assert signed_in.headers["cache-control"] == "no-store"
    assert staff_answer.headers["cache-control"] == "no-store"
    assert "no-store" not in public.headers.get("cache-control", "")


# `zerorun serve`


@contextmanager
def zerorun_serve(
    templates: dict[str, str], tmp_path: Path, *args: str, **env: str
) -> Iterator[str]:
    """`python -m backend serve` in production on a copy of the demo database, until the block
    ends; yields its URL."""
    database = tmp_path / "serve.sqlite3"
    shutil.copyfile(templates["sqlite"], database)
    env = {
        **os.environ,
        "ZERORUN_ENV": "production",
        "ZERORUN_SECRET_KEY": "serve-test-secret-of-at-least-32-characters",
        "DATABASE_URL": f"sqlite://{database}",
        "ZERORUN_FILES_DIR": str(tmp_path / "files"),
        "ZERORUN_CACHE_PREFIX": f"serve-{tmp_path.name}",
        "REDIS_URL": "",
        **env,
    }
    with server_process(env, tmp_path / "serve.log", *args) as url:
        yield url


def test_zerorun_serve_does_not_name_its_server(templates: dict[str, str], tmp_path: Path) -> None:
    with zerorun_serve(templates, tmp_path) as url:
        api = httpx.post(f"{url}/graphql", json={"query": TYPENAME}, timeout=30)
        page = httpx.get(f"{url}/m/", timeout=30)

    assert api.json() == {"data": {"__typename": "Query"}}
    for response in (api, page):
        assert "server" not in response.headers
        assert response.headers["x-content-type-options"] == "nosniff"


def test_the_rate_limit_follows_x_forwarded_for_only_from_the_trusted_proxy(
    templates: dict[str, str], tmp_path: Path
) -> None:
    # given: a server that trusts the proxy at 127.0.0.2 and allows 3 requests a minute
    limit = 3
    with zerorun_serve(
        templates,
        tmp_path,
        "--forwarded-allow-ips",
        "127.0.0.2",
        ZERORUN_RATE_LIMIT_PER_MINUTE=str(limit),
    ) as url:
        proxy = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2"), timeout=30)
        other = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.1"), timeout=30)

        def ask(client: httpx.Client, forwarded_for: str) -> int:
            headers = {"X-Forwarded-For": forwarded_for}
            return client.post(
                f"{url}/graphql", json={"query": TYPENAME}, headers=headers
            ).status_code

        if 60 - time.time() % 60 < 5:  # the limit's window is the clock's minute: start a fresh one
            time.sleep(60 - time.time() % 60 + 0.1)
        with proxy, other:
            # when: one citizen behind the proxy asks once too often, then another citizen asks
            one_citizen = [ask(proxy, "198.51.100.7") for _ in range(limit + 1)]
            another_citizen = ask(proxy, "198.51.100.8")
            # and: a client not trusted as a proxy names a new address each time
            spoofed = [ask(other, f"198.51.100.{20 + i}") for i in range(limit + 1)]

    # then: the proxy's citizens have a bucket each; the untrusted client has one, whatever it says
    assert one_citizen == [200] * limit + [429]
    assert another_citizen == 200
    assert spoofed == [200] * limit + [429]


# Idempotency keys


async def start(
    client: httpx.AsyncClient, token: str, code: str, key: str | None
) -> dict[str, Any]:
    body = await gql(client, START, {"code": code, "key": key}, token)
    result: dict[str, Any] = body["data"]["startApplication"]
    return result


async def test_an_idempotency_key_reused_for_another_matter_is_a_conflict(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-1")
    first = await start(client, token, MATTER, "key-1")

    again = await start(client, token, MATTER, "key-1")
    other_matter = await start(client, token, OTHER_MATTER, "key-1")
    life_event = (await gql(client, START_EVENT, {"code": LIFE_EVENT, "key": "key-1"}, token))[
        "data"
    ]["startLifeEvent"]

    assert first["__typename"] == "Application"
    assert again == first
    for refused in (other_matter, life_event):
        assert refused["__typename"] == "ApplicationError", refused
        assert refused["code"] == "CONFLICT"
        assert [(e["path"], e["code"]) for e in refused["errors"]] == [
            ("/idempotencyKey", "CONFLICT")
        ]
    assert other_matter["message"]["zh"] and other_matter["message"]["en"]


async def test_the_same_idempotency_key_of_another_citizen_starts_their_own_application(
    client: httpx.AsyncClient,
) -> None:
    mine = await start(client, await sign_in(client, "demo-1"), MATTER, "shared-key")
    theirs = await start(client, await sign_in(client, "demo-2"), OTHER_MATTER, "shared-key")

    assert theirs["__typename"] == "Application"
    assert theirs["id"] != mine["id"] and theirs["matter"]["code"] == OTHER_MATTER


async def test_one_key_sent_for_two_matters_at_once_starts_one_and_refuses_the_other(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-1")

    answers = await asyncio.gather(
        start(client, token, MATTER, "raced-key"), start(client, token, OTHER_MATTER, "raced-key")
    )

    assert sorted(a["__typename"] for a in answers) == ["Application", "ApplicationError"]
    assert [a["code"] for a in answers if a["__typename"] == "ApplicationError"] == ["CONFLICT"]
