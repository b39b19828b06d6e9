import hashlib
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from files_support import PDF, files_under, stream
from hypothesis import given, settings
from hypothesis import strategies as st

from backend.files.store import CHUNK_SIZE, LocalFileStore


async def test_put_stores_the_content_under_its_sha256_in_a_sharded_path(tmp_path: Path) -> None:
    store = LocalFileStore(tmp_path)

    key = await store.put(stream(PDF[:7], PDF[7:]))

    assert key == hashlib.sha256(PDF).hexdigest()
    assert store.path(key) == tmp_path / key[:2] / key[2:4] / key
    assert store.path(key).read_bytes() == PDF
    assert await store.exists(key)
    assert await store.read(key) == PDF


async def test_putting_the_same_content_twice_keeps_one_file(tmp_path: Path) -> None:
    store = LocalFileStore(tmp_path)

    first = await store.put(stream(PDF))
    second = await store.put(stream(PDF[:3], PDF[3:]))

    assert first == second
    assert files_under(tmp_path) == [store.path(first)]


async def test_open_streams_the_content_in_chunks(tmp_path: Path) -> None:
    store = LocalFileStore(tmp_path)
    content = bytes(range(256)) * 1000
    key = await store.put(stream(content))

    chunks = [chunk async for chunk in store.open(key)]

    assert len(chunks) > 1
    assert all(len(chunk) <= CHUNK_SIZE for chunk in chunks)
    assert b"".join(chunks) == content


async def test_delete_removes_the_file_and_deleting_again_is_harmless(tmp_path: Path) -> None:
    store = LocalFileStore(tmp_path)
    key = await store.put(stream(PDF))

    await store.delete(key)
    await store.delete(key)

    assert not await store.exists(key)
    assert files_under(tmp_path) == []
    with pytest.raises(FileNotFoundError):
        await store.read(key)
    with pytest.raises(FileNotFoundError):
        _ = [chunk async for chunk in store.open(key)]


async def test_a_stream_that_fails_midway_leaves_no_file_and_no_temp_file(
    tmp_path: Path,
) -> None:
    store = LocalFileStore(tmp_path)

    async def broken_upload() -> AsyncIterator[bytes]:
        yield PDF
        raise ConnectionResetError("client went away")

    with pytest.raises(ConnectionResetError):
        await store.put(broken_upload())

    assert files_under(tmp_path) == []


@pytest.mark.parametrize("key", ["../../etc/passwd", "AB" * 32, "ab" * 31, "ab" * 32 + "/x", ""])
async def test_a_key_that_is_not_a_sha256_hex_is_refused(tmp_path: Path, key: str) -> None:
    store = LocalFileStore(tmp_path)

    with pytest.raises(ValueError, match="not a file key"):
        await store.read(key)
    with pytest.raises(ValueError, match="not a file key"):
        await store.exists(key)
    with pytest.raises(ValueError, match="not a file key"):
        await store.delete(key)


@settings(deadline=None)
@given(chunks=st.lists(st.binary(max_size=300), max_size=8))
async def test_any_bytes_round_trip_under_their_sha256(chunks: list[bytes]) -> None:
    content = b"".join(chunks)
    with tempfile.TemporaryDirectory() as root:  # hypothesis runs many examples per tmp_path
        store = LocalFileStore(Path(root))

        key = await store.put(stream(*chunks))

        assert key == hashlib.sha256(content).hexdigest()
        assert await store.read(key) == content
        assert files_under(Path(root)) == [store.path(key)]


async def test_a_staged_file_can_be_read_while_written_and_appears_only_when_committed(
    tmp_path: Path,
) -> None:
    store = LocalFileStore(tmp_path)
    key = hashlib.sha256(PDF).hexdigest()

    async with store.stage() as staged:
        await staged.write(PDF[:7])
        await staged.write(PDF[7:])
        assert staged.path.read_bytes() == PDF  # what a content check reads
        assert (staged.size, staged.sha256) == (len(PDF), key)
        assert not await store.exists(key)
        assert await staged.commit() == key

    assert files_under(tmp_path) == [store.path(key)]


async def test_a_staged_file_left_uncommitted_is_removed(tmp_path: Path) -> None:
    store = LocalFileStore(tmp_path)

    with pytest.raises(ValueError, match="refused"):
        async with store.stage() as staged:
            await staged.write(PDF)
            raise ValueError("refused by a check")

    assert files_under(tmp_path) == []
