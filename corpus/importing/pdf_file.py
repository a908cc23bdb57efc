"""The text layer of a PDF, in the form the PDF-text reader takes.

Its own module because a PDF's text needs undoing before it is text at all (ligature glyphs,
Unicode hyphens, page numbers, a line repeated across a page break, words split at line ends)
and because it can fail in its own ways (encrypted, damaged, a scan without text); pypdf is
loaded only when a PDF is read. What is left (symbol headers, job numbers, barcodes) is the
PDF-text reader's to remove, as for the bundled texts.
"""

from __future__ import annotations

import io
import re
import unicodedata
from typing import TYPE_CHECKING

from corpus.errors import SourceError, brief

if TYPE_CHECKING:
    from pathlib import Path

    import pypdf

#: Below this many visible characters a PDF's text layer is a scan's stray marks, not a text.
MIN_PDF_CHARACTERS = 50

_LIGATURES = re.compile("[\ufb00-\ufb06]")  # ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ
_BROKEN_SYMBOL = re.compile(r"(?:^|\s)\(?[A-Z][A-Z0-9.-]*(?:/[A-Za-z0-9.-]+)*/$")  # "(S/"
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u00a0": " "})
_PAGE_NUMBER = re.compile(r"^(?:-\s*\d{1,4}\s*-|\d{1,4}|Page \d{1,4}(?: of \d{1,4})?)$", re.I)


def pdf_text(path: Path, data: bytes) -> str:
    """The text layer of a PDF, in the form the PDF-text reader takes."""
    import pypdf  # only an imported PDF pays for loading it

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not _decrypted(path, reader):
            raise SourceError(path, "the PDF is encrypted (password-protected); save an "
                              "unprotected copy and import that")
        pages = [_page_lines(page) for page in reader.pages]
    except SourceError:
        raise
    except Exception as exc:  # pypdf raises many kinds of error on a damaged file
        raise SourceError(path, f"the PDF is damaged and cannot be read ({brief(exc)})") \
            from None
    text = normalise_pdf_pages(pages)
    if sum(not ch.isspace() for ch in text) < MIN_PDF_CHARACTERS:
        raise SourceError(path, "the PDF has no text layer (a scanned image?); Plenary needs the "
                          "text: run OCR on it first, or import the Word or text version")
    return text


def _decrypted(path: Path, reader: pypdf.PdfReader) -> bool:
    """Many PDFs are encrypted with an empty password only to restrict printing or copying."""
    from pypdf.errors import DependencyError

    try:
        return bool(reader.decrypt(""))
    except DependencyError:
        raise SourceError(path, "the PDF is encrypted with AES, which Plenary can only open with "
                          "the optional “cryptography” package installed; save an unprotected "
                          "copy and import that") from None


def _page_lines(page: pypdf.PageObject) -> list[str]:
    """One page's lines. Layout mode groups the text by its position on the page, so a line set
    in several fonts (an italic verb) stays one line, as in the bundled extractions; the plain
    mode is the fallback for a page the layout mode cannot read."""
    try:
        text = page.extract_text(extraction_mode="layout", layout_mode_space_vertically=False)
    except Exception:  # any failure here: try the simpler mode
        text = page.extract_text()
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def normalise_pdf_pages(pages: list[list[str]]) -> str:
    """Join the pages' lines into one text and undo what PDF extraction does to it.

    Ligature glyphs become their letters, Unicode hyphens "-", tabs and runs of spaces one
    space; a page number alone at the top or foot of a page goes; a line drawn at the foot of
    one page and again, clipped, at the top of the next (Qt's PDFs do) is kept once; a soft
    hyphen, or a slash ending a symbol ("S/" / "2017/375"), at the end of a line joins the two
    halves of the word. The rest of the furniture (symbol headers, job numbers, barcodes) is
    the PDF-text reader's to remove, as for the bundled texts.
    """
    lines: list[str] = []
    for page in pages:
        cleaned = [_clean_pdf_line(line) for line in page]
        filled = [line for line in cleaned if line]
        while filled and _PAGE_NUMBER.match(filled[-1]):
            filled.pop()
        while filled and _PAGE_NUMBER.match(filled[0]):
            filled.pop(0)
        if filled and lines and filled[0] == lines[-1] and len(filled[0]) >= 20:
            filled.pop(0)
        lines.extend(filled)
    joined: list[str] = []
    for line in lines:
        if joined and line[:1].isalnum() and (
                joined[-1].endswith("\u00ad") or _BROKEN_SYMBOL.search(joined[-1])):
            joined[-1] = joined[-1].removesuffix("\u00ad") + line
        else:
            joined.append(line)
    return "\n".join(line.replace("\u00ad", "") for line in joined) + "\n"


def _clean_pdf_line(line: str) -> str:
    line = _LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group()), line)
    return " ".join(line.translate(_HYPHENS).split())
