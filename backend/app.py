"""The ASGI application: Starlette with a lifespan, GraphQL at /graphql."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import os
from collections.abc import AsyncIterator, Mapping
from pathlib import Path

import httpx
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.types import ASGIApp

from backend import db
from backend.accounts.service import (
    DevelopmentProvider,
    IdentityProvider,
    MiniProgramProvider,
    Platform,
    Sessions,
)
from backend.api.backoffice.files import staff_files
from backend.api.backoffice.review import result_files
from backend.api.catalog_changes import TTL_WITH_REDIS
from backend.api.exchange.decisions import department_reports
from backend.api.exchange.files import department_files
from backend.api.fastpath.answers import PublicAnswers
from backend.api.payments.cashier import dev_cashier
from backend.api.payments.notify import payment_notices
from backend.api.schema import (
    StaffMutation,
    StaffQuery,
    StaffSubscription,
    Subscription,
    build_schema,
)
from backend.api.seals.page import verify_routes
from backend.api.services import Services
from backend.api.view import GraphQLView, StaffGraphQLView
from backend.authoring.service import Dictionary
from backend.calendar.service import WorkingCalendar
from backend.catalog.service import CatalogRows
from backend.datasources.service import Sharing, load_sources
from backend.exchange import service as exchange
from backend.files.service import LocalFileStore
from backend.infra import kv, logs, metrics, tracing
from backend.infra.bus import connect as connect_bus
from backend.infra.headers import CONFIGURATOR, WEB_CLIENT, SecurityHeaders
from backend.infra.middleware import AccessLog, BodySizeLimit, RateLimit
from backend.infra.multipart import streaming_uploads
from backend.infra.redis_link import RedisLink
from backend.infra.static import BuiltClient
from backend.notifications import service as notifications
from backend.payments.service import PaymentPlatform, Payments
from backend.seals import service as seals
from backend.settings import Settings
from backend.staff.service import StaffSessions

READY_TIMEOUT_SECONDS = 2.0  # /readyz: the database answers within this, or the worker is not ready


def built_client(dist: Path) -> ASGIApp:
    """A web client built by Vite (hashed assets kept a year, precompressed: infra/static.py),
    or a page saying how to build it."""
    if (dist / "index.html").exists():
        return BuiltClient(dist)
    return PlainTextResponse(
        f"This web client is not built yet: run scripts/run, or `npm ci && npm run build` in {dist.parent}.",
        status_code=503,
    )


def identity_providers(settings: Settings, http: httpx.AsyncClient) -> dict[str, IdentityProvider]:
    """The development sign-in, and each mini-program platform whose app id is configured."""
    providers: dict[str, IdentityProvider] = {
        "development": DevelopmentProvider(settings.catalog_dir / "demo" / "residents.json")
    }
    platforms = [
        Platform("wechat", settings.wechat_url, settings.wechat_appid, settings.wechat_secret),
        Platform("alipay", settings.alipay_url, settings.alipay_appid, ""),
    ]
    for p in platforms:
        if p.appid and settings.identity_url:
            providers[p.name] = MiniProgramProvider(
                p, settings.identity_url, settings.identity_token, http
            )
    return providers


async def outbox_gauges() -> list[tuple[str, str, Mapping[str, float]]]:
    """The outbox's backlog, read at a scrape; none when the database does not answer in time
    (the scrape still answers)."""
    try:
        backlog = await asyncio.wait_for(notifications.backlog(), READY_TIMEOUT_SECONDS)
    except Exception:
        return []
    try:
        handed = await asyncio.wait_for(exchange.backlog(), READY_TIMEOUT_SECONDS)
    except Exception:
        return []
    return [
        ("zerorun_outbox_pending", "Outbox entries not done yet, by side.", backlog.pending),
        (
            "zerorun_exchange_backlog",
            "Deliveries to departments' systems pending, and dead (given up: alert on > 0).",
            {"pending": handed.pending, "dead": handed.dead},
        ),
        (
            "zerorun_exchange_oldest_pending_seconds",
            "How long the oldest delivery not delivered yet has waited.",
            {"delivery": handed.oldest_seconds},
        ),
        (
            "zerorun_outbox_oldest_pending_seconds",
            "How long the oldest entry not done yet has waited, by side.",
            backlog.oldest_seconds,
        ),
        (
            "zerorun_outbox_given_up",
            "Notices not sent after every attempt.",
            {"notice": backlog.given_up},
        ),
    ]


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings.from_env()
    logs.configure(settings.log_level, settings.log_format)  # again in each worker uvicorn starts
    sources = load_sources(settings.catalog_dir)
    sharing = Sharing(
        sources,
        httpx.AsyncClient(),
        kv.LocalKeyValue(),
        settings.catalog_dir,
        settings.cache_prefix,
    )
    # Sealing reads its keys' secret and the public address from the settings (ADR 15).
    seals.configure(settings.secret_key, settings.previous_secret_keys, settings.public_url)
    services = Services(
        settings=settings,
        sessions=Sessions(settings),
        providers={},
        files=LocalFileStore(settings.files_dir),
        staff_sessions=StaffSessions(settings.secret_key, settings.previous_secret_keys),
        calendar=WorkingCalendar.load(*settings.calendar_folders),
        authoring=Dictionary.load(settings.catalog_dir, sources),
        sharing=sharing,
        payments=Payments(PaymentPlatform(settings, sharing.http), sharing),
    )

    services.providers = identity_providers(settings, services.sharing.http)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await db.init(settings)
        # One link to Redis for the counters, caches and events: one view of whether it answers.
        services.redis = RedisLink(settings.redis_url) if settings.redis_url else None
        services.kv = services.sharing.kv = await kv.connect(settings.redis_url, services.redis)
        services.bus = await connect_bus(settings.redis_url, services.redis)
        if settings.redis_url:  # changes are announced to every worker: keep answers longer
            services.public_answers = PublicAnswers(TTL_WITH_REDIS)
            services.catalog_rows = CatalogRows(TTL_WITH_REDIS)
        dispatcher = None
        if settings.dispatch_in_workers:  # else `zerorun dispatch` runs on its own
            services.notifier = notifications.notifier_for(settings, services.sharing.http)
            dispatcher = notifications.Dispatcher(
                services.bus,
                services.notifier,
                settings.cache_prefix,
                settings.outbox_lease_seconds,
            )
        deliverer = (
            exchange.deliverer_for(settings, services.sharing.http)
            if settings.dispatch_in_workers
            else None
        )
        dispatching = asyncio.create_task(dispatcher.run()) if dispatcher else None
        delivering = asyncio.create_task(deliverer.run()) if deliverer else None
        following = asyncio.create_task(services.follow_catalog())
        try:
            yield
        finally:
            following.cancel()
            if dispatcher and dispatching:
                dispatcher.stopping.set()
                await dispatching
            if deliverer and delivering:
                deliverer.stopping.set()
                await delivering
            with contextlib.suppress(asyncio.CancelledError):
                await following
            await services.sharing.http.aclose()
            await services.bus.close()
            await services.kv.close()
            await db.close()
            metrics.forget_process(os.getpid())

    async def health(request: Request) -> JSONResponse:
        """Liveness: the worker answers (no I/O)."""
        return JSONResponse({"status": "ok"})

    async def ready(request: Request) -> JSONResponse:
        """Readiness: the database answers (required), and whether Redis does (optional: a
        worker without it still serves, on its own)."""
        database = await db.answers(settings, READY_TIMEOUT_SECONDS)
        if services.redis is None:
            redis = "off"
        else:
            redis = "ok" if await services.redis.check() else "degraded"
        return JSONResponse(
            {"database": "ok" if database else "failed", "redis": redis},
            status_code=200 if database else 503,
        )

    allowed = tuple(ipaddress.ip_network(n) for n in settings.metrics_allow)

    async def scrape(request: Request) -> Response:
        """The metrics, for loopback and the allowed networks only; the outbox's backlog is read
        now."""
        client = request.client.host if request.client else ""
        if not metrics.allowed(client, allowed):
            return PlainTextResponse("Not Found", status_code=404)
        body = metrics.scrape(metrics.Snapshot(await outbox_gauges(), "side"))
        return Response(body, media_type=metrics.CONTENT_TYPE)

    ide = "graphiql" if settings.development else None
    traced = tracing.configure()  # OTEL_EXPORTER_OTLP_ENDPOINT is set: a span per operation
    schema = build_schema(settings, subscription=Subscription, traced=traced)
    staff_schema = build_schema(settings, StaffQuery, StaffMutation, StaffSubscription, traced)
    graphql = GraphQLView(
        services,
        schema=schema,
        graphql_ide=ide,
        allow_queries_via_get=True,
        multipart_uploads_enabled=True,
    )
    # An upload's file is read by its resolver as it arrives, never spooled (multipart.py).
    graphql.request_adapter_class = streaming_uploads(max_field_bytes=settings.max_body_bytes)
    staff_graphql = StaffGraphQLView(
        services, schema=staff_schema, graphql_ide=ide, multipart_uploads_enabled=True
    )  # a reviewer's result file (helper h3)
    staff_graphql.request_adapter_class = streaming_uploads(max_field_bytes=settings.max_body_bytes)
    app = Starlette(
        routes=[
            Route("/healthz", health),
            Route("/readyz", ready),
            Route("/metrics", scrape),
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/staff/graphql", staff_graphql, methods=["GET", "POST"]),
            staff_files(services),  # GET /staff/files/{application}/{material} (h1)
            result_files(services),  # GET /staff/result-files/{task} (h3)
            payment_notices(services),  # POST /pay/notify, the payment platform's (issue 19)
            department_reports(services),  # POST /exchange/decisions, departments' systems
            department_files(services),  # GET /exchange/files/…, the files handed over
            *([dev_cashier(services)] if settings.development else []),  # the stand-in's cashier
            *verify_routes(services),  # /verify and a citizen's /documents/{number}.pdf
            WebSocketRoute("/graphql", graphql),
            WebSocketRoute("/staff/graphql", staff_graphql),  # the live queue (h1)
            Mount(
                "/configurator",
                app=built_client(settings.web_client("configurator", "configurator")),
            ),
            Mount("/m", app=built_client(settings.web_client("m", "mini_program_stub"))),
        ],
        middleware=[
            Middleware(AccessLog, endpoints={"/graphql": "citizen", "/staff/graphql": "staff"}),
            Middleware(
                SecurityHeaders,
                clients={"/configurator": CONFIGURATOR, "/m": WEB_CLIENT},
                ide=settings.development,
            ),
            Middleware(
                BodySizeLimit,
                max_bytes=settings.max_body_bytes,
                max_upload_bytes=settings.max_upload_bytes,
            ),
            Middleware(
                RateLimit,
                prefix=settings.cache_prefix,
                kv=lambda: services.kv,
                per_minute=settings.rate_limit_per_minute,
            ),
        ],
        lifespan=lifespan,
    )
    app.state.services = services  # for operators' tools and tests
    return app
