"""The five operations measured, as the mini-program sends them, and what a run prepares for
them: citizens' tokens, persisted queries, applications to list and drafts to submit.

The documents are the mini-program's (mini_program_stub/src/api/operations.ts). Like the
mini-program, every request carries only `extensions.persistedQuery.sha256Hash`; the text is
registered once before timing. Each operation's answer is checked once before it is timed, and
wrk counts every answer that is not a 200 carrying the operation's marker and no `errors`."""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from bench.http.servers import BenchError, say

GUIDE_FIELDS = """
fragment GuideFields on Guide {
  version
  summary { zh en }
  legalBasis { title { zh en } article }
  situations { id question { zh en } default options { value label { zh en } } }
  formSchema
  uiSchema
  eligibility { id effect rule message { zh en } }
  materials {
    id
    type
    name { zh en }
    description { zh en }
    why { zh en }
    sample { zh en }
    legalBasis { title { zh en } article }
    requiredWhen
    ways { kind licenseType source commitmentText { zh en } accept maxBytes note { zh en } }
  }
  onSiteSteps { id name { zh en } description { zh en } why { zh en } }
  timeLimits { statutoryDays promisedDays }
  fees { id name { zh en } amountCny basis { zh en } }
  delivery
  output { name { zh en } }
  contact { phone address { zh en } hours { zh en } }
}
"""
MATTER_GUIDE = (
    """
query MatterGuide($code: String!) {
  matter(code: $code) { code name { zh en } department { name { zh en } } guide { ...GuideFields } }
}
"""
    + GUIDE_FIELDS
)
SEARCH = """
query Search($region: String!, $keyword: String!) {
  matters(filter: { region: $region, keyword: $keyword }, first: 20) {
    edges { node { code name { zh en } department { name { zh en } } } }
  }
}
"""
EVALUATE = """
query Evaluate($code: String!, $situation: JSON) {
  evaluate(matterCode: $code, situation: $situation) {
    __typename
    ... on Evaluation {
      eligible
      eligibility { id passed effect message { zh en } }
      materials { id required way status evidence { zh en } }
      onSiteSteps
      fees { id name { zh en } amountCny }
      promisedDays
      statutoryDays
      runCount
      trips { visit kind itemId reason { zh en } remedy { zh en } }
    }
    ... on EvaluateError { code message { zh en } }
  }
}
"""
MY_APPLICATIONS = """
query MyApplications {
  myApplications(first: 20) {
    edges {
      node { id status createdAt submittedAt matter { name { zh en } } lifeEvent { name { zh en } } }
    }
  }
}
"""
SUBMIT_APPLICATION = """
mutation SubmitApplication($input: SubmitApplicationInput!) {
  submitApplication(input: $input) {
    __typename
    ... on Application { id status }
    ... on ApplicationError { code message { zh en } errors { path code message { zh en } } }
  }
}
"""
START_APPLICATION = """
mutation StartApplication($code: String!, $key: String!) {
  startApplication(matterCode: $code, idempotencyKey: $key) {
    __typename
    ... on Application { id }
    ... on ApplicationError { code message { zh en } }
  }
}
"""
START_LIFE_EVENT = """
mutation StartLifeEvent($code: String!, $key: String!) {
  startLifeEvent(code: $code, idempotencyKey: $key) {
    __typename
    ... on Application { id }
    ... on ApplicationError { code message { zh en } }
  }
}
"""
SIGN_IN = """
mutation SignIn($provider: String!, $credential: String!) {
  signIn(provider: $provider, credential: $credential) {
    __typename
    ... on Session { token }
    ... on SignInError { code message { en } }
  }
}
"""

