import pytest
from files_support import JPEG, PDF, PNG

from backend.files.sniff import HEAD_SIZE, LABELS, SIGNATURES, sniff


@pytest.mark.parametrize(
    ("head", "content_type"),
    [
        (PDF, "application/pdf"),
        (JPEG, "image/jpeg"),
        (b"\xff\xd8\xff\xe1\x00\x18Exif\x00\x00", "image/jpeg"),
        (PNG, "image/png"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "image/heic"),
        (b"\x00\x00\x00\x18ftypheix\x00\x00\x00\x00", "image/heic"),
        (b"\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00mif1heic", "image/heif"),
        (b"\x00\x00\x00\x1cftypmsf1\x00\x00\x00\x00", "image/heif"),
    ],
)
def test_each_supported_type_is_recognised_by_its_first_bytes(
    head: bytes, content_type: str
) -> None:
    assert sniff(head) == content_type
    assert sniff(head[:HEAD_SIZE]) == content_type


@pytest.mark.parametrize(
    "head",
    [
        b"",
        b"%PD",
        b"\xff\xd8",
        b"GIF89a\x01\x00\x01\x00",
        b"PK\x03\x04\x14\x00\x06\x00",  # .docx, .zip
        b"RIFF\x24\x00\x00\x00WAVEfmt ",
        b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00",
        b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00",  # iPhone .mov
        b"MZ\x90\x00\x03\x00\x00\x00",
        b"<!DOCTYPE html><title>%PDF-</title>",
        b" %PDF-1.7",
    ],
)
def test_anything_else_is_unknown(head: bytes) -> None:
    assert sniff(head) is None


def test_every_recognised_type_has_a_label_for_messages() -> None:
    assert LABELS.keys() == SIGNATURES.keys()
