"""The executor's shortcut for plain fields answers exactly as graphql-core's general path:
same data, same errors at the same paths, for good values and bad ones."""

from __future__ import annotations

import datetime as dt
import gc
from collections import Counter
from enum import Enum
from typing import Any

import orjson
import pytest
import strawberry
from strawberry.permission import BasePermission
from support import app_client, sign_in

from backend.api.fastpath.execution import PLAIN, Execution, mark_plain_fields
from backend.api.schema import build_schema
from backend.settings import Settings


@strawberry.enum
class Colour(Enum):
    RED = "red"


class Never(BasePermission):
    message = "not for you"

    def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
        return False


@strawberry.type
class Text:
    zh: str
    en: str | None


@strawberry.type
class Thing:
    name: str
    count: int
    maybe: str | None
    colour: Colour
    at: dt.datetime
    text: Text
    secret: str | None = strawberry.field(permission_classes=[Never])

    @strawberry.field
    def shout(self) -> str:
        return self.name.upper()


def thing(**changes: Any) -> Thing:
    values: dict[str, Any] = {
        "name": "a",
        "count": 1,
        "maybe": None,
        "colour": Colour.RED,
        "at": dt.datetime(2026, 11, 22, 8, 0, tzinfo=dt.UTC),
        "text": Text(zh="中", en=None),
        "secret": "s",
    }
    return Thing(**{**values, **changes})


THINGS: list[Thing | None] = [
    thing(),
    thing(name=None),  # null in a non-null field
    thing(count="many"),  # not an Int
    thing(count=2**40),  # beyond GraphQL's 32-bit Int
    thing(colour="green"),  # not a member of the enum
    thing(maybe=7),  # a String field given a number: coerced
    thing(text=Text(zh=None, en="e")),  # null deeper down
    thing(at="yesterday"),  # not a datetime
]


@strawberry.type
class Things:
    @strawberry.field
    def things(self) -> list[Thing | None]:
        return THINGS

    @strawberry.field
    def first(self) -> Thing:
        return THINGS[1]  # non-null, with a null name: the error reaches the root


LIST = "{ things { name count maybe colour at shout secret text { zh en } alias: name } }"
ROOT = "{ first { name } }"  # a non-null root: the error nulls the whole answer


@pytest.mark.parametrize("document", [LIST, ROOT])
async def test_plain_fields_answer_as_the_general_path_does(document: str) -> None:
    ours = build_schema(Settings(env="development"), query=Things, mutation=None)
    theirs = strawberry.Schema(query=Things)
    mine = await ours.execute(document)
    reference = await theirs.execute(document)

    assert ours.execution_context_class is Execution
    assert mine.data == reference.data
    assert [(e.message, e.path) for e in mine.errors or []] == [
        (e.message, e.path) for e in reference.errors or []
    ]
    assert mine.errors


async def test_good_values_come_through_the_shortcut_unchanged() -> None:
    ours = build_schema(Settings(env="development"), query=Things, mutation=None)
    answer = (await ours.execute(LIST)).data

    assert answer is not None
    assert {k: v for k, v in answer["things"][0].items() if k != "secret"} == {
        "name": "a",
        "count": 1,
        "maybe": None,
        "colour": "RED",
        "at": "2026-11-22T08:00:00+00:00",
        "shout": "A",
        "text": {"zh": "中", "en": None},
        "alias": "a",
    }
    assert answer["things"][5]["maybe"] == "7"  # coerced as the general path coerces


@pytest.mark.parametrize(
    ("field", "plain"),
    [
        ("name", True),
        ("maybe", True),
        ("colour", True),
        ("at", True),
        ("text", False),
        ("shout", False),
        ("secret", False),
    ],
)
def test_only_attributes_of_a_scalar_or_enum_type_are_plain(field: str, plain: bool) -> None:
    schema = strawberry.Schema(query=Things)
    mark_plain_fields(schema._schema)
    thing_type = schema._schema.type_map["Thing"]

    assert (PLAIN in thing_type.fields[field].extensions) is plain  # type: ignore[attr-defined]


async def test_a_request_leaves_nothing_for_the_cyclic_garbage_collector(
    settings: Settings,
) -> None:
    """Everything a request made is freed when it ends. A reference cycle would leave it for the
    cyclic collector, whose full collections then cost a loaded worker a fifth of its time.

    The collector sees the whole process: a task an earlier test left on the loop can drop its
    garbage while the requests run. A cycle the request makes is there every round, so the
    test takes the best of three rounds and names what the worst one left."""
    served = app_client(settings)
    async with served as client:
        token = await sign_in(client, "demo-1")
        body = orjson.dumps({"query": EVALUATE, "variables": {"c": "330106-ZJ-002"}})
        headers = [(b"authorization", f"Bearer {token}".encode())]
        answers = [await asgi_post(served.app, body, headers)]  # warm: caches filled
        rounds = []
        for _ in range(3):
            gc.collect()
            gc.disable()
            gc.set_debug(gc.DEBUG_SAVEALL)
            try:
                answers += [await asgi_post(served.app, body, headers) for _ in range(3)]
                gc.collect()
                rounds.append(Counter(type(thing).__qualname__ for thing in gc.garbage))
            finally:
                gc.set_debug(0)
                gc.garbage.clear()
                gc.enable()
            if not rounds[-1]:
                break

    assert all(b'"__typename":"Evaluation"' in a for a in answers)
    assert not rounds[-1], max(rounds, key=lambda left: left.total()).most_common(12)


EVALUATE = """query($c: String!) { evaluate(matterCode: $c, situation: {}) {
  __typename ... on Evaluation { eligible runCount materials { id status } } } }"""


async def asgi_post(app: Any, body: bytes, headers: list[tuple[bytes, bytes]]) -> bytes:
    """POST /graphql straight to the ASGI app: no HTTP client's objects in the count."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/graphql",
        "raw_path": b"/graphql",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"test"), (b"content-type", b"application/json"), *headers],
        "client": ("127.0.0.1", 50000),
        "server": ("test", 80),
    }
    received: list[bytes] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        received.append(message.get("body", b""))

    await app(scope, receive, send)
    return b"".join(received)
