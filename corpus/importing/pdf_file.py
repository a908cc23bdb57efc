"""The text layer of a PDF, in the form the PDF-text reader takes.

Its own module because a PDF's text needs undoing before it is text at all (ligature glyphs,
Unicode hyphens, page numbers, a line repeated across a page break, words split at line ends)
and because it can fail in its own ways (encrypted, damaged, a scan without text); PDFium
(pypdfium2) is loaded only when a PDF is read. What is left (symbol headers, job numbers,
barcodes, footnotes under their separator) is the PDF-text reader's to handle, as for the
bundled texts.

Why PDFium, and why our own lines. Measured with ``benchmarks/pdf_bench.py --compare`` on the
UN's A/RES/73/7 (5 pages, 9 footnotes, a justified page), on a 10-page PDF of the official
layout built by ``tools/pdf_fixtures.py`` and on Qt's PDFs of the bundled texts (11-15 pages):

=========================  =============  ===========  ==========  =======  ========  ========
mode                       letter-spaced  unknown      separator   73/7     built     Qt PDFs
                           runs (73/7)    words 73/7   lines 73/7  ms/page  ms/page   ms/page
=========================  =============  ===========  ==========  =======  ========  ========
pypdf plain                0              12           4/4         54       3.9       114-121
pypdf layout (until now)   64             30           4/4         118      5.4       136-142
PDFium text range          0              13           4/4         4.5      2.5       4.4-6.8
PDFium characters (ours)   0              13           4/4         6.7      8.2       15-20
=========================  =============  ===========  ==========  =======  ========  ========

(Unknown words: not in the general English list, mostly names and symbols; operative numbers
came out in order in every mode.) pypdf's layout mode spaces out every letter of a justified
page ("wh i c h p r o v i d e s a f r a m e work"); its plain mode breaks a Qt PDF's lines at
every font change. PDFium's own text breaks a line at every raised footnote marker ("Court,1" /
"and calls upon"), leaves a marker alone on a line ("2017/18;" / "4") and a line-end hyphen
without its line break, so the lines are built here from PDFium's characters and their
positions: a line is the characters on one baseline, a raised smaller digit a footnote marker
glued to its word ("2013 9" becomes "20139"), the fragments of one baseline (two columns of the
letterhead) one line, top to bottom. Reading a 10-page PDF took 1.7-2.1 s with pypdf's layout
mode (Qt's PDFs) and takes 0.1-0.25 s; a scan or an encrypted file is refused in under 0.03 s.
"""

from __future__ import annotations

import ctypes
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from corpus.errors import SourceError, brief

if TYPE_CHECKING:
    from pathlib import Path

#: Far beyond any resolution, and what keeps a hostile PDF's extraction to seconds.
MAX_PAGES = 1_000
MAX_CHARACTERS = 4_000_000
#: Below this many visible characters a PDF's text layer is a scan's stray marks, not a text.
MIN_PDF_CHARACTERS = 50

_LIGATURES = re.compile("[\ufb00-\ufb06]")  # ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ
_BROKEN_SYMBOL = re.compile(r"(?:^|\s)\(?[A-Z][A-Z0-9.-]*(?:/[A-Za-z0-9.-]+)*/$")  # "(S/"
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u00a0": " ", "\x02": "-",
                          "\ufffe": "-"})  # PDFium: \x02 / U+FFFE for a hyphen at a line end
_PAGE_NUMBER = re.compile(r"^(?:-\s*\d{1,4}\s*-|\d{1,4}|Page \d{1,4}(?: of \d{1,4})?)$", re.I)
_FPDF_ERR_PASSWORD = 4


def pdf_text(path: Path, data: bytes) -> str:
    """The text layer of a PDF, in the form the PDF-text reader takes."""
    import pypdfium2 as pdfium  # only an imported PDF pays for loading it

    try:
        document = pdfium.PdfDocument(data)  # an empty user password is tried by PDFium
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == _FPDF_ERR_PASSWORD:
            raise SourceError(path, "the PDF is encrypted (password-protected); save an "
                              "unprotected copy and import that") from None
        raise SourceError(path, f"the PDF is damaged and cannot be read ({brief(exc)})") \
            from None
    if len(document) > MAX_PAGES:
        pages_count = len(document)
        document.close()
        raise SourceError(path, f"the PDF has {pages_count:,} pages, more than any resolution "
                          f"(Plenary reads up to {MAX_PAGES:,})")
    budget = [MAX_CHARACTERS]
    try:
        pages = [_page_lines(document, number, budget) for number in range(len(document))]
    except _TooLong:
        raise SourceError(path, f"the PDF holds more than {MAX_CHARACTERS:,} characters of "
                          "text, more than any resolution") from None
    except Exception as exc:  # PDFium reports a damaged page in more than one way
        raise SourceError(path, f"the PDF is damaged and cannot be read ({brief(exc)})") \
            from None
    finally:
        document.close()
    text = normalise_pdf_pages(pages)
    if sum(not ch.isspace() for ch in text) < MIN_PDF_CHARACTERS:
        raise SourceError(path, "the PDF has no text layer (a scanned image?); Plenary needs the "
                          "text: run OCR on it first, or import the Word or text version")
    return text


