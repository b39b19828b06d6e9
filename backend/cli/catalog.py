"""`zerorun catalog`: lint, load, retire and report on a catalog folder."""

from __future__ import annotations

import getpass
from typing import Annotated

import typer
from rich.console import Console

from backend.cli.common import (
    CatalogPath,
    catalog_app,
    catalog_folder,
    err,
    load_settings,
    progress,
    run,
)
from backend.settings import Settings


@catalog_app.command("lint")
def catalog_lint(
    path: CatalogPath = None,
) -> None:
    """Check every file against the meta-schema and the catalog as a whole."""
    from backend.catalog.service import read_catalog

    path = catalog_folder(path)
    catalog = read_catalog(path, progress=progress("Checking"))
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
    path: CatalogPath = None,
) -> None:
    """Publish a catalog folder; unchanged matters keep their version (idempotent). A load that
    changes anything is in the audit log as `cli:<os user>`."""
    from backend import db
    from backend.backoffice import service as backoffice
    from backend.catalog import service

    settings = load_settings()
    path = catalog_folder(path)

    async def go() -> service.LoadReport:
        await db.init(settings)
        try:
            report = await service.load(path, progress=progress("Publishing"))
            if report.created or report.updated:
                await backoffice.record_step(
                    f"cli:{getpass.getuser()}",
                    "catalog.loaded",
                    f"catalog:{path.name}"[:80],
                    {"created": report.created, "updated": report.updated},
                )
        finally:
            await db.close()
        await _announce_catalog_change(settings)
        return report

    try:
        report = run(go())
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
    from backend.backoffice import service as backoffice
    from backend.catalog import service

    settings = load_settings()

    async def go() -> bool:
        await db.init(settings)
        try:
            retired = await service.retire(code)
            if retired:
                after = {"retired": True}
                await backoffice.record_step(
                    f"cli:{getpass.getuser()}", "matter.retired", f"matter:{code}", after
                )
        finally:
            await db.close()
        await _announce_catalog_change(settings)
        return retired

    if not run(go()):
        err.print(f"[red]No matter has the code {code}.[/] List codes with the `matters` query.")
        raise typer.Exit(1)
    err.print(f"[green]Retired {code}.[/]")


@catalog_app.command("report")
def catalog_report(
    region: Annotated[str, typer.Option(help="GB/T 2260 code of a county, city or province.")],
    path: CatalogPath = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Measuring zero: the trips the matters offered in a region cost an applicant who shares
    every record and one who shares nothing."""
    from backend.catalog import service as report

    path = catalog_folder(path)
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
