"""Real-looking files of a library document (what a diplomat downloads from the UN's document
system), for the import tests and the import benchmark.

A PDF as Qt prints it and a Word file as python-docx writes it, both made from a parsed
``Document``, so a test can import the file and compare what comes back with where it came
from, paragraph for paragraph. Neither is byte-for-byte what the UN publishes; each carries
what an import has to undo or keep: italic verbs, typed or Word-counted paragraph numbers,
footnotes, a PDF's page breaks and ligatures.

``tools/`` is not a package: tests import ``tools.sample_files`` from the repository root (pytest's
pythonpath is "."), a benchmark after putting the root on ``sys.path``.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.model import Block, BlockKind, Document

if TYPE_CHECKING:
    from collections.abc import Callable

    from docx.text.paragraph import Paragraph

__all__ = ["write_docx", "write_pdf"]


# --- PDF -------------------------------------------------------------------------------------


def write_pdf(doc: Document, path: Path) -> None:
    """A PDF of ``doc`` as Qt prints it (page numbers at the foot), footnotes left out; a note
    ("* Reissued…") stands after the first preambular paragraph, as on the first page.

    Qt sets the text, so a QGuiApplication (or QApplication) must exist already (in tests the
    ``qapp`` fixture); this function does not create one.
    """
    from PySide6.QtGui import QFont, QPageSize, QPdfWriter, QTextDocument

    notes = [b for b in doc.blocks if b.kind == BlockKind.NOTE]
    parts = []
    for block in doc.blocks:
        if block.kind in (BlockKind.FOOTNOTE, BlockKind.NOTE):
            continue
        indent = "text-indent:24pt;" if block.kind in (
            BlockKind.PREAMBULAR, BlockKind.OPERATIVE, BlockKind.SUBPARAGRAPH) else ""
        parts.append(f'<p style="margin-bottom:6pt;{indent}">{_block_html(block)}</p>')
        if block.id == "pp1":
            parts += [f"<p>* {html.escape(note.text)}</p>" for note in notes]
    text = QTextDocument()
    text.setDefaultFont(QFont("DejaVu Serif", 10))
    text.setHtml("<html><body>" + "".join(parts) + "</body></html>")
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    text.print_(writer)
    del writer  # finishes the file


def _block_html(block: Block) -> str:
    """A block as the official document sets it: the operative verb in italics, numbers typed."""
    text, italic = block.text, _italics(block)
    out, start = [], 0
    for i in range(1, len(text) + 1):
        if i == len(text) or italic[i] != italic[start]:
            piece = html.escape(text[start:i])
            out.append(f"<i>{piece}</i>" if italic[start] else piece)
            start = i
    body = "".join(out)
    if block.kind == BlockKind.OPERATIVE:
        return f"{block.number}.&nbsp;&nbsp;{body}"
    if block.kind == BlockKind.SUBPARAGRAPH:
        return f"({block.number})&nbsp;{body}"
    if block.kind == BlockKind.HEADING:
        return f"<i>{body}</i>"
    return body


def _italics(block: Block, *, verb: bool = True) -> list[bool]:
    """Which characters of the block are italic: its emphasis and, as printed, the operative
    verb (which the model keeps as ``block.verb``, not as emphasis)."""
    text = block.text
    italic = [False] * len(text)
    for span in block.emphasis:
        italic[span.start:span.end] = [True] * (span.end - span.start)
    if verb and block.kind == BlockKind.OPERATIVE and block.verb and text.startswith(block.verb):
        italic[: len(block.verb)] = [True] * len(block.verb)
    return italic


# --- Word ------------------------------------------------------------------------------------

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: A two-level list ("1.", "(a)") for ``numbering="word"``: Word's own numbers, not in the text.
_NUMBERING = f"""<w:abstractNum xmlns:w="{_W_NS}"
 w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/>
 </w:lvl></w:abstractNum>"""
_NUM = f"""<w:num xmlns:w="{_W_NS}"
 w:numId="90"><w:abstractNumId w:val="90"/></w:num>"""


def write_docx(doc: Document, path: Path, *, numbering: str = "typed") -> None:
    """A Word file of ``doc``: title lines, paragraphs with their italics as runs, numbers typed
    (``numbering="typed"``) or Word's own (``numbering="word"``), footnotes as Word footnotes."""
    import docx
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    if numbering not in ("typed", "word"):
        raise ValueError(f"numbering {numbering!r} is neither 'typed' nor 'word'")
    document = docx.Document()
    if numbering == "word":
        numbering_xml = document.part.numbering_part.element
        numbering_xml.insert(0, parse_xml(_NUMBERING))
        numbering_xml.append(parse_xml(_NUM))
    footnotes = {b.number: b for b in doc.blocks if b.kind == BlockKind.FOOTNOTE}
    notes = [b for b in doc.blocks if b.kind == BlockKind.NOTE]
    for block in doc.blocks:
        if block.kind in (BlockKind.FOOTNOTE, BlockKind.NOTE):
            continue
        paragraph = document.add_paragraph()
        if numbering == "word" and block.kind in (BlockKind.OPERATIVE, BlockKind.SUBPARAGRAPH):
            level = "0" if block.kind == BlockKind.OPERATIVE else "1"
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr xmlns:w="{_W_NS}"><w:ilvl w:val="{level}"/>'
                '<w:numId w:val="90"/></w:numPr>'))
        elif block.kind == BlockKind.OPERATIVE:
            paragraph.add_run(f"{block.number}.\t")
        elif block.kind == BlockKind.SUBPARAGRAPH:
            paragraph.add_run(f"({block.number})\t")
        _add_runs(paragraph, block, qn)
        if block.id == "pp1":
            for note in notes:
                document.add_paragraph(f"* {note.text}")
    if footnotes:
        body = "".join(
            f'<w:footnote w:id="{number}"><w:p><w:r><w:footnoteRef/></w:r>'
            f'<w:r><w:t xml:space="preserve"> </w:t></w:r>{_runs_xml(note)}</w:p></w:footnote>'
            for number, note in footnotes.items())
        blob = (f'<w:footnotes xmlns:w="{_W_NS}"><w:footnote w:type="separator" w:id="-1"><w:p>'
                f'<w:r><w:separator/></w:r></w:p></w:footnote>{body}</w:footnotes>').encode()
        part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, blob,
                    document.part.package)
        document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    document.save(path)


