"""Automatic persisted queries (Apollo's APQ protocol), to keep mobile requests small.

A client first sends only `extensions.persistedQuery.sha256Hash`; when the server does not know
the hash it answers PERSISTED_QUERY_NOT_FOUND and the client sends the query text with the same
hash. The server checks the hash, executes the request, and keeps the text only once the
endpoint has parsed and validated it (`GraphQLView.execute_single`): junk is refused with its
errors and never kept. A text is at most the query-length cap long (checked with the envelope).

Each worker keeps the texts it uses in a bounded LRU (entries and bytes); with Redis they are
shared across workers for KEEP_SECONDS, refreshed while they are used. Without Redis the LRU is
the only store: nothing else grows.
"""

from __future__ import annotations

import dataclasses
import hashlib
import sys
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeGuard

from graphql import GraphQLError
from strawberry.http import GraphQLRequestData

from backend.infra.kv import KeyValue

KEEP_SECONDS = 24 * 3600  # in Redis, from the last use
REFRESH_SECONDS = 3600  # a text used from the LRU refreshes its Redis entry at most this often
LOCAL_SIZE = 4096  # texts each worker keeps
LOCAL_BYTES = 8 * 1024 * 1024  # and their memory at most


@dataclasses.dataclass
class _Kept:
    query: str
    size: int
    refreshed: float  # when the shared entry's expiry was last pushed back


class PersistedQueries:
    def __init__(
        self,
        kv: Callable[[], KeyValue],
        prefix: str,
        shared: bool,
        size: int = LOCAL_SIZE,
        budget: int = LOCAL_BYTES,
    ) -> None:
        self.kv, self.prefix, self.shared = kv, prefix, shared
        self.size, self.budget = size, budget
        self.local: OrderedDict[str, _Kept] = OrderedDict()  # the hot ones, least recent first
        self.bytes = 0

    async def resolve(self, data: GraphQLRequestData) -> GraphQLRequestData | GraphQLError:
        """The request with its query text filled in from the hash, or why it cannot be."""
        digest = _digest(data)
        if digest is None:
            return data
        if not _is_sha256(digest):
            return _error(
                "PERSISTED_QUERY_INVALID",
                "persistedQuery needs version 1 and a sha256Hash (64 hex digits).",
            )
        if data.query is not None:
            if hashlib.sha256(data.query.encode()).hexdigest() != digest:
                return _error(
                    "PERSISTED_QUERY_HASH_MISMATCH",
                    "sha256Hash is not the SHA-256 of the query text.",
                )
            return data
        query = await self._find(digest)
        if query is None:
            return _error(
                "PERSISTED_QUERY_NOT_FOUND",
                "PersistedQueryNotFound: send the query text with this hash once.",
            )
        return dataclasses.replace(data, query=query)

    async def keep(self, data: GraphQLRequestData) -> None:
        """Keep the text of a request that registers one (call once it has validated)."""
        digest = _digest(data)
        if digest is None or data.query is None or not _is_sha256(digest):
            return
        if digest not in self.local and self.shared:
            await self.kv().set(self._key(digest), data.query.encode(), KEEP_SECONDS)
        self._remember(digest, data.query)

    async def _find(self, digest: str) -> str | None:
        kept = self.local.get(digest)
        if kept is not None:
            self.local.move_to_end(digest)
            if self.shared and time.monotonic() - kept.refreshed > REFRESH_SECONDS:
                kept.refreshed = time.monotonic()
                await self.kv().set(self._key(digest), kept.query.encode(), KEEP_SECONDS)
            return kept.query
        if not self.shared:
            return None
        stored = await self.kv().get(self._key(digest))
        if stored is None:
            return None
        await self.kv().set(self._key(digest), stored, KEEP_SECONDS)  # used: kept a day longer
        query = stored.decode()
        self._remember(digest, query)
        return query

    def _remember(self, digest: str, query: str) -> None:
        old = self.local.pop(digest, None)
        if old is not None:
            self.bytes -= old.size
        kept = _Kept(query, sys.getsizeof(query), time.monotonic())
        self.local[digest] = kept
        self.bytes += kept.size
        while len(self.local) > self.size or self.bytes > self.budget:
            _, dropped = self.local.popitem(last=False)
            self.bytes -= dropped.size

    def _key(self, digest: str) -> str:
        return self.prefix + "apq:" + digest


def _digest(data: GraphQLRequestData) -> object:
    """The hash a request names, "" when its persistedQuery is malformed, None without one."""
    persisted = (data.extensions or {}).get("persistedQuery")
    if persisted is None:
        return None
    if not isinstance(persisted, dict) or persisted.get("version") != 1:
        return ""
    return persisted.get("sha256Hash", "")


def _is_sha256(value: object) -> TypeGuard[str]:
    return (
        isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)
    )


def _error(code: str, message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code})
