"""Support for the fuzz suite (test_fuzz.py): deterministic examples from hypothesis strategies,
operations from the committed schemas with their arguments sent as variables, hostile request
bodies, and a tally of what the server answered.

Examples are drawn first and sent afterwards: hypothesis generates a fixed, derandomized list
(the same in every run and in CI), then the test sends each one to the real app and collects
every failure instead of stopping at the first, so one run reports each distinct bug with its
reproduction."""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import graphql
import httpx
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, mutations, nodes, queries

T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[2]
UNEXPECTED = "Unexpected error."  # what MaskErrors answers for an exception nobody expected


def examples(strategy: st.SearchStrategy[T], count: int) -> list[T]:
    """`count` examples of `strategy`, the same ones in every run."""
    found: list[T] = []

    @settings(
        max_examples=count,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(example: T) -> None:
        found.append(example)

    collect()
    return found


# Values that name real rows of the demo catalog, so generated operations get past "not found"
# and into the rules, mixed with text of any kind.
KNOWN_STRINGS = (
    "development",
    "demo-1",
    "demo-2",
    "330106",
    "330100",
    "330000",
    "330106-ZJ-001",
    "330106-ZJ-004",
    "330000-ZJ-001",
    "330106-YJS-001",
    "330106-YJS-002",
    "property.co_owner_consent",
    "tax.family_housing_commitment",
    "applicant_role",
    "seller",
    "e_license",
    "express",
    "pickup",
    "xihu-admin",
    "county_admin",
    "2026-12-03",
    "",
)
OWN_APPLICATION = "own-application-id"  # replaced by the signed-in citizen's application's id
KNOWN_IDS = (
    OWN_APPLICATION,
    "1",
    "0",
    "-1",
    "99999999999999999999",
    "0190a0a0-0000-7000-8000-000000000000",
)
NAMES = st.sampled_from(
    ("applicant_role", "seller_name", "buyer_mobile", "id", "type", "rules", "fields", "x")
) | st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,12}", fullmatch=True)


def _text() -> st.SearchStrategy[str]:
    return st.sampled_from(KNOWN_STRINGS) | st.text(max_size=30) | st.text(min_size=500)


JSON_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | _text()
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(NAMES, inner, max_size=4),
    max_leaves=20,
)


def value_node(value: Any) -> graphql.ValueNode:
    """A JSON value as a GraphQL literal (object keys are GraphQL names here)."""
    if value is None:
        return nodes.Null
    if isinstance(value, bool):
        return nodes.Boolean(value)
    if isinstance(value, int):
        return nodes.Int(value)
    if isinstance(value, float):
        return nodes.Float(value)
    if isinstance(value, str):
        return nodes.String(value)
    if isinstance(value, list):
        return nodes.List([value_node(v) for v in value])
    return nodes.Object(
        [
            graphql.ObjectFieldNode(name=graphql.NameNode(value=k), value=value_node(v))
            for k, v in value.items()
        ]
    )


SCALARS: dict[str, st.SearchStrategy[graphql.ValueNode]] = {
    "String": _text().map(nodes.String),
    "ID": (st.sampled_from(KNOWN_IDS) | st.text(max_size=12)).map(nodes.String),
    "JSON": JSON_VALUES.map(value_node),
    "Date": (st.dates().map(str) | _text()).map(nodes.String),
    "DateTime": (st.datetimes().map(lambda d: d.isoformat()) | _text()).map(nodes.String),
    "Upload": _text().map(nodes.String),  # a string where a file belongs
}


def load_schema(name: str) -> graphql.GraphQLSchema:
    return graphql.build_schema((ROOT / name).read_text())


def operations(schema: graphql.GraphQLSchema) -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
    """Queries and mutations of `schema`, valid and each invalid in one way, as a document and
    its variables: arguments are inlined as literals or, half the time, sent as variables."""
    documents = st.one_of(
        *(
            make(schema, custom_scalars=SCALARS, mode=mode, print_ast=_as_is)
            for make in (queries, mutations)
            for mode in (Mode.POSITIVE, Mode.NEGATIVE)
        )
    )
    return st.tuples(documents, st.booleans()).map(
        lambda pair: as_variables(schema, pair[0]) if pair[1] else (graphql.print_ast(pair[0]), {})
    )


def _as_is(document: graphql.DocumentNode) -> graphql.DocumentNode:
    return document


def as_variables(
    schema: graphql.GraphQLSchema, document: graphql.DocumentNode
) -> tuple[str, dict[str, Any]]:
    """The document with each argument replaced by a variable of the argument's type."""
    info = graphql.TypeInfo(schema)
    variables: dict[str, Any] = {}
    definitions: list[graphql.VariableDefinitionNode] = []

    class Lift(graphql.Visitor):
        def enter_argument(self, node: graphql.ArgumentNode, *_: Any) -> graphql.ArgumentNode:
            argument = info.get_argument()
            if argument is None:
                return node
            name = f"v{len(variables)}"
            variables[name] = graphql.value_from_ast_untyped(node.value)
            definitions.append(
                graphql.VariableDefinitionNode(
                    variable=graphql.VariableNode(name=graphql.NameNode(value=name)),
                    type=graphql.parse_type(str(argument.type)),
                )
            )
            return graphql.ArgumentNode(
                name=node.name, value=graphql.VariableNode(name=graphql.NameNode(value=name))
            )

    lifted = graphql.visit(document, graphql.TypeInfoVisitor(info, Lift()))
    operation = lifted.definitions[0]
    assert isinstance(operation, graphql.OperationDefinitionNode)
    lifted = graphql.DocumentNode(
        definitions=(replace(operation, variable_definitions=tuple(definitions)),)
    )
    return graphql.print_ast(lifted), variables


