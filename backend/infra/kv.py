"""Shared counters and cache: Redis when REDIS_URL is set (falling back to the worker's own
while Redis is lost), an in-process equivalent otherwise."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Protocol, TypeVar

from redis.asyncio import Redis

from backend.infra.redis_link import RedisLink, Unreachable

T = TypeVar("T")


class KeyValue(Protocol):
    async def incr_window(self, key: str, window_seconds: int, hits: int = 1) -> int:
        """Count `hits` in the window of `key`, which starts with its first hit and lasts
        `window_seconds`; returns the count so far."""

    async def get(self, key: str) -> bytes | None: ...

    async def set(self, key: str, value: bytes, ttl_seconds: int) -> None: ...

    async def delete(self, key: str) -> None: ...

    async def close(self) -> None: ...


class LocalKeyValue:
    """One process only: counts are not shared between workers."""

    def __init__(self) -> None:
        self._counts: dict[str, tuple[float, int]] = {}
        self._values: dict[str, tuple[float, bytes]] = {}

    async def incr_window(self, key: str, window_seconds: int, hits: int = 1) -> int:
        now = time.monotonic()
        expires, count = self._counts.get(key, (0.0, 0))
        if now >= expires:
            if len(self._counts) > 100_000:
                self._counts = {k: v for k, v in self._counts.items() if v[0] > now}
            expires, count = now + window_seconds, 0
        self._counts[key] = (expires, count + hits)
        return count + hits

    async def get(self, key: str) -> bytes | None:
        expires, value = self._values.get(key, (0.0, b""))
        return value if time.monotonic() < expires else None

    async def set(self, key: str, value: bytes, ttl_seconds: int) -> None:
        now = time.monotonic()
        if len(self._values) > 100_000:
            self._values = {k: v for k, v in self._values.items() if v[0] > now}
        self._values[key] = (now + ttl_seconds, value)

    async def delete(self, key: str) -> None:
        self._values.pop(key, None)

    async def close(self) -> None:
        self._counts.clear()
        self._values.clear()


class RedisKeyValue:
    """Shared through Redis; while Redis is lost, this worker's own (a LocalKeyValue): counts
    start again per worker and cached values are missed, but no request fails. A key deleted
    meanwhile is deleted in Redis too once it answers again (a revoked consent's cached data
    must not come back with it)."""

    def __init__(self, link: RedisLink) -> None:
        self.link = link
        self.redis = link.redis
        self.local = LocalKeyValue()
        self.alone = False  # whether this worker fell back to its own since Redis last answered
        self.deleted_alone: set[str] = set()  # deleted meanwhile, not in Redis yet

    async def incr_window(self, key: str, window_seconds: int, hits: int = 1) -> int:
        async def incr(redis: Redis) -> int:
            # One transaction: the first hit creates the key with its expiry (a key without one
            # would count for ever), INCRBY keeps it; the window runs from the first hit.
            async with redis.pipeline(transaction=True) as pipe:
                pipe.set(key, 0, ex=window_seconds, nx=True)
                pipe.incrby(key, hits)
                _, count = await pipe.execute()
            return int(count)

        try:
            return await self._call(incr)
        except Unreachable:
            return await self.local.incr_window(key, window_seconds, hits)

    async def get(self, key: str) -> bytes | None:
        try:
            value = await self._call(lambda redis: redis.get(key))
        except Unreachable:
            return await self.local.get(key)
        return value if isinstance(value, bytes) else None

    async def set(self, key: str, value: bytes, ttl_seconds: int) -> None:
        try:
            await self._call(lambda redis: redis.set(key, value, ex=ttl_seconds))
        except Unreachable:
            await self.local.set(key, value, ttl_seconds)

    async def delete(self, key: str) -> None:
        await self.local.delete(key)
        try:
            await self._call(lambda redis: redis.delete(key))
        except Unreachable:
            if len(self.deleted_alone) < MAX_DELETED_ALONE:
                self.deleted_alone.add(key)

    async def _call(self, command: Callable[[Redis], Awaitable[T]]) -> T:
        try:
            if self.alone and self.link.up:
                await self._rejoin()
            return await self.link.call(command)
        except Unreachable:
            self.alone = True
            raise

    async def _rejoin(self) -> None:
        """Back on Redis: delete there what was deleted alone; what was kept alone is dropped."""
        keys = list(self.deleted_alone)
        if keys:
            await self.link.call(lambda redis: redis.delete(*keys))
        self.deleted_alone.clear()
        self.alone = False
        await self.local.close()

    async def close(self) -> None:
        await self.link.close()


MAX_DELETED_ALONE = 10_000  # beyond, a key's own expiry has to do


async def connect(url: str | None, link: RedisLink | None = None) -> KeyValue:
    """Redis when a URL is given (through `link`, shared with the bus), in-process otherwise.
    A Redis down at start-up is logged and the worker starts on its own."""
    if not url:
        return LocalKeyValue()
    link = link or RedisLink(url)
    await link.check()
    return RedisKeyValue(link)
