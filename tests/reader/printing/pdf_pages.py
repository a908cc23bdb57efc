"""Reading a printed PDF back as a person would look at it: each page's text (PDFium), the
paper's size, whether a colour is on the page."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium


def pdf_text(path: Path) -> list[str]:
    """Each page's text as PDFium reads it, lines joined by spaces."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in pdf]
    finally:
        pdf.close()


def page_size(path: Path) -> tuple[float, float]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return pdf[0].get_size()
    finally:
        pdf.close()


def has_colour(path: Path, rgb: tuple[int, int, int], page: int = 0) -> bool:
    """Whether any pixel of the page, rendered, is ``rgb`` (within a few steps)."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        bitmap = pdf[page].render(scale=1, rev_byteorder=True)
        data, step = bytes(bitmap.buffer), bitmap.n_channels
        return any(all(abs(data[i + k] - rgb[k]) <= 3 for k in range(3))
                   for i in range(0, len(data) - step, step))
    finally:
        pdf.close()


def words(text: str) -> str:
    return " ".join(text.split())
