"""From a file a reader picked to text in one of the raw forms the parsers read.

A text file arrives in whatever encoding its editor chose and in either raw form (the Markdown
export, or text extracted from a PDF with its page furniture); a PDF brings its text layer,
which is fed to the PDF-text reader like the bundled extractions; a Word file becomes the
Markdown form, italics and all. Every way a file can fail to be a readable document ends in a
SourceError that names the file and says, in plain words, what to do about it: the importer
shows that message as it is.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import stat
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.errors import SourceError

if TYPE_CHECKING:
    from collections.abc import Iterator

    import pypdf
    from docx.parts.document import DocumentPart
    from lxml.etree import _Element as Element

MAX_BYTES = 20 * 1024 * 1024

#: What a file dialog offers. Any other name is still read for what its content is.
IMPORT_SUFFIXES = (".txt", ".md", ".text", ".markdown", ".pdf", ".docx")
#: Below this many visible characters a PDF's text layer is a scan's stray marks, not a text.
MIN_PDF_CHARACTERS = 50


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


# --- Text files ------------------------------------------------------------------------------

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
    barcode "*1723111*". Furniture decides; then long lines; then Markdown marks (``*Decides*``,
    ``**``, links), which PDF text never has; then wrapping. A text with none of these (a few
    short lines) is read as Markdown, which keeps its italics.
    """
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if any(_JOB_NUMBER.match(line) or _BARCODE.match(line) for line in lines):
        return "pdf-text"
    if sum(len(line) > 120 for line in lines) >= max(1, 0.15 * len(lines)):
        return "markdown"
    if len(_MARKDOWN.findall(text)) >= 3:
        return "markdown"  # hard-wrapped Markdown: CommonMark joins its lines itself
    pairs = list(zip(lines, lines[1:], strict=False))
    wrapped = sum(1 for a, b in pairs if _WORD_END.search(a) and b[:1].islower())
    if pairs and wrapped >= 0.15 * len(pairs):
        return "pdf-text"
    return "markdown"


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


# --- PDF files -------------------------------------------------------------------------------

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
        raise SourceError(path, f"the PDF is damaged and cannot be read ({_brief(exc)})") \
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


def _brief(exc: Exception) -> str:
    message = " ".join(str(exc).split()).strip("\"'") or type(exc).__name__
    return message if len(message) <= 120 else message[:117] + "…"


# --- Word files ------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
_REL_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def docx_markdown(path: Path, data: bytes) -> str:
    """A Word document in the Markdown form: a paragraph a line, a blank line between, italic
    runs in ``*…*``, numbers Word adds itself written out, footnotes at the end as the Markdown
    export writes them (``¹ text``) with their markers in the text.

    Bold is not carried: the Markdown reader takes bold as the break between title lines, and
    the model has no bold. Headers and footers are page furniture and are left out.
    """
    import docx  # only an imported Word file pays for loading python-docx

    try:
        document = docx.Document(io.BytesIO(data))
        writer = _WordWriter(document.part)
        lines = writer.body(document.element.body)
    except SourceError:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds on a damaged package
        raise SourceError(path, f"the Word file is damaged and cannot be read ({_brief(exc)})") \
            from None
    if not any(line.strip() for line in lines):
        raise SourceError(path, "the Word file has no text")
    return "\n\n".join(lines) + "\n"


