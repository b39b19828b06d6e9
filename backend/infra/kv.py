"""Shared counters and cache: Redis when REDIS_URL is set, an in-process equivalent otherwise."""

from __future__ import annotations

import time
from typing import Protocol

from redis.asyncio import Redis


class KeyValue(Protocol):
    async def incr_window(self, key: str, window_seconds: int, hits: int = 1) -> int:
        """Count `hits` in the current fixed window of `key`; returns the count so far."""

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
    def __init__(self, url: str) -> None:
        self.redis = Redis.from_url(url)

    async def incr_window(self, key: str, window_seconds: int, hits: int = 1) -> int:
        # One command; the first of the window sets the expiry. Should that second command be
        # lost, the key names its window, so a later window never sees the count: it lingers.
        count = int(await self.redis.incrby(key, hits))
        if count == hits:
            await self.redis.expire(key, window_seconds)
        return count

    async def get(self, key: str) -> bytes | None:
        value = await self.redis.get(key)
        return value if isinstance(value, bytes) else None

    async def set(self, key: str, value: bytes, ttl_seconds: int) -> None:
        await self.redis.set(key, value, ex=ttl_seconds)

    async def delete(self, key: str) -> None:
        await self.redis.delete(key)

    async def close(self) -> None:
        await self.redis.aclose()


async def connect(url: str | None) -> KeyValue:
    if not url:
        return LocalKeyValue()
    kv = RedisKeyValue(url)
    await kv.redis.ping()  # fail at start-up, not on the first request
    return kv
