"""`zerorun serve`, `zerorun dispatch` and the stand-in registry `zerorun dev-registry`."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import tempfile
from typing import Annotated

import typer

from backend.cli.common import app, err, load_calendar, load_settings, run
from backend.settings import LOG_FORMATS, LOG_LEVELS, Settings


@app.command()
def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    forwarded_allow_ips: Annotated[
        str,
        typer.Option(
            envvar="ZERORUN_FORWARDED_ALLOW_IPS",
            help="Proxies (addresses or networks, comma-separated; * for any) whose "
            "X-Forwarded-For names the client: its address for the rate limit and the logs.",
        ),
    ] = "127.0.0.1",
    log_level: Annotated[
        str | None,
        typer.Option(help=f"{', '.join(LOG_LEVELS)}; default: ZERORUN_LOG_LEVEL, else info."),
    ] = None,
    log_format: Annotated[
        str | None,
        typer.Option(
            help=f"{', '.join(LOG_FORMATS)}; default: ZERORUN_LOG_FORMAT, else json "
            "(console in development)."
        ),
    ] = None,
) -> None:
    """Serve the API (GraphQL at /graphql; probes /healthz and /readyz; /metrics for loopback
    and ZERORUN_METRICS_ALLOW)."""
    import structlog
    import uvicorn

    from backend.accounts.service import Sessions
    from backend.infra import logs

    # The workers read the settings from the environment: the flags go there first.
    for name, value in (("ZERORUN_LOG_LEVEL", log_level), ("ZERORUN_LOG_FORMAT", log_format)):
        if value is not None:
            os.environ[name] = value
    settings = load_settings()
    try:  # fail here, before forking workers, if the secret is missing
        Sessions(settings)
    except RuntimeError as e:
        err.print(f"[red]setting[/] {e}", highlight=False)
        raise typer.Exit(2) from None
    load_calendar(settings)  # and if a calendar file is wrong (one line per problem)
    logs.configure(settings.log_level, settings.log_format)
    if settings.development:
        structlog.get_logger("zerorun.serve").warning(
            "development mode: GraphiQL and the demo sign-in are on",
            url=f"http://{host}:{port}/graphql",
        )
    # Several workers keep their metrics in files that any of them reads at a scrape: a folder
    # of this server's own unless the operator named one (which they empty between runs).
    private = None
    if workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        private = os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(
            prefix="zerorun-metrics-"
        )
    try:
        uvicorn.run(
            "backend.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_config=None,  # ours (backend.infra.logs), set up again by each worker
            log_level=settings.log_level,
            access_log=False,  # one line per request, ours, with its request id
            proxy_headers=True,
            forwarded_allow_ips=forwarded_allow_ips,
            server_header=False,  # no "server: uvicorn" to tell what runs here
            timeout_graceful_shutdown=settings.shutdown_seconds,
        )
    finally:
        if private:
            shutil.rmtree(private, ignore_errors=True)


@app.command()
def dispatch(
    metrics_port: Annotated[
        int | None,
        typer.Option(help="Serve this process's metrics (notices sent, statements) on this port."),
    ] = None,
    metrics_host: str = "127.0.0.1",
) -> None:
    """Run the outbox dispatcher on its own (publishes live updates, sends notices, delivers
    accepted applications to departments' systems) until
    SIGTERM or SIGINT; with it, set ZERORUN_DISPATCH_IN_WORKERS=0 for the app's workers."""
    from prometheus_client import start_http_server

    from backend.infra import logs

    settings = load_settings()
    logs.configure(settings.log_level, settings.log_format)
    if metrics_port:
        start_http_server(metrics_port, metrics_host)
    run(_dispatch(settings))


async def _dispatch(settings: Settings) -> None:
    import httpx
    import structlog

    from backend import db
    from backend.exchange import service as exchange
    from backend.infra.bus import connect as connect_bus
    from backend.infra.redis_link import RedisLink
    from backend.notifications import service as notifications

    log = structlog.get_logger("zerorun.dispatch")
    await db.init(settings)
    try:
        link = RedisLink(settings.redis_url) if settings.redis_url else None
        bus = await connect_bus(settings.redis_url, link)
        async with httpx.AsyncClient() as http:
            dispatcher = notifications.Dispatcher(
                bus,
                notifications.notifier_for(settings, http),
                settings.cache_prefix,
                settings.outbox_lease_seconds,
            )
            deliverer = exchange.deliverer_for(settings, http)  # to departments' systems
            loop = asyncio.get_running_loop()

            def stopping() -> None:  # one handler a signal: a second would replace the first
                dispatcher.stopping.set()
                deliverer.stopping.set()

            for stop in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(stop, stopping)
            log.info("dispatcher started", worker=dispatcher.worker)
            await asyncio.gather(dispatcher.run(), deliverer.run())
            log.info("dispatcher stopped")
        await bus.close()
    finally:
        await db.close()


@app.command("dev-registry")
def dev_registry(
    host: str = "127.0.0.1",
    port: int = 8900,
    token: Annotated[
        str | None, typer.Option(help="Require 'Authorization: Bearer TOKEN'.")
    ] = None,
    delay_ms: Annotated[int, typer.Option(help="Answer every request this much later.")] = 0,
    fail: Annotated[str, typer.Option(help="none, error, garbage or timeout.")] = "none",
) -> None:
    """Serve a stand-in of the provincial data-sharing platform for the demo residents, on
    loopback. Change its switches while it runs: POST /_control {"delay_ms": 3000, "fail": "error"}."""
    from backend.devregistry.server import run

    err.print(f"Stand-in registry on http://{host}:{port} (set ZERORUN_REGISTRY_URL to this)")
    run(host, port, token, delay_ms, fail)
