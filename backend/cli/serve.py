"""`zerorun serve` and the stand-in registry `zerorun dev-registry`."""

from __future__ import annotations

from typing import Annotated

import typer

from backend.cli.common import app, err, load_settings


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
) -> None:
    """Serve the API (GraphQL at /graphql)."""
    import uvicorn

    from backend.accounts.service import Sessions

    settings = load_settings()
    Sessions(settings)  # fail here, before forking workers, if the secret is missing
    if settings.development:
        err.print(
            f"[yellow]Development mode:[/] GraphiQL and demo sign-in at http://{host}:{port}/graphql"
        )
    uvicorn.run(
        "backend.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        proxy_headers=True,
        forwarded_allow_ips=forwarded_allow_ips,
        server_header=False,  # no "server: uvicorn" to tell what runs here
    )


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
