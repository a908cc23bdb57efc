"""A text file's bytes to text, and which raw form the text is in.

Kept apart from the PDF and Word readers because a text file's problems are its own: it arrives
in whatever encoding its editor chose (a byte-order mark, UTF-8, or Windows-1252 from Word and
Notepad), may be binary data under a .txt name, and may be either raw form (the Markdown export,
or text copied out of a PDF with its page furniture), or Word's "Save as plain text", which
needs blank lines between its paragraphs before the Markdown reader can tell them apart.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import TYPE_CHECKING

from corpus.errors import SourceError

if TYPE_CHECKING:
    from pathlib import Path

_BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def decode_text(path: Path, data: bytes) -> tuple[str, str]:
    """The text of a text file with newlines as ``\\n``, and the encoding it was read in.

    A byte-order mark decides; without one, strict UTF-8, then Windows-1252 (what Word and
    Notepad write on Western-European Windows), then Latin-1, which accepts any bytes, so the
    control-character check is what tells binary data from text there.
    """
    text, encoding = _decode(path, data)
    if not text.strip():
        raise SourceError(path, "the file is empty")
    controls = sum(1 for ch in text
                   if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS)
    if controls > len(text) // 100 + 8:
        raise SourceError(path, "this is binary data, not a text file")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                return body.decode(codec), name
            except UnicodeDecodeError as exc:
                line = body[: exc.start].count("\n".encode(codec)) + 1
                raise SourceError(path, f"the file says it is {name.upper()} but is not (byte "
                                  f"{len(bom) + exc.start} cannot be read)", line=line) from None
    unmarked = _unmarked_utf16(data)
    if unmarked:
        try:
            return data.decode(unmarked), "utf-16"
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise SourceError(path, "this is binary data, not a text file")
    for codec in ("utf-8", "cp1252"):
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def _unmarked_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: mostly Latin text has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 16 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


_JOB_NUMBER = re.compile(r"^\d{2}-\d{5}\b|^\d+/\d+\s+\d{2}-\d{5}$")  # "17-23111 2/13"
_BARCODE = re.compile(r"^\*\d{6,}\*$")  # "*1723111*"
_WORD_END = re.compile(r"[A-Za-z]$")
_MARKDOWN = re.compile(r"\*\*|\]\(|^#{1,6} |(?<![\w*])\*[A-Za-z][^*\n]{0,80}\*(?![\w*])", re.M)


def classify_text(text: str) -> str:
    """"markdown" or "pdf-text": which raw form a text file is in.

    The Markdown export holds a paragraph on one long line; text extracted from a PDF is wrapped
    at the page's width (under about 100 characters), so many lines end inside a sentence and the
    next goes on in lower case, and it keeps page furniture such as "17-23111 2/13" or the
    barcode "*1723111*". Furniture decides; then long lines (Markdown, unless the text has no
    Markdown marks and separates its paragraphs by blank lines: plain text); then Markdown marks
    (``*Decides*``, ``**``, links), which PDF text never has; then wrapping. Of the rest, a text
    with a Markdown mark is read as Markdown (which keeps its italics), plain text line by line.
    """
    raw_lines = text.splitlines()
    lines = [" ".join(line.split()) for line in raw_lines]
    lines = [line for line in lines if line]
    if any(_JOB_NUMBER.match(line) or _BARCODE.match(line) for line in lines):
        return "pdf-text"
    marks = len(_MARKDOWN.findall(text))
    if sum(len(line) > 120 for line in lines) >= max(1, 0.15 * len(lines)):
        # Paragraphs on long lines: the Markdown export, Word's "Save as plain text" (no blank
        # lines: separate_paragraph_lines), or plain text whose paragraphs are apart (a scan's
        # OCR), which the line-by-line reader takes, wrapped lines or not.
        blank = sum(1 for line in raw_lines if not line.strip())
        return "markdown" if marks or blank < len(lines) / 4 else "pdf-text"
    if marks >= 3:
        return "markdown"  # hard-wrapped Markdown: CommonMark joins its lines itself
    pairs = list(zip(lines, lines[1:], strict=False))
    wrapped = sum(1 for a, b in pairs if _WORD_END.search(a) and b[:1].islower())
    if pairs and wrapped >= 0.15 * len(pairs):
        return "pdf-text"
    return "markdown" if marks else "pdf-text"


def separate_paragraph_lines(text: str) -> str:
    """A text with one paragraph per line and (almost) no blank lines, as Word's "Save as
    plain text" writes it, with a blank line after each line: in Markdown, lines without a
    blank line between them are one paragraph. A text that separates its paragraphs by blank
    lines (the Markdown export) is returned unchanged."""
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    breaks = sum(1 for i in filled if i + 1 < len(lines) and not lines[i + 1].strip())
    if len(filled) < 4 or breaks >= len(filled) / 4:
        return text
    return "\n\n".join(line.strip() for line in lines if line.strip()) + "\n"
