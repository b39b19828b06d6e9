"""The content type of a file from its first bytes, never from its name or declared type.

    sniff(b"%PDF-1.7 ...")  # "application/pdf"
    sniff(b"MZ...")         # None: not a type we recognise

To add a type, add its signature to `SIGNATURES` and its short name to `LABELS`.
"""

from __future__ import annotations

# content type -> alternatives, each a set of (offset, bytes) that must all match
SIGNATURES: dict[str, list[tuple[tuple[int, bytes], ...]]] = {
    "application/pdf": [((0, b"%PDF-"),)],
    "image/jpeg": [((0, b"\xff\xd8\xff"),)],
    "image/png": [((0, b"\x89PNG\r\n\x1a\n"),)],
    "image/webp": [((0, b"RIFF"), (8, b"WEBP"))],
    # ISO base media files: an `ftyp` box first, its major brand names the format
    "image/heic": [((4, b"ftypheic"),), ((4, b"ftypheix"),)],
    "image/heif": [((4, b"ftypmif1"),), ((4, b"ftypmsf1"),)],
}

# what citizens call each type, for messages
LABELS = {
    "application/pdf": "PDF",
    "image/jpeg": "JPG",
    "image/png": "PNG",
    "image/webp": "WebP",
    "image/heic": "HEIC",
    "image/heif": "HEIF",
}

# how many leading bytes `sniff` needs to tell every type apart
HEAD_SIZE = max(
    offset + len(magic)
    for alternatives in SIGNATURES.values()
    for parts in alternatives
    for offset, magic in parts
)


def sniff(head: bytes) -> str | None:
    """The content type of a file starting with `head` (HEAD_SIZE bytes are enough)."""
    for content_type, alternatives in SIGNATURES.items():
        for parts in alternatives:
            if all(head[offset : offset + len(magic)] == magic for offset, magic in parts):
                return content_type
    return None
