"""The redline as a Word document whose changes are real tracked changes.

A delegation opens it in Word and goes through Review → Accept / Reject change by change, as
with a document Word's own Compare made: Accept All gives the later text, Reject All the
original. python-docx writes no revisions, so the paragraphs' content is built here as
WordprocessingML:

- an insertion is ``<w:ins>`` round its runs, a deletion ``<w:del>`` with the text in
  ``<w:delText>``; every revision says ``w:author="Plenary"`` and one ``w:date`` (when the
  file was written);
- a paragraph added or removed has its paragraph mark inserted or deleted too (``w:ins`` /
  ``w:del`` in the mark's ``w:pPr/w:rPr``), so Accept or Reject leaves no empty paragraph;
- a moved paragraph is a real move: ``<w:moveFrom>`` where it stood, ``<w:moveTo>`` where it
  went, each inside a named range (``w:moveFromRangeStart``/``End``, the same ``w:name`` at
  both places), which Word draws double struck through and double underlined; words changed
  on the way are ``w:ins`` beside the moved text and ``w:del`` inside it, so rejecting the
  move takes them away with it;
- italics stay on the runs (Word's ``w:i``): nothing else is run formatting, because Word
  draws the marks of a revision itself and formatting would outlive Accept.

Qt-free: the comparison tab's Export and ``main.py compare --redline -o FILE.docx`` call it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from corpus.compare.redline import (
    Redline,
    RedlineParagraph,
    RedlineRun,
    RunKind,
    document_line,
    ignored_line,
)
from corpus.files import write_atomically
from corpus.model import BlockKind

AUTHOR = "Plenary"
#: Control characters XML cannot hold (a form feed left by a PDF): lxml refuses the run.
_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_INDENT = Cm(1.27)  # the official texts' first-line indent, and one level of sub-paragraph
#: Blocks set on their own, without the first-line indent of a paragraph of text.
_CENTRED = frozenset({BlockKind.PART, BlockKind.ANNEX})
_BOLD = frozenset({BlockKind.HEADING, BlockKind.PART, BlockKind.ANNEX})


def export_redline_docx(redline: Redline, path: Path, *, when: datetime | None = None) -> None:
    """Write ``redline`` to ``path`` as a Word document with tracked changes."""
    document = redline_docx(redline, when=when)
    write_atomically(Path(path), lambda tmp: document.save(str(tmp)))


def redline_docx(redline: Redline, *, when: datetime | None = None) -> WordDocument:
    """The Word document in memory; ``when`` dates every revision (default: now, UTC)."""
    document = docx.Document()
    _page(document)
    document.add_heading(redline.title, level=1)
    document.add_paragraph(document_line("Original", redline.original))
    document.add_paragraph(document_line("Revised", redline.revised))
    document.add_paragraph(
        f"{redline.summary}. {ignored_line()} Review → Accept All gives "
        f"{redline.revised.symbol}; Reject All gives {redline.original.symbol}.")
    revisions = _Revisions(when or datetime.now(UTC))
    for paragraph in redline.paragraphs:
        _paragraph(document.add_paragraph(), paragraph, revisions)
    return document


def _page(document: WordDocument) -> None:
    """A4 with the margins of a UN document, the text in Times New Roman as printed."""
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(2.5))
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)


class _Revisions:
    """Revision ids (unique in the document, as Word requires) and their common stamp."""

    def __init__(self, when: datetime) -> None:
        self.date = when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self._next = 0

    def new_id(self) -> str:
        self._next += 1
        return str(self._next)

    def mark(self, tag: str) -> BaseOxmlElement:
        """A revision element (``w:ins``, ``w:del``, ``w:moveFrom``…) with id, author, date."""
        element = OxmlElement(tag)
        element.set(qn("w:id"), self.new_id())
        element.set(qn("w:author"), AUTHOR)
        element.set(qn("w:date"), self.date)
        return element


def _paragraph(paragraph: Paragraph, content: RedlineParagraph, revisions: _Revisions) -> None:
    _layout(paragraph, content)
    p = paragraph._p
    move = content.move
    if content.whole is not None:  # the paragraph mark comes and goes with its paragraph
        if move is not None:
            tag = "w:moveFrom" if move.direction == "to" else "w:moveTo"
        else:
            tag = "w:ins" if content.whole == RunKind.INSERTED else "w:del"
        mark_rpr = OxmlElement("w:rPr")
        mark_rpr.append(revisions.mark(tag))
        p.get_or_add_pPr().append(mark_rpr)
    range_id = None
    if move is not None:
        prefix = "w:moveFrom" if move.direction == "to" else "w:moveTo"
        range_id = revisions.new_id()
        start = OxmlElement(f"{prefix}RangeStart")
        start.set(qn("w:id"), range_id)
        start.set(qn("w:name"), move.name)
        start.set(qn("w:author"), AUTHOR)
        start.set(qn("w:date"), revisions.date)
        p.append(start)
    numbered = [RedlineRun(run.text + "\t", run.kind, run.italic, run.minor)
                for run in content.number]
    for run in [*numbered, *content.runs]:
        p.append(_revision(run, content, revisions))
    if move is not None:
        end = OxmlElement(f"{prefix}RangeEnd")
        end.set(qn("w:id"), range_id)
        p.append(end)


def _revision(run: RedlineRun, content: RedlineParagraph,
              revisions: _Revisions) -> BaseOxmlElement:
    """``run`` as Word's XML: a plain run, or the revision wrapping it."""
    move = content.move
    bold = content.kind in _BOLD
    if move is not None and move.direction == "to":  # where a moved paragraph stood
        wrapper = revisions.mark("w:moveFrom")
        wrapper.append(_run(run, deleted=False, bold=bold))
        return wrapper
    if run.kind == RunKind.INSERTED:
        wrapper = revisions.mark("w:ins")
        wrapper.append(_run(run, deleted=False, bold=bold))
        return wrapper
    if run.kind == RunKind.DELETED:
        wrapper = revisions.mark("w:del")
        wrapper.append(_run(run, deleted=True, bold=bold))
        if move is not None:  # moved text deleted at its new place: part of the move
            moved = revisions.mark("w:moveTo")
            moved.append(wrapper)
            return moved
        return wrapper
    if move is not None:  # moved text, unchanged
        wrapper = revisions.mark("w:moveTo")
        wrapper.append(_run(run, deleted=False, bold=bold))
        return wrapper
    return _run(run, deleted=False, bold=bold)


