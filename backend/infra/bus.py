"""Publish/subscribe for live updates: Redis pub/sub when REDIS_URL is set, so an event
published by one worker reaches subscribers on every worker; in-process otherwise.

With Redis, a worker's own subscribers get its messages directly, never through Redis, so they
keep getting them while Redis is lost; a subscription resubscribes by itself when Redis answers
again and says so (`resumed`): what other workers published meanwhile was missed."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Protocol

from redis.asyncio.client import PubSub

from backend.infra.redis_link import FAILURES, RedisLink, Unreachable, honour_cancellation

Hook = Callable[[], None]
# Handed to a subscriber in place of a message when its subscription hears other workers again
# after hearing nothing from them: what they published meanwhile was missed; read the source.
GAP = b""


class Bus(Protocol):
    async def publish(self, channel: str, message: bytes) -> None: ...

    def subscribe(
        self, channel: str, *, lost: Hook | None = None, resumed: Hook | None = None
    ) -> AbstractAsyncContextManager[AsyncIterator[bytes]]:
        """`async with bus.subscribe(ch) as messages: async for m in messages: ...`
        `lost()` is called when the subscription stops hearing other workers (Redis lost, or
        down at the start), `resumed()` when it hears them again, and `GAP` then comes among
        the messages."""

    async def close(self) -> None: ...


class LocalBus:
    def __init__(self) -> None:
        self._queues: dict[str, set[asyncio.Queue[bytes]]] = {}

    async def publish(self, channel: str, message: bytes) -> None:
        for queue in self._queues.get(channel, ()):
            queue.put_nowait(message)

    @asynccontextmanager
    async def subscribe(
        self, channel: str, *, lost: Hook | None = None, resumed: Hook | None = None
    ) -> AsyncIterator[AsyncIterator[bytes]]:
        """Every message of this process (it never misses one: `lost` is never called)."""
        queue = self.attach(channel)
        try:
            yield _drain(queue)
        finally:
            self.detach(channel, queue)

    def attach(self, channel: str) -> asyncio.Queue[bytes]:
        queue: asyncio.Queue[bytes] = asyncio.Queue()
        self._queues.setdefault(channel, set()).add(queue)
        return queue

    def detach(self, channel: str, queue: asyncio.Queue[bytes]) -> None:
        queues = self._queues.get(channel, set())
        queues.discard(queue)
        if not queues:
            self._queues.pop(channel, None)

    async def close(self) -> None:
        self._queues.clear()


async def _drain(queue: asyncio.Queue[bytes]) -> AsyncIterator[bytes]:
    while True:
        yield await queue.get()


class RedisBus:
    def __init__(self, link: RedisLink) -> None:
        self.link = link
        self.local = LocalBus()  # this worker's own subscribers
        # Put before each message sent through Redis, so that this worker skips its own there.
        self.origin = uuid.uuid4().bytes

    async def publish(self, channel: str, message: bytes) -> None:
        await self.local.publish(channel, message)
        with contextlib.suppress(Unreachable):  # logged by the link; the other workers miss it
            await self.link.call(lambda redis: redis.publish(channel, self.origin + message))

    @asynccontextmanager
    async def subscribe(
        self, channel: str, *, lost: Hook | None = None, resumed: Hook | None = None
    ) -> AsyncIterator[AsyncIterator[bytes]]:
        queue = self.local.attach(channel)
        try:
            pubsub = await self._listen(channel)  # subscribed in Redis before the first message
            if pubsub is None and lost:
                lost()
            stop = asyncio.Event()
            relay = asyncio.create_task(self._relay(channel, queue, pubsub, stop, lost, resumed))
            try:
                yield _drain(queue)
            finally:
                stop.set()  # heard within a read even should redis-py swallow the cancellation
                relay.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await relay
        finally:
            self.local.detach(channel, queue)

    async def _relay(
        self,
        channel: str,
        queue: asyncio.Queue[bytes],
        pubsub: PubSub | None,
        stop: asyncio.Event,
        lost: Hook | None,
        resumed: Hook | None,
    ) -> None:
        """Other workers' messages on `channel` into `queue` (one subscriber's), subscribing
        again whenever Redis is back, until `stop` is set."""
        try:
            while not stop.is_set():
                if pubsub is None:
                    await self.link.wait_usable()
                    pubsub = await self._listen(channel)
                    if pubsub is None:
                        continue
                    if resumed:
                        resumed()
                    queue.put_nowait(GAP)
                try:
                    # A second at a time: redis-py's read timeout can swallow a cancellation as
                    # it expires (the task then shows none), so `stop` is looked at between reads.
                    m = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                    honour_cancellation()
                except FAILURES as e:
                    self.link.failed(e)
                    await _close(pubsub)
                    pubsub = None
                    if lost:
                        lost()
                    continue
                if m is not None and m["type"] == "message":
                    data: bytes = m["data"]
                    if not data.startswith(self.origin):
                        queue.put_nowait(data[len(self.origin) :])
        finally:
            if pubsub is not None:
                await _close(pubsub)

    async def _listen(self, channel: str) -> PubSub | None:
        """A Redis subscription to `channel`, or None when Redis does not answer."""
        pubsub = self.link.redis.pubsub()
        try:
            await self.link.call(lambda redis: pubsub.subscribe(channel))
        except Unreachable:
            await _close(pubsub)
            return None
        return pubsub

    async def close(self) -> None:
        await self.local.close()
        await self.link.close()


async def _close(pubsub: PubSub) -> None:
    with contextlib.suppress(*FAILURES):
        await pubsub.aclose()  # type: ignore[no-untyped-call]


async def connect(url: str | None, link: RedisLink | None = None) -> Bus:
    """Redis when a URL is given (through `link`, shared with the key-value store), in-process
    otherwise. A Redis down at start-up is logged and the worker starts on its own."""
    if not url:
        return LocalBus()
    link = link or RedisLink(url)
    await link.check()
    return RedisBus(link)
