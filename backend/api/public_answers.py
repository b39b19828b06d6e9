"""Answers to anonymous catalog reads, kept in each worker until the catalog changes.

The mini-program's guide and search pages are the same for every anonymous visitor, so their
answers are kept, keyed by query text, operation, variables and the day (rules may read
`today`). Only queries whose every root field reads nothing but the catalog qualify, and only
without a bearer token, so an answer never crosses users. Every publish, retirement and life-
event change announces itself on the bus (Redis pub/sub across workers) and each worker drops
its answers at once; a change made by another process without Redis (a `zerorun catalog load`
on a development machine) is seen within TTL_SECONDS. An answer being computed is computed once
however many ask for it meanwhile.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from functools import lru_cache

import orjson
from graphql import FieldNode, GraphQLError, OperationDefinitionNode, OperationType, parse
from strawberry.http import GraphQLRequestData
from strawberry.types import ExecutionResult

from backend.infra.bus import Bus

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
TTL_SECONDS = 10.0  # without Redis, the only way to see another process's change
TTL_WITH_REDIS = 600.0  # with it, every change is announced; the limit only bounds memory age
SIZE = 4096
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


@lru_cache(maxsize=1024)
def root_fields(query: str, operation: str | None) -> frozenset[str] | None:
    """The root fields of the query operation chosen, or None when it is not a plain query."""
    try:
        document = parse(query)
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


class PublicAnswers:
    def __init__(self, ttl_seconds: float = TTL_SECONDS) -> None:
        self.ttl = ttl_seconds
        self.entries: OrderedDict[str, tuple[float, ExecutionResult]] = OrderedDict()
        # One computation per key at a time: when an answer expires under load, the requests
        # for it wait for the first instead of all running the query at once.
        self.pending: dict[str, asyncio.Future[ExecutionResult]] = {}
        self.generation = 0  # each forgetting starts a new one: see `answer`

    async def answer(
        self, key: str, compute: Callable[[], Awaitable[ExecutionResult]]
    ) -> ExecutionResult:
        hit = self.get(key)
        if hit is not None:
            return hit
        if key in self.pending:
            expired = self.entries.get(key)
            if expired is not None:  # being computed again: the last answer meanwhile (a change
                return expired[1]  # drops every entry, so this one predates none announced)
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
            self.put(key, result)
        future.set_result(result)
        return result

    def key(self, data: GraphQLRequestData) -> str | None:
        if data.query is None:
            return None
        roots = root_fields(data.query, data.operation_name)
        if not roots or not roots <= CATALOG_FIELDS:
            return None
        today = dt.datetime.now(SHANGHAI).date().isoformat()
        variables = orjson.dumps(data.variables or {}, option=orjson.OPT_SORT_KEYS)
        parts = [
            data.query.encode(),
            (data.operation_name or "").encode(),
            variables,
            today.encode(),
        ]
        return hashlib.sha256(b"\0".join(parts)).hexdigest()

    def get(self, key: str) -> ExecutionResult | None:
        entry = self.entries.get(key)
        if entry is None or entry[0] < time.monotonic():
            return None
        self.entries.move_to_end(key)
        return entry[1]

    def put(self, key: str, result: ExecutionResult) -> None:
        self.entries[key] = (time.monotonic() + self.ttl, result)
        if len(self.entries) > SIZE:
            self.entries.popitem(last=False)

    def forget(self) -> None:
        self.generation += 1
        self.entries.clear()
        self.pending = {}  # a computation under way may predate the change: nobody new waits for it


def channel(prefix: str) -> str:
    return f"{prefix}:catalog-changed"


async def announce(bus: Bus, prefix: str) -> None:
    """Tell every worker that the catalog changed (call after the change is committed)."""
    await bus.publish(channel(prefix), b"1")
