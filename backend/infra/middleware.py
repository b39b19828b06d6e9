"""Pure ASGI middleware: the access log with its request id, request body size limit and
per-client rate limit."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import structlog
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend.infra import metrics
from backend.infra.kv import KeyValue
from backend.infra.logs import request_id

access = structlog.get_logger("zerorun.access")


class AccessLog:
    """One line per request (HTTP, or a WebSocket when it ends), with its request id bound for
    every line logged meanwhile, and the id in the response's `X-Request-Id`; its duration goes
    to the latency histogram, by endpoint. The path is logged without its query string (a GET
    query's variables may hold personal data)."""

    def __init__(self, app: ASGIApp, endpoints: dict[str, str]) -> None:
        self.app = app
        self.durations = {path: metrics.HTTP_DURATION.labels(e) for path, e in endpoints.items()}
        self.other = metrics.HTTP_DURATION.labels("other")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        rid = request_id(scope)
        started = time.perf_counter()
        status = 500  # unless a response starts: an exception escaped
        header = (b"x-request-id", rid.encode())

        async def sending(message: Message) -> None:
            nonlocal status
            kind = message["type"]
            if kind == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                if not any(k.lower() == b"x-request-id" for k, _ in headers):
                    message = {**message, "headers": [*headers, header]}
            elif kind == "websocket.accept":
                status = 101
            elif kind == "websocket.close" and status == 500:
                status = 403  # closed before it was accepted
            await send(message)

        with structlog.contextvars.bound_contextvars(request_id=rid):
            try:
                await self.app(scope, receive, sending)
            finally:
                seconds = time.perf_counter() - started
                self.durations.get(scope["path"], self.other).observe(seconds)
                client = scope.get("client")
                access.info(
                    "request",
                    method=scope.get("method", "WEBSOCKET"),
                    path=scope["path"],
                    status=status,
                    duration_ms=round(seconds * 1000, 1),
                    client=client[0] if client else None,
                )


class BodySizeLimit:
    """Refuse a body over its limit with 413, whether or not Content-Length was sent: a plain
    request (JSON, form) over `max_bytes`; a multipart upload over `max_upload_bytes` plus room
    for its form parts and boundaries. A declared length over the limit is refused before any
    of the body is read. Also answers for a `RequestRefused` raised by the app before it began
    its response (see multipart.py)."""

    def __init__(self, app: ASGIApp, max_bytes: int, max_upload_bytes: int) -> None:
        self.app, self.max_bytes, self.max_upload_bytes = app, max_bytes, max_upload_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope["headers"])
        upload = headers.get(b"content-type", b"").lower().startswith(b"multipart/form-data")
        limit = (
            self.max_upload_bytes + self.max_bytes + UPLOAD_OVERHEAD if upload else self.max_bytes
        )
        refusal = self._upload_too_large if upload else self._body_too_large
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return await _answer(refusal(), scope, receive, send)
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                raise refusal()
            return message

        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited, tracking_send)
        except RequestRefused as refused:
            if started:
                raise
            await _answer(refused, scope, receive, send)

    def _body_too_large(self) -> RequestRefused:
        size = _size_text(self.max_bytes)
        return BodyTooLarge(
            "BODY_TOO_LARGE",
            f"请求内容超过 {size} 上限",
            f"The request body is larger than the {size} limit.",
        )

    def _upload_too_large(self) -> RequestRefused:
        size = _size_text(self.max_upload_bytes)
        return BodyTooLarge(
            "FILE_TOO_LARGE",
            f"上传的文件超过 {size} 上限，请压缩后重新上传",
            f"The upload is larger than the {size} limit; please compress the file and upload it again.",
        )


# Beyond the file: the boundaries and part headers (the form parts count against max_bytes).
UPLOAD_OVERHEAD = 1024 * 1024


class RequestRefused(Exception):
    """A request the app refuses before answering it: BodySizeLimit sends the refusal, with a
    stable code and the reason in Chinese (`extensions.zh`) and English (`message`)."""

    def __init__(self, status: int, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.status, self.code = status, code
        self.message_zh, self.message_en = message_zh, message_en


class BodyTooLarge(RequestRefused):
    def __init__(self, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(413, code, message_zh, message_en)


async def _answer(refused: RequestRefused, scope: Scope, receive: Receive, send: Send) -> None:
    error = {
        "message": refused.message_en,
        "extensions": {"code": refused.code, "zh": refused.message_zh},
    }
    # The client may still be sending: the connection will not be reused for the rest.
    response = JSONResponse({"errors": [error]}, refused.status, {"Connection": "close"})
    await response(scope, receive, send)


def _size_text(size: int) -> str:
    """Rounded down, so the limit we state is never above the real one."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{math.floor(size / scale * 10) / 10:g} {unit}"
    return f"{size} B"


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
        if scope["type"] != "http" or self.per_minute <= 0 or scope.get("path") in PROBES:
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


PROBES = frozenset({"/healthz", "/readyz"})  # a load balancer's probes are never rate-limited
SYNC_SECONDS = 0.5
BATCH = 0.05
EXACT_FROM = 0.8


@dataclass
class _Count:
    shared: int = 0  # the shared count as this worker last learnt it, its own hits included
    pending: int = 0  # this worker's hits not added to the shared count yet
    synced: float = 0.0  # when they last were
