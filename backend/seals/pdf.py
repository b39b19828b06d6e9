"""A sealed document's PDF: its title, its lines (Chinese first, then English), the issuer's
red seal, and a QR code that opens the public /verify page at its number.

reportlab draws it with the Adobe-Asian CID font STSong-Light, which every PDF reader carries:
no font file is shipped or embedded, so the image needs none and a notice stays a few KB.
The document's number is also in the PDF's metadata (/Subject), so /verify can name the
document a changed copy claims to be."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
SEAL_RED = Color(0.8, 0.1, 0.1)
MARGIN = 56
QR_SIZE = 110


@dataclass(frozen=True)
class Page:
    """What a document shows: its title and lines as (label, value) pairs, each in both
    languages, the issuer's name, its number and the address the QR code opens."""

    title: dict[str, str]
    lines: Sequence[tuple[dict[str, str], str]]
    issuer: dict[str, str]
    number: str
    issued_on: str
    verify_url: str


def render(page: Page) -> bytes:
    """The PDF's bytes; the same page gives the same bytes (reportlab's invariant mode)."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=True, pageCompression=1)
    canvas.setTitle(f"{page.title['zh']} {page.title['en']}")
    canvas.setSubject(page.number)
    canvas.setAuthor(page.issuer["zh"])
    canvas.setCreator("ZeroRun")
    width, height = A4
    canvas.setFont(FONT, 22)
    canvas.drawCentredString(width / 2, height - 90, page.title["zh"])
    canvas.setFont(FONT, 12)
    canvas.drawCentredString(width / 2, height - 112, page.title["en"])
    canvas.setFont(FONT, 10)
    canvas.drawRightString(width - MARGIN, height - 140, f"编号 No. {page.number}")
    y = height - 180
    for label, value in page.lines:
        canvas.setFont(FONT, 12)
        for i, part in enumerate(_wrapped(f"{label['zh']}：{value}", width - 2 * MARGIN, 12)):
            if y < 330:  # the seal and the QR code keep the foot of the page
                break
            canvas.drawString(MARGIN + (24 if i else 0), y, part)
            y -= 16
        canvas.setFont(FONT, 9)
        canvas.drawString(MARGIN, y + 3, label["en"])
        y -= 18
    _seal(canvas, page.issuer["zh"], width - MARGIN - 80, 268)
    canvas.setFont(FONT, 11)
    canvas.drawRightString(width - MARGIN, 190, page.issuer["zh"])
    canvas.drawRightString(width - MARGIN, 174, page.issued_on)
    _qr(canvas, page.verify_url, MARGIN, 150)
    canvas.setFont(FONT, 8)
    canvas.setFillColor(black)
    canvas.drawString(MARGIN, 136, "扫码或访问以下地址核验真伪 Scan or visit to verify:")
    canvas.drawString(MARGIN, 124, page.verify_url)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _wrapped(text: str, width: float, size: float) -> list[str]:
    """The text in lines that fit `width` (by each character's width: CJK text has no spaces)."""
    lines, line = [], ""
    for ch in text:
        if pdfmetrics.stringWidth(line + ch, FONT, size) > width - 24:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line]


def _seal(canvas: Canvas, name: str, x: float, y: float) -> None:
    """The issuer's red round seal, its name across it (the signature is what proves it)."""
    canvas.saveState()
    canvas.setStrokeColor(SEAL_RED)
    canvas.setFillColor(SEAL_RED)
    canvas.setLineWidth(2.5)
    canvas.circle(x, y, 58, stroke=1, fill=0)
    canvas.setFont(FONT, 20)
    canvas.drawCentredString(x, y - 7, "★")
    size = min(10.0, 84 / max(1, len(name)))
    canvas.setFont(FONT, size)
    canvas.drawCentredString(x, y - 30, name)
    canvas.setFont(FONT, 8)
    canvas.drawCentredString(x, y + 22, "电子印章")
    canvas.restoreState()


def _qr(canvas: Canvas, url: str, x: float, y: float) -> None:
    widget = QrCodeWidget(url, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(
        QR_SIZE, QR_SIZE, transform=[QR_SIZE / (right - left), 0, 0, QR_SIZE / (top - bottom), 0, 0]
    )
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y)


def lines_of(pairs: Sequence[tuple[str, str, str]]) -> list[tuple[dict[str, str], str]]:
    """(label zh, label en, value) triples as a page's lines."""
    return [({"zh": zh, "en": en}, value) for zh, en, value in pairs]
