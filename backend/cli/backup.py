"""`zerorun backup FILE` and `zerorun restore FILE`: the database and the file store in one
archive (backend/infra/backup.py says what it holds)."""

from __future__ import annotations

import pkgutil
from importlib import metadata
from pathlib import Path
from typing import Annotated

import typer

from backend import migrations
from backend.cli.common import app, err, load_settings, run
from backend.infra.backup import BackupError, Manifest, back_up, read_manifest, restore

Archive = Annotated[Path, typer.Argument(help="The archive (a tar file).")]


def say(line: str) -> None:
    err.print(line, highlight=False)


def fail(e: BackupError) -> typer.Exit:
    err.print(f"[red]error:[/] {e}", highlight=False)
    return typer.Exit(1)


@app.command()
def backup(archive: Archive) -> None:
    """Back up the database (SQLite's online backup, or pg_dump) and the uploaded files into one
    archive; safe while the app runs."""
    settings = load_settings()
    try:
        manifest = run(
            back_up(
                settings.database_url,
                settings.files_dir,
                archive,
                metadata.version("zerorun"),
                say,
            )
        )
    except BackupError as e:
        raise fail(e) from None
    say(f"[green]Wrote {archive}:[/] {summary(manifest)}.")


@app.command("restore")
def restore_command(
    archive: Archive,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace a database and a file store that are not empty."),
    ] = False,
) -> None:
    """Restore a backup into the configured database and file store (empty ones unless
    --force); stop the app first, and run `zerorun migrate` after."""
    settings = load_settings()
    try:
        head = read_manifest(archive).migration_head
        if head.split(".", 1)[-1] not in known_migrations():
            raise BackupError(
                f"{archive} was made at migration {head}, which this version does not know: "
                "restore it with the version that made it or a newer one"
            )
        manifest = run(restore(settings.database_url, settings.files_dir, archive, force, say))
    except BackupError as e:
        raise fail(e) from None
    say(f"[green]Restored {archive}:[/] {summary(manifest)}; now run `zerorun migrate`.")


def known_migrations() -> set[str]:
    return {module.name for module in pkgutil.iter_modules(migrations.__path__)}


def summary(manifest: Manifest) -> str:
    return (
        f"the {manifest.database} database at migration {manifest.migration_head} and "
        f"{manifest.files} file(s), made {manifest.created_at} by zerorun {manifest.zerorun}"
    )
