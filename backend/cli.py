"""`zerorun`: serve, migrate, catalog lint/load/retire, export-schema."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Coroutine, Iterable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import track

from backend.settings import ROOT, Settings

app = typer.Typer(
    help="ZeroRun: the backend for 'run at most once' government services.", no_args_is_help=True
)
catalog_app = typer.Typer(help="Check and publish matter definitions.", no_args_is_help=True)
app.add_typer(catalog_app, name="catalog")
staff_app = typer.Typer(help="Manage staff accounts.", no_args_is_help=True)
app.add_typer(staff_app, name="staff")
err = Console(stderr=True)
T = TypeVar("T")
CatalogPath = Annotated[Path, typer.Argument(help="A catalog folder.")]
DEFAULT_CATALOG = ROOT / "form_schemas"


def _run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def _progress(label: str) -> Any:
    def wrap(items: Iterable[T]) -> Iterable[T]:
        items = list(items)
        return track(
            items, description=label, console=err, disable=not sys.stderr.isatty() or len(items) < 2
        )

    return wrap


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

    settings = Settings.from_env()
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


@app.command()
def migrate() -> None:
    """Apply pending database migrations (idempotent)."""
    from backend import db

    settings = Settings.from_env()
    _run(db.migrate(settings))
    err.print("[green]Database is up to date.[/]")


@catalog_app.command("lint")
def catalog_lint(
    path: CatalogPath = DEFAULT_CATALOG,
) -> None:
    """Check every file against the meta-schema and the catalog as a whole."""
    from backend.catalog.service import read_catalog

    catalog = read_catalog(path, progress=_progress("Checking"))
    for problem in catalog.problems:
        typer.echo(str(problem))
    counts = {
        s: sum(p.severity == s for p in catalog.problems) for s in ("error", "warning", "info")
    }
    summary = f"{len(catalog.matters)} matters, {len(catalog.life_events)} life events: {counts['error']} errors, {counts['warning']} warnings"
    if counts["error"]:
        err.print(
            f"[red]{summary}.[/] Fix the errors above (file:pointer: message) and run lint again."
        )
        raise typer.Exit(1)
    err.print(f"[green]{summary}.[/]")


@catalog_app.command("load")
def catalog_load(
    path: CatalogPath = DEFAULT_CATALOG,
) -> None:
    """Publish a catalog folder; unchanged matters keep their version (idempotent)."""
    from backend import db
    from backend.catalog import service

    settings = Settings.from_env()

    async def go() -> service.LoadReport:
        await db.init(settings)
        try:
            report = await service.load(path, progress=_progress("Publishing"))
        finally:
            await db.close()
        await _announce_catalog_change(settings)
        return report

    try:
        report = _run(go())
    except service.CatalogInvalid as e:
        for problem in e.catalog.errors:
            typer.echo(str(problem))
        err.print(
            f"[red]Nothing was loaded:[/] {e}. Run `zerorun catalog lint {path}` after fixing them."
        )
        raise typer.Exit(1) from None
    err.print(
        f"[green]Loaded:[/] {report.created} new, {report.updated} new versions, "
        f"{report.unchanged} unchanged matters; {report.life_events} life events; {report.regions} regions."
    )


async def _announce_catalog_change(settings: Settings) -> None:
    """Running servers drop the answers they keep from the catalog (through Redis; without it
    they notice within a few seconds)."""
    from backend.api.catalog_changes import TTL_SECONDS, announce
    from backend.infra.bus import RedisBus, connect

    if settings.redis_url:
        bus = await connect(settings.redis_url)
        try:
            await announce(bus, settings.cache_prefix)
            if isinstance(bus, RedisBus) and not bus.link.up:
                err.print(
                    f"[yellow]Redis did not answer: running servers see the change within "
                    f"{TTL_SECONDS:.0f} s instead of at once.[/]"
                )
        finally:
            await bus.close()


@catalog_app.command("retire")
def catalog_retire(code: str) -> None:
    """Stop offering a matter; applications already submitted keep their version."""
    from backend import db
    from backend.catalog import service

    settings = Settings.from_env()

    async def go() -> bool:
        await db.init(settings)
        try:
            retired = await service.retire(code)
        finally:
            await db.close()
        await _announce_catalog_change(settings)
        return retired

    if not _run(go()):
        err.print(f"[red]No matter has the code {code}.[/] List codes with the `matters` query.")
        raise typer.Exit(1)
    err.print(f"[green]Retired {code}.[/]")


@catalog_app.command("report")
def catalog_report(
    region: Annotated[str, typer.Option(help="GB/T 2260 code of a county, city or province.")],
    path: CatalogPath = DEFAULT_CATALOG,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Measuring zero: the trips the matters offered in a region cost an applicant who shares
    every record and one who shares nothing."""
    from backend.catalog import service as report

    try:
        result = report.measure(path, region)
    except report.UnknownRegion as e:
        err.print(f"[red]No report:[/] {e}. Give a code such as 330106 (西湖区).")
        raise typer.Exit(1) from None
    if result.lint_errors:
        err.print(
            f"[yellow]{result.lint_errors} lint errors:[/] matters with errors are left out; "
            f"run `zerorun catalog lint {path}`."
        )
    if as_json:
        typer.echo(report.to_json(result))
    else:
        report.render(result, Console())


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


