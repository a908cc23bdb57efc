"""The Word export: a portrait A4 document with a heading per document (or per tag) and, for
each annotation, its citation, its sentence in Word's "Quote" style with the highlighted words
in bold on their colour, and its note as real Word paragraphs (lists, headings, bold, links).

Apart from the other formats because it is the largest writer and the only one that needs
python-docx; it writes WordprocessingML directly to stay fast on ten thousand annotations.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import docx
from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm

from annotations.model import DEFAULT_COLOR, PALETTE
from annotations.notes import NoteParagraph, NoteRun, note_paragraphs
from annotations.sections import DETACHED, Item, Section, summary_line

#: Control characters XML cannot hold (a form feed left by a PDF) and lone surrogates.
_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MUTED = "666666"
_ALERT = "A3360F"
_LINK = "0563C1"
_SMALL = 18  # half-points: 9 pt
_MONO = "Consolas"
#: Note paragraph styles by (style, list level); level 3 stands for any deeper one.
_NOTE_STYLES: dict[tuple[str, int], str] = {
    ("plain", 0): "Normal", ("quote", 0): "Quote", ("heading", 0): "Heading 3",
    ("code", 0): "No Spacing",
    **{("bullet", n): "List Bullet" + (f" {n}" if n > 1 else "") for n in (1, 2, 3)},
    **{("numbered", n): "List Number" + (f" {n}" if n > 1 else "") for n in (1, 2, 3)},
    **{("plain", n): "List Continue" + (f" {n}" if n > 1 else "") for n in (1, 2, 3)},
}


def annotations_docx(sections: list[Section], title: str = "Annotations") -> WordDocument:
    """The Word document in memory, for tests and for a caller that adds to it: a portrait
    A4 page with a heading per section (document or tag), each annotation as its citation,
    its sentence in the "Quote" style with the highlighted words marked, and its note as real
    Word paragraphs (lists, headings, bold, links)."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(2.0))
    _WordBody(document).write(sections, title)
    return document