HOUSE = "330106-ZJ-002"
SITUATION = {
    "applicant_role": "seller",
    "seller_marital_status": "married",
    "buyer_family_homes": "first",
    "buyer_marital_status": "married",
}
# 陈浩然 (demo-5) applies for his first ID card: one form field, nothing to upload.
ID_CARD = "330106-ZJ-009"
ID_CARD_ANSWERS = {
    "applicant_mobile": "13805710005",
    "delivery_recipient": "陈浩然",
    "delivery_mobile": "13805710005",
    "delivery_address": "浙江省杭州市西湖区文三路 90 号",
}
DRAFT_ID = "@@DRAFT@@"  # where the Lua script puts each draft's id
LISTED = "demo-1"  # whose applications are listed
SUBMITTER = "demo-5"  # whose drafts are submitted


def digest(document: str) -> str:
    return hashlib.sha256(document.encode()).hexdigest()


def persisted(document: str, variables: dict[str, Any], text: bool = False) -> dict[str, Any]:
    """The request body the mini-program sends: the hash alone, or with the text the first time."""
    body: dict[str, Any] = {
        "variables": variables,
        "extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest(document)}},
    }
    if text:
        body["query"] = document
    return body


def _guide(data: dict[str, Any]) -> str:
    guide = data["matter"]["guide"]
    assert guide["materials"] and guide["formSchema"], guide
    return f"{len(guide['materials'])} materials"


def _search(data: dict[str, Any]) -> str:
    edges = data["matters"]["edges"]
    assert len(edges) >= 9, f"{len(edges)} matters, not the demo catalog's 9 in 330106"
    return f"{len(edges)} matters"


def _evaluate(data: dict[str, Any]) -> str:
    evaluation = data["evaluate"]
    assert evaluation["__typename"] == "Evaluation", evaluation
    return f"run count {evaluation['runCount']}"


def _mine(data: dict[str, Any]) -> str:
    edges = data["myApplications"]["edges"]
    assert len(edges) == 20, f"{len(edges)} applications, not a page of 20"
    return f"{len(edges)} applications"


def _submit(data: dict[str, Any]) -> str:
    result = data["submitApplication"]
    assert result["__typename"] == "Application" and result["status"] == "SUBMITTED", result
    return "submitted"


@dataclass(frozen=True)
class Operation:
    name: str
    what: str  # one line for the results: what a request does
    document: str
    variables: dict[str, Any]
    who: str | None  # the demo resident signed in, or anonymous
    marker: str  # every good answer contains it
    target: float  # the ratio to the raw route
    check: Callable[[dict[str, Any]], str] = field(repr=False)
    per_draft: bool = False  # each request submits another draft


OPERATIONS = [
    Operation(
        "guide",
        f"anonymous persisted MatterGuide of {HOUSE}: the matter with its whole guide",
        MATTER_GUIDE,
        {"code": HOUSE},
        None,
        '"guide":{',
        0.50,
        _guide,
    ),
    Operation(
        "search",
        "anonymous persisted Search of 330106 with keyword '杭州', first 20: all 9 matters the "
        "demo catalog offers in 西湖区 (it holds no 20)",
        SEARCH,
        {"region": "330106", "keyword": "杭州"},
        None,
        '"edges":[{',
        0.10,
        _search,
    ),
    Operation(
        "evaluate",
        f"persisted Evaluate of {HOUSE} for signed-in 王建国 (demo-1) with his situation",
        EVALUATE,
        {"code": HOUSE, "situation": SITUATION},
        LISTED,
        '"__typename":"Evaluation"',
        0.10,
        _evaluate,
    ),
    Operation(
        "my applications",
        "persisted MyApplications (first 20) of demo-1, who holds 20 drafts and 2 life-event "
        "applications",
        MY_APPLICATIONS,
        {},
        LISTED,
        '"edges":[{',
        0.08,
        _mine,
    ),
    Operation(
        "submit",
        f"persisted SubmitApplication of a new draft of {ID_CARD} (demo-5) with its "
        "answers and express delivery: validation, rules, one status update and one timeline event per request; each draft "
        "is submitted once, the drafts are started before timing",
        SUBMIT_APPLICATION,
        {
            "input": {
                "applicationId": DRAFT_ID,
                "answers": ID_CARD_ANSWERS,
                "deliveryMode": "express",
            }
        },
        SUBMITTER,
        '"status":"SUBMITTED"',
        0.03,
        _submit,
        per_draft=True,
    ),
]


