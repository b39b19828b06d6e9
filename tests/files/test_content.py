"""Beyond the first bytes: what starts like a PDF or an image must parse or decode as one."""

import asyncio
import io
from pathlib import Path

import pytest
from files_support import PDF, PNG, files_under, pdf, photo, png_claiming, stream
from pypdf import PdfReader, PdfWriter

from backend.files.content import MAX_PDF_PAGES, check_content
from backend.files.service import MB, UploadRejected, store_upload
from backend.files.store import LocalFileStore

DOCUMENTS = ["application/pdf", "image/jpeg", "image/png"]


async def refusal(root: Path, content: bytes, filename: str = "scan.pdf") -> UploadRejected:
    """Upload `content` to a store at root; the refusal, after checking nothing was kept."""
    store = LocalFileStore(root)
    with pytest.raises(UploadRejected) as rejected:
        await store_upload(store, stream(content), filename, accept=DOCUMENTS, max_bytes=32 * MB)
    assert files_under(root) == []  # neither a stored file nor a staged one
    return rejected.value


def encrypted(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(PDF)))
    writer.encrypt(user_password, owner_password="owner", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        PDF[: len(PDF) // 2],  # cut off in the middle
        b"%PDF-1.7\n" + bytes(range(256)) * 64,  # the right first bytes, then noise
        pdf(pages=0),  # parses, but there is nothing to read
    ],
    ids=["truncated", "noise", "no-pages"],
)
async def test_a_pdf_that_does_not_parse_is_refused_as_damaged(
    tmp_path: Path, content: bytes
) -> None:
    rejected = await refusal(tmp_path, content)

    assert rejected.code == "damaged"
    assert rejected.message_zh.startswith("此文件不是完整有效的 PDF 文件")
    assert "not a whole, valid PDF" in rejected.message_en


async def test_an_elf_program_named_pdf_is_refused_by_its_first_bytes(tmp_path: Path) -> None:
    elf = b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00" + bytes(4096)

    rejected = await refusal(tmp_path, elf, filename="contract.pdf")

    assert rejected.code == "type_not_allowed"


async def test_a_pdf_locked_with_a_password_is_refused_but_one_that_only_restricts_is_kept(
    tmp_path: Path,
) -> None:
    rejected = await refusal(tmp_path, encrypted("secret"))
    assert rejected.code == "encrypted"
    assert "密码" in rejected.message_zh

    stored = await store_upload(
        LocalFileStore(tmp_path),
        stream(encrypted("")),  # opens without a password; printing or copying restricted
        "restricted.pdf",
        accept=DOCUMENTS,
        max_bytes=MB,
    )
    assert stored.content_type == "application/pdf"


async def test_a_pdf_of_more_pages_than_the_limit_is_refused_saying_how_many(
    tmp_path: Path,
) -> None:
    rejected = await refusal(tmp_path, pdf(pages=MAX_PDF_PAGES + 1))

    assert rejected.code == "too_many_pages"
    assert f"{MAX_PDF_PAGES + 1} 页" in rejected.message_zh


async def test_a_png_whose_header_claims_60000_by_60000_pixels_is_refused_undecoded(
    tmp_path: Path,
) -> None:
    rejected = await refusal(tmp_path, png_claiming(60000, 60000), filename="scan.png")

    assert rejected.code == "image_too_large"
    assert "80 百万像素" in rejected.message_zh
    assert "80 megapixels" in rejected.message_en


async def test_an_image_just_over_our_pixel_budget_is_refused_before_pillows_own_guard(
    tmp_path: Path,
) -> None:
    rejected = await refusal(tmp_path, png_claiming(10000, 8001), filename="scan.png")

    assert rejected.code == "image_too_large"


@pytest.mark.parametrize(
    ("content", "label"),
    [
        (photo(64, 64)[:-600], "JPG"),  # the end of the scan never arrived
        (PNG[:-20] + b"\x00" * 8 + PNG[-12:], "PNG"),  # a chunk whose checksum does not match
    ],
    ids=["truncated-jpeg", "png-bad-checksum"],
)
async def test_an_image_that_does_not_decode_is_refused_as_damaged(
    tmp_path: Path, content: bytes, label: str
) -> None:
    rejected = await refusal(tmp_path, content, filename="scan.jpg")

    assert rejected.code == "damaged"
    assert f"有效的 {label} 文件" in rejected.message_zh


async def test_a_real_photo_and_a_real_pdf_pass_their_checks(tmp_path: Path) -> None:
    store = LocalFileStore(tmp_path)

    for content, kind in [(photo(640, 480), "image/jpeg"), (photo(64, 48, "PNG"), "image/png")]:
        stored = await store_upload(store, stream(content), "p", accept=DOCUMENTS, max_bytes=MB)
        assert stored.content_type == kind
    stored = await store_upload(store, stream(pdf(b"x" * 1000, pages=3)), "p", DOCUMENTS, MB)
    assert stored.content_type == "application/pdf"


async def test_the_content_check_runs_off_the_event_loop(tmp_path: Path) -> None:
    """While a large photo is decoded, other coroutines run: had the check run on the event
    loop, it would finish before the ticker's first turn."""
    path = tmp_path / "big.jpg"
    path.write_bytes(photo(2000, 1500))
    done = asyncio.Event()
    ticks = 0

    async def check() -> None:
        await check_content(path, "image/jpeg")
        done.set()

    async def ticker() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            await asyncio.sleep(0)

    await asyncio.gather(check(), ticker())

    assert ticks > 0