class _WordWriter:
    """Walks a document's XML in reading order and writes Markdown lines.

    Word's XML rather than python-docx's paragraph objects, because their ``text`` leaves out
    what matters here: the numbers of numbered paragraphs and the footnote references.
    """

    def __init__(self, part: DocumentPart) -> None:
        self.styles = _WordStyles(part.styles.element if _has_styles(part) else None)
        self.numbering = _WordNumbering(_related_xml(part, _REL_NUMBERING))
        footnotes = _related_xml(part, _REL_FOOTNOTES)
        self.footnotes = {} if footnotes is None else {
            note.get(f"{_W}id"): note for note in footnotes.iter(f"{_W}footnote")}
        self.cited: list[tuple[str, str]] = []  # (marker, footnote id) in order of reference

    def body(self, body: Element) -> list[str]:
        lines = [line for line in self._blocks(body) if line]
        for marker, note_id in list(self.cited):
            note = self.footnotes.get(note_id)
            if note is None:
                continue
            text = " ".join(self._paragraph_text(p) for p in note.iter(f"{_W}p")).strip()
            if text:
                lines.append(f"{marker} {text}" if marker != "*" else f"\\* {text}")
        return lines

    def _blocks(self, element: Element) -> Iterator[str]:
        for child in element:
            if child.tag == f"{_W}p":
                yield self._paragraph(child)
            elif child.tag == f"{_W}tbl":  # its cells in order; a nested table in its cell
                for cell in child.iter(f"{_W}tc"):
                    if _owner(cell, f"{_W}tbl") == child:
                        yield from self._blocks(cell)
            elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
                yield from self._blocks(child)

    def _paragraph(self, p: Element) -> str:
        label = self.numbering.label(*self.styles.numbering_of(p))  # Word counts empty ones too
        text = self._paragraph_text(p)
        if not text:
            return ""
        if label and not re.match(r"^\(?[0-9A-Za-z]{1,6}[.)]\s", text):
            text = f"{label} {text}"
        return "\n".join(_escape_line_start(line) for line in text.split("\n"))

    def _paragraph_text(self, p: Element) -> str:
        paragraph_style = _child_val(p, "pPr", "pStyle")
        segments: list[tuple[str, bool]] = []
        for run in p.iter(f"{_W}r"):
            if _owner(run, f"{_W}p") != p:
                continue  # a text box's own paragraph
            italic = self.styles.italic(run, paragraph_style)
            for piece in self._run_pieces(run):
                if segments and segments[-1][1] == italic:
                    segments[-1] = (segments[-1][0] + piece, italic)
                else:
                    segments.append((piece, italic))
        text = _markdown_inline(segments)
        lines = [" ".join(line.split()) for line in text.split("\n")]
        return "\n".join(line for line in lines if line)

    def _run_pieces(self, run: Element) -> Iterator[str]:
        custom_mark = False
        for child in run:
            tag = child.tag
            if tag == f"{_W}t":
                if custom_mark:
                    custom_mark = False  # the mark is the reference: written with its note
                    continue
                yield child.text or ""
            elif tag in (f"{_W}tab", f"{_W}ptab"):
                yield " "
            elif tag in (f"{_W}br", f"{_W}cr"):
                yield "\n"
            elif tag == f"{_W}noBreakHyphen":
                yield "-"
            elif tag == f"{_W}footnoteReference":
                note_id = child.get(f"{_W}id")
                if child.get(f"{_W}customMarkFollows") in ("1", "true", "on"):
                    custom_mark = True
                    self.cited.append(("*", note_id))
                else:
                    marker = str(sum(m != "*" for m, _ in self.cited) + 1)
                    self.cited.append((marker.translate(_SUPERSCRIPT), note_id))
                    yield marker.translate(_SUPERSCRIPT)


def _has_styles(part: DocumentPart) -> bool:
    return any(rel.reltype.endswith("/styles") for rel in part.rels.values())


def _related_xml(part: DocumentPart, reltype: str) -> Element | None:
    from docx.oxml import parse_xml

    for rel in part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            target = rel.target_part
            element = getattr(target, "element", None)
            return element if element is not None else parse_xml(target.blob)
    return None


def _owner(element: Element, tag: str) -> Element | None:
    return next(element.iterancestors(tag), None)


def _child_val(element: Element | None, *path: str) -> str | None:
    for name in path:
        element = element.find(f"{_W}{name}") if element is not None else None
    return element.get(f"{_W}val") if element is not None else None


def _flag(rpr: Element | None, name: str) -> bool | None:
    """A toggle property (``<w:i/>``, ``<w:i w:val="0"/>``) of a run's properties, if set."""
    if rpr is None:
        return None
    element = rpr.find(f"{_W}{name}")
    if element is None:
        return None
    return element.get(f"{_W}val") not in ("0", "false", "off")


class _WordStyles:
    """What a run's italics and a paragraph's numbering inherit from the styles."""

    def __init__(self, styles: Element | None) -> None:
        self._styles = {} if styles is None else {
            s.get(f"{_W}styleId"): s for s in styles.iter(f"{_W}style")}

    def _chain(self, style_id: str | None) -> Iterator[Element]:
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self._styles:
            seen.add(style_id)
            style = self._styles[style_id]
            yield style
            style_id = _child_val(style, "basedOn")

    def italic(self, run: Element, paragraph_style: str | None) -> bool:
        rpr = run.find(f"{_W}rPr")
        direct = _flag(rpr, "i")
        if direct is not None:
            return direct
        for style_id in (_child_val(rpr, "rStyle"), paragraph_style):
            for style in self._chain(style_id):
                inherited = _flag(style.find(f"{_W}rPr"), "i")
                if inherited is not None:
                    return inherited
        return False

    def numbering_of(self, p: Element) -> tuple[str | None, int]:
        """The numbering instance and level of a paragraph: its own, else its style's."""
        num_id = _child_val(p, "pPr", "numPr", "numId")
        level = _child_val(p, "pPr", "numPr", "ilvl")
        for style in self._chain(_child_val(p, "pPr", "pStyle")):
            num_id = num_id or _child_val(style, "pPr", "numPr", "numId")
            level = level or _child_val(style, "pPr", "numPr", "ilvl")
        return (num_id if num_id != "0" else None), int(level) if level and level.isdigit() else 0


