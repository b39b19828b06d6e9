"""The registry stand-in as a Starlette app: one path per source, records by resident ID; the
platforms' login servers and the province's identity services beside them."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from backend.devregistry import department, identity
from backend.devregistry import payments as pay
from backend.devregistry.platforms import Platforms
from backend.devregistry.switches import BadSwitches, Switches

TIMEOUT_SECONDS = 60.0
# What `garbage` answers: a 200 whose JSON is cut off, as from a proxy that gave up half-way.
GARBAGE = b'{"id_number": "3301061968031203'


@dataclass(frozen=True)
class Source:
    id: str
    path: str
    records: dict[str, Any]


def load_sources(records_file: Path) -> dict[str, Source]:
    """The sources of a registry file, by URL path: `{"sources": {id: {path, records}}}`."""
    doc = orjson.loads(records_file.read_bytes())
    sources = (Source(i, s["path"], s["records"]) for i, s in doc["sources"].items())
    return {s.path: s for s in sources}


# The platforms' login servers check the app's id and secret, not the registry's token; the
# department system's inbox checks ZeroRun's HMAC signature.
OPEN_PATHS = {"/healthz", "/sns/jscode2session", "/gateway.do", department.INBOX}


class RequireBearerToken:
    """Pure ASGI: every request but those of OPEN_PATHS must carry `Authorization: Bearer <token>`."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app, self.token = app, token.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] not in OPEN_PATHS:
            scheme, _, given = Headers(scope=scope).get("authorization", "").partition(" ")
            if scheme.lower() != "bearer" or not secrets.compare_digest(given.encode(), self.token):
                refusal = JSONResponse(
                    {"error": "missing or wrong token"},
                    status_code=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
                return await refusal(scope, receive, send)
        await self.app(scope, receive, send)


async def wait_unless_hung_up(request: Request, seconds: float) -> None:
    """Sleep, but stop as soon as the caller hangs up, so no request outlives its client."""

    async def hung_up() -> None:
        while (await request.receive())["type"] != "http.disconnect":
            pass

    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(hung_up(), seconds)


async def _resident_id(request: Request) -> str:
    """Whom a registry request asks about: a GET's X-Id-Number header, a POST's JSON body
    {"id_number": …}; never the URL (what a connector sends, backend/datasources)."""
    if request.method == "GET":
        return request.headers.get("x-id-number", "")
    with contextlib.suppress(ValueError):
        body = orjson.loads(await request.body())
        if isinstance(body, dict) and isinstance(body.get("id_number"), str):
            return str(body["id_number"])
    return ""


class Registry:
    def __init__(
        self, sources: dict[str, Source], switches: Switches, people: dict[str, str]
    ) -> None:
        self.sources, self.switches, self.people = sources, switches, people
        self.payments = pay.PaymentPlatform()
        self.department = department.DepartmentSystem()

    async def department_inbox(self, request: Request) -> Response:
        failed = await self.switched(request, department.SOURCE)
        return failed or await self.department.inbox(request)

    def paying(self, handler: Any) -> Any:
        """A payment platform route behind the switches of source `payments`."""

        async def switched(request: Request) -> Response:
            return await self.switched(request, pay.SOURCE) or await handler(request)

        return switched

    async def record(self, request: Request) -> Response:
        source = self.sources.get(request.path_params["path"])
        if source is None:
            return JSONResponse({"error": "no such source"}, status_code=404)
        failed = await self.switched(request, source.id)
        if failed is not None:
            return failed
        record = source.records.get(await _resident_id(request))
        if record is None:
            return JSONResponse({"error": "no record"}, status_code=404)
        return JSONResponse(record)

    async def switched(self, request: Request, source: str) -> Response | None:
        """The delay and the failure the switches set for `source`, if any."""
        switches = self.switches
        if not switches.apply_to(source):
            return None
        if switches.delay_ms:
            await wait_unless_hung_up(request, switches.delay_ms / 1000)
        if switches.fail == "error":
            return JSONResponse({"error": "registry failure (switched on)"}, status_code=500)
        if switches.fail == "garbage":
            return Response(GARBAGE, media_type="application/json")
        if switches.fail == "timeout":
            await wait_unless_hung_up(request, TIMEOUT_SECONDS)
            return JSONResponse({"error": "timed out (switched on)"}, status_code=504)
        return None

    async def verify_identity(self, request: Request) -> Response:
        failed = await self.switched(request, identity.SOURCE)
        return failed or await identity.verify(self.people, request)

    async def show_control(self, request: Request) -> Response:
        return JSONResponse(self.switches.as_json())

    async def set_control(self, request: Request) -> Response:
        try:
            body = orjson.loads(await request.body())
            known = [s.id for s in self.sources.values()]
            known += [identity.SOURCE, pay.SOURCE, department.SOURCE]
            self.switches = self.switches.changed(body, known)
        except (orjson.JSONDecodeError, BadSwitches) as e:
            return JSONResponse({"error": str(e)}, status_code=400)
        return JSONResponse(self.switches.as_json())

    async def healthz(self, request: Request) -> Response:
        return JSONResponse(
            {"status": "ok", "sources": sorted(s.id for s in self.sources.values())}
        )


def create_registry_app(
    records_file: Path, token: str | None = None, switches: Switches | None = None
) -> Starlette:
    """The stand-in registry serving `records_file`; with a token, requests must carry it."""
    sources = load_sources(records_file)
    records = {s.id: s.records for s in sources.values()}
    people = identity.known_people(records_file.parent / "residents.json", records)
    registry = Registry(sources, switches or Switches(), people)
    platforms = Platforms(records_file.parent / "residents.json")
    return Starlette(
        routes=[
            Route("/healthz", registry.healthz, methods=["GET"]),
            Route("/sns/jscode2session", platforms.wechat_login, methods=["GET"]),
            Route("/gateway.do", platforms.alipay_gateway, methods=["POST"]),
            Route("/identity/verify", registry.verify_identity, methods=["POST"]),
            Route("/identity/{platform}/{subject}", platforms.identity, methods=["GET"]),
            Route(
                "/v3/pay/transactions/jsapi",
                registry.paying(registry.payments.create_order),
                methods=["POST"],
            ),
            Route(
                "/v3/pay/transactions/out-trade-no/{number}",
                registry.paying(registry.payments.query),
                methods=["GET"],
            ),
            Route(
                "/v3/refund/domestic/refunds",
                registry.paying(registry.payments.refund),
                methods=["POST"],
            ),
            Route("/v3/bill/tradebill", registry.paying(registry.payments.bill), methods=["GET"]),
            Route("/_pay/{number}", registry.payments.cashier, methods=["POST"]),
            Route("/_pay/{number}", registry.payments.show, methods=["GET"]),
            Route(department.INBOX, registry.department_inbox, methods=["POST"]),
            Route("/department/deliveries", registry.department.listing, methods=["GET"]),
            Route("/department/report", registry.department.report, methods=["POST"]),
            Route("/_control", registry.show_control, methods=["GET"]),
            Route("/_control", registry.set_control, methods=["POST"]),
            Route("/{path}", registry.record, methods=["GET", "POST"]),
        ],
        middleware=[Middleware(RequireBearerToken, token=token)] if token else [],
    )
