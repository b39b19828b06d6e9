"""Where uploaded materials live: content-addressed files behind a small async interface.

    store = LocalFileStore(Path("var/files"))
    key = await store.put(chunks)  # the SHA-256 hex of the content
    data = await store.read(key)
    async for chunk in store.open(key): ...

A key names its content, so putting the same bytes twice keeps one file, and a stored file
never changes. A file appears under its key whole or not at all: it is written to a temp
file on the same filesystem, flushed to disk, then moved into place with `os.replace`.

Deduplication means one key can stand for several uploads: delete a key only when no record
refers to it any more.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import tempfile
from collections.abc import AsyncIterable, AsyncIterator
from pathlib import Path
from typing import BinaryIO, Protocol

CHUNK_SIZE = 64 * 1024
_KEY = re.compile(r"[0-9a-f]{64}")


class FileStore(Protocol):
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

    async def put(self, data: AsyncIterable[bytes]) -> str:
        file, tmp = await asyncio.to_thread(self._create_temp)
        committed = False
        try:
            hasher = hashlib.sha256()
            async for chunk in data:
                hasher.update(chunk)
                await asyncio.to_thread(file.write, chunk)
            key = hasher.hexdigest()
            await asyncio.to_thread(self._commit, file, tmp, self.path(key))
            committed = True
            return key
        finally:
            if not committed:
                file.close()
                tmp.unlink(missing_ok=True)

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
        self._tmp.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=self._tmp, prefix="put-")
        return os.fdopen(fd, "wb"), Path(name)

    @staticmethod
    def _commit(file: BinaryIO, tmp: Path, target: Path) -> None:
        file.flush()
        os.fsync(file.fileno())
        file.close()
        if target.exists():  # the same content is already stored
            tmp.unlink()
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, target)
        directory = os.open(target.parent, os.O_RDONLY)  # make the new name itself durable
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