class _WordNumbering:
    """The numbers Word shows before numbered paragraphs, counted as Word counts them: per list
    definition, a deeper level restarting whenever a shallower one moves on. Only the formats
    that can be written exactly (1., (a), i., A.) are; a bullet or an unknown format gives no
    label rather than a wrong one."""

    _FORMATS = ("decimal", "decimalZero", "lowerLetter", "upperLetter", "lowerRoman",
                "upperRoman")

    def __init__(self, numbering: Element | None) -> None:
        self._abstract: dict[str, Element] = {}
        self._instances: dict[str, tuple[str, dict[int, int]]] = {}
        if numbering is not None:
            for abstract in numbering.iter(f"{_W}abstractNum"):
                self._abstract[abstract.get(f"{_W}abstractNumId")] = abstract
            for num in numbering.iter(f"{_W}num"):
                starts = {}
                for override in num.iter(f"{_W}lvlOverride"):
                    start = _child_val(override, "startOverride")
                    if start and start.isdigit():
                        starts[int(override.get(f"{_W}ilvl", "0"))] = int(start)
                abstract_id = _child_val(num, "abstractNumId")
                if abstract_id is not None:
                    self._instances[num.get(f"{_W}numId")] = (abstract_id, starts)
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()

    def label(self, num_id: str | None, level: int) -> str | None:
        if num_id is None or num_id not in self._instances:
            return None
        abstract_id, starts = self._instances[num_id]
        abstract = self._abstract.get(abstract_id)
        if abstract is None:
            return None
        levels = {int(lvl.get(f"{_W}ilvl", "0")): lvl for lvl in abstract.iter(f"{_W}lvl")}
        if level not in levels:
            return None
        counters = self._counters.setdefault(abstract_id, {})
        if num_id not in self._started:  # a restart ("startOverride") applies from here on
            self._started.add(num_id)
            for lvl, start in starts.items():
                counters[lvl] = start - 1
        counters[level] = counters.get(level, _start(levels[level]) - 1) + 1
        for deeper in [lvl for lvl in counters if lvl > level]:
            del counters[deeper]
        template = _child_val(levels[level], "lvlText")
        if not template:
            return None

        def number(match: re.Match[str]) -> str:
            lvl = int(match.group(1)) - 1
            fmt = _child_val(levels.get(lvl), "numFmt") if lvl in levels else None
            if fmt not in self._FORMATS:
                raise ValueError(fmt)
            return _format_number(counters.get(lvl, _start(levels[lvl])), fmt)

        try:
            return re.sub(r"%([1-9])", number, template)
        except ValueError:
            return None


def _start(level: Element | None) -> int:
    start = _child_val(level, "start")
    return int(start) if start and start.isdigit() else 1


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _roman(value: int) -> str:
    result = ""
    for number, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                            (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                            (4, "IV"), (1, "I")):
        while value >= number:
            result += numeral
            value -= number
    return result


_ESCAPED = re.compile(r"([\\`*_\[\]<>&])")


def _escape(text: str) -> str:
    """Characters Markdown would read as markup, made literal."""
    return _ESCAPED.sub(r"\\\1", text)


def _escape_line_start(line: str) -> str:
    """A line that Markdown would read as a heading, quote, bullet, rule or "1)" list item.
    Typed paragraph numbers ("1. ") stay: the Markdown reader reads them as the export's."""
    line = line.strip()
    if line[:1] in ("#", ">", "+", "-", "=", "~"):
        return "\\" + line
    return re.sub(r"^(\d{1,9})\)", r"\1\\)", line)


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _markdown_inline(segments: list[tuple[str, bool]]) -> str:
    """Runs of text as Markdown, italic ones in ``*…*``.

    A delimiter only counts in Markdown when it hugs the text (no space inside it) and, beside
    a letter, does not face punctuation: so spaces, and punctuation next to a letter outside,
    move out of the italic run; italics on a comma are invisible anyway.
    """
    out: list[str] = []
    for i, (text, italic) in enumerate(segments):
        if not italic or not text.strip():
            out.append(_escape(text))
            continue
        before = segments[i - 1][0][-1:] if i else ""
        after = segments[i + 1][0][:1] if i + 1 < len(segments) else ""
        core = text.strip()
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        if not trail and _is_word(after):
            while core and not _is_word(core[-1]):
                core, trail = core[:-1], core[-1] + trail
        if not lead and _is_word(before):
            while core and not _is_word(core[0]):
                core, lead = core[1:], lead + core[0]
        out.append(_escape(lead) + (f"*{_escape(core)}*" if core else "") + _escape(trail))
    return "".join(out)


# --- Is it a resolution at all? ---------------------------------------------------------------

_INTRO = re.compile(r"^The (?:[A-Z][A-Za-z-]+ ?){1,6},$")


def check_resolution(path: Path, text: str) -> None:
    """A cheap early look for the one line every resolution has, its preamble intro ("The
    Security Council,"), so a wrong file is refused before anyone is asked for its metadata."""
    for line in text.splitlines():
        if _INTRO.match(" ".join(line.replace("*", "").replace("_", "").split())):
            return
    raise SourceError(path, "this does not look like a UN resolution: no preamble intro such as "
                      "“The Security Council,” or “The General Assembly,” was found")
