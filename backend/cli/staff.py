"""`zerorun staff`: staff accounts, from creation to deactivation. Every change is in the audit
log with the actor `cli:<os user>`; a refusal is one line per field at fault and exit 1."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Awaitable, Callable
from typing import Annotated, TypeVar

import typer

from backend.cli.common import err, load_settings, run, staff_app

T = TypeVar("T")
Username = Annotated[str, typer.Argument(help="The account's username.")]


def _in_database(work: Callable[[], Awaitable[T]], failed: str) -> T:
    """Run `work` against the database; a refusal is printed (`failed: …`) and exits 1."""
    from backend import db
    from backend.staff import service

    settings = load_settings()

    async def go() -> T:
        await db.init(settings)
        try:
            return await work()
        finally:
            await db.close()

    try:
        return run(go())
    except service.StaffProblem as p:
        details = "; ".join(f"{e.path[1:]}: {e.message_en}" for e in p.errors)
        err.print(f"[red]{failed}:[/] {details or p.message_en}", highlight=False)
        raise typer.Exit(1) from None


@staff_app.command("create")
def staff_create(
    username: str,
    name: Annotated[str, typer.Option(help="Full name, as shown to colleagues.")],
    role: Annotated[
        str, typer.Option(help="window_clerk, reviewer, county_admin, supervisor or agent.")
    ],
    region: Annotated[str, typer.Option(help="GB/T 2260 code of the region served, e.g. 330106.")],
    department: Annotated[
        str | None,
        typer.Option(help="Department code of a published matter there; required for reviewers."),
    ] = None,
    hall: Annotated[
        int | None,
        typer.Option(
            help="The hall they work at, in their region (a township's hall in it, too): its id, as `zerorun staff halls` lists them."
        ),
    ] = None,
) -> None:
    """Create a staff account; the password is asked for (or read from the first line of
    standard input)."""
    from backend.backoffice.service import record_staff_change
    from backend.staff import service

    password = (
        typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        if sys.stdin.isatty()
        else sys.stdin.readline().rstrip("\n")  # a script pipes it in
    )
    actor = service.Actor(f"cli:{getpass.getuser()}")

    async def create() -> service.StaffMember:
        if hall is not None:
            await _check_hall(hall, region)
        return await service.create(
            username,
            name,
            role,
            region,
            department,
            password,
            actor=actor,
            record=record_staff_change,
            hall=hall,
        )

    _in_database(create, "Not created")
    at = f" at hall {hall}" if hall is not None else ""
    err.print(f"[green]Created {role} {username} for {region}{at}.[/]")


async def _check_hall(hall: int, region: str) -> None:
    """A hall of the region (or of a township in it); else a refusal naming /hall."""
    from backend.appointments.service import ServiceHall
    from backend.forms.validation import FieldError
    from backend.regions.service import covers
    from backend.staff import service

    found = await ServiceHall.get_or_none(id=hall)
    if found is None or not covers(region, found.region_code):
        en = f"hall {hall} is not a hall in {region} (zerorun staff halls lists them)."
        zh = f"服务大厅 {hall} 不在区划 {region} 内。"
        raise service.StaffProblem(
            "INVALID_INPUT", zh, en, [FieldError("/hall", "UNKNOWN_HALL", zh, en)]
        )


@staff_app.command("halls")
def staff_halls() -> None:
    """Every service hall: id, region (a county's six digits, a township's nine) and name."""
    from backend.appointments.service import ServiceHall

    async def listed() -> list[ServiceHall]:
        return await ServiceHall.all().order_by("region_code", "id")

    for h in _in_database(listed, "Not listed"):
        typer.echo(f"{h.id}\t{h.region_code}\t{h.name.get('zh', '')}")


@staff_app.command("list")
def staff_list(
    region: Annotated[
        str | None, typer.Option(help="Only this region and the regions below it.")
    ] = None,
) -> None:
    """Every account: username, role, region, department, and whether it is active, locked out
    or awaiting a password change."""
    from backend.regions.service import is_county_code
    from backend.staff import service

    if region is not None and not is_county_code(region):
        err.print(f"[red]Not listed:[/] region must be a six-digit GB/T 2260 code, not {region!r}.")
        raise typer.Exit(1)

    async def listed() -> list[tuple[service.StaffMember, bool]]:
        members = await service.members(service.Actor("cli", region=region))
        locked = await service.locked_out([m.id for m in members])
        return [(m, m.id in locked) for m in members]

    for m, locked in _in_database(listed, "Not listed"):
        state = [
            "active" if m.active else "deactivated",
            *(["locked out"] if locked else []),
            *(["must change password"] if m.must_change_password else []),
        ]
        typer.echo(
            f"{m.username}\t{m.role}\t{m.region_code}\t{m.department_code or '-'}\t{', '.join(state)}"
        )


@staff_app.command("deactivate")
def staff_deactivate(username: Username) -> None:
    """The account can no longer sign in; its sessions end at once."""
    from backend.backoffice.service import record_staff_change
    from backend.staff import service

    actor = service.Actor(f"cli:{getpass.getuser()}")
    _in_database(lambda: service.deactivate(actor, username, record_staff_change), "Not changed")
    err.print(f"[green]Deactivated {username}; their sessions ended.[/]")


@staff_app.command("reactivate")
def staff_reactivate(username: Username) -> None:
    """A deactivated account may sign in again."""
    from backend.backoffice.service import record_staff_change
    from backend.staff import service

    actor = service.Actor(f"cli:{getpass.getuser()}")
    _in_database(lambda: service.reactivate(actor, username, record_staff_change), "Not changed")
    err.print(f"[green]Reactivated {username}.[/]")


@staff_app.command("unlock")
def staff_unlock(username: Username) -> None:
    """Every client address locked out of the account may try again."""
    from backend.backoffice.service import record_staff_change
    from backend.staff import service

    actor = service.Actor(f"cli:{getpass.getuser()}")
    _in_database(
        lambda: service.unlock_sign_in(actor, username, record_staff_change), "Not changed"
    )
    err.print(f"[green]Unlocked {username}.[/]")


@staff_app.command("reset-password")
def staff_reset_password(username: Username) -> None:
    """A temporary password, printed on standard output, to be changed at the next sign-in;
    the account's sessions end."""
    from backend.backoffice.service import record_staff_change
    from backend.staff import service

    actor = service.Actor(f"cli:{getpass.getuser()}")
    _, temporary = _in_database(
        lambda: service.reset_password(actor, username, record_staff_change), "Not changed"
    )
    err.print(f"[green]Reset {username}'s password; they must change it at the next sign-in.[/]")
    typer.echo(temporary)


