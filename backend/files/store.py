"""Where uploaded materials live: content-addressed files behind a small async interface.

    store = LocalFileStore(Path("var/files"))
    key = await store.put(chunks)  # the SHA-256 hex of the content
    data = await store.read(key)
    async for chunk in store.open(key): ...

    async with store.stage() as staged:  # a file written as it arrives, checked, then kept
        await staged.write(chunk)
        check(staged.path)
        key = await staged.commit()  # leaving the block without committing removes it

A key names its content, so putting the same bytes twice keeps one file, and a stored file
never changes. A file appears under its key whole or not at all: it is written to a temp
file on the same filesystem, flushed to disk, then moved into place with `os.replace`.

Deduplication means one key can stand for several uploads: delete a key only when no record
refers to it any more.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import re
import tempfile
from collections.abc import AsyncIterable, AsyncIterator
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import BinaryIO, Protocol

CHUNK_SIZE = 64 * 1024
PRIVATE = 0o700  # the store's folders: their owner's only (mkstemp makes its files 0600)
_KEY = re.compile(r"[0-9a-f]{64}")


class StagedFile(Protocol):
    """A file being written: nobody sees it until it is committed."""

    @property
    def path(self) -> Path:
        """Where it is written, for checks that read it (written so far: every write is there)."""

    @property
    def size(self) -> int: ...

    @property
    def sha256(self) -> str:
        """The hex digest of what was written so far."""

    async def write(self, chunk: bytes) -> None: ...

    async def commit(self) -> str:
        """Keep the file under its key (the SHA-256 hex), durably; returns the key."""


class FileStore(Protocol):
    def stage(self) -> AbstractAsyncContextManager[StagedFile]:
        """A new file to write, removed on leaving the block unless it was committed."""

    async def put(self, data: AsyncIterable[bytes]) -> str:
        """Store the stream's bytes and return their key."""

    def open(self, key: str) -> AsyncIterator[bytes]:
        """The content in chunks; FileNotFoundError when no file has this key."""

    async def read(self, key: str) -> bytes:
        """The whole content; FileNotFoundError when no file has this key."""

    async def delete(self, key: str) -> None:
        """Remove the file; deleting a key that has no file is not an error."""

    async def exists(self, key: str) -> bool: ...


class LocalFileStore:
    """Files under `root`, sharded as `ab/cd/abcd…`; temp files in `root/tmp`.

    The temp file cannot sit in its shard directory because the key is known only after the
    last byte; `root/tmp` is on the same filesystem, which is what makes `os.replace` atomic.
    A temp file left by a crashed process is never visible under a key.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._tmp = root / "tmp"

    def path(self, key: str) -> Path:
        if not _KEY.fullmatch(key):
            raise ValueError(f"not a file key: {key!r}")
        return self.root / key[:2] / key[2:4] / key

    @contextlib.asynccontextmanager
    async def stage(self) -> AsyncIterator[_LocalStagedFile]:
        file, tmp = await asyncio.to_thread(self._create_temp)
        staged = _LocalStagedFile(self, file, tmp)
        try:
            yield staged
        finally:
            if not staged.committed:
                file.close()
                await asyncio.to_thread(tmp.unlink, missing_ok=True)

    async def put(self, data: AsyncIterable[bytes]) -> str:
        async with self.stage() as staged:
            async for chunk in data:
                await staged.write(chunk)
            return await staged.commit()

    async def open(self, key: str) -> AsyncIterator[bytes]:
        file = await asyncio.to_thread(self.path(key).open, "rb")
        try:
            while chunk := await asyncio.to_thread(file.read, CHUNK_SIZE):
                yield chunk
        finally:
            file.close()

    async def read(self, key: str) -> bytes:
        return await asyncio.to_thread(self.path(key).read_bytes)

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self.path(key).unlink, missing_ok=True)

    async def exists(self, key: str) -> bool:
        return await asyncio.to_thread(self.path(key).is_file)

    def _create_temp(self) -> tuple[BinaryIO, Path]:
        self._tmp.mkdir(mode=PRIVATE, parents=True, exist_ok=True)
        self.root.chmod(PRIVATE)  # citizens' files: their folders are the owner's only (PIPL)
        fd, name = tempfile.mkstemp(dir=self._tmp, prefix="put-")
        return os.fdopen(fd, "wb"), Path(name)


class _LocalStagedFile:
    def __init__(self, store: LocalFileStore, file: BinaryIO, tmp: Path) -> None:
        self._store, self._file, self.path = store, file, tmp
        self._hasher = hashlib.sha256()
        self.size = 0
        self.committed = False

    @property
    def sha256(self) -> str:
        return self._hasher.hexdigest()

    async def write(self, chunk: bytes) -> None:
        self._hasher.update(chunk)
        self.size += len(chunk)
        await asyncio.to_thread(_write, self._file, chunk)

    async def commit(self) -> str:
        key = self.sha256
        await asyncio.to_thread(_commit, self._file, self.path, self._store.path(key))
        self.committed = True
        return key


def _write(file: BinaryIO, chunk: bytes) -> None:
    file.write(chunk)
    file.flush()  # a check may read the file before it is committed


def _commit(file: BinaryIO, tmp: Path, target: Path) -> None:
    file.flush()
    os.fsync(file.fileno())
    file.close()
    if target.exists():  # the same content is already stored
        tmp.unlink()
        return
    target.parent.parent.mkdir(mode=PRIVATE, exist_ok=True)
    target.parent.mkdir(mode=PRIVATE, exist_ok=True)
    os.replace(tmp, target)
    directory = os.open(target.parent, os.O_RDONLY)  # make the new name itself durable
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
