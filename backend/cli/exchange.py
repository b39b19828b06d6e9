"""`zerorun exchange endpoint set|list` (where each department's own system is), `exchange
deliveries` (what was handed over and how it stands) and `exchange redeliver ID` (a dead
delivery tried again). docs/operations.md, 数据交换."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, TypeVar

import typer

from backend.cli.common import app, err, load_settings, run
from backend.settings import exchange_env_name

exchange_app = typer.Typer(
    help="Hand-off to departments' own systems (数据交换).", no_args_is_help=True
)
endpoint_app = typer.Typer(help="Where each department's system is.", no_args_is_help=True)
exchange_app.add_typer(endpoint_app, name="endpoint")
app.add_typer(exchange_app, name="exchange")
T = TypeVar("T")


def _on_db(use: Callable[[], Awaitable[T]]) -> T:
    from backend import db

    settings = load_settings()

    async def go() -> T:
        await db.init(settings)
        try:
            return await use()
        finally:
            await db.close()

    return run(go())


@endpoint_app.command("set")
def set_endpoint(
    department: Annotated[str, typer.Argument(help="The department's code, e.g. 330106-GAJ.")],
    region: Annotated[str, typer.Argument(help="The county's 6-digit code.")],
    url: Annotated[str, typer.Argument(help="Where deliveries are POSTed (http or https).")],
    key_id: Annotated[str, typer.Option(help="The key id whose secret signs both ways.")],
    inactive: Annotated[bool, typer.Option(help="Declared but not delivered to.")] = False,
) -> None:
    """Declare (or change) a department's system in a county. Its secret is not stored: set
    ZERORUN_EXCHANGE_KEY_<KEY ID> in the app's environment."""
    from backend.exchange import service as exchange

    settings = load_settings()
    try:
        found = _on_db(
            lambda: exchange.declare_endpoint(department, region, url, key_id, not inactive)
        )
    except exchange.BadEndpoint as e:
        err.print(f"[red]Not declared:[/] {e}")
        raise typer.Exit(2) from None
    typer.echo(f"{found.department_code}\t{found.region_code}\t{found.url}\t{found.key_id}")
    if settings.exchange_secret(key_id) is None:
        err.print(f"[yellow]No secret yet:[/] set {exchange_env_name(key_id)} before delivering.")


@endpoint_app.command("list")
def list_endpoints() -> None:
    """Every declared system: department, county, URL, key id, active, and whether the key's
    secret is set in this environment."""
    from backend.exchange import service as exchange

    settings = load_settings()
    typer.echo("department\tregion\turl\tkey_id\tactive\tsecret")
    for e in _on_db(exchange.listed_endpoints):
        secret = "set" if settings.exchange_secret(e.key_id) else "MISSING"
        typer.echo(
            f"{e.department_code}\t{e.region_code}\t{e.url}\t{e.key_id}\t{e.active}\t{secret}"
        )


@exchange_app.command()
def deliveries(
    status: Annotated[
        str | None, typer.Option(help="pending, delivered or dead; default: every one.")
    ] = None,
) -> None:
    """The latest deliveries (200 at most), newest first, with their attempts and last error."""
    from backend.exchange import service as exchange

    if status not in (None, "pending", "delivered", "dead"):
        err.print(f"[red]--status[/] must be pending, delivered or dead, not {status!r}")
        raise typer.Exit(2)
    typer.echo("id\ttask\tdepartment\tstatus\tattempts\tack\tlast_error")
    for d in _on_db(lambda: exchange.listed_deliveries(status)):
        cells = (d.id, d.task_id, d.department_code, d.status, d.attempts)
        tail = (d.acknowledged_id or "-", d.last_error or "")
        typer.echo("\t".join(str(c) for c in (*cells, *tail)))


@exchange_app.command()
def redeliver(delivery: Annotated[int, typer.Argument(help="The dead delivery's id.")]) -> None:
    """Give a dead delivery another round of attempts (after the system is fixed); exit 1 when
    no dead delivery has that id."""
    from backend.exchange import service as exchange

    if not _on_db(lambda: exchange.redeliver(delivery)):
        err.print(f"[red]No dead delivery {delivery}[/] (see `zerorun exchange deliveries`).")
        raise typer.Exit(1)
    err.print(f"Delivery {delivery} is pending again: the dispatchers deliver it shortly.")
