"""A Word (.docx) file in the Markdown form, italics, list numbers and footnotes included.

Its own module because Word keeps what matters to a resolution where a plain reading of its
text loses it: the paragraph numbers Word counts itself are in the list definitions, the
footnote references are elements of their own, and italics may come from a style several
levels up. Walking the XML recovers them.

A .docx is a ZIP package of XML parts, and a small one can be built to take minutes or
gigabytes (issue 14): a deflated part unpacks a thousandfold and may understate its size, a
paragraph may have a million runs, a list level may start at two billion, a style may inherit
through thousands of others. So the package is read here, not by python-docx (which reads every
part whole, pictures included): only the parts that carry text (the main document, its styles,
numbering and footnotes), each streamed out of the ZIP with a running count of what it really
unpacks to and parsed as it comes (lxml, no entities, no DTD, libxml2's depth and node limits),
against a budget for the whole file; every walk over the XML is linear (no ancestor searches, no
re-reading of a list definition or a style chain per paragraph); the Markdown written is
bounded. What exceeds a bound is refused in plain words ("the Word file is too complex: …")
in seconds and a few hundred megabytes at most (``tests/faults/test_import_bounds.py``,
``benchmarks/import_bench.py --hostile``).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from typing import TYPE_CHECKING

from corpus.errors import SourceError, brief

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from lxml.etree import _Element as Element

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_REL_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
_REL_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

#: What a .docx may declare it unpacks to: a resolution is a few hundred kilobytes of XML; a
#: file that unpacks to more is not one (or is built to exhaust memory). Checked before reading;
#: the sizes a ZIP declares may lie, so what is read is counted as well (MAX_XML_COST).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
#: What the XML parts read may cost in memory once parsed, estimated as they stream in: libxml2
#: takes about 128 bytes per element or text node (each begins with "<" or follows one), 256
#: per attribute (each has an "="), and the characters themselves; measured, 11-32 bytes per
#: byte of XML. A resolution's parts cost 1-20 MB; 128 MB is a report of hundreds of pages.
MAX_XML_COST = 128 * 1024 * 1024
#: What those parts may unpack to in all: a resolution's are well under a megabyte; only XML of
#: giant comments or texts comes near this within MAX_XML_COST (libxml2 holds each whole).
MAX_XML_BYTES = 64 * 1024 * 1024
#: What the Markdown written may come to: about 1,000 pages of text (a resolution is 2-100).
MAX_TEXT_CHARS = 4 * 1024 * 1024
#: What a .docx may have in parts: a Word file has a few dozen (a few hundred with pictures and
#: embedded objects); reading the ZIP's directory of 200,000 takes seconds.
MAX_PARTS = 10_000
#: What a .docx may have in paragraphs (empty ones and footnotes' too): a resolution has tens to
#: hundreds, a thousand-page report tens of thousands.
MAX_PARAGRAPHS = 60_000
#: Word numbers list levels 0-8 and writes no list label this long.
_MAX_LEVEL = 8
_MAX_LABEL = 40
_CHUNK = 64 * 1024


def docx_markdown(path: Path, data: bytes) -> str:
    """A Word document in the Markdown form: a paragraph a line, a blank line between, italic
    runs in ``*…*``, numbers Word adds itself written out, footnotes at the end as the Markdown
    export writes them (``¹ text``) with their markers in the text.

    Bold is not carried: the Markdown reader takes bold as the break between title lines, and
    the model has no bold. Headers and footers are page furniture and are left out.
    """
    package = _Package(path, data)
    try:
        document_name = package.main_document()
        document = package.xml(document_name)
        if document is None:
            raise _Damaged(f"it has no {document_name}")
        body = document.find(f"{_W}body")
        if body is None:
            raise _Damaged("its document has no body")
        related = package.related(document_name)
        writer = _WordWriter(path, package.xml(related.get("styles")),
                             package.xml(related.get(_REL_NUMBERING)),
                             package.xml(related.get(_REL_FOOTNOTES)))
        lines = writer.body(body)
    except SourceError:
        raise
    except _Damaged as exc:
        raise SourceError(path, f"the Word file is damaged and cannot be read ({exc})") \
            from None
    except Exception as exc:  # zipfile and lxml raise many kinds on a damaged package
        raise SourceError(path, f"the Word file is damaged and cannot be read ({brief(exc)})") \
            from None
    if not any(line.strip() for line in lines):
        raise SourceError(path, "the Word file has no text")
    return "\n\n".join(lines) + "\n"


class _Damaged(Exception):
    """The package is not what a Word file is; the message says what is missing."""


def _too_complex(path: Path, what: str) -> SourceError:
    return SourceError(path, f"the Word file is too complex: {what}; a resolution is far "
                       "simpler, so it is not imported")


def too_many_parts(data: bytes) -> bool:
    """Whether a ZIP package has more than MAX_PARTS parts, told before its directory is read:
    each entry of a ZIP's central directory starts with the same four bytes, so counting them
    bounds the entries (a stray match in compressed data only counts one more)."""
    return data.count(b"PK\x01\x02") > MAX_PARTS


class _Package:
    """The parts of a .docx that carry text, read within MAX_XML_COST."""

    def __init__(self, path: Path, data: bytes) -> None:
        self.path = path
        if too_many_parts(data):
            raise _too_complex(path, f"it is a package of more than {MAX_PARTS:,} parts")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise SourceError(path, "the Word file is damaged and cannot be read "
                              f"({brief(exc)})") from None
        unpacked = sum(info.file_size for info in infos)
        if unpacked > MAX_UNPACKED_BYTES:
            raise SourceError(path, f"the Word file unpacks to {unpacked / 2**20:.0f} MB; a "
                              "resolution is far smaller, so it is not imported")
        self.cost = 0  # estimated memory of every part parsed so far
        self.unpacked = 0  # what they really unpacked to

    def main_document(self) -> str:
        """The main document's part name, as the package's relationships give it."""
        return self.related("").get("officeDocument", "word/document.xml")

    def related(self, name: str) -> dict[str, str]:
        """The internal parts a part points to, by relationship type (the full type, and its
        last word for "officeDocument" and "styles"), each the first of its type."""
        folder, base = posixpath.split(name)
        rels = self.xml(posixpath.join(folder, "_rels", f"{base}.rels"))
        targets: dict[str, str] = {}
        if rels is None:
            return targets
        for rel in rels.iter(_REL):
            reltype, target = rel.get("Type") or "", rel.get("Target")
            if not target or rel.get("TargetMode") == "External":
                continue
            target = target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join(folder, target))
            for key in (reltype, reltype.rsplit("/", 1)[-1]):
                targets.setdefault(key, target)
        return targets

    def xml(self, name: str | None) -> Element | None:
        """A part parsed as it streams out of the ZIP, or None if the package lacks it; what
        it really unpacks to is counted (not what the ZIP says), and reading stops as soon as
        the whole package's estimate passes MAX_XML_COST."""
        from lxml import etree

        if not name:
            return None
        try:
            info = self.zip.getinfo(name)
        except KeyError:
            return None
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            # Word stores or deflates; zipfile would unpack bzip2 or LZMA without a bound
            raise _Damaged(f"{name} is compressed in a way Word never uses")
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                 remove_blank_text=True, huge_tree=False)
        with self.zip.open(info) as member:
            while chunk := member.read(_CHUNK):  # bounded reads: never a whole part at once
                self.unpacked += len(chunk)
                self.cost += len(chunk) + 128 * chunk.count(b"<") + 256 * chunk.count(b"=")
                if self.unpacked > MAX_XML_BYTES:
                    raise _too_complex(self.path, "its text parts unpack to more than "
                                       f"{MAX_XML_BYTES // 2**20} MB of XML")
                if self.cost > MAX_XML_COST:
                    raise _too_complex(self.path, "its XML would take more than "
                                       f"{MAX_XML_COST // 2**20} MB of memory to read")
                if b"<!DOCTYPE" in chunk or b"<!ENTITY" in chunk:
                    raise self._declares_entities()
                parser.feed(chunk)
        root = parser.close()
        if root.getroottree().docinfo.internalDTD is not None:  # split between two chunks
            raise self._declares_entities()
        return root

    def _declares_entities(self) -> SourceError:
        """A DTD in a part: Word never writes one, and its entities can expand a thousandfold
        (libxml2 stops that too, as "damaged"); said plainly before it is parsed."""
        return SourceError(self.path, "the Word file declares its own XML entities (a "
                           "document type), which Word never writes; it is not imported")


