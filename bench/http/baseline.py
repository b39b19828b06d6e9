"""The yardstick: a raw Starlette JSON route, no middleware, a fixed small body.

Served by `python -m uvicorn bench.http.baseline:app` with the settings `zerorun serve` gives
uvicorn (one worker, its default loop and HTTP parser, info logging with access lines)."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

BODY = {"data": {"matter": {"code": "330106-ZJ-002", "name": {"zh": "不动产转移登记（二手房）"}}}}


async def raw(request: Request) -> JSONResponse:
    return JSONResponse(BODY)


app = Starlette(routes=[Route("/", raw)])
