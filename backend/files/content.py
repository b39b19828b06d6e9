"""Beyond the first bytes: a PDF must parse as a PDF, an image must decode within a pixel budget.

    await check_content(path, "application/pdf")  # or UploadRejected: damaged, encrypted, ...

The parsers are CPU work on hostile input, so they run in a worker thread, at most
`CHECKS_AT_ONCE` at a time (an image is decoded in memory: the budget times four bytes each), and
a check that has not finished after `CHECK_SECONDS` refuses the file (its thread cannot be
stopped: it runs on to its end, the worker's event loop never waits for it).
HEIC/HEIF are recognised by their first bytes only: Pillow cannot decode them.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path

from PIL import Image
from pypdf import PasswordType, PdfReader

from backend.files.errors import UploadRejected
from backend.files.sniff import LABELS

MAX_PIXELS = 80_000_000  # a 200-megapixel phone photo is sent as JPEG, decoded at 1/8 scale
MAX_PDF_PAGES = 500
CHECK_SECONDS = 30.0
CHECKS_AT_ONCE = 2
_PILLOW_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
_checking = threading.BoundedSemaphore(CHECKS_AT_ONCE)
_Check = Callable[[Path, str], None]


async def check_content(path: Path, content_type: str) -> None:
    """Raise UploadRejected unless the file at `path` is a sound file of `content_type`."""
    if content_type == "application/pdf":
        check = _check_pdf
    elif content_type in _PILLOW_FORMATS:
        check = _check_image
    else:
        return
    try:
        await asyncio.wait_for(
            asyncio.to_thread(_one_at_a_time, check, path, content_type), CHECK_SECONDS
        )
    except TimeoutError:
        raise UploadRejected(
            "damaged",
            "无法在规定时间内读取此文件，请换一个文件或重新扫描后上传",
            "This file could not be read in the time allowed; please choose another file or scan it again.",
        ) from None


def _one_at_a_time(check: _Check, path: Path, content_type: str) -> None:
    with _checking:
        check(path, content_type)


def _check_pdf(path: Path, content_type: str) -> None:
    try:
        reader = PdfReader(path, strict=False)
        # A PDF that only restricts printing or copying opens without a password: it is fine.
        locked = reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED
        pages = 0 if locked else len(reader.pages)
    except Exception:  # hostile input makes the parser fail in any way it can; none is ours
        raise _damaged("PDF") from None
    if locked:
        raise UploadRejected(
            "encrypted",
            "此 PDF 设有密码，工作人员无法打开，请上传未加密的文件",
            "This PDF is password-protected and staff could not open it; please upload it without a password.",
        )
    if pages == 0:
        raise _damaged("PDF")
    if pages > MAX_PDF_PAGES:
        raise UploadRejected(
            "too_many_pages",
            f"此 PDF 有 {pages} 页，超过 {MAX_PDF_PAGES} 页上限，请只上传所需的页面",
            f"This PDF has {pages} pages, over the limit of {MAX_PDF_PAGES}; please upload only the pages needed.",
        )


def _check_image(path: Path, content_type: str) -> None:
    pillow_format = _PILLOW_FORMATS[content_type]
    try:
        with Image.open(path, formats=[pillow_format]) as image:  # reads the header only
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise _too_many_pixels()
            image.verify()  # the container: chunk checksums, markers
        with Image.open(path, formats=[pillow_format]) as image:
            # JPEG: every block is decoded, at 1/8 scale (1/64 of the memory); others in full
            image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None  # Pillow's own guard, for a header past ours
    except UploadRejected:
        raise
    except Exception:  # as for PDFs: a broken image can fail in any way
        raise _damaged(LABELS[content_type]) from None


def _too_many_pixels() -> UploadRejected:
    budget = MAX_PIXELS // 1_000_000
    return UploadRejected(
        "image_too_large",
        f"图片超过 {budget} 百万像素（宽×高）上限，请缩小后重新上传",
        f"The image has more than {budget} megapixels (width × height); please resize it and upload it again.",
    )


def _damaged(label: str) -> UploadRejected:
    return UploadRejected(
        "damaged",
        f"此文件不是完整有效的 {label} 文件，可能已损坏，请重新扫描或导出后上传",
        f"This file is not a whole, valid {label} file and may be damaged; please scan or export it again and upload it.",
    )

