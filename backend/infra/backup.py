"""One archive holding everything a deployment keeps: the database and the uploaded files.

    manifest = await back_up(settings.database_url, settings.files_dir, Path("z.tar"), ...)
    manifest = await restore(settings.database_url, settings.files_dir, Path("z.tar"), ...)

The archive is a plain tar (what it holds is compressed already: PDFs, images, pg_dump's custom
format): `manifest.json` (when, which database kind, the migration head), the database —
`database.sqlite3`, a copy taken with SQLite's online backup API, or `database.pgdump`, from
`pg_dump -Fc` — and `files/`, the file store as it is on disk. A file store is content-addressed
(files never change), so copying it while the app runs is safe; an upload committed after the
database copy was taken is an unreferenced extra, never a missing file, because the database is
copied first.

Restoring refuses an archive of the other database kind, and a database or file store that is
not empty unless forced. PostgreSQL needs pg_dump and pg_restore at least as new as the server.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import asyncpg  # type: ignore[import-untyped]  # no stubs upstream

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgres": "database.pgdump"}
FILES = "files"
MIGRATIONS_TABLE = "tortoise_migrations"  # where Tortoise records each applied migration
# libpq settings a DATABASE_URL's query may carry; others (a pool's size) are the app's own.
LIBPQ_PARAMETERS = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT",
                    "sslkey": "PGSSLKEY", "connect_timeout": "PGCONNECT_TIMEOUT"}  # fmt: skip
LOCK_TIMEOUT_MS = 10_000
KIND_NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
_HEAD_QUERY = (
    f"SELECT app, name FROM {MIGRATIONS_TABLE} ORDER BY applied_at DESC, name DESC LIMIT 1"
)

Say = Callable[[str], None]


class BackupError(Exception):
    """A backup or restore that cannot go on: one line saying why and what to do."""


@dataclass(frozen=True)
class Manifest:
    created_at: str  # ISO 8601, UTC
    database: str  # "sqlite" or "postgres"
    migration_head: str  # the last migration applied, e.g. "models.0005_request_ids"
    files: int
    zerorun: str  # the version that wrote it
    format: int = FORMAT


def database_kind(database_url: str) -> str:
    return "sqlite" if database_url.startswith("sqlite://") else "postgres"


async def back_up(
    database_url: str, files_dir: Path, archive: Path, version: str, say: Say
) -> Manifest:
    """Write the archive (to a temporary name beside it, renamed when whole)."""
    kind = database_kind(database_url)
    archive.parent.mkdir(parents=True, exist_ok=True)
    partial = archive.with_name(archive.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="zerorun-backup-") as scratch:
        dump = Path(scratch) / DATABASE_MEMBERS[kind]
        say(f"Copying the {KIND_NAMES[kind]} database ...")
        if kind == "sqlite":
            _sqlite_copy(_sqlite_path(database_url), dump)
            head = _sqlite_head(dump)
        else:
            head = await _postgres_head(database_url)
            await _run("pg_dump", "--format=custom", f"--file={dump}", url=database_url)
        files = _stored_files(files_dir)
        say(f"Adding {len(files)} stored file(s) from {files_dir} ...")
        try:
            # Personal data: readable by the owner only, whatever the umask.
            with (
                os.fdopen(
                    os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb"
                ) as out,
                tarfile.open(fileobj=out, mode="w") as tar,
            ):
                tar.add(dump, DATABASE_MEMBERS[kind])
                added = sum(_add_file(tar, path, files_dir) for path in files)
                manifest = Manifest(
                    created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    database=kind,
                    migration_head=head,
                    files=added,
                    zerorun=version,
                )
                _add_bytes(tar, MANIFEST, json.dumps(asdict(manifest), indent=2).encode())
            partial.replace(archive)
        finally:
            partial.unlink(missing_ok=True)
    return manifest


def read_manifest(archive: Path) -> Manifest:
    try:
        with tarfile.open(archive) as tar:
            member = tar.extractfile(MANIFEST)
            data = json.loads(member.read()) if member else None
    except (OSError, tarfile.TarError, KeyError, ValueError) as e:
        raise BackupError(f"{archive}: not a ZeroRun backup ({e})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(f"{archive}: not a ZeroRun backup of format {FORMAT}")
    return Manifest(**data)


async def restore(
    database_url: str, files_dir: Path, archive: Path, force: bool, say: Say
) -> Manifest:
    """Put the archive's database and files in place of the configured ones."""
    manifest = read_manifest(archive)
    kind = database_kind(database_url)
    if manifest.database != kind:
        raise BackupError(
            f"{archive} holds a {KIND_NAMES[manifest.database]} database but DATABASE_URL names "
            f"{KIND_NAMES[kind]}: restore it into {KIND_NAMES[manifest.database]}"
        )
    if not force:
        if await _has_tables(database_url):
            raise BackupError(
                "the database is not empty: restore into a new one, or add --force to replace it"
            )
        if files_dir.is_dir() and any(files_dir.iterdir()):
            raise BackupError(f"the file store {files_dir} is not empty: add --force to replace it")
    with (
        tempfile.TemporaryDirectory(prefix="zerorun-restore-") as scratch,
        tarfile.open(archive) as tar,
    ):
        say(f"Restoring the {KIND_NAMES[kind]} database (migration {manifest.migration_head}) ...")
        tar.extract(DATABASE_MEMBERS[kind], scratch, filter="data")
        dump = Path(scratch) / DATABASE_MEMBERS[kind]
        if kind == "sqlite":
            target = _sqlite_path(database_url)
            target.parent.mkdir(parents=True, exist_ok=True)
            _sqlite_copy(dump, target)
        else:
            await _run(
                "pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
                "--single-transaction", "--exit-on-error", f"--dbname={_database_name(database_url)}",
                str(dump), url=database_url,
            )  # fmt: skip
        say(f"Restoring {manifest.files} stored file(s) into {files_dir} ...")
        _replace_files(tar, files_dir)
    return manifest