def _runs_xml(block: Block) -> str:
    """A footnote's text as Word runs, italic where it is."""
    runs = []
    for start, end, italic in _pieces(block):
        style = "<w:rPr><w:i/></w:rPr>" if italic else ""
        runs.append(f'<w:r>{style}<w:t xml:space="preserve">{html.escape(block.text[start:end])}'
                    "</w:t></w:r>")
    return "".join(runs)


def _pieces(block: Block) -> list[tuple[int, int, bool]]:
    """(start, end, italic) of the block's stretches of one style, its emphasis only."""
    italic = _italics(block, verb=False)
    cuts = sorted({0, len(block.text),
                   *(i for i in range(1, len(block.text)) if italic[i] != italic[i - 1])})
    return [(start, end, italic[start]) for start, end in zip(cuts, cuts[1:], strict=False)]


def _add_runs(paragraph: Paragraph, block: Block, qn: Callable[[str], str]) -> None:
    """The block's text as runs: italic where it is, split where footnote marks stood."""
    text = block.text
    italic = _italics(block)
    cuts = sorted({0, len(text), *(m.offset for m in block.notes),
                   *(i for i in range(1, len(text)) if italic[i] != italic[i - 1])})
    marks: dict[int, list[str]] = {}
    for mark in block.notes:
        marks.setdefault(mark.offset, []).append(mark.number)
    for start, end in zip(cuts, cuts[1:], strict=False):
        for number in marks.pop(start, []):
            _add_footnote_reference(paragraph, number, qn)
        run = paragraph.add_run(text[start:end])
        run.italic = italic[start] or None
    for numbers in marks.values():
        for number in numbers:
            _add_footnote_reference(paragraph, number, qn)


def _add_footnote_reference(paragraph: Paragraph, number: str,
                            qn: Callable[[str], str]) -> None:
    from docx.oxml import OxmlElement

    run = paragraph.add_run()
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), number)
    run._r.append(reference)
