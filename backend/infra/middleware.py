"""Pure ASGI middleware: request body size limit and per-client rate limit."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend.infra.kv import KeyValue


class BodySizeLimit:
    """Refuse bodies over `max_bytes` with 413, whether or not Content-Length was sent."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            return await self._refuse(scope, receive, send)
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise BodyTooLarge
            return message

        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = JSONResponse(
            {
                "errors": [
                    {
                        "message": f"Request body is larger than {self.max_bytes} bytes.",
                        "extensions": {"code": "BODY_TOO_LARGE"},
                    }
                ]
            },
            status_code=413,
        )
        await response(scope, receive, send)


class BodyTooLarge(Exception):
    pass


class RateLimit:
    """A fixed one-minute window per client address, shared across workers through Redis.

    A worker counts hits itself and adds them to the shared count (one round trip) on a client's
    first hit of the window, then every SYNC_SECONDS or every BATCH of the limit, whichever
    comes first, and on every hit once the count nears the limit (EXACT_FROM of it). Far from
    the limit a request thus costs no round trip; near it, every decision reads the shared count.
    One worker alone decides exactly; several together admit at most a BATCH each beyond the
    limit (hits one had not shared yet when another decided).
    """

    def __init__(
        self, app: ASGIApp, kv: Callable[[], KeyValue], per_minute: int, prefix: str
    ) -> None:
        self.app, self.kv, self.per_minute, self.prefix = app, kv, per_minute, prefix
        self.batch = max(1, int(per_minute * BATCH))
        self.window = -1
        self.counts: dict[str, _Count] = {}  # this window's clients

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.per_minute <= 0:
            return await self.app(scope, receive, send)
        client = (scope.get("client") or ("unknown", 0))[0]
        now = time.time()
        window = int(now // 60)
        if window != self.window:
            self.window, self.counts = window, {}
        count = self.counts.setdefault(client, _Count())
        count.pending += 1
        if (
            now - count.synced >= SYNC_SECONDS
            or count.pending >= self.batch
            or count.shared + count.pending > self.per_minute * EXACT_FROM
        ):
            hits, count.pending, count.synced = count.pending, 0, now
            key = f"{self.prefix}:rate:{client}:{window}"
            shared = await self.kv().incr_window(key, 60, hits)
            count.shared = max(count.shared + hits, shared)  # answers may arrive out of order
        if count.shared + count.pending > self.per_minute:
            response = JSONResponse(
                {
                    "errors": [
                        {
                            "message": "Too many requests; wait a minute and try again.",
                            "extensions": {"code": "RATE_LIMITED"},
                        }
                    ]
                },
                status_code=429,
                headers={"Retry-After": str(60 - int(time.time()) % 60)},
            )
            return await response(scope, receive, send)
        await self.app(scope, receive, send)


SYNC_SECONDS = 0.5
BATCH = 0.05
EXACT_FROM = 0.8


@dataclass
class _Count:
    shared: int = 0  # the shared count as this worker last learnt it, its own hits included
    pending: int = 0  # this worker's hits not added to the shared count yet
    synced: float = 0.0  # when they last were