@staff_app.command("create")
def staff_create(
    username: str,
    name: Annotated[str, typer.Option(help="Full name, as shown to colleagues.")],
    role: Annotated[str, typer.Option(help="window_clerk, reviewer, county_admin or supervisor.")],
    region: Annotated[str, typer.Option(help="GB/T 2260 code of the region served, e.g. 330106.")],
    department: Annotated[
        str | None, typer.Option(help="Department code; required for reviewers.")
    ] = None,
) -> None:
    """Create a staff account; the password is asked for (or read from standard input)."""
    from backend import db
    from backend.staff import service

    password = typer.prompt("Password", hide_input=True, confirmation_prompt=sys.stdin.isatty())
    settings = Settings.from_env()

    async def go() -> None:
        await db.init(settings)
        try:
            await service.create(username, name, role, region, department, password)
        finally:
            await db.close()

    try:
        _run(go())
    except service.StaffProblem as p:
        err.print(f"[red]Not created:[/] {p.message_en}")
        raise typer.Exit(1) from None
    err.print(f"[green]Created {role} {username} for {region}.[/]")


@app.command("demo-seed")
def demo_seed() -> None:
    """Create the demo service hall with bookable slots for the coming working days and, in
    development only, demo staff accounts of Xihu District (idempotent)."""
    from backend import db
    from backend.appointments.service import seed_demo_hall
    from backend.staff.service import DEMO_PASSWORD, seed_demo_staff

    settings = Settings.from_env()

    async def go() -> list[str]:
        await db.init(settings)
        try:
            await seed_demo_hall()
            return await seed_demo_staff() if settings.development else []
        finally:
            await db.close()

    staff = _run(go())
    err.print("[green]Demo service hall ready with appointment slots.[/]")
    if staff:
        err.print(
            f"Demo staff (password [bold]{DEMO_PASSWORD}[/]): {', '.join(staff)}; "
            "the configurator is at /configurator."
        )


@app.command()
def sweep() -> None:
    """Flag overdue review tasks and escalate them; set deadlines the calendar can now compute;
    remind citizens of tomorrow's appointments. Idempotent: run it from cron as often as you like."""
    import datetime as dt

    from backend import db
    from backend.accounts.service import SHANGHAI
    from backend.appointments import service as appointments
    from backend.backoffice import service
    from backend.calendar.service import WorkingCalendar
    from backend.ratings import service as ratings

    settings = Settings.from_env()
    calendar = WorkingCalendar.load(settings.catalog_dir / "calendar")

    async def go() -> tuple[service.SweepReport, int, int]:
        await db.init(settings)
        try:
            today = dt.datetime.now(SHANGHAI).date()
            report = await service.sweep(calendar, today)
            return report, await appointments.remind(), await ratings.escalate_overdue(today)
        finally:
            await db.close()

    report, reminders, follow_ups = _run(go())
    err.print(
        f"Flagged {report.flagged} overdue task(s) and {follow_ups} overdue follow-up(s); "
        f"set {report.deadlines_set} deadline(s); sent {reminders} appointment reminder(s)."
    )


@app.command()
def synthesize(
    scale: Annotated[
        float, typer.Option(help="1.0 is Zhejiang's size: about 90,000 matters.")
    ] = 1.0,
    applications: Annotated[int, typer.Option(help="How many applications to spread.")] = 1_000_000,
    seed: Annotated[int, typer.Option(help="The same seed gives the same data.")] = 7,
    replace: Annotated[
        bool, typer.Option("--replace", help="Delete earlier synthetic data first.")
    ] = False,
    path: CatalogPath = DEFAULT_CATALOG,
) -> None:
    """Fill the database with a synthetic Zhejiang (province, 11 cities, 90 counties) and its
    applications, for measuring; run `migrate` and `catalog load` first."""
    import time

    from rich.progress import Progress

    from backend import db
    from backend.synthetic import service

    settings = Settings.from_env()
    began = time.perf_counter()

    async def go() -> service.Report:
        await db.init(settings)
        try:
            with Progress(console=err, disable=not sys.stderr.isatty()) as bar:

                def progress(label: str, total: int) -> Any:
                    task = bar.add_task(label, total=total)
                    return lambda n: bar.advance(task, n)

                return await service.synthesize(
                    path, scale, applications, seed, replace, progress=progress
                )
        finally:
            await db.close()

    try:
        report = _run(go())
    except service.AlreadySynthesized:
        err.print(
            "[red]Nothing was written:[/] this database already holds synthetic data; add --replace."
        )
        raise typer.Exit(1) from None
    m = report.matters
    err.print(
        f"[green]Synthesized in {time.perf_counter() - began:.1f} s:[/] {sum(m.values())} matters "
        f"({m['province']} province, {m['city']} city, {m['county']} county of which "
        f"{report.localisations} localisations), {report.grams} search grams, "
        f"{report.citizens} citizens, {report.applications} applications."
    )


@app.command("export-schema")
def export_schema(
    output: Annotated[Path, typer.Option(help="Where to write the citizen SDL.")] = ROOT
    / "schema.graphql",
    staff_output: Annotated[Path, typer.Option(help="Where to write the staff SDL.")] = ROOT
    / "staff.graphql",
) -> None:
    """Write the citizen and staff GraphQL schemas (SDL): schema.graphql and staff.graphql."""
    from backend.api.schema import schema, staff_schema

    for path, sdl in ((output, schema.as_str()), (staff_output, staff_schema.as_str())):
        path.write_text(sdl + "\n", encoding="utf-8")
        err.print(f"Wrote {path}")


def main() -> None:
    app()
