"""Helpers for the files tests: whole sample files, made here, and streams that count what
was read."""

from __future__ import annotations

import io
import random
import struct
import zlib
from collections.abc import AsyncIterator
from pathlib import Path

from PIL import Image


def pdf(payload: bytes = b"", pages: int = 1) -> bytes:
    """A whole PDF of blank pages, its cross-reference table at the right offsets; `payload`
    (any bytes) rides in a stream object, so the file can be made as large as a test needs."""
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Length %d >>\nstream\n" % len(payload) + payload + b"\nendstream",
        *[b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages,
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def photo(width: int, height: int, kind: str = "JPEG", seed: int = 1) -> bytes:
    """An image of noise (it does not compress away), as a phone would send a photo."""
    noise = random.Random(seed).randbytes(width * height * 3)
    out = io.BytesIO()
    Image.frombytes("RGB", (width, height), noise).save(out, kind, quality=95)
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header claims width × height pixels (a decompression bomb's shape)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 4096))
        + chunk(b"IEND", b"")
    )


PDF = pdf()
PNG = photo(1, 1, "PNG")
JPEG = photo(8, 8)


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
