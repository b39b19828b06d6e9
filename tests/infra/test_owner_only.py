"""Personal data on disk is its owner's only (PIPL): the SQLite database with its -wal and
-shm files, and the file store's folders and files, whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from support import make_settings

from backend import db
from backend.files.service import LocalFileStore


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A umask that lets anyone read what is made (0022, the common default, and wider)."""
    before = os.umask(0o000)
    try:
        yield
    finally:
        os.umask(before)


async def chunks() -> AsyncIterator[bytes]:
    yield b"%PDF-1.4 a citizen's scan"


@pytest.mark.usefixtures("open_umask")
async def test_a_new_sqlite_database_and_its_folder_are_the_owners_only(tmp_path: Path) -> None:
    database = tmp_path / "data" / "zerorun.sqlite3"

    await db.migrate(make_settings(f"sqlite://{database}"))

    assert mode(database.parent) == 0o700
    beside = [p for p in database.parent.iterdir() if p.name.startswith(database.name)]
    assert database in beside
    assert {p.name: mode(p) for p in beside} == {p.name: 0o600 for p in beside}


@pytest.mark.usefixtures("open_umask")
async def test_a_database_made_readable_by_others_is_made_the_owners_on_connecting(
    tmp_path: Path,
) -> None:
    database = tmp_path / "copied.sqlite3"
    database.touch(mode=0o644)

    await db.init(make_settings(f"sqlite://{database}"))
    await db.close()

    assert mode(database) == 0o600


@pytest.mark.usefixtures("open_umask")
async def test_the_file_stores_folders_and_files_are_the_owners_only(tmp_path: Path) -> None:
    store = LocalFileStore(tmp_path / "files")

    key = await store.put(chunks())

    path = store.path(key)
    assert mode(path) == 0o600
    assert [mode(p) for p in (path.parent, path.parent.parent, store.root)] == [0o700] * 3
