"""`zerorun staff`: staff accounts."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from backend.cli.common import err, load_settings, run, staff_app


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
    settings = load_settings()

    async def go() -> None:
        await db.init(settings)
        try:
            await service.create(username, name, role, region, department, password)
        finally:
            await db.close()

    try:
        run(go())
    except service.StaffProblem as p:
        err.print(f"[red]Not created:[/] {p.message_en}")
        raise typer.Exit(1) from None
    err.print(f"[green]Created {role} {username} for {region}.[/]")
