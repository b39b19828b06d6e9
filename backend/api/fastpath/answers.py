"""Answers to anonymous catalog reads, kept in each worker until the catalog changes.

The mini-program's guide and search pages are the same for every anonymous visitor, so their
answers are kept, keyed by query text, operation, variables and the day (rules may read
`today`). Only queries whose every root field reads nothing but the catalog qualify, and only
without a bearer token, so an answer never crosses users. Every publish, retirement and life-
event change announces itself on the bus (Redis pub/sub across workers) and each worker drops
its answers at once; a change made by another process without Redis (a `zerorun catalog load`
on a development machine) is seen within TTL_SECONDS. An answer being computed is computed once
however many ask for it meanwhile.

Each answer is also kept as the response that carried it, keyed by the request's own bytes, so
that the same request again (the mini-program sends the same hash and variables) is answered
without being parsed or executed (`Sent`, kept and sent again by `backend.api.fastpath.replay`).
Whether a request is public (`key`) is decided with the fast path on or off: a public answer
carries an ETag either way; only keeping it needs the fast path.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

import orjson
from graphql import FieldNode, GraphQLError, OperationDefinitionNode, OperationType, parse
from starlette.types import Scope, Send
from strawberry.http import GraphQLRequestData
from strawberry.types import ExecutionResult

from backend.api.catalog_changes import TTL_SECONDS
from backend.infra import metrics

# Root fields whose answer depends on the catalog and the request alone.
CATALOG_FIELDS = frozenset(
    {
        "matters",
        "matter",
        "lifeEvents",
        "lifeEvent",
        "evaluate",
        "regions",
        "region",
        "ratingTags",
        "__typename",
    }
)
SIZE = 4096
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


@lru_cache(maxsize=1024)
def root_fields(query: str, operation: str | None, max_tokens: int) -> frozenset[str] | None:
    """The root fields of the query operation chosen, or None when it is not a plain query.
    Parsing stops after `max_tokens`, as the endpoint's own does."""
    try:
        document = parse(query, max_tokens=max_tokens)
    except GraphQLError:
        return None
    ops = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation:
        chosen = next((o for o in ops if o.name and o.name.value == operation), None)
    else:
        chosen = ops[0] if len(ops) == 1 else None
    if chosen is None or chosen.operation != OperationType.QUERY:
        return None
    selections = chosen.selection_set.selections
    if not all(isinstance(s, FieldNode) for s in selections):
        return None  # fragments at the root: not worth reading through
    return frozenset(s.name.value for s in selections if isinstance(s, FieldNode))


T = TypeVar("T")


class _Expiring(Generic[T]):
    """At most SIZE entries, each until it expires, the least recently used dropped first;
    each lookup counted in the metrics as a hit or a miss."""

    def __init__(self, counted: metrics.CacheCount) -> None:
        self.entries: OrderedDict[str, tuple[float, T]] = OrderedDict()
        self.counted = counted

    def get(self, key: str) -> T | None:
        entry = self.entries.get(key)
        if entry is None or entry[0] < time.monotonic():
            self.counted.miss.inc()
            return None
        self.counted.hit.inc()
        self.entries.move_to_end(key)
        return entry[1]

    def last(self, key: str) -> T | None:
        """The entry even if it has expired."""
        entry = self.entries.get(key)
        return None if entry is None else entry[1]

    def put(self, key: str, value: T, ttl: float) -> None:
        self.entries[key] = (time.monotonic() + ttl, value)
        self.entries.move_to_end(key)
        if len(self.entries) > SIZE:
            self.entries.popitem(last=False)

    def clear(self) -> None:
        self.entries.clear()


@dataclass(frozen=True)
class Sent:
    """A 200 response carrying a public answer, as it was sent."""

    headers: list[tuple[bytes, bytes]]  # without the request id: each request has its own
    body: bytes
    etag: bytes

    @classmethod
    def of(cls, headers: list[tuple[bytes, bytes]], body: bytes, etag: bytes) -> Sent:
        return cls([(k, v) for k, v in headers if k.lower() != b"x-request-id"], body, etag)

    async def send_again(self, send: Send, if_none_match: bytes, request_id: str) -> None:
        own = (b"x-request-id", request_id.encode())
        if self.etag in if_none_match:
            headers = [(b"etag", self.etag), own]
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": 200, "headers": [*self.headers, own]})
        await send({"type": "http.response.body", "body": self.body})