def _stored_files(files_dir: Path) -> list[Path]:
    """The store's files, without the uploads still being written (under `tmp/`)."""
    if not files_dir.is_dir():
        return []
    return sorted(
        p
        for p in files_dir.rglob("*")
        if p.is_file() and p.relative_to(files_dir).parts[0] != "tmp"
    )


def _add_file(tar: tarfile.TarFile, path: Path, files_dir: Path) -> bool:
    """Add a stored file; False when it went away meanwhile (deleted as no longer referenced)."""
    try:
        tar.add(path, f"{FILES}/{path.relative_to(files_dir).as_posix()}")
    except FileNotFoundError:
        return False
    return True


def _replace_files(tar: tarfile.TarFile, files_dir: Path) -> None:
    """Extract the files beside the store (on its filesystem), then swap the folders: a failed
    extract leaves the store as it was."""
    files_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{files_dir.name}-restoring-", dir=files_dir.parent))
    replaced = staging.with_name(staging.name.replace("-restoring-", "-replaced-"))
    try:
        members = [m for m in tar.getmembers() if m.name.startswith(f"{FILES}/")]
        tar.extractall(staging, members=members, filter="data")
        (staging / FILES).mkdir(exist_ok=True)
        if files_dir.exists():
            files_dir.rename(replaced)
        (staging / FILES).rename(files_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(replaced, ignore_errors=True)


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
    with tempfile.SpooledTemporaryFile() as buffer:
        buffer.write(data)
        buffer.seek(0)
        tar.addfile(info, buffer)


# SQLite


def _sqlite_path(database_url: str) -> Path:
    return Path(database_url.removeprefix("sqlite://").split("?", 1)[0])


def _sqlite_copy(source: Path, target: Path) -> None:
    """Copy through SQLite's online backup API: consistent while others write to the source,
    and written into the target under its lock (its WAL included), never beside it."""
    if not source.is_file():
        raise BackupError(f"{source}: no such database file")
    try:
        with (
            contextlib.closing(sqlite3.connect(source)) as src,
            contextlib.closing(sqlite3.connect(target, timeout=30)) as dst,
        ):
            src.backup(dst)
    except sqlite3.Error as e:
        raise BackupError(f"{source}: {e}") from None


def _sqlite_head(path: Path) -> str:
    with contextlib.closing(sqlite3.connect(path)) as db:
        try:
            row = db.execute(_HEAD_QUERY).fetchone()
        except sqlite3.OperationalError:
            row = None
    return _head(row)


def _sqlite_has_tables(path: Path) -> bool:
    if not path.is_file():
        return False
    with contextlib.closing(sqlite3.connect(path)) as db:
        [count] = db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()
    return int(count) > 0


# PostgreSQL


def _head(row: tuple[str, str] | asyncpg.Record | None) -> str:
    if row is None:
        raise BackupError("the database has no migrations applied: nothing to back up")
    return f"{row[0]}.{row[1]}"


async def _postgres_head(database_url: str) -> str:
    connection = await _connect(database_url)
    try:
        row = await connection.fetchrow(_HEAD_QUERY)
    except asyncpg.UndefinedTableError:
        row = None
    finally:
        await connection.close()
    return _head(row)


async def _has_tables(database_url: str) -> bool:
    if database_kind(database_url) == "sqlite":
        return _sqlite_has_tables(_sqlite_path(database_url))
    connection = await _connect(database_url)
    try:
        count: int = await connection.fetchval(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN "
            "('pg_catalog', 'information_schema')"
        )
    finally:
        await connection.close()
    return count > 0


async def _connect(database_url: str) -> asyncpg.Connection:
    try:
        return await asyncpg.connect(**_asyncpg_parameters(database_url), timeout=10)
    except (TimeoutError, OSError, asyncpg.PostgresError) as e:
        raise BackupError(f"the database does not answer: {str(e) or type(e).__name__}") from None


def _asyncpg_parameters(database_url: str) -> dict[str, object]:
    env = _libpq_environment(database_url)
    return {
        "host": env.get("PGHOST"),
        "port": int(env["PGPORT"]) if "PGPORT" in env else None,
        "user": env.get("PGUSER"),
        "password": env.get("PGPASSWORD"),
        "database": env.get("PGDATABASE"),
    }


def _database_name(database_url: str) -> str:
    return _libpq_environment(database_url).get("PGDATABASE", "")


def _libpq_environment(database_url: str) -> dict[str, str]:
    """The connection as libpq's environment variables: the password stays out of the process
    list, and parameters that are the app's own (a pool's size) stay out of libpq's way."""
    url = urlsplit(database_url)
    env = {
        "PGHOST": unquote(url.hostname or ""),
        "PGPORT": str(url.port or ""),
        "PGUSER": unquote(url.username or ""),
        "PGPASSWORD": unquote(url.password or ""),
        "PGDATABASE": unquote(url.path.lstrip("/")),
    }
    for name, value in parse_qsl(url.query):
        if name in LIBPQ_PARAMETERS:
            env[LIBPQ_PARAMETERS[name]] = value
    return {name: value for name, value in env.items() if value}


async def _run(program: str, *arguments: str, url: str) -> None:
    """Run a PostgreSQL client program; its last error line becomes the BackupError."""
    if shutil.which(program) is None:
        raise BackupError(
            f"{program} is not installed: install the PostgreSQL client of the server's major version"
        )
    # A table some client still holds (the app left running) fails the restore in 10 s, in one
    # line, instead of waiting for it without end.
    options = f"{os.environ.get('PGOPTIONS', '')} -c lock_timeout={LOCK_TIMEOUT_MS}".strip()
    process = await asyncio.create_subprocess_exec(
        program, *arguments,
        env={**os.environ, **_libpq_environment(url), "PGOPTIONS": options},
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _, stderr = await process.communicate()
    if process.returncode != 0:
        lines = stderr.decode(errors="replace").strip().splitlines() or ["(no message)"]
        raise BackupError(f"{program} failed: {lines[-1]}")
