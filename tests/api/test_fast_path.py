"""The fast path (backend/api/fastpath) is taken, and answers exactly as the general path does.

Each shortcut counts what it answered, so a change in graphql-core or strawberry that silently
stops one fails here; and every read the web clients send is answered by two apps on one
database, one with the fast path and one without (`ZERORUN_FAST_PATH=0`), and compared."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import httpx
import orjson
import pytest
from authoring.authoring_support import CASE, senior_card
from graphql import OperationDefinitionNode, OperationType, parse
from operation_replay import CLIENTS, DOCUMENTS, refused
from starlette.applications import Starlette
from starlette.routing import Route
from support import (
    HOUSE,
    HOUSE_EVENT,
    HOUSE_EVENT_SITUATION,
    ID_CARD,
    ID_CARD_ANSWERS,
    REGION,
    Registry,
    app_client,
    sign_in,
    staff_token,
)
from test_workbench_admin import fast_path_reads as admin_reads
from test_workbench_audit import fast_path_reads as audit_reads
from test_workbench_clerk import fast_path_reads as clerk_reads
from test_workbench_desk import fast_path_reads as desk_reads
from test_workbench_fees import fast_path_reads as fees_reads
from test_workbench_halls import fast_path_reads as halls_reads
from test_workbench_review import fast_path_reads as review_reads
from test_workbench_supervision import fast_path_reads as supervision_reads
from test_workbench_synonyms import fast_path_reads as synonyms_reads

from backend.api.fastpath.execution import shortcuts_taken
from backend.appointments import demo
from backend.catalog.models import LifeEvent, Matter
from backend.settings import Settings

GUIDE = (
    'query { matter(code: "330106-ZJ-006") { code name { zh en } guide { summary { zh en } } } }'
)
EVALUATE = """query($c: String!) { evaluate(matterCode: $c, situation: {}) {
  __typename ... on Evaluation { eligible runCount materials { id status } } } }"""


def counts(app: Starlette) -> dict[str, int]:
    """What each shortcut of the app answered so far."""
    views = [r.endpoint for r in app.routes if isinstance(r, Route) and "graphql" in r.path]
    answers = app.state.services.public_answers
    return {
        "plain fields": sum(shortcuts_taken(v.schema._schema) for v in views),
        "answers from memory": answers.answered_from_memory,
        "responses sent again": answers.sent_again,
    }


async def read_a_guide_four_ways(settings: Settings) -> dict[str, int]:
    """Anonymously by POST, the same bytes again, by GET; and an evaluation signed in."""
    served = app_client(settings)
    async with served as client:
        token = await sign_in(client, "demo-1")
        before = counts(served.app)
        await client.post("/graphql", json={"query": GUIDE})
        await client.post("/graphql", json={"query": GUIDE})
        await client.get("/graphql", params={"query": GUIDE})
        headers = {"Authorization": f"Bearer {token}"}
        variables = {"c": "330106-ZJ-002"}
        await client.post(
            "/graphql", json={"query": EVALUATE, "variables": variables}, headers=headers
        )
        after = counts(served.app)
    return {k: after[k] - before[k] for k in after}


async def test_with_the_fast_path_on_each_shortcut_is_taken(settings: Settings) -> None:
    taken = await read_a_guide_four_ways(settings)

    assert taken["plain fields"] > 10  # the first guide and the evaluation
    assert taken["responses sent again"] == 1  # the same bytes again
    assert taken["answers from memory"] == 1  # the same query by GET


async def test_with_the_fast_path_off_no_shortcut_is_taken(settings: Settings) -> None:
    taken = await read_a_guide_four_ways(replace(settings, fast_path=False))

    assert taken == {"plain fields": 0, "answers from memory": 0, "responses sent again": 0}


def test_zerorun_fast_path_0_turns_the_fast_path_off_and_it_is_on_by_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ZERORUN_FAST_PATH", raising=False)
    default = Settings.from_env().fast_path
    monkeypatch.setenv("ZERORUN_FAST_PATH", "0")

    assert default is True
    assert Settings.from_env().fast_path is False


WORKBENCH_READS = (
    clerk_reads,
    fees_reads,
    review_reads,
    supervision_reads,
    admin_reads,
    desk_reads,
    halls_reads,
    synonyms_reads,
    audit_reads,
)


class BothWays(httpx.AsyncBaseTransport):
    """Each read goes to the app with the fast path, to the one without, and to the first again
    (kept answers and replays answer the repeat); the three answers are kept for comparison.
    Anything else (a mutation, an upload) goes to the first alone, after which the second
    forgets the catalog it keeps: it reads what changed from the database."""

    def __init__(self, fast: Starlette, slow: Starlette) -> None:
        self.apps = (fast, slow)
        self.fast = httpx.ASGITransport(app=fast, client=("127.0.0.1", 50000))
        self.slow = httpx.ASGITransport(app=slow, client=("127.0.0.1", 50000))
        self.slow_services = slow.state.services
        self.compared: list[tuple[str, list[tuple[int, Any]]]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        content = await request.aread()
        name = read_operation(request, content)
        if name is None:
            response = await self.fast.handle_async_request(request)
            await response.aread()
            self.slow_services.forget_catalog()
            return response
        answers: list[tuple[int, Any]] = []
        sent: list[httpx.Response] = []
        for transport in (self.fast, self.slow, self.fast):
            again = httpx.Request(
                request.method, request.url, headers=request.headers, content=content
            )
            sent.append(await transport.handle_async_request(again))
            answers.append((sent[-1].status_code, orjson.loads(await sent[-1].aread())))
        self.compared.append((name, answers))
        return sent[0]


def read_operation(request: httpx.Request, content: bytes) -> str | None:
    """The name of the query a GET or a JSON POST sends, or None for anything else."""
    if request.method == "GET":
        data: dict[str, Any] = dict(request.url.params)
    elif request.headers.get("content-type", "").startswith("application/json"):
        data = json.loads(content)
    else:
        return None
    operations = [
        d for d in parse(data["query"]).definitions if isinstance(d, OperationDefinitionNode)
    ]
    [operation] = [
        o
        for o in operations
        if len(operations) == 1 or (o.name and o.name.value == data.get("operationName"))
    ]
    if operation.operation != OperationType.QUERY:
        return None
    return operation.name.value if operation.name else "(anonymous)"


class Clients:
    """The web clients' operations by key ("mini_program/Home"), sent through both apps."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def send(self, key: str, variables: dict[str, Any], token: str | None = None) -> Any:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        body = {"query": DOCUMENTS[key], "variables": variables}
        response = await self.client.post(CLIENTS[key.split("/")[0]][1], json=body, headers=headers)
        answer = response.json()
        assert "errors" not in answer and not refused(answer["data"]), (key, answer)
        return answer["data"]


