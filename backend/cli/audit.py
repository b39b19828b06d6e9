"""`zerorun audit verify`: walk the audit log's hash chain and name the first broken link
(docs/adr/0020-audit-log-append-only-and-chained.md)."""

from __future__ import annotations

import typer

from backend.cli.common import app, err, load_settings, run

audit_app = typer.Typer(help="The audit log.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")
EVERY = 100_000  # a progress line this often on a long log


@audit_app.command()
def verify() -> None:
    """Check every entry's link to the one before it, oldest first: exit 0 when the chain holds,
    1 with `audit_entry:<id>: <what broke>` for the first link that does not."""
    from backend import db
    from backend.backoffice import service as backoffice

    settings = load_settings()
    checked = 0

    def progress(count: int) -> None:
        nonlocal checked
        before, checked = checked, checked + count
        if checked // EVERY > before // EVERY:
            err.print(f"{checked:,} entries checked…", highlight=False)

    async def go() -> object:
        await db.init(settings)
        try:
            return await backoffice.verify_audit_log(progress)
        finally:
            await db.close()

    broken = run(go())
    if broken is not None:
        typer.echo(str(broken))
        raise typer.Exit(1)
    typer.echo(
        f"The audit log's chain holds: {checked:,} {'entry' if checked == 1 else 'entries'}."
    )
