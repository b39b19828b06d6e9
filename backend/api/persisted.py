"""Automatic persisted queries (Apollo's APQ protocol), to keep mobile requests small.

A client first sends only `extensions.persistedQuery.sha256Hash`; when the server does not know
the hash it answers PERSISTED_QUERY_NOT_FOUND and the client sends the query text with the same
hash, which the server checks and keeps (shared through Redis across workers when configured).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import OrderedDict
from collections.abc import Callable

from graphql import GraphQLError
from strawberry.http import GraphQLRequestData

from backend.infra.kv import KeyValue

KEEP_SECONDS = 30 * 24 * 3600
LOCAL_SIZE = 4096


class PersistedQueries:
    def __init__(self, kv: Callable[[], KeyValue], prefix: str) -> None:
        self.kv, self.prefix = kv, prefix
        self.local: OrderedDict[str, str] = OrderedDict()  # the hot ones, without a round trip

    async def resolve(self, data: GraphQLRequestData) -> GraphQLRequestData | GraphQLError:
        """The request with its query text filled in from the hash, or why it cannot be."""
        persisted = (data.extensions or {}).get("persistedQuery")
        if persisted is None:
            return data
        if not isinstance(persisted, dict):
            persisted = {}
        digest = persisted.get("sha256Hash")
        if persisted.get("version") != 1 or not _is_sha256(digest):
            return _error(
                "PERSISTED_QUERY_INVALID",
                "persistedQuery needs version 1 and a sha256Hash (64 hex digits).",
            )
        assert isinstance(digest, str)
        if data.query is not None:
            if hashlib.sha256(data.query.encode()).hexdigest() != digest:
                return _error(
                    "PERSISTED_QUERY_HASH_MISMATCH",
                    "sha256Hash is not the SHA-256 of the query text.",
                )
            await self._keep(digest, data.query)
            return data
        query = self.local.get(digest)
        if query is None:
            stored = await self.kv().get(self.prefix + "apq:" + digest)
            if stored is None:
                return _error(
                    "PERSISTED_QUERY_NOT_FOUND",
                    "PersistedQueryNotFound: send the query text with this hash once.",
                )
            query = stored.decode()
            self._remember(digest, query)
        self.local.move_to_end(digest)
        return dataclasses.replace(data, query=query)

    async def _keep(self, digest: str, query: str) -> None:
        if digest not in self.local:
            await self.kv().set(self.prefix + "apq:" + digest, query.encode(), KEEP_SECONDS)
        self._remember(digest, query)

    def _remember(self, digest: str, query: str) -> None:
        self.local[digest] = query
        if len(self.local) > LOCAL_SIZE:
            self.local.popitem(last=False)


def _is_sha256(value: object) -> bool:
    return (
        isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)
    )


def _error(code: str, message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code})
