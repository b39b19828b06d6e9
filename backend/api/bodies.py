"""A request's body read up to a limit, for the plain HTTP routes (payment notices, departments'
reports, the stand-in cashier): a body declared or found longer is not read further."""

from __future__ import annotations

from starlette.requests import Request


async def bounded(request: Request, limit: int) -> bytes | None:
    """The body, or None once it passes `limit` bytes (the rest is not read)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)
