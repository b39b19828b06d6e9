"""Fuzz: operations generated from the committed schemas and hostile request bodies, sent to the
real app in production mode, anonymous and signed in. None may answer 5xx, and none may carry a
masked "Unexpected error." (an exception nobody expected). Each test prints its figures (requests
sent, 5xx seen) and one reproduction of each distinct failure, with the server's traceback."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace

import httpx
import pytest
from fuzzing import (
    CONTENT_TYPES,
    MULTIPART,
    OWN_APPLICATION,
    QUERY_PARAMS,
    RAW_BODIES,
    RAW_QUERY_STRINGS,
    Tally,
    envelopes,
    examples,
    load_schema,
    multipart,
    operations,
)
from support import START_EVENT, Registry, app_client, gql, make_settings, staff_token

from backend.accounts.service import sign_in

# Examples per identity and backend: all three tests take about 20 s a backend on 2 idle cores.
CITIZEN_OPERATIONS = 200
STAFF_OPERATIONS = 150
ENVELOPES = 160
START = "mutation($m: String!) { startApplication(matterCode: $m) { ... on Application { id } } }"


@dataclass
class Served:
    client: httpx.AsyncClient
    app: app_client


@pytest.fixture
async def served(database_url: str, registry: Registry) -> AsyncIterator[Served]:
    """The app as deployed: production mode, where unexpected errors are masked."""
    running = app_client(make_settings(database_url, env="production"))
    async with running as client:
        yield Served(client, running)


async def citizen_token(served: Served, resident: str) -> str:
    """A demo resident's session. The development sign-in is closed in production, so the
    resident is signed in through the same service as development mode does."""
    services = served.app.app.state.services
    development = replace(services.settings, env="development")
    citizen = await sign_in(services.providers, development, "development", resident)
    return str(await services.sessions.issue(citizen))


async def citizen_with_applications(served: Served) -> tuple[str, str]:
    """王建国, signed in, with a life event and a draft, whose id generated operations use."""
    token = await citizen_token(served, "demo-1")
    await gql(served.client, START_EVENT, {"c": "330106-YJS-001"}, token)
    body = await gql(served.client, START, {"m": "330106-ZJ-001"}, token)
    return token, str(body["data"]["startApplication"]["id"])


def headers(token: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"} if token else {}


def finish(tally: Tally, name: str, record_property: pytest.RecordProperty) -> None:
    report = tally.report(name)
    print("\n" + report)
    record_property("requests", tally.sent)
    record_property("server_errors", tally.server_errors)
    record_property("unexpected_errors", tally.unexpected)
    assert not tally.failures, report


async def fuzz_operations(
    tally: Tally,
    client: httpx.AsyncClient,
    path: str,
    schema_file: str,
    count: int,
    tokens: list[str | None],
    own: str = "",
) -> None:
    cases = examples(operations(load_schema(schema_file)), count)
    for token in tokens:
        for generated in cases:
            query, variables = json.loads(json.dumps(generated).replace(OWN_APPLICATION, own))
            what = f"POST {path} signed_in={bool(token)} " + json.dumps(
                {"query": query, "variables": variables}, ensure_ascii=False
            )
            await tally.send(
                client,
                "POST",
                path,
                what,
                json={"query": query, "variables": variables},
                headers=headers(token),
            )


async def test_generated_citizen_operations_never_fail_unexpectedly(
    served: Served, record_property: pytest.RecordProperty
) -> None:
    tally = Tally()
    token, draft = await citizen_with_applications(served)
    with tally.watching():
        await fuzz_operations(
            tally,
            served.client,
            "/graphql",
            "schema.graphql",
            CITIZEN_OPERATIONS,
            [None, token],
            own=draft,
        )
    finish(tally, "citizen operations", record_property)


async def test_generated_staff_operations_never_fail_unexpectedly(
    served: Served, record_property: pytest.RecordProperty
) -> None:
    tally = Tally()
    admin = await staff_token(served.client, "fuzz-admin", "county_admin")
    clerk = await staff_token(served.client, "fuzz-clerk", "window_clerk")
    with tally.watching():
        await fuzz_operations(
            tally,
            served.client,
            "/staff/graphql",
            "staff.graphql",
            STAFF_OPERATIONS,
            [None, admin, clerk],
        )
    finish(tally, "staff operations", record_property)


async def test_malformed_requests_are_refused_without_a_server_error(
    served: Served, record_property: pytest.RecordProperty
) -> None:
    tally = Tally()
    citizen, _ = await citizen_with_applications(served)
    staff = await staff_token(served.client, "fuzz-admin", "county_admin")
    identities = {"/graphql": [None, citizen], "/staff/graphql": [None, staff]}
    bodies = examples(envelopes(), ENVELOPES)
    raw = examples(RAW_BODIES.flatmap(lambda b: CONTENT_TYPES.map(lambda c: (b, c))), ENVELOPES)
    params = examples(QUERY_PARAMS, ENVELOPES // 2)
    query_strings = examples(RAW_QUERY_STRINGS, ENVELOPES // 2)
    forms = examples(MULTIPART, ENVELOPES // 2)
    with tally.watching():
        for path, tokens in identities.items():
            for token in tokens:
                signed = f"signed_in={bool(token)}"
                for body in bodies:
                    await tally.send(
                        served.client,
                        "POST",
                        path,
                        f"POST {path} {signed} json={body!r}"[:4000],
                        json=body,
                        headers=headers(token),
                    )
                for content, content_type in raw:
                    await tally.send(
                        served.client,
                        "POST",
                        path,
                        f"POST {path} {signed} content-type={content_type!r} body={content[:300]!r}",
                        content=content,
                        headers={"Content-Type": content_type, **headers(token)},
                    )
                for query in params:
                    await tally.send(
                        served.client,
                        "GET",
                        path,
                        f"GET {path} {signed} params={query!r}"[:4000],
                        params=query,
                        headers=headers(token),
                    )
                for text in query_strings:
                    await tally.send(
                        served.client,
                        "GET",
                        f"{path}?{text}",
                        f"GET {path}?{text[:300]} {signed}",
                        headers=headers(token),
                    )
                for form in forms:
                    content, content_type = multipart(form)
                    await tally.send(
                        served.client,
                        "POST",
                        path,
                        f"POST {path} {signed} multipart={content[:600]!r}",
                        content=content,
                        headers={"Content-Type": content_type, **headers(token)},
                    )
    finish(tally, "malformed requests", record_property)
