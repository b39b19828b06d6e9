"""A worker's connection to Redis, and what it knows of Redis's health.

Redis is optional: when it is lost, the shared counters, caches and events (kv.py, bus.py) fall
back to this worker's own. The link is the circuit they share: every command has short
timeouts; the first failure marks Redis down (one warning); while down, no request tries it;
a single probe pings it after a backoff step (0.5 s, doubling to 5 s), and the probe that
answers marks it up again (one info line) and wakes whatever waits to resubscribe.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from redis import exceptions
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

log = logging.getLogger("zerorun.redis")
T = TypeVar("T")

TIMEOUT_SECONDS = 1.0  # to connect, and to read an answer: a hung Redis stalls a request no longer
FIRST_BACKOFF = 0.5
MAX_BACKOFF = 5.0
# What a lost, hung, refusing or misbehaving Redis raises (redis-py's errors, the socket's own).
FAILURES = (exceptions.RedisError, OSError, TimeoutError)


def honour_cancellation() -> None:
    """redis-py can swallow a cancellation that arrives while it connects or subscribes: the
    command returns as if nothing happened, the task still shows the cancellation requested, and
    a worker shutting down waited forever for the task. Raise it, after every command."""
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError


class Unreachable(Exception):
    """Redis is down or failed this command: the caller falls back to the worker's own."""


class RedisLink:
    def __init__(self, url: str) -> None:
        # No retries inside redis-py (its pub/sub would resubscribe unseen, hiding a gap): a
        # command is tried again once here, and the circuit decides the rest.
        self.redis = Redis.from_url(
            url,
            socket_connect_timeout=TIMEOUT_SECONDS,
            socket_timeout=TIMEOUT_SECONDS,
            retry=Retry(NoBackoff(), 0),
        )
        self.up = True
        self._back = asyncio.Event()
        self._back.set()
        self._tries = 0  # probes that failed since Redis was lost
        self._retry_at = 0.0
        self._probe: asyncio.Task[None] | None = None
        self._closed = False

    async def call(self, command: Callable[[Redis], Awaitable[T]]) -> T:
        """`command`'s answer; Unreachable while Redis is down or when it fails now."""
        try:
            return await self._call(command)
        finally:
            honour_cancellation()

    async def _call(self, command: Callable[[Redis], Awaitable[T]]) -> T:
        if not self.usable():
            raise Unreachable
        try:
            return await command(self.redis)
        except exceptions.ConnectionError:
            # Connections kept from before Redis restarted fail once each: drop the idle ones
            # and try once more on a fresh one before calling Redis lost.
            await self.redis.connection_pool.disconnect(inuse_connections=False)
        except FAILURES as e:
            self.failed(e)
            raise Unreachable from e
        try:
            return await command(self.redis)
        except FAILURES as e:
            self.failed(e)
            raise Unreachable from e

    async def check(self) -> bool:
        """Whether Redis answers a PING now; no I/O while it is known down."""
        try:
            await self.call(lambda redis: redis.ping())
        except Unreachable:
            return False
        return True

    def usable(self) -> bool:
        """Whether to try Redis now: while it is down, no (the probe is started when due)."""
        if self.up:
            return True
        if self._probe is None and time.monotonic() >= self._retry_at:
            self._probe = asyncio.get_running_loop().create_task(self._try_again())
        return False

    async def wait_usable(self) -> None:
        """Until Redis answers again (at once while it is up)."""
        while not self.usable():
            delay = max(0.05, self._retry_at - time.monotonic())
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._back.wait(), delay)

    def failed(self, error: BaseException) -> None:
        """A command failed: Redis is down from now on (said once, whoever notices first)."""
        if not self.up:
            return  # known already; the probe keeps the schedule
        log.warning(
            "Redis lost (%s): this worker counts, caches and delivers events on its own "
            "until it answers again",
            type(error).__name__,
        )
        self.up = False
        self._back.clear()
        self._tries = 0
        self._retry_at = time.monotonic() + FIRST_BACKOFF

    async def _try_again(self) -> None:
        try:
            await self.redis.connection_pool.disconnect(inuse_connections=False)  # all stale
            await self.redis.ping()
        except FAILURES:
            self._tries += 1
            self._retry_at = time.monotonic() + min(MAX_BACKOFF, FIRST_BACKOFF * 2**self._tries)
        else:
            log.info("Redis answers again: this worker shares its counts, caches and events")
            self.up = True
            self._back.set()
        finally:
            self._probe = None

    async def close(self) -> None:
        """Idempotent: the key-value store and the bus sharing the link both close it."""
        if self._closed:
            return
        self._closed = True
        if self._probe is not None:
            self._probe.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._probe
        await self.redis.aclose()