# Request envelopes: what a hostile client may post instead of {"query": ..., "variables": ...}.
QUERY_TEXTS = st.sampled_from(
    (
        "{ __typename }",
        "query Q { __typename }",
        "query A { __typename } query B { __typename }",
        'mutation { signIn(provider: "development", credential: "demo-1") { __typename } }',
        "subscription { applicationEvents(id: 1) { kind } }",
        "query ($id: ID!) { application(id: $id) { id } }",
        'query ($a: JSON) { evaluate(matterCode: "330106-ZJ-001", answers: $a) { __typename } }',
        "query ($n: Int!) { matters(first: $n) { pageInfo { hasNextPage } } }",
        "{ matters( }",
        "",
    )
) | st.text(max_size=40)
ANY_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
HUGE_INTS = st.integers(min_value=10**18, max_value=10**400) | st.integers(
    max_value=-(10**18), min_value=-(10**400)
)
PERSISTED = st.fixed_dictionaries(
    {},
    optional={
        "version": ANY_JSON | st.just(1),
        "sha256Hash": ANY_JSON | st.from_regex(r"[0-9a-f]{64}", fullmatch=True),
    },
)


def envelopes() -> st.SearchStrategy[object]:
    """A JSON body: any value at all, or the envelope's keys with values of any type."""
    member = ANY_JSON | HUGE_INTS
    return ANY_JSON | st.fixed_dictionaries(
        {},
        optional={
            "query": QUERY_TEXTS | member,
            "operationName": st.sampled_from(("Q", "A", "B", "")) | member,
            "variables": st.dictionaries(
                st.sampled_from(("id", "a", "n", "x")), member | JSON_VALUES, max_size=3
            )
            | member,
            "extensions": st.fixed_dictionaries({}, optional={"persistedQuery": PERSISTED | member})
            | member,
        },
    )


RAW_BODIES = st.sampled_from(
    (
        b"",
        b"{",
        b"null",
        b"[]",
        b'{"query": "{ __typename }"',
        b'{"query": 1e999}',
        b'{"query": "{ __typename }", "variables": {"n": 1e999}}',
        b'{"query": "{ __typename }"}garbage',
        b'{"query": "\\ud800"}',
        b'{"query": "{ __typename }", "query": 5}',
        b"\xff\xfe\x00{",
        b'{"query": "{ __typename }", "variables": {"a": ' + b"[" * 5000 + b"]" * 5000 + b"}}",
        b'{"query": "{ __typename }", "extensions": ' + b'{"a":' * 5000 + b"1" + b"}" * 5001,
        b'{"query": "{ __typename }", "variables": {"n": ' + b"9" * 5000 + b"}}",
        b'{"query": "' + b"{ __typename " + b"{" * 3000 + b'"}',
        b'{"query": "' + b"a " * 90_000 + b'"}',
    )
) | st.binary(max_size=200)
CONTENT_TYPES = st.sampled_from(
    (
        "application/json",
        "application/json; charset=latin-1",
        "application/graphql",
        "application/graphql-response+json",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
        "multipart/form-data; boundary=",
        "multipart/mixed",
        "",
    )
)
QUERY_PARAMS = st.dictionaries(
    st.sampled_from(("query", "operationName", "variables", "extensions", "x", "")),
    QUERY_TEXTS | st.text(max_size=30) | ANY_JSON.map(json.dumps) | HUGE_INTS.map(str),
    max_size=4,
)
RAW_QUERY_STRINGS = st.sampled_from(
    (
        "query=%7B%20__typename%20%7D&query=%7B%20__typename%20%7D",
        "query=%ZZ",
        "query=%C3%28",
        "query=%00",
        "query",
        "&&&=",
        "variables=%7B%7D",
        "query=%7B__typename%7D&variables=%5B%5D",
        "query=%7B__typename%7D&variables=" + "%5B" * 3000 + "%5D" * 3000,
        "query=%7B__typename%7D&extensions=%7B%22persistedQuery%22%3A1%7D",
    )
) | st.text(max_size=60).map(lambda text: quote(text, safe="=&%+;"))


@dataclass(frozen=True)
class Part:
    name: str
    content: bytes
    filename: str | None


