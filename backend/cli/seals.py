"""`zerorun seal-keys`: list the departments' signing keys, rotate one (ADR 15). A rotated key
is retired, not deleted: what it sealed still verifies with its public key."""

from __future__ import annotations

from typing import Annotated

import typer

from backend.cli.common import app, err, load_settings, run

seal_keys_app = typer.Typer(help="The departments' signing keys (电子印章).", no_args_is_help=True)
app.add_typer(seal_keys_app, name="seal-keys")


@seal_keys_app.command("list")
def list_keys() -> None:
    """Every key: department, key id, created, retired (the private halves are never shown)."""
    from backend import db
    from backend.seals import service as seals

    settings = load_settings()

    async def go() -> list[seals.SealKey]:
        await db.init(settings)
        try:
            return await seals.published_keys()
        finally:
            await db.close()

    for key in run(go()):
        retired = f"retired {key.retired_at:%Y-%m-%d}" if key.retired_at else "current"
        typer.echo(f"{key.department_code}\t{key.key_id}\t{key.created_at:%Y-%m-%d}\t{retired}")


@seal_keys_app.command()
def rotate(
    department: Annotated[
        str, typer.Argument(help="The department's code (330106-GAJ, 330106-WINDOW, ZERORUN).")
    ],
) -> None:
    """Retire the department's current key and make a new one; the workers sign with the new
    one from their next document on."""
    from backend import db
    from backend.seals import service as seals

    settings = load_settings()

    async def go() -> str:
        await db.init(settings)
        try:
            return (await seals.rotate(department)).key_id
        finally:
            await db.close()

    err.print(f"New key {run(go())} for {department}; the old one is retired and still verifies.")


@seal_keys_app.command()
def rewrap() -> None:
    """Encrypt every private key under the current ZERORUN_SECRET_KEY: run it after rotating
    that secret, before removing the previous one from ZERORUN_PREVIOUS_SECRET_KEYS."""
    from backend import db
    from backend.seals import service as seals

    settings = load_settings()

    async def go() -> int:
        await db.init(settings)
        try:
            return await seals.rewrap()
        finally:
            await db.close()

    try:
        done = run(go())
    except RuntimeError as e:  # a key whose secret is in neither setting: say which, exit 1
        err.print(f"[red]Cannot rewrap:[/] {e}", highlight=False)
        raise typer.Exit(1) from None
    err.print(f"Encrypted {done} key(s) again under the current secret.")
