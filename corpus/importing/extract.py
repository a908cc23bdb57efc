"""From a file a reader picked to text in one of the raw forms the parsers read.

This module is the entry point and the gate: it reads the file once (after a size check that
needs no reading), decides by its content (not its name) whether it is a PDF, a Word file or a
text, hands it to the reader of that kind (``pdf_file``, ``word_file``, ``text_file``), and
finally looks for the one line every resolution has. Every way a file can fail to be a readable
document ends in a SourceError that names the file and says, in plain words, what to do about
it: the importer shows that message as it is.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from corpus.errors import SourceError
from corpus.importing.pdf_file import pdf_text
from corpus.importing.text_file import classify_text, decode_text, separate_paragraph_lines
from corpus.importing.word_file import MAX_PARTS, docx_markdown, too_many_parts
from corpus.parsing.phrases import INTRO, RESOLUTION_HEADING

MAX_BYTES = 20 * 1024 * 1024



@dataclass(frozen=True)
class Extracted:
    path: Path
    text: str  # the document in one of the raw forms, ready for parse_source (as UTF-8 bytes)
    format: str  # "markdown" or "pdf-text": keys of corpus.parsing.FORMS
    origin: str  # what the file was: "text", "pdf", "docx"
    encoding: str | None = None  # text files: "utf-8", "utf-16", "utf-32", "cp1252", "latin-1"

    @property
    def data(self) -> bytes:
        """The text as parse_source takes it."""
        return self.text.encode("utf-8")


def extract(path: Path) -> Extracted:
    """The text of the document in ``path``, or a SourceError saying why there is none."""
    path = Path(path)
    data = _read(path)
    if not data.strip():
        raise SourceError(path, "the file is empty")
    kind = _sniff(path, data)
    if kind == "pdf":
        result = Extracted(path, pdf_text(path, data), "pdf-text", "pdf")
    elif kind == "docx":
        result = Extracted(path, docx_markdown(path, data), "markdown", "docx")
    else:
        text, encoding = decode_text(path, data)
        form = classify_text(text)
        if form == "markdown":
            text = separate_paragraph_lines(text)
        result = Extracted(path, text, form, "text", encoding)
    check_resolution(path, result.text)
    return result


# --- Reading ---------------------------------------------------------------------------------


def _read(path: Path) -> bytes:
    """The bytes of ``path``, read once, after a size check that needs no reading."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise SourceError(path, "this is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise SourceError(path, "this is not a regular file (a device or a pipe?)")
        _check_size(path, info.st_size)
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise SourceError(path, "the file disappeared or cannot be read: it is no longer "
                          "there (moved, renamed or deleted?)") from None
    except PermissionError:
        raise SourceError(path, "the file disappeared or cannot be read: permission denied") \
            from None
    except IsADirectoryError:
        raise SourceError(path, "this is a folder, not a file") from None
    except OSError as exc:
        raise SourceError(path, "the file disappeared or cannot be read: "
                          f"{exc.strerror or exc}") from None
    _check_size(path, len(data))  # it may have grown since the check
    return data


def _check_size(path: Path, size: int) -> None:
    if size > MAX_BYTES:
        megabytes = -(-size * 10 // (1024 * 1024)) / 10  # rounded up: never "20.0 MB" for 20.01
        raise SourceError(path, f"the file is {megabytes:.1f} MB; Plenary imports files up to "
                          f"{MAX_BYTES // (1024 * 1024)} MB")


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Office files: .doc, .xls


def _sniff(path: Path, data: bytes) -> str:
    """"pdf", "docx" or "text": what the content is, the name only deciding what is expected.

    A real PDF or Word file with the wrong suffix is read for what it is; a file whose suffix
    promises a PDF or Word file and whose content is something else gets told so.
    """
    suffix = path.suffix.lower()
    # The header may follow up to a kilobyte of junk; only a .pdf is searched that far, so a
    # text that quotes "%PDF-" near its start stays a text.
    if data.lstrip().startswith(b"%PDF-") or (suffix == ".pdf" and b"%PDF-" in data[:1024]):
        return "pdf"
    if data.startswith(_OLE):
        raise SourceError(path, "this is an old-format Word or Office file (.doc); open it in "
                          "Word and save it as .docx, or as PDF, then import that")
    if data.startswith(b"{\\rtf"):
        raise SourceError(path, "this is an RTF file; open it in Word and save it as .docx, or "
                          "as plain text, then import that")
    if data.startswith(b"PK\x03\x04"):
        if too_many_parts(data):  # refused before its directory (200,000 entries: seconds)
            raise SourceError(path, f"this ZIP package has more than {MAX_PARTS:,} parts; a "
                              "Word file has a few dozen, so it is not imported")
        if _is_word_package(data):
            return "docx"
        if suffix == ".docx":
            raise SourceError(path, "this ZIP package is not a Word document (it has no "
                              "word/document.xml); it may be damaged or another kind of file")
        raise SourceError(path, "this is a ZIP archive, not a text, PDF or Word file")
    if suffix == ".pdf":
        raise SourceError(path, "this is not a PDF file (it does not start with %PDF-)")
    if suffix in (".docx", ".docm", ".dotx"):
        raise SourceError(path, "this is not a Word .docx file (a .docx file is a ZIP package, "
                          "and this is not one)")
    return "text"


def _is_word_package(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return "word/document.xml" in package.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


# --- Is it a resolution at all? ---------------------------------------------------------------



def check_resolution(path: Path, text: str) -> None:
    """A cheap early look for a line that only a resolution has, so a wrong file is refused
    before anyone is asked for its metadata: its preamble intro ("The Security Council,"), or,
    near the top, the line naming it ("Resolution 462 (1980)"), which the oldest resolutions,
    without an intro, still have."""
    for number, line in enumerate(text.splitlines()):
        line = " ".join(line.replace("*", "").replace("_", "").split())
        if INTRO.match(line) or (number < 40 and RESOLUTION_HEADING.match(line)):
            return
    raise SourceError(path, "this does not look like a UN resolution: no preamble intro such as "
                      "“The Security Council,” or “The General Assembly,” was found")
