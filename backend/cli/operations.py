"""`zerorun migrate`, `sweep`, `demo-seed`, `synthesize` and `export-schema`."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from backend.cli.common import (
    CatalogPath,
    app,
    catalog_folder,
    err,
    load_calendar,
    load_settings,
    run,
)
from backend.settings import ROOT, Settings


@app.command()
def migrate(
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Apply nothing; exit 1 if any migration is pending (a deploy gate)."
        ),
    ] = False,
) -> None:
    """Apply pending database migrations (idempotent)."""
    from backend import db

    settings = load_settings()
    if check:
        pending = run(db.pending_migrations(settings))
        for name in pending:
            typer.echo(f"pending {name}")
        if pending:
            err.print(f"[red]{len(pending)} migration(s) pending:[/] run `zerorun migrate`.")
            raise typer.Exit(1)
        err.print("[green]Database is up to date.[/]")
        return
    run(db.migrate(settings))
    err.print("[green]Database is up to date.[/]")


@app.command("demo-seed")
def demo_seed() -> None:
    """Create the demo service hall with bookable slots for the coming working days, a township
    hall of Xihu District and another county's hall that receive applications, and, in
    development only, demo staff accounts of Xihu District and of those halls, and the stand-in
    registry (ZERORUN_REGISTRY_URL) as the Xihu police's own system (idempotent)."""
    from backend import db
    from backend.appointments.service import seed_demo_hall, seed_receiving_halls
    from backend.backoffice.service import seed_demo_hall_staff
    from backend.exchange.service import seed_demo_endpoint
    from backend.staff.service import DEMO_PASSWORD, seed_demo_staff

    settings = load_settings()
    calendar = load_calendar(settings)

    async def go() -> list[str]:
        await db.init(settings)
        try:
            hall = await seed_demo_hall(calendar)
            receiving = await seed_receiving_halls()
            if not settings.development:
                return []
            if registry := os.environ.get("ZERORUN_REGISTRY_URL"):  # 户口迁入's own system
                await seed_demo_endpoint(registry)
            staff = await seed_demo_staff()
            return staff + await seed_demo_hall_staff(hall, receiving, DEMO_PASSWORD)
        finally:
            await db.close()

    staff = run(go())
    err.print("[green]Demo service hall ready with appointment slots; two receiving halls.[/]")
    if staff:
        err.print(
            f"Demo staff (password [bold]{DEMO_PASSWORD}[/]): {', '.join(staff)}; "
            "the configurator is at /configurator."
        )


@app.command()
def sweep(
    every: Annotated[
        float | None,
        typer.Option(
            min=1,
            help="Run again every this many seconds until stopped (a scheduler of its own, for "
            "a container); a failed round is logged and the next one runs.",
        ),
    ] = None,
) -> None:
    """Flag overdue review tasks and escalate them; set deadlines the calendar can now compute;
    remind citizens of tomorrow's appointments; summarise the supervisor's dashboard's settled
    days; schedule the checks (核查) of accepted applications' commitments; send the refunds owed
    that could not be sent yet. Idempotent: run it from cron as often as you like."""
    import time

    settings = load_settings()
    if every is None:
        _sweep_once(settings)
        return
    while True:
        began = time.monotonic()
        try:
            _sweep_once(settings)
        except Exception as e:  # the database away, say: the next round tries again
            err.print(f"[red]Sweep failed:[/] {str(e) or repr(e)}; trying again in {every:.0f} s.")
        time.sleep(max(0.0, every - (time.monotonic() - began)))


def _sweep_once(settings: Settings) -> None:
    import datetime as dt

    from backend import db
    from backend.accounts import service as accounts
    from backend.accounts.service import SHANGHAI
    from backend.applications import service as applications
    from backend.appointments import service as appointments
    from backend.backoffice import service
    from backend.ratings import service as ratings
    from backend.seals import service as seals
    from backend.staff import service as staff

    calendar = load_calendar(settings)

    async def go() -> tuple[service.SweepReport, int, int, int, int, int, int, int]:
        await db.init(settings)
        try:
            today = dt.datetime.now(SHANGHAI).date()
            report = await service.sweep(calendar, today)
            moved = await ratings.recount_follow_ups(calendar)
            escalated = await ratings.escalate_overdue(today)
            escalated += await ratings.close_without_re_rating(today)
            reminders = await appointments.remind()
            expired = await accounts.purge_expired_sessions() + await staff.purge_expired()
            summarised = await service.summarise_supervision()
            accepted = await applications.accepted_among(await seals.awaiting_checks())
            checks = await seals.schedule_checks(accepted, today)
            refunded = await _send_refunds(settings)
            return report, moved, escalated, reminders, expired, summarised, checks, refunded
        finally:
            await db.close()

    report, moved, follow_ups, reminders, expired, summarised, checks, refunded = run(go())
    err.print(
        f"Flagged {report.flagged} overdue task(s) and {follow_ups} overdue or "
        "closed follow-up(s); "
        f"deemed {report.deemed_accepted} application(s) accepted after 5 working days at the "
        f"window; decided {report.decided_automatically} left undecided automatically; "
        f"set {report.deadlines_set} deadline(s) and moved {moved} follow-up deadline(s); "
        f"reminded {report.deferrals_reminded} and flagged {report.deferrals_flagged} overdue "
        "deferred material(s); "
        f"sent {reminders} appointment reminder(s); deleted {expired} expired session(s) "
        "and stale sign-in record(s); "
        f"summarised {summarised} day(s) of the supervisor's dashboard; "
        f"scheduled {checks} check(s) of signed commitments; sent {refunded} refund(s)."
    )


async def _send_refunds(settings: Settings) -> int:
    """The refunds owed that the decision's own attempt could not send (the platform down)."""
    import httpx

    from backend.payments import service as payments

    if not settings.pay_url:
        return 0
    async with httpx.AsyncClient() as http:
        return await payments.send_refunds(payments.PaymentPlatform(settings, http))


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
    path: CatalogPath = None,
) -> None:
    """Fill the database with a synthetic Zhejiang (province, 11 cities, 90 counties) and its
    applications, for measuring; run `migrate` and `catalog load` first."""
    import time

    from rich.progress import Progress

    from backend import db
    from backend.synthetic import service

    settings = load_settings()
    path = catalog_folder(path)
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
        report = run(go())
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
    from backend.api.schema import contracts

    schema, staff_schema = contracts()
    for path, sdl in ((output, schema.as_str()), (staff_output, staff_schema.as_str())):
        path.write_text(sdl + "\n", encoding="utf-8")
        err.print(f"Wrote {path}")
