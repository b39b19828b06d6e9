"""Logging: one line per event, JSON for machines or coloured columns for a terminal, each
carrying the request id of the request (or outbox entry) it is about.

structlog's loggers and the standard library's (ours under `zerorun.*`, uvicorn's, tortoise's)
go through one handler on the root logger whose formatter is structlog's ProcessorFormatter, so
that every line has the same shape: `timestamp` (ISO 8601, UTC), `level`, `logger`, `event`,
`pid`, and whatever context is bound (`request_id` during a request, through structlog's
contextvars)."""

from __future__ import annotations

import logging
import os
import re
import secrets
import sys
from collections.abc import MutableMapping
from typing import Any

import structlog
from structlog.typing import Processor

REQUEST_ID = "zerorun.request_id"  # where a request's id is kept in its ASGI scope
_GIVEN_ID = re.compile(rb"[A-Za-z0-9._-]{1,64}")


def request_id(scope: MutableMapping[str, Any]) -> str:
    """The request's id, for its log lines and its response's `X-Request-Id`: the one a proxy in
    front sent, when well formed, else a new one; the same for the whole request."""
    found: str | None = scope.get(REQUEST_ID)
    if found is None:
        given = next((v for k, v in scope["headers"] if k == b"x-request-id"), b"")
        found = given.decode() if _GIVEN_ID.fullmatch(given) else secrets.token_hex(8)
        scope[REQUEST_ID] = found
    return found


def current_request_id() -> str | None:
    """The id of the request being served in this task, if any (bound by the AccessLog
    middleware): what an outbox entry records so that its side effects log under it."""
    found = structlog.contextvars.get_contextvars().get("request_id")
    return str(found) if found else None


def _add_pid(_: object, __: str, event: structlog.typing.EventDict) -> structlog.typing.EventDict:
    """The worker's process id: with several workers, which one wrote the line."""
    event["pid"] = os.getpid()
    return event


# What both kinds of logger's events go through before they are rendered.
_SHARED: list[Processor] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
    _add_pid,
]


class _OurHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The handler `configure` installs, told apart from others' (pytest's capture) so that
    configuring again replaces only it. It writes to whatever `sys.stderr` is when it writes,
    not the stream it was made with (which a test's capture may have closed since)."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _: Any) -> None:
        pass


def configure(level: str = "info", fmt: str = "json") -> None:
    """Route every logger through one handler on stderr, in `fmt` ("json" or "console"), at
    `level` and above. Idempotent: a worker calls it again after uvicorn forked it."""
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *_SHARED,
            structlog.processors.StackInfoRenderer(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    renderer: Processor = (
        structlog.processors.JSONRenderer()
        if fmt == "json"
        else structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    )
    handler = _OurHandler()
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=_SHARED,
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                *([structlog.processors.format_exc_info] if fmt == "json" else []),
                renderer,
            ],
        )
    )
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _OurHandler)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        # uvicorn's own handlers (when it configured them) would print a second, plain line
        logging.getLogger(name).handlers = []
        logging.getLogger(name).propagate = True
    logging.getLogger("uvicorn.access").disabled = True  # our AccessLog writes one line a request