def _key() -> str:
    return "bench-" + uuid.uuid4().hex


class Citizens:
    """Talks to a running app as the mini-program does, to prepare and check the operations."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.client = httpx.Client(base_url=url, timeout=30.0)
        self.tokens: dict[str, str] = {}

    def close(self) -> None:
        self.client.close()

    def headers(self, who: str | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"} if who else {}

    def post(self, body: dict[str, Any], who: str | None = None) -> dict[str, Any]:
        response = self.client.post("/graphql", json=body, headers=self.headers(who))
        answer: dict[str, Any] = response.json()
        if response.status_code != 200 or answer.get("errors") or not answer.get("data"):
            raise BenchError(f"the app answered {response.status_code}: {response.text[:600]}")
        return answer

    def sign_in(self, resident: str) -> None:
        """Sign in through the WeChat mini-program flow against the stand-in platform."""
        variables = {"provider": "wechat", "credential": "wx-" + resident}
        result = self.post({"query": SIGN_IN, "variables": variables})["data"]["signIn"]
        if result["__typename"] != "Session":
            raise BenchError(f"{resident} could not sign in: {result}")
        self.tokens[resident] = result["token"]

    def check(self, operation: Operation, variables: dict[str, Any]) -> str:
        """Register the text with its hash, then send the hash alone and check the answer."""
        self.post(persisted(operation.document, variables, text=True), operation.who)
        answer = self.post(persisted(operation.document, variables), operation.who)
        try:
            return operation.check(answer["data"])
        except (AssertionError, KeyError, TypeError) as e:
            raise BenchError(
                f"{operation.name}: unexpected answer ({e!r}): {str(answer)[:600]}"
            ) from e

    def start(self, document: str, code: str, who: str) -> str:
        variables = {"code": code, "key": _key()}
        answer = self.post({"query": document, "variables": variables}, who)
        (result,) = answer["data"].values()
        if result["__typename"] != "Application":
            raise BenchError(f"could not start {code}: {result}")
        return str(result["id"])

    def seed_applications(self, who: str) -> None:
        """20 drafts across the catalog's matters and 2 life-event applications."""
        codes = [f"330106-ZJ-00{n}" for n in range(1, 10)] + [
            f"330000-ZJ-00{n}" for n in range(1, 10)
        ]
        for code in (codes + codes)[:20]:
            self.start(START_APPLICATION, code, who)
        for event in ("330106-YJS-001", "330106-YJS-002"):
            self.start(START_LIFE_EVENT, event, who)

    def drafts(self, count: int, concurrency: int = 16) -> list[str]:
        """Start `count` drafts of the ID card for the submitter, `concurrency` at a time."""
        say(f"starting {count} drafts of {ID_CARD} to submit")
        return asyncio.run(self._drafts(count, concurrency))

    async def _drafts(self, count: int, concurrency: int) -> list[str]:
        gate = asyncio.Semaphore(concurrency)
        async with httpx.AsyncClient(base_url=self.url, timeout=60.0) as client:

            async def one(text: bool = False) -> str:
                body = persisted(START_APPLICATION, {"code": ID_CARD, "key": _key()}, text)
                async with gate:
                    response = await client.post(
                        "/graphql", json=body, headers=self.headers(SUBMITTER)
                    )
                result = (response.json().get("data") or {}).get("startApplication") or {}
                if result.get("__typename") != "Application":
                    raise BenchError(f"could not start a draft: {response.text[:600]}")
                return str(result["id"])

            first = await one(text=True)  # registers the text; the others send its hash
            return [first, *await asyncio.gather(*(one() for _ in range(count - 1)))]
