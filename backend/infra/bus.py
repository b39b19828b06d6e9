"""Publish/subscribe for live updates: Redis pub/sub when REDIS_URL is set, so an event
published by one worker reaches subscribers on every worker; in-process otherwise."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Protocol

from redis.asyncio import Redis


class Bus(Protocol):
    async def publish(self, channel: str, message: bytes) -> None: ...

    def subscribe(self, channel: str) -> AbstractAsyncContextManager[AsyncIterator[bytes]]:
        """`async with bus.subscribe(ch) as messages: async for m in messages: ...`"""

    async def close(self) -> None: ...


class LocalBus:
    def __init__(self) -> None:
        self._queues: dict[str, set[asyncio.Queue[bytes]]] = {}

    async def publish(self, channel: str, message: bytes) -> None:
        for queue in self._queues.get(channel, ()):
            queue.put_nowait(message)

    @asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[AsyncIterator[bytes]]:
        queue: asyncio.Queue[bytes] = asyncio.Queue()
        self._queues.setdefault(channel, set()).add(queue)

        async def messages() -> AsyncIterator[bytes]:
            while True:
                yield await queue.get()

        try:
            yield messages()
        finally:
            self._queues[channel].discard(queue)

    async def close(self) -> None:
        self._queues.clear()


class RedisBus:
    def __init__(self, url: str) -> None:
        self.redis = Redis.from_url(url)

    async def publish(self, channel: str, message: bytes) -> None:
        await self.redis.publish(channel, message)

    @asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[AsyncIterator[bytes]]:
        pubsub = self.redis.pubsub()
        await pubsub.subscribe(channel)

        async def messages() -> AsyncIterator[bytes]:
            # A cancellation that arrives while redis-py reads can be swallowed there (a worker
            # shutting down then waited forever for its subscriber): read a second at a time
            # and honour a cancellation requested meanwhile.
            task = asyncio.current_task()
            while True:
                m = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                if task is not None and task.cancelling():
                    raise asyncio.CancelledError
                if m is not None and m["type"] == "message":
                    yield m["data"]

        try:
            yield messages()
        finally:
            await pubsub.unsubscribe(channel)
            await pubsub.aclose()  # type: ignore[no-untyped-call]

    async def close(self) -> None:
        await self.redis.aclose()


async def connect(url: str | None) -> Bus:
    if not url:
        return LocalBus()
    bus = RedisBus(url)
    await bus.redis.ping()
    return bus
