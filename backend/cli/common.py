"""What every command shares: the Typer apps, the error console, running a coroutine, progress
bars, and reading the settings with a one-line error per bad one."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Coroutine, Iterable
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import track

from backend.settings import Settings, SettingsError

if TYPE_CHECKING:
    from backend.calendar.service import WorkingCalendar

app = typer.Typer(
    help="ZeroRun: the backend for 'run at most once' government services.", no_args_is_help=True
)
catalog_app = typer.Typer(help="Check and publish matter definitions.", no_args_is_help=True)
app.add_typer(catalog_app, name="catalog")
staff_app = typer.Typer(help="Manage staff accounts.", no_args_is_help=True)
app.add_typer(staff_app, name="staff")
err = Console(stderr=True, soft_wrap=True)  # an error stays one line, whatever the width
T = TypeVar("T")
CatalogPath = Annotated[
    Path | None,
    typer.Argument(help="A catalog folder; default: ZERORUN_CATALOG, else the demo catalog."),
]


def version(shown: bool) -> None:
    if shown:
        typer.echo(f"zerorun {metadata.version('zerorun')}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """ZeroRun: the backend for 'run at most once' government services."""


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def progress(label: str) -> Any:
    def wrap(items: Iterable[T]) -> Iterable[T]:
        items = list(items)
        return track(
            items, description=label, console=err, disable=not sys.stderr.isatty() or len(items) < 2
        )

    return wrap


def load_settings() -> Settings:
    """The settings from the environment, or each bad one on a line of its own and exit 2."""
    from backend.seals import service as seals

    try:
        settings = Settings.from_env()
    except SettingsError as e:
        for problem in e.problems:
            err.print(f"[red]setting[/] {problem}", highlight=False)
        err.print("Fix the settings above (environment variables) and run the command again.")
        raise typer.Exit(2) from None
    # A command that completes an application seals its certificate (ADR 15).
    seals.configure(settings.secret_key, settings.previous_secret_keys, settings.public_url)
    return settings


def load_calendar(settings: Settings) -> WorkingCalendar:
    """The working calendar from the catalog's and the data folder's files; a bad file is a
    line per problem (file:pointer: message) and exit 1."""
    from backend.calendar.service import InvalidCalendarFiles, WorkingCalendar

    try:
        return WorkingCalendar.load(*settings.calendar_folders)
    except InvalidCalendarFiles as e:
        for problem in e.problems:
            err.print(problem, highlight=False)
        err.print("Fix the calendar files above and run the command again.")
    except FileNotFoundError as e:
        err.print(str(e), highlight=False)
    raise typer.Exit(1)


def catalog_folder(path: Path | None) -> Path:
    """The catalog folder a command was given, else ZERORUN_CATALOG's; a folder that is not a
    catalog is a one-line error and exit 1."""
    from backend.catalog.service import folder_problem

    folder = path or load_settings().catalog_dir
    problem = folder_problem(folder)
    if problem:
        err.print(f"{problem.file}: {problem.message}", highlight=False)
        raise typer.Exit(1)
    return folder