MULTIPART = st.fixed_dictionaries(
    {
        "operations": st.sampled_from(
            (
                b'{"query": "mutation ($f: Upload!) { uploadMaterial(applicationId: 1, materialId: \\"x\\", file: $f) { __typename } }", "variables": {"f": null}}',
                b'[{"query": "{ __typename }"}]',
                b'{"query": "{ __typename }"}',
                b"not json",
                b"",
            )
        )
        | ANY_JSON.map(lambda v: json.dumps(v).encode()),
        "map": st.sampled_from(
            (
                b'{"0": ["variables.f"]}',
                b'{"0": ["variables.f.g.h"]}',
                b'{"0": ["variables"]}',
                b'{"0": ["query"]}',
                b'{"0": ["0.variables.f"]}',
                b'{"0": "variables.f"}',
                b'{"1": ["variables.f"]}',
                b'{"0": [["variables", "f"]]}',
                b"[]",
                b"nope",
            )
        )
        | ANY_JSON.map(lambda v: json.dumps(v).encode()),
        "files": st.lists(
            st.builds(
                Part,
                st.sampled_from(("0", "1", "operations", "map", "")),
                st.binary(max_size=64),
                st.none() | st.text(max_size=12),
            ),
            max_size=3,
        ),
    },
    optional={"omit": st.sampled_from(("operations", "map"))},
)


def multipart(fields: dict[str, Any]) -> tuple[bytes, str]:
    """A multipart body of these fields, written by hand so anything may be in it."""
    boundary = "fuzzboundary7MA4YWxkTrZu0gW"
    parts: list[tuple[str, bytes, str | None]] = [
        (name, fields[name], None) for name in ("operations", "map") if fields.get("omit") != name
    ]
    parts += [(p.name, p.content, p.filename) for p in fields["files"]]
    body = b""
    for name, content, filename in parts:
        disposition = f'form-data; name="{name}"'
        if filename is not None:
            disposition += f'; filename="{filename}"'
        body += f"--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n".encode()
        body += content + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


@dataclass
class Failure:
    what: str  # the request, short
    status: int
    detail: str  # errors or the server's traceback


def where(error: BaseException) -> str:
    """The exception's type and the deepest line of our code it passed through."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "/backend/" in f.filename] or frames
    place = f" at {ours[-1].filename.split('/work/main/')[-1]}:{ours[-1].lineno}" if ours else ""
    return f"{type(error).__name__}{place}"


@dataclass
class Tally:
    """Counts requests and 5xx answers; keeps one reproduction of each distinct failure."""

    sent: int = 0
    server_errors: int = 0
    unexpected: int = 0
    failures: dict[str, Failure] = field(default_factory=dict)
    raised: list[BaseException] = field(default_factory=list)  # during the current request

    async def send(
        self, client: httpx.AsyncClient, method: str, url: str, what: str, **kwargs: Any
    ) -> None:
        self.sent += 1
        self.raised.clear()
        try:
            response = await client.request(method, url, **kwargs)
        except httpx.HTTPError:
            raise  # the request could not be made: a bug of the test's
        except Exception as e:  # the app raised: the server answered 500
            self.server_errors += 1
            self._keep(f"500 {where(e)}", Failure(what, 500, _format(e)))
            return
        if response.status_code >= 500:
            self.server_errors += 1
            key = f"{response.status_code} " + (
                where(self.raised[0]) if self.raised else response.text[:80]
            )
            self._keep(key, Failure(what, response.status_code, self._detail(response)))
        elif UNEXPECTED in response.text or self.raised:
            self.unexpected += 1
            key = "masked " + (where(self.raised[0]) if self.raised else response.text[:80])
            self._keep(key, Failure(what, response.status_code, self._detail(response)))

    def _detail(self, response: httpx.Response) -> str:
        return response.text[:500] + "\n" + "\n".join(_format(e) for e in self.raised)

    def _keep(self, key: str, failure: Failure) -> None:
        if key not in self.failures or len(failure.what) < len(self.failures[key].what):
            self.failures[key] = failure  # the shortest reproduction of each

    def report(self, name: str) -> str:
        lines = [
            f"fuzz {name}: {self.sent} requests sent, {self.server_errors} 5xx, "
            f"{self.unexpected} unexpected errors"
        ]
        for key, f in self.failures.items():
            lines += [f"--- {key}", f"request: {f.what}", f"status: {f.status}", f.detail[-3000:]]
        return "\n".join(lines)

    @contextmanager
    def watching(self) -> Iterator[None]:
        """Keep every exception the server did not raise on purpose (one that is not a
        GraphQLError with a code), as strawberry logs it."""
        log = logging.getLogger("strawberry.execution")
        handler = _Unexpected(self.raised.append)
        log.addHandler(handler)
        try:
            yield
        finally:
            log.removeHandler(handler)


def _format(error: BaseException) -> str:
    return "".join(traceback.format_exception(error))


class _Unexpected(logging.Handler):
    def __init__(self, keep: Callable[[BaseException], None]) -> None:
        super().__init__(logging.ERROR)
        self.keep = keep

    def emit(self, record: logging.LogRecord) -> None:
        error = record.exc_info[1] if record.exc_info else None
        if error is None:
            return
        if isinstance(error, graphql.GraphQLError) and (error.extensions or {}).get("code"):
            return  # a refusal raised on purpose
        self.keep(error)