class _WordBody:
    """Writes the body as WordprocessingML text, parsed once and appended: python-docx's
    ``add_paragraph``/``add_run`` cost far too much for ten thousand annotations. Styles are
    still the document's own (looked up once by name), so Word sees real headings, quotes
    and lists."""

    def __init__(self, document: WordDocument) -> None:
        self.document = document
        self.parts: list[str] = []
        self.style_ids: dict[str, str] = {}
        self.links: dict[str, str] = {}  # URL -> relationship id
        self.notes: dict[str, str] = {}  # note -> XML, for notes without a numbered list
        self.numbering = document.part.numbering_part.element
        self.next_num = max((num.numId for num in self.numbering.num_lst), default=0) + 1
        self.new_nums: list[str] = []
        self.list_nums: dict[int, int] = {}  # list level -> numId of the list being written
        self.abstract_nums: dict[str, int] = {}  # list style -> its abstract numbering

    def write(self, sections: list[Section], title: str) -> None:
        self.paragraph("Heading 1", _run(title))
        self.paragraph("Normal", _run(summary_line(sections) + ".", color=_MUTED))
        for section in sections:
            self.paragraph("Heading 2", _run(section.heading))
            if section.meta:
                self.paragraph("Normal", _run(section.meta, color=_MUTED, size=_SMALL))
            for item in section.items:
                self.item(item)
        self._append()

    def item(self, item: Item) -> None:
        annotation = item.annotation
        colour = PALETTE.get(annotation.color, PALETTE[DEFAULT_COLOR])[1:].upper()
        cite = _run("\u25a0 ", color=colour) + _run(item.citation, bold=True)
        if annotation.detached:
            cite += _run(f" — {DETACHED}", italic=True, color=_ALERT)
        cite += _run("\n" + item.details, color=_MUTED, size=_SMALL)
        self.paragraph("Normal", cite, keep_next=True)
        passage = item.passage  # the highlighted words in bold on their colour
        quote = _run(passage.before) if passage.before else ""
        if passage.words:
            quote += _run(passage.words, bold=True, fill=colour)
        if passage.after:
            quote += _run(passage.after)
        self.paragraph("Quote", quote)
        if annotation.note.strip():
            self.note(annotation.note)

    def note(self, note: str) -> None:
        cached = self.notes.get(note)
        if cached is not None:
            self.parts.append(cached)
            return
        start = len(self.parts)
        paragraphs = note_paragraphs(note)
        for paragraph in paragraphs:
            self.note_paragraph(paragraph)
        if not any(p.style == "numbered" for p in paragraphs):  # else each copy restarts
            self.notes[note] = "".join(self.parts[start:])

    def note_paragraph(self, paragraph: NoteParagraph) -> None:
        level = min(paragraph.level, 3)
        style = _NOTE_STYLES.get((paragraph.style, level)) or _NOTE_STYLES[paragraph.style, 0]
        num = None
        if paragraph.style == "numbered":
            if paragraph.new_list or level not in self.list_nums:
                self.list_nums[level] = self.restart(style, paragraph.number or 1)
            num = self.list_nums[level]
        runs = "".join(self.note_run(run) for run in paragraph.runs)
        self.paragraph(style, runs, num=num)

    def note_run(self, run: NoteRun) -> str:
        xml = _run(run.text, bold=run.bold, italic=run.italic, strike=run.strike,
                   mono=run.code, color=_LINK if run.link else None, underline=bool(run.link))
        if not run.link:
            return xml
        if run.link not in self.links:
            rid = f"rIdPlenaryLink{len(self.links) + 1}"
            self.document.part.rels.add_relationship(RT.HYPERLINK, run.link, rid,
                                                     is_external=True)
            self.links[run.link] = rid
        return f'<w:hyperlink r:id="{self.links[run.link]}">{xml}</w:hyperlink>'

    def restart(self, style: str, start: int) -> int:
        """A numbering of ``style``'s list that starts again at ``start``: without it, every
        numbered list in every note would continue the previous one."""
        if style not in self.abstract_nums:
            style_num = self.document.styles[style].element.pPr.numPr.numId.val
            self.abstract_nums[style] = self.numbering.num_having_numId(style_num)\
                .abstractNumId.val
        abstract = self.abstract_nums[style]
        num, self.next_num = self.next_num, self.next_num + 1
        self.new_nums.append(f'<w:num w:numId="{num}"><w:abstractNumId w:val="{abstract}"/>'
                             f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/>'
                             "</w:lvlOverride></w:num>")
        return num

    def style_id(self, name: str) -> str:
        if name not in self.style_ids:
            self.style_ids[name] = self.document.styles[name].style_id
        return self.style_ids[name]

    def paragraph(self, style: str, runs: str, *, keep_next: bool = False,
                  num: int | None = None) -> None:
        props = f'<w:pStyle w:val="{self.style_id(style)}"/>'
        if keep_next:
            props += "<w:keepNext/>"
        if num is not None:
            props += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>'
        self.parts.append(f"<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>")

    def _append(self) -> None:
        """Parse what was written and put it in the body, before the section properties,
        and the new list numberings in the numbering part."""
        body = self.document.element.body
        fragment = parse_xml(f"<w:body {nsdecls('w', 'r')}>{''.join(self.parts)}</w:body>")
        section = body.sectPr
        if section is not None:
            body.remove(section)
        body.extend(list(fragment))
        if section is not None:
            body.append(section)
        if self.new_nums:
            nums = parse_xml(f"<w:numbering {nsdecls('w')}>{''.join(self.new_nums)}"
                             "</w:numbering>")
            cleanup = self.numbering.find(qn("w:numIdMacAtCleanup"))
            for num in list(nums):
                if cleanup is not None:
                    cleanup.addprevious(num)
                else:
                    self.numbering.append(num)


def _run(text: str, *, bold: bool = False, italic: bool = False, strike: bool = False,
         mono: bool = False, color: str | None = None, size: int | None = None,
         underline: bool = False, fill: str | None = None) -> str:
    """One run as WordprocessingML; a "\\n" in ``text`` is a line break."""
    text = html.escape(_XML_UNSAFE.sub("", text), quote=False)
    if "\n" in text:
        text = '</w:t><w:br/><w:t xml:space="preserve">'.join(text.split("\n"))
    return (f"{_run_start(bold, italic, strike, mono, color, size, underline, fill)}"
            f'<w:t xml:space="preserve">{text}</w:t></w:r>')


@lru_cache(maxsize=256)
def _run_start(bold: bool, italic: bool, strike: bool, mono: bool, color: str | None,
               size: int | None, underline: bool, fill: str | None) -> str:
    """A run's opening and properties, in the order the schema requires; few distinct ones
    occur, so each is built once."""
    props = ""
    if mono:
        props += f'<w:rFonts w:ascii="{_MONO}" w:hAnsi="{_MONO}" w:cs="{_MONO}"/>'
    if bold:
        props += "<w:b/>"
    if italic:
        props += "<w:i/>"
    if strike:
        props += "<w:strike/>"
    if color:
        props += f'<w:color w:val="{color}"/>'
    if size:
        props += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    if underline:
        props += '<w:u w:val="single"/>'
    if fill:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    return f"<w:r><w:rPr>{props}</w:rPr>" if props else "<w:r>"