# --- Lines from PDFium's characters -----------------------------------------------------------


@dataclass
class _Line:
    """Characters on one baseline, in the order PDFium reads them."""

    baseline: float
    size: float  # font size of its body text (a footnote marker is smaller)
    left: float
    right: float
    last: float  # where its last character starts
    text: list[str] = field(default_factory=list)
    raised: bool = False  # so far only digits: perhaps the raised number opening a footnote


class _TooLong(Exception):
    """The PDF holds more text than the import reads."""


def _page_lines(document, number: int, budget: list[int]) -> list[str]:
    """One page's lines, top to bottom, each the characters of one baseline left to right.
    ``budget`` is how many characters may still be read, counted down before any is: a page
    of a million glyphs is refused, not read."""
    import pypdfium2.raw as raw

    page = document[number]
    textpage = page.get_textpage()
    try:
        budget[0] -= raw.FPDFText_CountChars(textpage.raw)
        if budget[0] < 0:
            raise _TooLong
        fragments = _fragments(raw, textpage.raw)
    finally:
        textpage.close()
        page.close()
    return [line for line in _merged(fragments) if line]


def _fragments(raw, textpage) -> list[_Line]:
    box = raw.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()
    fragments: list[_Line] = []
    line: _Line | None = None
    space = False
    for index in range(raw.FPDFText_CountChars(textpage)):
        code = raw.FPDFText_GetUnicode(textpage, index)
        char = chr(code) if 0 < code < 0x110000 else ""
        if not char or char.isspace():
            space = space or bool(char)  # PDFium's line breaks are decided below, by position
            continue
        # The loose box is the glyph's advance by the font's ascent and descent: its height is
        # the size as drawn (PDFium's font size leaves out the text matrix, by which Qt scales).
        raw.FPDFText_GetLooseCharBox(textpage, index, box)
        raw.FPDFText_GetCharOrigin(textpage, index, x, y)
        size = (box.top - box.bottom) or 10.0
        start, end = min(box.left, x.value), max(box.right, x.value)
        if line is not None and _continues(line, y.value, size, start):
            if line.raised and size > line.size * 1.15:  # the body after a leading marker
                line.baseline, line.size = y.value, size
                if line.text and line.text[-1] != " ":
                    line.text.append(" ")  # "9 See resolution 70/1."
                space = False
            gap = start - line.right
            marker = char.isdigit() and gap < 0.6 * line.size and _is_raised(line, y.value, size)
            if marker and not line.raised:
                while line.text and line.text[-1] == " ":  # "2013 9" → "20139"
                    line.text.pop()
            elif (space or gap > 0.25 * line.size) and line.text and line.text[-1] != " ":
                line.text.append(" ")
            line.text.append(char)
            line.right, line.last = max(line.right, end), start
            line.raised = line.raised and char.isdigit()
        else:
            line = _Line(y.value, size, start, end, start, [char], raised=char.isdigit())
            fragments.append(line)
        space = False
    return fragments


def _continues(line: _Line, baseline: float, size: float, start: float) -> bool:
    """Whether a character at ``baseline``, ``start`` goes on ``line``: on its baseline (or
    raised as a marker, or lowered back from one) and not far back to the left."""
    if start < line.last - max(line.size, size) * 0.5:  # (a ligature's letters share a place)
        return False
    shift = baseline - line.baseline
    tolerance = 0.25 * max(line.size, size)
    if abs(shift) <= tolerance:
        return True
    if size < line.size * 0.9 and 0 < shift <= 0.7 * line.size:
        return True  # a raised, smaller marker
    return line.raised and size > line.size and -0.7 * size <= shift < 0


def _is_raised(line: _Line, baseline: float, size: float) -> bool:
    return size < line.size * 0.9 and baseline - line.baseline > 0.15 * line.size


def _merged(fragments: list[_Line]) -> list[str]:
    """Fragments on one baseline (two columns, a run drawn out of order) joined left to right,
    and the lines ordered top to bottom."""
    rows: list[list[_Line]] = []
    for fragment in sorted(fragments, key=lambda f: -f.baseline):
        row = rows[-1] if rows else None
        if row is not None and abs(row[0].baseline - fragment.baseline) <= 0.25 * min(
                row[0].size, fragment.size) and not any(_overlap(f, fragment) for f in row):
            row.append(fragment)
        else:
            rows.append([fragment])
    lines = []
    for row in rows:
        row.sort(key=lambda f: f.left)
        lines.append(" ".join("".join(f.text).strip() for f in row))
    return lines


def _overlap(a: _Line, b: _Line) -> bool:
    return a.left < b.right - 1 and b.left < a.right - 1


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