class _WordWriter:
    """Walks a document's XML in reading order and writes Markdown lines.

    Word's XML rather than python-docx's paragraph objects, because their ``text`` leaves out
    what matters here: the numbers of numbered paragraphs and the footnote references. Every
    element is visited once per place it is written; the text written is counted against
    MAX_TEXT_CHARS as it grows (a footnote cited a hundred thousand times is written as often).
    """

    def __init__(self, path: Path, styles: Element | None, numbering: Element | None,
                 footnotes: Element | None) -> None:
        self.path = path
        self.styles = _WordStyles(styles)
        self.numbering = _WordNumbering(numbering)
        self.footnotes = {} if footnotes is None else {
            note.get(f"{_W}id"): note for note in footnotes.iter(f"{_W}footnote")}
        self.cited: list[tuple[str, str]] = []  # (marker, footnote id) in order of reference
        self.numbered = 0  # footnote references with a number (not a custom mark)
        self.written = 0  # characters of Markdown so far
        self.paragraphs = 0  # paragraphs read, empty ones too

    def body(self, body: Element) -> list[str]:
        lines: list[str] = []
        self._blocks(body, lines)
        note_texts: dict[str, str] = {}
        for marker, note_id in self.cited:
            note = self.footnotes.get(note_id)
            if note is None:
                continue
            if note_id not in note_texts:
                note_texts[note_id] = " ".join(
                    self._paragraph_text(p, _child_val(p, "pPr", "pStyle"))
                    for p in note.iter(f"{_W}p")).strip()
            text = note_texts[note_id]
            if text:
                lines.append(self._count(f"{marker} {text}" if marker != "*" else f"\\* {text}"))
        return lines

    def _count(self, line: str) -> str:
        self.written += len(line) + 2
        self._check_length(self.written)
        return line

    def _check_length(self, written: int) -> None:
        if written > MAX_TEXT_CHARS:
            raise SourceError(self.path, "the Word file is too long: its text comes to more than "
                              f"{MAX_TEXT_CHARS // 2**20} million characters (about 1,000 "
                              "pages); a resolution is far shorter, so it is not imported")

    def _blocks(self, element: Element, lines: list[str]) -> None:
        """The paragraphs in and under ``element`` onto ``lines`` (a list, not a generator:
        a paragraph in a table nested 80 deep would pass through 80 generators)."""
        for child in element:
            if child.tag == f"{_W}p":
                line = self._paragraph(child)
                if line:
                    lines.append(self._count(line))
            elif child.tag == f"{_W}tbl":  # its cells in order; a nested table in its cell
                for cell in _descendants(child, f"{_W}tc", stop=f"{_W}tbl"):
                    self._blocks(cell, lines)
            elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
                self._blocks(child, lines)

    def _paragraph(self, p: Element) -> str:
        ppr = _child(p, f"{_W}pPr")
        style = _child_val(ppr, "pStyle")
        label = self.numbering.label(*self.styles.numbering_of(ppr, style))  # empty ones count
        text = self._paragraph_text(p, style)
        if not text:
            return ""
        if label and not re.match(r"^\(?[0-9A-Za-z]{1,6}[.)]\s", text):
            text = f"{label} {text}"
        return "\n".join(_escape_line_start(line) for line in text.split("\n"))

    def _paragraph_text(self, p: Element, paragraph_style: str | None) -> str:
        self.paragraphs += 1
        if self.paragraphs > MAX_PARAGRAPHS:
            raise SourceError(self.path, "the Word file is too long: it has more than "
                              f"{MAX_PARAGRAPHS:,} paragraphs; a resolution is far shorter, so "
                              "it is not imported")
        segments: list[tuple[list[str], bool]] = []  # pieces of alike runs, joined once
        size = 0
        for run in _descendants(p, f"{_W}r", stop=f"{_W}p"):  # not a text box's paragraphs
            italic = self.styles.italic(run, paragraph_style)
            for piece in self._run_pieces(run):
                size += len(piece)
                if segments and segments[-1][1] == italic:
                    segments[-1][0].append(piece)
                else:
                    segments.append(([piece], italic))
            self._check_length(self.written + size)  # one paragraph longer than a document
        text = _markdown_inline([("".join(pieces), italic) for pieces, italic in segments])
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
                    self.numbered += 1
                    marker = str(self.numbered).translate(_SUPERSCRIPT)
                    self.cited.append((marker, note_id))
                    yield marker


