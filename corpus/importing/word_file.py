"""A Word (.docx) file in the Markdown form, italics, list numbers and footnotes included.

Its own module because Word keeps what matters to a resolution where a plain reading of its
text loses it: the paragraph numbers Word counts itself are in the list definitions, the
footnote references are elements of their own, and italics may come from a style several
levels up. Walking the XML recovers them; python-docx is loaded only when a Word file is read.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from corpus.errors import SourceError, brief

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from docx.parts.document import DocumentPart
    from lxml.etree import _Element as Element

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

    _check_unpacked_size(path, data)
    try:
        document = docx.Document(io.BytesIO(data))
        writer = _WordWriter(document.part)
        lines = writer.body(document.element.body)
    except SourceError:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds on a damaged package
        raise SourceError(path, f"the Word file is damaged and cannot be read ({brief(exc)})") \
            from None
    if not any(line.strip() for line in lines):
        raise SourceError(path, "the Word file has no text")
    return "\n\n".join(lines) + "\n"


#: What a .docx may unpack to: a resolution is a few hundred kilobytes of XML; a file that
#: unpacks to more is not one (or is built to exhaust memory).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024


def _check_unpacked_size(path: Path, data: bytes) -> None:
    import zipfile

    try:
        unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SourceError(path, f"the Word file is damaged and cannot be read ({brief(exc)})") \
            from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise SourceError(path, f"the Word file unpacks to {unpacked / 2**20:.0f} MB; a "
                          "resolution is far smaller, so it is not imported")


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
