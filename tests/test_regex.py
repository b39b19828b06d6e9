"""Staff-written form patterns: the catastrophic ones are refused when staff save them, and a
form published before that check still answers in linear time, on the real app."""

from __future__ import annotations

import asyncio
import copy
from typing import Any

import httpx
import pytest
from authoring.authoring_support import create, senior_card
from support import gql, sign_in, staff_gql, staff_token

from backend.catalog import service as catalog
from backend.catalog.definitions import iter_files, read_json
from backend.forms.validation import check_patterns
from backend.settings import ROOT

REDOS = "^(a+)+$"
# Python's re took 10 s at 27 characters, doubling with each one more: 41 is over a day.
HOSTILE = "a" * 40 + "!"
FIELD = "/form/schema/properties/residential_address/pattern"

SAVE = """mutation($c: String!, $d: JSON!) { saveDraft(code: $c, document: $d) {
  __typename
  ... on AuthoringError { code message { zh en } problems { path message messageZh severity } }
} }"""
DRAFT = "query($c: String!) { authoredMatter(code: $c) { hasDraft document } }"
START = "mutation($c: String!) { startApplication(matterCode: $c) { ... on Application { id } } }"
ANSWER = """mutation($id: ID!, $a: JSON!) { saveApplication(id: $id, answers: $a) {
  ... on SavedApplication { problems { path code message { zh en } } }
} }"""


def with_pattern(document: dict[str, Any], pattern: str) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    changed["form"]["schema"]["properties"]["residential_address"]["pattern"] = pattern
    return changed


async def test_a_catastrophic_pattern_is_refused_when_staff_save_it(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "xihu-admin", "county_admin")
    code = await create(client, admin)

    body = await staff_gql(
        client, SAVE, {"c": code, "d": with_pattern(senior_card(code), REDOS)}, admin
    )
    draft = (await staff_gql(client, DRAFT, {"c": code}, admin))["data"]["authoredMatter"]

    refused = body["data"]["saveDraft"]
    assert refused["__typename"] == "AuthoringError" and refused["code"] == "INVALID"
    [problem] = refused["problems"]
    assert problem["path"] == FIELD and problem["severity"] == "error"
    assert "nested quantifiers" in problem["message"] and "JavaScript" in problem["message"]
    assert "嵌套量词" in problem["messageZh"] and "浏览器" in problem["messageZh"]
    assert "pattern" in refused["message"]["en"] and "正则表达式" in refused["message"]["zh"]
    assert "pattern" not in str(draft["document"])  # nothing of it was stored


async def test_a_backreference_or_lookaround_is_refused_at_its_path(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "xihu-admin", "county_admin")
    code = await create(client, admin)
    document = with_pattern(senior_card(code), r"^(.)\1$")
    document["form"]["schema"]["patternProperties"] = {"^note_(?!x)": {"type": "string"}}

    refused = (await staff_gql(client, SAVE, {"c": code, "d": document}, admin))["data"]

    problems = {p["path"]: p["message"] for p in refused["saveDraft"]["problems"]}
    assert set(problems) == {FIELD, "/form/schema/patternProperties/^note_(?!x)"}
    assert "backreference" in problems[FIELD]
    assert "lookahead" in problems["/form/schema/patternProperties/^note_(?!x)"]


@pytest.mark.timeout(60)  # Python's re would hold the event loop for a day: fail instead
async def test_a_form_published_before_the_check_answers_a_hostile_answer_at_once(
    client: httpx.AsyncClient,
) -> None:
    # Given a matter published with the pattern, bypassing the linter and the authoring checks
    code = "330106-ZR-099"
    document = with_pattern(senior_card(code), REDOS)
    await catalog.publish(document, document, note="published before the check")
    citizen = await sign_in(client, "demo-4")
    app = (await gql(client, START, {"c": code}, citizen))["data"]["startApplication"]["id"]

    # When a citizen answers with the text that backtracks for hours, then with a fine one
    hostile = gql(client, ANSWER, {"id": app, "a": {"residential_address": HOSTILE}}, citizen)
    refused = (await asyncio.wait_for(hostile, 5))["data"]["saveApplication"]["problems"]
    fine = gql(client, ANSWER, {"id": app, "a": {"residential_address": "aaaa"}}, citizen)
    accepted = (await asyncio.wait_for(fine, 5))["data"]["saveApplication"]["problems"]

    # Then RE2 answered both: the first is refused for its pattern, the second is not
    assert [(p["path"], p["code"]) for p in refused] == [
        ("/answers/residential_address", "pattern")
    ]
    assert refused[0]["message"]["zh"] and refused[0]["message"]["en"]
    assert accepted == []


def test_every_pattern_of_the_shipped_catalog_passes_the_check() -> None:
    checked = 0
    for path in iter_files(ROOT / "form_schemas", "matters"):
        doc, problem = read_json(path)
        assert problem is None
        schema = doc.get("form", {}).get("schema", {})
        assert check_patterns(schema) == [], path
        checked += str(schema).count("'pattern'")

    assert checked >= 3  # the catalog does have patterns, and they were all read
