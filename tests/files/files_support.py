"""Helpers for the files tests: sample file heads and streams that count what was read."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"


async def stream(*chunks: bytes) -> AsyncIterator[bytes]:
    for chunk in chunks:
        yield chunk


class CountingStream:
    """An endless-looking upload: `total` chunks of `size` bytes after `head`; counts reads."""

    def __init__(self, head: bytes, size: int, total: int) -> None:
        self.head, self.size, self.total = head, size, total
        self.consumed = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for _ in range(self.total):
            self.consumed += 1
            yield (self.head if self.consumed == 1 else b"") + b"\0" * self.size


def files_under(root: Path) -> list[Path]:
    """Every regular file below root, temp files included."""
    return sorted(p for p in root.rglob("*") if p.is_file())