@staff_app.command("set-role")
def staff_set_role(
    username: Username,
    role: Annotated[str | None, typer.Option(help="The new role.")] = None,
    region: Annotated[str | None, typer.Option(help="The new region (GB/T 2260 code).")] = None,
    department: Annotated[str | None, typer.Option(help="The new department (reviewers).")] = None,
) -> None:
    """Change an account's role, region or department; its sessions end."""
    from backend.backoffice.service import record_staff_change
    from backend.staff import service

    actor = service.Actor(f"cli:{getpass.getuser()}")
    member = _in_database(
        lambda: service.update(
            actor, username, record_staff_change, role=role, region=region, department=department
        ),
        "Not changed",
    )
    err.print(
        f"[green]{username} is now {member.role} for {member.region_code}"
        f"{' in ' + member.department_code if member.department_code else ''}; their sessions ended.[/]"
    )


@staff_app.command("end-sessions")
def staff_end_sessions(username: Username) -> None:
    """Every session of the account ends: it must sign in again."""
    from backend.backoffice.service import record_staff_change
    from backend.staff import service

    actor = service.Actor(f"cli:{getpass.getuser()}")
    _, ended = _in_database(
        lambda: service.end_sessions(actor, username, record_staff_change), "Not changed"
    )
    err.print(f"[green]Ended {ended} session(s) of {username}.[/]")
