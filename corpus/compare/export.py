"""A comparison as the table a delegation circulates: an HTML page or a Word document.

Both exports draw the same three columns (left text | status | right text) from one
description of the table, ``table_rows``, so the page and the Word file never disagree on
what a row says. Each text cell opens with the paragraph's citation, because a comparison
table is forwarded and quoted out of context; insertions and deletions differ by underline
versus strike-through as well as by colour, so the marks survive black-and-white printing
and colour-blind readers.

Qt-free: the comparison view calls these, and so can the command line.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_UNDERLINE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt, RGBColor
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph

from corpus.citing import citation, format_date
from corpus.compare import Comparison, Row, row_label
from corpus.compare.worddiff import Mark, StyledRun, styled_runs
from corpus.files import write_atomically
from corpus.model import Block, Document

#: (mark, the marked sample word, what follows it) for the legend of both exports.
LEGEND: tuple[tuple[Mark, str, str], ...] = (
    ("insert", "inserted", ""),
    ("delete", "deleted", ""),
    ("minor-insert", "minor change", ": case, spelling or punctuation"),
)


# --- The table, whatever the format ----------------------------------------------------------

@dataclass(frozen=True)
class Cell:
    """One side of a row. A side without a paragraph (added, removed, moved) is a gap: no
    citation, no runs, so both exports can leave it visibly empty."""

    citation: str = ""
    label: str = ""
    runs: list[StyledRun] = field(default_factory=list)

    @property
    def is_gap(self) -> bool:
        return not self.citation and not self.runs


@dataclass(frozen=True)
class TableRow:
    row: Row
    left: Cell
    right: Cell

    @property
    def status(self) -> str:
        """"changed", or "changed (minor)" when only case, spelling or punctuation differ."""
        return f"{self.row.status.value} (minor)" if self.row.minor else self.row.status.value


def title(comparison: Comparison) -> str:
    return f"Comparison of {comparison.left.symbol} and {comparison.right.symbol}"


#: What no file name may hold on one system or another: separators, Windows' reserved marks,
#: control characters.
_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')


def file_name(comparison: Comparison, suffix: str = ".html") -> str:
    """"S-2017-1051 vs S-RES-2396 (2017).html": the two symbols as a reader would say them,
    and a name every system accepts (a symbol's slashes would make folders)."""
    def safe(symbol: str) -> str:
        return _NOT_IN_FILE_NAMES.sub("-", symbol).strip(" .") or "document"

    return f"{safe(comparison.left.symbol)} vs {safe(comparison.right.symbol)}{suffix}"


def document_line(doc: Document) -> str:
    """"S/RES/2396 (2017): Threats to … (21 December 2017)", for the header of an export."""
    return f"{doc.symbol}: {doc.title} ({format_date(doc.date)})"


def ignored_line(comparison: Comparison) -> str:
    return "Not counted as differences: " + "; ".join(comparison.summary()["ignored"]) + "."


def table_rows(comparison: Comparison) -> Iterator[TableRow]:
    """Each comparison row as its two cells, in the comparison's order."""
    left = {b.id: b for b in comparison.left.blocks}  # Document.block is a linear search
    right = {b.id: b for b in comparison.right.blocks}
    for row in comparison.rows:
        yield TableRow(
            row,
            _cell(comparison.left, left.get(row.left) if row.left else None, row, "left"),
            _cell(comparison.right, right.get(row.right) if row.right else None, row, "right"),
        )


def _cell(doc: Document, block: Block | None, row: Row, side: str) -> Cell:
    if block is None:
        return Cell()
    return Cell(citation(doc, block), row_label(row, side), styled_runs(row.ops, side, block))


# --- HTML ------------------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light dark; --ins: #d6e9ff; --del: #ffe0c2; --ins-minor: #eef5ff;
  --del-minor: #fff3e6; --muted: #555; --rule: #bbb; --head: #f2f2f2; }
body { font-family: "Times New Roman", Times, serif; font-size: 11pt; line-height: 1.4;
  margin: 2em auto; max-width: 80em; padding: 0 1em; color: #000; background: #fff; }
h1 { font-size: 1.5em; margin: 0 0 .5em; }
p.meta { margin: .2em 0; }
p.legend span { margin-right: 1.5em; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 1px solid var(--rule); padding: .4em .6em; vertical-align: top; }
th { background: var(--head); text-align: left; }
col.text { width: 45%; } col.status { width: 10%; }
td.status { text-align: center; font-size: .85em; color: var(--muted); }
tr.changed td.status, tr.added td.status, tr.removed td.status, tr.moved td.status {
  color: inherit; font-weight: bold; }
td.gap { background: repeating-linear-gradient(135deg, transparent 0 6px,
  rgba(128,128,128,.12) 6px 8px); }
.cite { display: block; font-size: .8em; font-style: italic; color: var(--muted); }
.label { display: block; font-size: .8em; font-weight: bold; }
ins { text-decoration: underline; text-decoration-thickness: 2px; background: var(--ins); }
del { text-decoration: line-through; text-decoration-thickness: 2px; background: var(--del); }
ins.minor { text-decoration-style: dotted; text-decoration-thickness: 1px;
  background: var(--ins-minor); }
del.minor { text-decoration-thickness: 1px; background: var(--del-minor); }
@media (prefers-color-scheme: dark) {
  :root { --ins: #1d3a5c; --del: #5c3516; --ins-minor: #1b2836; --del-minor: #3a2a1c;
    --muted: #aaa; --rule: #555; --head: #2a2a2a; }
  body { color: #e6e6e6; background: #161616; }
}
@media print {
  :root { --ins: #d6e9ff; --del: #ffe0c2; --ins-minor: #eef5ff; --del-minor: #fff3e6;
    --muted: #444; --rule: #888; --head: #eee; }
  @page { size: A4 landscape; margin: 1.5cm; }
  body { margin: 0; max-width: none; padding: 0; font-size: 10pt; color: #000;
    background: #fff; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  ins, del, td.gap, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def export_comparison(comparison: Comparison, path: Path) -> Path:
    """Write ``comparison`` in the format ``path``'s suffix names: Word for .docx, else an
    HTML page (given .html if it had no such suffix). Returns the path written."""
    if path.suffix.lower() == ".docx":
        export_docx(comparison, path)
        return path
    if path.suffix.lower() not in (".html", ".htm"):
        path = path.with_suffix(".html")
    export_html(comparison, path)
    return path


def export_html(comparison: Comparison, path: Path) -> None:
    """Write ``comparison`` as one self-contained HTML page (no scripts, no external
    resources): it must open the same on an air-gapped machine and in an e-mail client."""
    page = comparison_html(comparison)
    write_atomically(Path(path), lambda tmp: tmp.write_text(page, encoding="utf-8"))


def comparison_html(comparison: Comparison) -> str:
    esc = html.escape
    head = (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(title(comparison))}</title>\n<style>{_CSS}</style>\n</head>\n")
    body = [
        f"<h1>{esc(title(comparison))}</h1>",
        f'<p class="meta">{esc(document_line(comparison.left))}</p>',
        f'<p class="meta">{esc(document_line(comparison.right))}</p>',
        f'<p class="summary">{esc(comparison.summary_line())}.</p>',
        f'<p class="ignored">{esc(ignored_line(comparison))}</p>',
        _html_legend(),
        _html_table(comparison),
    ]
    return head + "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"


def _html_legend() -> str:
    items = "".join(f"<span>{_html_run(word, mark)}{html.escape(rest)}</span>"
                    for mark, word, rest in LEGEND)
    return f'<p class="legend">Legend: {items}</p>'


def _html_table(comparison: Comparison) -> str:
    esc = html.escape
    lines = [
        "<table>",
        '<colgroup><col class="text"><col class="status"><col class="text"></colgroup>',
        f"<thead><tr><th>{esc(comparison.left.symbol)}</th><th></th>"
        f"<th>{esc(comparison.right.symbol)}</th></tr></thead>",
        "<tbody>",
    ]
    for table_row in table_rows(comparison):
        lines.append(
            f'<tr class="{table_row.row.status.value}">{_html_cell(table_row.left)}'
            f'<td class="status">{esc(table_row.status)}</td>{_html_cell(table_row.right)}</tr>'
        )
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def _html_cell(cell: Cell) -> str:
    if cell.is_gap:
        return '<td class="gap"></td>'
    parts = [f'<span class="cite">{html.escape(cell.citation)}</span>']
    if cell.label:
        parts.append(f'<span class="label">{html.escape(cell.label)}</span>')
    parts.extend(_html_run(text, mark, italic) for text, mark, italic in cell.runs)
    return "<td>" + "".join(parts) + "</td>"


def _html_run(text: str, mark: Mark, italic: bool = False) -> str:
    text = f"<i>{html.escape(text)}</i>" if italic else html.escape(text)
    if mark is None:
        return text
    tag = "ins" if mark.endswith("insert") else "del"
    cls = ' class="minor"' if mark.startswith("minor") else ""
    return f"<{tag}{cls}>{text}</{tag}>"


# --- Word ------------------------------------------------------------------------------------

#: (underline, strike, colour) per mark; the colours match the HTML page's, darkened for text.
_DOCX_MARKS: dict[str, tuple[WD_UNDERLINE | None, bool, RGBColor]] = {
    "insert": (WD_UNDERLINE.SINGLE, False, RGBColor(0x1F, 0x5F, 0xAD)),
    "delete": (None, True, RGBColor(0xC0, 0x5A, 0x00)),
    "minor-insert": (WD_UNDERLINE.DOTTED, False, RGBColor(0x5B, 0x8F, 0xCC)),
    "minor-delete": (None, True, RGBColor(0xD9, 0x97, 0x5C)),
}
_SMALL = Pt(8)
#: Control characters XML cannot hold (a form feed left by a PDF): lxml refuses the run.
_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def export_docx(comparison: Comparison, path: Path) -> None:
    """Write ``comparison`` as a Word document, the format delegations edit and forward:
    a landscape A4 page with the three-column table."""
    document = comparison_docx(comparison)
    write_atomically(Path(path), lambda tmp: document.save(str(tmp)))


def comparison_docx(comparison: Comparison) -> WordDocument:
    """The Word document in memory, for tests and for a caller that adds to it."""
    document = docx.Document()
    widths = _landscape(document)
    document.add_heading(title(comparison), level=1)
    document.add_paragraph(document_line(comparison.left))
    document.add_paragraph(document_line(comparison.right))
    document.add_paragraph(comparison.summary_line() + ".")
    document.add_paragraph(ignored_line(comparison))
    _docx_legend(document.add_paragraph())
    _docx_table(document, comparison, widths)
    return document


def _landscape(document: WordDocument) -> tuple[Length, Length, Length]:
    """Turn the page to landscape A4, where two paragraphs side by side stay readable; the
    three column widths (45/10/45 % of the text width) follow from it."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(1.5))
    text_width = section.page_width - section.left_margin - section.right_margin
    side = Length(int(text_width * 0.45))
    return side, Length(text_width - 2 * side), side


def _docx_legend(paragraph: Paragraph) -> None:
    paragraph.add_run("Legend: ")
    for n, (mark, word, rest) in enumerate(LEGEND):
        paragraph.add_run("    " if n else "")
        _docx_run(paragraph, word, mark)
        paragraph.add_run(rest)


def _docx_table(document: WordDocument, comparison: Comparison,
                widths: tuple[Length, Length, Length]) -> None:
    rows = list(table_rows(comparison))
    table = document.add_table(rows=len(rows) + 1, cols=3)
    table.style = "Table Grid"
    table.autofit = False
    _docx_header(table.rows[0], comparison)
    for table_row, row in zip(rows, table.rows[1:], strict=True):
        left, status, right = row.cells
        _docx_cell(left, table_row.left)
        status.paragraphs[0].add_run(table_row.status).font.size = _SMALL
        _docx_cell(right, table_row.right)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width  # Word reads the cells' widths, LibreOffice the column's


def _docx_header(row: _Row, comparison: Comparison) -> None:
    """The symbols above their columns, repeated at the top of every page of the table."""
    symbols = (comparison.left.symbol, "", comparison.right.symbol)
    for cell, text in zip(row.cells, symbols, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(repeat)


def _docx_cell(cell: _Cell, content: Cell) -> None:
    if content.is_gap:
        return
    citation_run = cell.paragraphs[0].add_run(content.citation)
    citation_run.italic = True
    citation_run.font.size = _SMALL
    if content.label:
        cell.add_paragraph().add_run(content.label).bold = True
    paragraph = cell.add_paragraph()
    for text, mark, italic in content.runs:
        _docx_run(paragraph, text, mark, italic)


def _docx_run(paragraph: Paragraph, text: str, mark: Mark, italic: bool = False) -> None:
    run = paragraph.add_run(_XML_UNSAFE.sub("", text))
    if italic:
        run.italic = True
    if mark is None:
        return
    underline, strike, colour = _DOCX_MARKS[mark]
    if underline is not None:
        run.font.underline = underline
    run.font.strike = strike
    run.font.color.rgb = colour
