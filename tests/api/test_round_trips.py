"""How many SQL statements each operation the mini-program sends costs, pinned: a change that
adds a round trip per row (N+1) fails here, not in production at province scale. A worker keeps
who is signed in (Sessions) and the catalog rows it has read (CatalogRows), so a signed-in read
asks the database only for what is the citizen's own."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
import pytest
from support import START_EVENT, QueryCount, gql, sign_in

import backend.api.schema as schema_module

GUIDE = """query($c: String!) { matter(code: $c) { code name { zh en } department { name { zh } }
  guide { version summary { zh } formSchema uiSchema eligibility { id rule } materials { id ways { kind } }
          timeLimits { promisedDays } delivery } } }"""
SEARCH = """query($k: String!) { matters(filter: {region: "330106", keyword: $k}, first: 20) {
  edges { node { code name { zh en } department { name { zh en } } } } } }"""
EVALUATE = """query($c: String!) { evaluate(matterCode: $c, answers: {}, situation: {}) {
  ... on Evaluation { eligible runCount materials { id status } } } }"""
START = "mutation($c: String!) { startApplication(matterCode: $c) { ... on Application { id } } }"
MINE = """{ myApplications(first: 50) { edges { node { id status createdAt submittedAt
  matter { name { zh en } } lifeEvent { name { zh en } } } } } }"""


async def statements(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any], token: str | None = None
) -> int:
    with QueryCount() as q:
        body = await gql(client, query, variables, token)
    assert "errors" not in body, body
    return q.count


async def test_the_mini_programs_reads_cost_a_fixed_number_of_statements(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-1")
    for code in ("330106-ZJ-001", "330106-ZJ-004", "330106-ZJ-006"):
        await gql(client, START, {"c": code}, token)
    for event in ("330106-YJS-001", "330106-YJS-002"):
        await gql(client, START_EVENT, {"c": event}, token)

    counts = {
        "guide": await statements(client, GUIDE, {"c": "330106-ZJ-002"}),
        "guide again": await statements(client, GUIDE, {"c": "330106-ZJ-002"}),
        "search": await statements(client, SEARCH, {"k": "登记"}),
        "evaluate": await statements(client, EVALUATE, {"c": "330106-ZJ-002"}, token),
        "evaluate another": await statements(client, EVALUATE, {"c": "330106-ZJ-003"}, token),
        "my applications (5)": await statements(client, MINE, {}, token),
        "my applications again": await statements(client, MINE, {}, token),
    }
    await gql(client, START, {"c": "330106-ZJ-008"}, token)
    six = await statements(client, MINE, {}, token)

    assert (
        counts
        == {
            "guide": 1,  # the matter; its version was kept when the applications were started
            "guide again": 0,  # an anonymous catalog read, answered from memory
            "search": 2,  # the county's own synonyms; the gram index and the page together
            "evaluate": 2,  # the session, their wallet; the matter and its version were kept by the guide
            "evaluate another": 3,  # the session, the matter, their wallet; its version was kept
            "my applications (5)": 4,  # the session, the page; the matters, the life events not kept yet
            "my applications again": 2,  # the session, the page
        }
    )
    assert six == 3  # the session; one more row: one batch for its matter, no more statements


async def test_a_query_sent_again_is_not_validated_again(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    validated: list[str] = []
    validate = schema_module.validate_document

    def counted(schema: Any, document: Any, rules: Any) -> Any:
        validated.append(document.loc.source.body)
        return validate(schema, document, rules)

    monkeypatch.setattr(schema_module, "validate_document", counted)
    token = await sign_in(client, "demo-1")
    # a text no test sent before: the schema, and what it validated, outlive one app
    query = f"{EVALUATE}\n# {uuid.uuid4()}"
    for _ in range(4):
        await gql(client, query, {"c": "330106-ZJ-002"}, token)

    assert validated.count(query) == 1


async def test_many_asking_at_once_for_an_answer_not_kept_yet_cost_one_computation(
    client: httpx.AsyncClient,
) -> None:
    with QueryCount() as q:
        bodies = await asyncio.gather(
            *(gql(client, GUIDE, {"c": "330106-ZJ-003"}) for _ in range(20))
        )

    assert {b["data"]["matter"]["code"] for b in bodies} == {"330106-ZJ-003"}
    assert q.count == 2  # as for one request: the others waited for its answer