def _run(run: RedlineRun, *, deleted: bool, bold: bool = False) -> BaseOxmlElement:
    """``<w:r>`` holding ``run.text`` (in ``w:delText`` when deleted), tabs as ``w:tab``."""
    r = OxmlElement("w:r")
    if run.italic or bold:
        properties = OxmlElement("w:rPr")
        for on, tag in ((bold, "w:b"), (run.italic, "w:i")):  # the schema's order
            if on:
                properties.append(OxmlElement(tag))
        r.append(properties)
    for n, piece in enumerate(_XML_UNSAFE.sub("", run.text).split("\t")):
        if n:
            r.append(OxmlElement("w:tab"))
        if piece:
            text = OxmlElement("w:delText" if deleted else "w:t")
            text.set(qn("xml:space"), "preserve")
            text.text = piece
            r.append(text)
    return r


def _layout(paragraph: Paragraph, content: RedlineParagraph) -> None:
    """Indents as the official text sets them: a first-line indent, sub-paragraphs a level
    further in each; headings and parts bold, parts and annexes centred."""
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(6)
    if content.kind in _CENTRED:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif content.kind != BlockKind.HEADING:
        fmt.first_line_indent = _INDENT
    if content.depth:
        fmt.left_indent = Cm(1.27 * min(content.depth, 3))
    if content.kind in _BOLD:
        fmt.keep_with_next = True