def _descendants(element: Element, tag: str, *, stop: str) -> Iterator[Element]:
    """The ``tag`` elements under ``element`` in document order that no ``stop`` element
    between stands over (a paragraph's own runs, not a text box's; a table's own cells, not a
    nested table's): each element visited once, where asking every run for its nearest
    paragraph climbs the whole depth each time."""
    stack = [iter(element)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag == tag:
            yield child
            stack.append(iter(child))
        elif child.tag != stop and len(child):
            stack.append(iter(child))


def _child(element: Element | None, tag: str) -> Element | None:
    """The first child ``tag`` (a loop over the few children: faster than lxml's find)."""
    if element is not None:
        for child in element:
            if child.tag == tag:
                return child
    return None


def _child_val(element: Element | None, *path: str) -> str | None:
    for name in path:
        element = _child(element, f"{_W}{name}")
    return element.get(f"{_W}val") if element is not None else None


def _small_int(value: str | None, limit: int = 999_999_999) -> int | None:
    """A non-negative number as Word writes one (ASCII digits), if it is at most ``limit``."""
    if value and len(value) <= 9 and value.isascii() and value.isdigit():
        number = int(value)
        return number if number <= limit else None
    return None


def _flag(rpr: Element | None, name: str) -> bool | None:
    """A toggle property (``<w:i/>``, ``<w:i w:val="0"/>``) of a run's properties, if set."""
    if rpr is None:
        return None
    element = _child(rpr, f"{_W}{name}")
    if element is None:
        return None
    return element.get(f"{_W}val") not in ("0", "false", "off")


class _WordStyles:
    """What a run's italics and a paragraph's numbering inherit from the styles.

    What a style gives is the first value set along its chain of ``basedOn`` styles (a loop
    ending the chain); each style's value is found once and kept, so a chain of thousands is
    climbed once, not once per run.
    """

    def __init__(self, styles: Element | None) -> None:
        self._styles = {} if styles is None else {
            s.get(f"{_W}styleId"): s for s in styles.iter(f"{_W}style")}
        self._found: dict[str, dict[str | None, str | bool | None]] = {
            "i": {}, "numId": {}, "ilvl": {}}

    def _inherited(self, style_id: str | None, what: str) -> str | bool | None:
        found = self._found[what]
        path: list[str | None] = []
        on_path: set[str] = set()
        value = None
        while style_id is not None and style_id in self._styles:
            if style_id in found:
                value = found[style_id]
                break
            if style_id in on_path:  # a loop: nothing set anywhere on it
                break
            path.append(style_id)
            on_path.add(style_id)
            style = self._styles[style_id]
            value = _flag(_child(style, f"{_W}rPr"), "i") if what == "i" else \
                _child_val(style, "pPr", "numPr", what)
            if value is not None:
                break
            style_id = _child_val(style, "basedOn")
        for seen in path:
            found[seen] = value
        return value

    def italic(self, run: Element, paragraph_style: str | None) -> bool:
        rpr = _child(run, f"{_W}rPr")
        direct = _flag(rpr, "i")
        if direct is not None:
            return direct
        for style_id in (_child_val(rpr, "rStyle"), paragraph_style):
            inherited = self._inherited(style_id, "i")
            if inherited is not None:
                return bool(inherited)
        return False

    def numbering_of(self, ppr: Element | None, style_id: str | None) -> tuple[str | None, int]:
        """The numbering instance and level of a paragraph (its properties and style): its
        own, else its style's."""
        numpr = _child(ppr, f"{_W}numPr")
        num_id = _child_val(numpr, "numId")
        level = _child_val(numpr, "ilvl")
        if style_id is not None:
            num_id = num_id or self._inherited(style_id, "numId")
            level = level or self._inherited(style_id, "ilvl")
        if isinstance(level, str) and level.isascii() and level.isdigit():
            number = _small_int(level, _MAX_LEVEL)
            number = -1 if number is None else number  # a level Word does not have
        else:
            number = 0
        return (num_id if isinstance(num_id, str) and num_id != "0" else None), number


class _WordNumbering:
    """The numbers Word shows before numbered paragraphs, counted as Word counts them: per list
    definition, a deeper level restarting whenever a shallower one moves on. Only the formats
    that can be written exactly (1., (a), i., A.) are; a bullet or an unknown format gives no
    label rather than a wrong one, and so does a level Word does not have (above 8) or a label
    no list shows (a number in the billions as letters, a template of thousands of "%1")."""

    _FORMATS = ("decimal", "decimalZero", "lowerLetter", "upperLetter", "lowerRoman",
                "upperRoman")

    def __init__(self, numbering: Element | None) -> None:
        self._abstract: dict[str, Element] = {}
        self._levels: dict[str, dict[int, Element]] = {}  # read once per list definition
        self._instances: dict[str, tuple[str, dict[int, int]]] = {}
        if numbering is not None:
            for abstract in numbering.iter(f"{_W}abstractNum"):
                self._abstract[abstract.get(f"{_W}abstractNumId")] = abstract
            for num in numbering.iter(f"{_W}num"):
                starts = {}
                for override in num.iter(f"{_W}lvlOverride"):
                    start = _small_int(_child_val(override, "startOverride"))
                    level = _small_int(override.get(f"{_W}ilvl", "0"), _MAX_LEVEL)
                    if start is not None and level is not None:
                        starts[level] = start
                abstract_id = _child_val(num, "abstractNumId")
                if abstract_id is not None:
                    self._instances[num.get(f"{_W}numId")] = (abstract_id, starts)
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()

    def _levels_of(self, abstract_id: str) -> dict[int, Element] | None:
        if abstract_id not in self._levels:
            abstract = self._abstract.get(abstract_id)
            if abstract is None:
                return None
            levels: dict[int, Element] = {}
            for lvl in abstract.iter(f"{_W}lvl"):
                number = _small_int(lvl.get(f"{_W}ilvl", "0"), _MAX_LEVEL)
                if number is not None:
                    levels.setdefault(number, lvl)
            self._levels[abstract_id] = levels
        return self._levels[abstract_id]

    def label(self, num_id: str | None, level: int) -> str | None:
        if num_id is None or num_id not in self._instances or not 0 <= level <= _MAX_LEVEL:
            return None
        abstract_id, starts = self._instances[num_id]
        levels = self._levels_of(abstract_id)
        if levels is None or level not in levels:
            return None
        counters = self._counters.setdefault(abstract_id, {})
        if num_id not in self._started:  # a restart ("startOverride") applies from here on
            self._started.add(num_id)
            for lvl, start in starts.items():
                counters[lvl] = start - 1
        counters[level] = counters.get(level, _start(levels[level]) - 1) + 1
        for deeper in [lvl for lvl in counters if lvl > level]:  # at most 9 levels
            del counters[deeper]
        template = _child_val(levels[level], "lvlText")
        if not template or len(template) > _MAX_LABEL:
            return None

        def number(match: re.Match[str]) -> str:
            lvl = int(match.group(1)) - 1
            fmt = _child_val(levels.get(lvl), "numFmt") if lvl in levels else None
            if fmt not in self._FORMATS:
                raise ValueError(fmt)
            return _format_number(counters.get(lvl, _start(levels[lvl])), fmt)

        try:
            label = re.sub(r"%([1-9])", number, template)
        except ValueError:
            return None
        return label if len(label) <= _MAX_LABEL else None


def _start(level: Element | None) -> int:
    start = _small_int(_child_val(level, "start"))
    return start if start is not None else 1


def _format_number(value: int, fmt: str) -> str:
    """``value`` as list format ``fmt`` writes it; ValueError for a number it cannot show in
    a label (letters repeated past ten, roman numerals past 3999)."""
    if fmt in ("lowerLetter", "upperLetter"):
        if not 0 < value <= 26 * 10:
            raise ValueError(value)
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        if not 0 < value < 4000:
            raise ValueError(value)
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
        start, end = len(text) - len(text.lstrip()), len(text.rstrip())  # the core's bounds
        lead, trail = text[:start], text[end:]
        if not trail and _is_word(after):
            while end > start and not _is_word(text[end - 1]):
                end -= 1
            trail = text[end:]
        if not lead and _is_word(before):
            while start < end and not _is_word(text[start]):
                start += 1
            lead = text[:start]
        core = text[start:end]
        out.append(_escape(lead) + (f"*{_escape(core)}*" if core else "") + _escape(trail))
    return "".join(out)
