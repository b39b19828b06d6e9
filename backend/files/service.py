"""Taking in a citizen's upload: capped in size, hashed while read, typed by its bytes, checked
whole.

    stored = await store_upload(
        store, upload, filename=upload.filename or "",
        accept=["application/pdf", "image/jpeg", "image/png"], max_bytes=10 * MB,
    )  # StoredFile, or UploadRejected with a code and messages for the citizen

The upload is written to a staged file in the store as it arrives (never held whole in memory);
it is refused as soon as it can be told (a file over max_bytes is not read past its limit, a
refused type not past its head), then checked whole (content.py: a PDF must parse, an image
decode), and only then committed: a refused upload leaves nothing behind.
The file name is display text only: the content type comes from the bytes (see sniff.py).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import AsyncGenerator, AsyncIterable, Sequence
from contextlib import aclosing
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from backend.files.content import check_content
from backend.files.errors import RejectionCode, UploadRejected
from backend.files.sniff import HEAD_SIZE, LABELS, SIGNATURES, sniff
from backend.files.store import FileStore as FileStore

# What other domains and the API use of this domain's own modules (its public surface).
from backend.files.store import LocalFileStore as LocalFileStore

__all__ = [
    "MB",
    "Readable",
    "RejectionCode",
    "StoredFile",
    "UploadRejected",
    "clean_filename",
    "store_upload",
]

MB = 1024 * 1024
READ_SIZE = 64 * 1024
MAX_FILENAME = 100
_UNPRINTABLE = {"Cc", "Cf", "Cs", "Zl", "Zp"}  # controls, bidi overrides, line separators


@dataclass(frozen=True)
class StoredFile:
    key: str
    sha256: str
    size: int
    content_type: str
    filename: str


@runtime_checkable
class Readable(Protocol):
    """What store_upload needs of starlette's UploadFile."""

    async def read(self, size: int = -1, /) -> bytes: ...


async def store_upload(
    store: FileStore,
    source: AsyncIterable[bytes] | Readable,
    filename: str,
    accept: Sequence[str],
    max_bytes: int,
) -> StoredFile:
    """Check the upload and commit it to the store; raises UploadRejected as soon as it can
    tell (a file over max_bytes is not read to its end, a refused type not past its head)."""
    if not accept or max_bytes <= 0 or not set(accept) <= SIGNATURES.keys():
        raise ValueError(f"accept must name types sniff.py knows, got {list(accept)}")
    head = b""
    content_type: str | None = None
    async with store.stage() as staged, aclosing(_chunks(source)) as stream:
        try:
            async for chunk in stream:
                if staged.size + len(chunk) > max_bytes:
                    raise _too_large(max_bytes)
                await staged.write(chunk)
                if len(head) < HEAD_SIZE:
                    head += chunk[: HEAD_SIZE - len(head)]
                    if len(head) == HEAD_SIZE:
                        content_type = _accepted_type(head, accept)
        except EOFError:  # the request ended, or broke, before the file did
            raise UploadRejected(
                "incomplete",
                "文件没有完整上传，请重新上传",
                "The file did not arrive whole; please upload it again.",
            ) from None
        if staged.size == 0:
            raise UploadRejected(
                "empty",
                "文件是空的（0 字节），请重新选择文件上传",
                "The file is empty (0 bytes); please choose the file again and upload it.",
            )
        if content_type is None:  # shorter than HEAD_SIZE
            content_type = _accepted_type(head, accept)
        await check_content(staged.path, content_type)
        key = await staged.commit()
        return StoredFile(
            key=key,
            sha256=key,
            size=staged.size,
            content_type=content_type,
            filename=clean_filename(filename),
        )


def clean_filename(name: str) -> str:
    """The name without directories or unprintable characters, at most MAX_FILENAME
    characters, keeping a short extension when it has to cut."""
    name = re.split(r"[/\\]", unicodedata.normalize("NFC", name))[-1]
    name = "".join(c for c in name if unicodedata.category(c) not in _UNPRINTABLE).strip()
    if len(name) <= MAX_FILENAME:
        return name
    stem, dot, extension = name.rpartition(".")
    if stem and len(extension) <= 10:
        return stem[: MAX_FILENAME - len(extension) - 1] + dot + extension
    return name[:MAX_FILENAME]


async def _chunks(source: AsyncIterable[bytes] | Readable) -> AsyncGenerator[bytes, None]:
    if isinstance(source, Readable):
        while chunk := await source.read(READ_SIZE):
            yield chunk
    else:
        async for chunk in source:
            if chunk:
                yield chunk


def _accepted_type(head: bytes, accept: Sequence[str]) -> str:
    content_type = sniff(head)
    if content_type is not None and content_type in accept:
        return content_type
    labels = list(dict.fromkeys(LABELS[t] for t in accept))
    allowed_zh = "、".join(labels)
    allowed_en = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]
    if content_type is None:
        raise UploadRejected(
            "type_not_allowed",
            f"只接受 {allowed_zh} 格式，无法识别此文件的格式",
            f"Only {allowed_en} files are accepted; the format of this file is not recognised.",
        )
    raise UploadRejected(
        "type_not_allowed",
        f"只接受 {allowed_zh} 格式，此文件是 {LABELS[content_type]}",
        f"Only {allowed_en} files are accepted; this file is {LABELS[content_type]}.",
    )


def _too_large(max_bytes: int) -> UploadRejected:
    limit = _size_text(max_bytes)
    return UploadRejected(
        "too_large",
        f"文件超过 {limit} 上限，请压缩后重新上传",
        f"The file is larger than the {limit} limit; please compress it and upload it again.",
    )


def _size_text(size: int) -> str:
    """Rounded down, so the limit we state is never above the real one."""
    for unit, scale in (("MB", MB), ("KB", 1024)):
        if size >= scale:
            return f"{math.floor(size / scale * 10) / 10:g} {unit}"
    return f"{size} B"
