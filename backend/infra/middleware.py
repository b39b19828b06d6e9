"""Pure ASGI middleware: request body size limit and per-client rate limit."""

from __future__ import annotations

import time
from collections.abc import Callable

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
    """A fixed one-minute window per client address, shared across workers through Redis."""

    def __init__(
        self, app: ASGIApp, kv: Callable[[], KeyValue], per_minute: int, prefix: str
    ) -> None:
        self.app, self.kv, self.per_minute, self.prefix = app, kv, per_minute, prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.per_minute <= 0:
            return await self.app(scope, receive, send)
        client = (scope.get("client") or ("unknown", 0))[0]
        window = int(time.time() // 60)
        count = await self.kv().incr_window(f"{self.prefix}:rate:{client}:{window}", 60)
        if count > self.per_minute:
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