@pytest.fixture
async def both_ways(
    settings: Settings, registry: Registry
) -> AsyncIterator[tuple[Clients, BothWays]]:
    """Both apps behind one client; the journeys share data from the stand-in registry."""
    fast, slow = app_client(settings), app_client(replace(settings, fast_path=False))
    async with fast, slow:
        transport = BothWays(fast.app, slow.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield Clients(client), transport


async def test_every_read_of_the_web_clients_is_answered_the_same_with_and_without_the_fast_path(
    both_ways: tuple[Clients, BothWays],
) -> None:
    c, transport = both_ways
    await demo.seed_demo_hall()
    wang, chen = await signed_in(c, "demo-1"), await signed_in(c, "demo-5")
    await catalog_reads(c, None)  # anonymously: kept and replayed
    await catalog_reads(c, wang)  # signed in: executed every time
    await c.client.get("/graphql", params={"query": DOCUMENTS["mini_program/RatingTags"]})
    await applications_handled(c, wang, chen)
    await a_matter_published(c)
    for workbench_reads in WORKBENCH_READS:
        await workbench_reads(c)

    reads = {name for name, _ in transport.compared}
    differing = [
        (name, answers)
        for name, answers in transport.compared
        if not answers[0] == answers[1] == answers[2]
    ]
    fast, slow = (counts(app) for app in transport.apps)
    assert differing == []
    assert reads >= {operation_name(key) for key in DOCUMENTS if is_query(key)}
    assert all(fast.values()) and not any(slow.values())  # both ways, not the same way twice


async def signed_in(c: Clients, resident: str) -> str:
    credentials = {"provider": "development", "credential": resident}
    return str((await c.send("mini_program/SignIn", credentials))["signIn"]["token"])


async def catalog_reads(c: Clients, token: str | None) -> None:
    await c.send("mini_program/Home", {"region": REGION}, token)
    for keyword in ("社保", "登记", "没有这个词"):
        await c.send("mini_program/Search", {"region": REGION, "keyword": keyword}, token)
    for code in await Matter.all().values_list("code", flat=True):
        await c.send("mini_program/MatterGuide", {"code": code}, token)
        await c.send("mini_program/Evaluate", {"code": code, "situation": {}}, token)
    await c.send(
        "mini_program/Evaluate", {"code": HOUSE, "situation": HOUSE_EVENT_SITUATION}, token
    )
    for code in await LifeEvent.all().values_list("code", flat=True):
        await c.send("mini_program/LifeEventGuide", {"code": code}, token)
    await c.send("mini_program/RatingTags", {}, token)


async def applications_handled(c: Clients, wang: str, chen: str) -> None:
    """A submitted ID card and a life event under way, read by their citizens; the window
    accepts the card, a reviewer, the supervisor and the county read their queues."""
    clerk = await staff_token(c.client, "clerk", "window_clerk")
    admin = await staff_token(c.client, "admin", "county_admin")
    supervisor = await staff_token(c.client, "supervisor", "supervisor")
    start = {"code": ID_CARD, "key": "card"}
    card = (await c.send("mini_program/StartApplication", start, chen))["startApplication"]["id"]
    submit = {"applicationId": card, "answers": ID_CARD_ANSWERS, "deliveryMode": "express"}
    await c.send("mini_program/SubmitApplication", {"input": submit}, chen)
    start = {"code": HOUSE_EVENT, "key": "house"}
    house = (await c.send("mini_program/StartLifeEvent", start, wang))["startLifeEvent"]["id"]
    situation = {"id": house, "answers": {}, "situation": HOUSE_EVENT_SITUATION}
    await c.send("mini_program/SaveApplication", situation, wang)
    for citizen, application in ((chen, card), (wang, house)):
        await c.send("mini_program/MyApplications", {}, citizen)
        await c.send("mini_program/ApplicationFlow", {"id": application}, citizen)
        await c.send("mini_program/ApplicationDetail", {"id": application}, citizen)
    for households in ("ApplicationParties", "PartyFields"):  # the parties of the transfer
        await c.send(f"mini_program/{households}", {"id": house}, wang)
    for own in ("Wallet", "Family", "ActionsInMyName", "GuardianshipOverview"):
        await c.send(f"mini_program/{own}", {}, wang)
    await c.send("mini_program/Slots", {"region": REGION, "id": card}, chen)
    await c.send("staff/WindowQueue", {}, clerk)
    accepted = (await c.send("staff/AcceptApplication", {"id": card}, clerk))["acceptApplication"]
    department = accepted["tasks"][0]["departmentCode"]
    reviewer = await staff_token(c.client, "reviewer", "reviewer", department=department)
    await c.send("staff/ReviewQueue", {}, reviewer)
    await c.send("staff/WindowQueue", {"status": "accepted"}, clerk)
    await c.send("staff/OverdueWork", {}, supervisor)
    await c.send("staff/FollowUps", {}, admin)
    await c.send("staff/AuthoredLifeEvents", {}, admin)


async def a_matter_published(c: Clients) -> None:
    """The configurator authors a matter and publishes it; the catalog is read before and after."""
    admin = await staff_token(c.client, "author", "county_admin")
    for key in ("Me", "AuthoredMatters", "Templates", "Dictionaries"):
        await c.send(f"configurator/{key}", {}, admin)
    await c.send("configurator/AuthoredMatters", {"keyword": "社保"}, admin)
    senior = {"region": REGION, "keyword": "优待证"}
    await c.send("mini_program/Search", senior)  # nothing yet: kept until the publish
    name = {"zh": "老年人优待证办理", "en": "Senior citizen preferential card"}
    created = await c.send("configurator/CreateMatter", {"name": name}, admin)
    code = created["createMatter"]["code"]
    await c.send("configurator/SaveDraft", {"code": code, "document": senior_card(code)}, admin)
    await c.send("configurator/AuthoredMatter", {"code": code}, admin)
    await c.send("configurator/PreviewDraft", {"code": code, "testCase": CASE}, admin)
    await c.send("configurator/ReplayDraft", {"code": code}, admin)
    await c.send("configurator/PublishMatter", {"code": code, "note": "第一版"}, admin)
    await c.send("configurator/ExportMatter", {"code": code}, admin)
    await c.send("configurator/MatterDiff", {"code": code, "fromVersion": 1}, admin)
    await c.send("mini_program/MatterGuide", {"code": code})
    await c.send("mini_program/Search", senior)


def operation(key: str) -> OperationDefinitionNode:
    return next(
        d for d in parse(DOCUMENTS[key]).definitions if isinstance(d, OperationDefinitionNode)
    )


def is_query(key: str) -> bool:
    return operation(key).operation == OperationType.QUERY


def operation_name(key: str) -> str:
    name = operation(key).name
    assert name is not None, key
    return name.value