class PublicAnswers:
    def __init__(self, ttl_seconds: float = TTL_SECONDS) -> None:
        self.ttl = ttl_seconds
        self.results: _Expiring[ExecutionResult] = _Expiring(metrics.PUBLIC_ANSWERS)
        self.sent: _Expiring[Sent] = _Expiring(metrics.PUBLIC_RESPONSES)
        # One computation per key at a time: when an answer expires under load, the requests
        # for it wait for the first instead of all running the query at once.
        self.pending: dict[str, asyncio.Future[ExecutionResult]] = {}
        self.generation = 0  # each forgetting starts a new one: see `answer`
        # How often an answer came from memory, and a response was sent again: the fast path's
        # own tests read them to know it was taken.
        self.answered_from_memory = 0
        self.sent_again = 0

    async def answer(
        self, key: str, compute: Callable[[], Awaitable[ExecutionResult]]
    ) -> ExecutionResult:
        hit = self.results.get(key)
        if hit is not None:
            self.answered_from_memory += 1
            return hit
        if key in self.pending:
            self.answered_from_memory += 1
            expired = self.results.last(key)
            if expired is not None:  # being computed again: the last answer meanwhile (a change
                return expired  # drops every entry, so this one predates none announced)
            return await asyncio.shield(self.pending[key])
        future: asyncio.Future[ExecutionResult] = asyncio.get_running_loop().create_future()
        self.pending[key] = future
        generation = self.generation
        try:
            result = await compute()
        except BaseException as e:
            future.set_exception(e)
            future.exception()  # retrieved: the waiters, if any, raise it themselves
            raise
        finally:
            if self.pending.get(key) is future:
                del self.pending[key]
        # Computed across a change of the catalog, the answer may predate it: serve, not keep.
        if not result.errors and generation == self.generation:
            self.results.put(key, result, self.ttl)
        future.set_result(result)
        return result

    def key(self, data: GraphQLRequestData, max_tokens: int) -> str | None:
        """The answer's key, or None when it is not a public answer. The request's envelope was
        checked before (`backend.api.envelope`); parsing stops after `max_tokens`."""
        if data.query is None:
            return None
        roots = root_fields(data.query, data.operation_name, max_tokens)
        if not roots or not roots <= CATALOG_FIELDS:
            return None
        today = dt.datetime.now(SHANGHAI).date().isoformat()
        try:
            variables = orjson.dumps(data.variables or {}, option=orjson.OPT_SORT_KEYS)
        except orjson.JSONEncodeError:  # an integer beyond 64 bits: not kept, answered as usual
            return None
        parts = [
            data.query.encode(),
            (data.operation_name or "").encode(),
            variables,
            today.encode(),
        ]
        return hashlib.sha256(b"\0".join(parts)).hexdigest()

    def request_key(self, scope: Scope, headers: dict[bytes, bytes], body: bytes) -> str:
        """The request's own bytes, with the day: the same bytes, the same answer until a change."""
        parts = [
            scope["method"].encode(),
            scope["path"].encode(),
            scope["query_string"],
            headers.get(b"content-type", b""),
            headers.get(b"accept", b""),
            body,
            dt.datetime.now(SHANGHAI).date().isoformat().encode(),
        ]
        return hashlib.sha256(b"\0".join(parts)).hexdigest()

    def keep_sent(self, key: str, sent: Sent, generation: int) -> None:
        """Keep a response computed in `generation` unless the catalog has changed since."""
        if generation == self.generation:
            self.sent.put(key, sent, self.ttl)

    def forget(self) -> None:
        self.generation += 1
        self.results.clear()
        self.sent.clear()
        self.pending = {}  # a computation under way may predate the change: nobody new waits for it
