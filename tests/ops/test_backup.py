"""`zerorun backup` and `zerorun restore`, run as an operator runs them (the command in a process
of its own): a citizen's submitted application and its uploaded file survive losing both the
database and the file store; restore refuses what would destroy data or cannot fit."""

from __future__ import annotations

import asyncio
import io
import json
import os
import sys
import tarfile
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from support import (
    PDF,
    SUBMIT,
    admin_sql,
    app_client,
    gql,
    make_settings,
    ready_house_event,
    sign_in,
)

from backend.applications.models import MaterialAction
from backend.files.service import LocalFileStore
from backend.settings import Settings

APPLICATION = """
query($id: ID!) {
  application(id: $id) { status evaluation { materials { id status } } }
}
"""


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """A file store of this test's own: the test wipes it."""
    return make_settings(database_url, files_dir=tmp_path / "files")


async def zerorun(settings: Settings, *args: str) -> Done:
    """The CLI in a process of its own, configured only through its environment (awaited, so
    that an app served in this test's event loop goes on answering meanwhile)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZERORUN_", "DATABASE_"))}
    env.update(DATABASE_URL=settings.database_url, ZERORUN_FILES_DIR=str(settings.files_dir))
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "backend", *args, env=env, stderr=asyncio.subprocess.PIPE
    )
    _, stderr = await process.communicate()
    return Done(process.returncode or 0, stderr.decode())


@dataclass(frozen=True)
class Done:
    returncode: int
    stderr: str


def one_line_error(done: Done) -> str:
    """The error a failed command printed: exactly one line of it, and no traceback."""
    assert done.returncode == 1, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and "Traceback" not in done.stderr, done.stderr
    return errors[0]


async def lose_everything(settings: Settings) -> None:
    """The database and the file store are gone: a new empty database in place of the old."""
    if settings.database_url.startswith("sqlite://"):
        for suffix in ("", "-wal", "-shm"):
            Path(settings.database_url.removeprefix("sqlite://") + suffix).unlink(missing_ok=True)
    else:
        name = urlsplit(settings.database_url).path.lstrip("/")
        await admin_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
        await admin_sql(f'CREATE DATABASE "{name}"')
    for path in sorted(settings.files_dir.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()


async def submitted_application(client: httpx.AsyncClient) -> str:
    token = await sign_in(client, "demo-1")
    application = await ready_house_event(client, token)  # a consent letter uploaded (a PDF)
    result = (await gql(client, SUBMIT, {"id": application}, token))["data"]["submitApplication"]
    assert result["__typename"] == "Application", result
    return application


async def test_an_application_and_its_file_come_back_after_the_database_and_files_are_lost(
    client: httpx.AsyncClient, settings: Settings, tmp_path: Path
) -> None:
    # Given a citizen's submitted application with an uploaded file, backed up
    application = await submitted_application(client)
    token = await sign_in(client, "demo-1")
    before = (await gql(client, APPLICATION, {"id": application}, token))["data"]
    [upload] = await MaterialAction.filter(application_id=application, sha256__isnull=False)
    archive = tmp_path / "backup.tar"
    backed_up = await zerorun(settings, "backup", str(archive))
    assert backed_up.returncode == 0, backed_up.stderr
    assert archive.stat().st_mode & 0o077 == 0  # personal data: the owner's alone

    # When the database and the file store are lost, and the archive restored
    await client.aclose()
    await lose_everything(settings)
    restored = await zerorun(settings, "restore", str(archive))

    # Then the citizen reads the application as it was, and its file is there, whole
    assert restored.returncode == 0, restored.stderr
    async with app_client(settings) as fresh:
        token = await sign_in(fresh, "demo-1")
        after = (await gql(fresh, APPLICATION, {"id": application}, token))["data"]
    assert after == before and after["application"]["status"] != "DRAFT"
    assert await LocalFileStore(settings.files_dir).read(upload.sha256) == PDF


async def test_restore_refuses_a_database_that_is_not_empty_unless_forced(
    client: httpx.AsyncClient, settings: Settings, tmp_path: Path
) -> None:
    application = await submitted_application(client)
    archive = tmp_path / "backup.tar"
    assert (await zerorun(settings, "backup", str(archive))).returncode == 0

    token = await sign_in(client, "demo-1")
    before = (await gql(client, APPLICATION, {"id": application}, token))["data"]
    refused = await zerorun(settings, "restore", str(archive))
    await client.aclose()  # the operator stops the app before replacing its database
    forced = await zerorun(settings, "restore", "--force", str(archive))

    assert "the database is not empty" in one_line_error(refused)
    assert forced.returncode == 0, forced.stderr
    async with app_client(settings) as fresh:
        token = await sign_in(fresh, "demo-1")
        after = (await gql(fresh, APPLICATION, {"id": application}, token))["data"]
    assert after == before


async def test_restore_refuses_an_archive_of_the_other_database_kind_and_touches_nothing(
    client: httpx.AsyncClient, settings: Settings, tmp_path: Path
) -> None:
    archive = tmp_path / "backup.tar"
    assert (await zerorun(settings, "backup", str(archive))).returncode == 0
    if settings.database_url.startswith("sqlite://"):
        other = "postgres://zerorun@127.0.0.1:5432/elsewhere"  # refused before connecting
    else:
        other = f"sqlite://{tmp_path / 'other.sqlite3'}"

    refused = await zerorun(replace(settings, database_url=other), "restore", str(archive))

    assert "DATABASE_URL names" in one_line_error(refused)
    assert not (tmp_path / "other.sqlite3").exists()


@pytest.mark.parametrize(
    "database_url",
    ["postgres://zerorun@127.0.0.1:1/refused", "sqlite:///no/such/folder/zerorun.sqlite3"],
    ids=["postgres-refused", "sqlite-missing"],
)
async def test_a_backup_of_a_database_that_is_not_there_fails_in_one_line_and_leaves_no_archive(
    database_url: str, tmp_path: Path
) -> None:
    settings = make_settings(database_url, files_dir=tmp_path / "files")
    archive = tmp_path / "backup.tar"

    failed = await zerorun(settings, "backup", str(archive))

    one_line_error(failed)
    assert list(tmp_path.iterdir()) == []


async def test_restore_of_a_file_that_is_not_a_backup_fails_in_one_line(tmp_path: Path) -> None:
    settings = make_settings(f"sqlite://{tmp_path / 'z.sqlite3'}", files_dir=tmp_path / "files")
    junk = tmp_path / "junk.tar"
    junk.write_bytes(b"not a tar file")

    assert "not a ZeroRun backup" in one_line_error(await zerorun(settings, "restore", str(junk)))
    assert not (tmp_path / "z.sqlite3").exists()


async def test_restore_refuses_an_archive_made_at_a_migration_this_version_does_not_know(
    settings: Settings, tmp_path: Path
) -> None:
    made = tmp_path / "made.tar"
    assert (await zerorun(settings, "backup", str(made))).returncode == 0
    newer = tmp_path / "newer.tar"  # the same archive, as a later version would write it
    with tarfile.open(made) as source, tarfile.open(newer, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member)
            if member.name == "manifest.json" and data:
                manifest = json.loads(data.read())
                manifest["migration_head"] = "models.9999_from_the_future"
                content = json.dumps(manifest).encode()
                member.size = len(content)
                data = io.BytesIO(content)
            target.addfile(member, data)
    empty = replace(settings, database_url=f"sqlite://{tmp_path / 'empty.sqlite3'}")

    refused = await zerorun(empty, "restore", str(newer))

    assert "9999_from_the_future, which this version does not know" in one_line_error(refused)
