"""A comparison as one HTML table for QTextBrowser: the two texts in aligned rows.

One table rather than two synchronised views: a row is as tall as its taller paragraph, so
matching paragraphs always sit level and a paragraph without a counterpart faces a gap, at any
width, zoom or font, with no scroll syncing to drift. The middle column says what happened to
the row. Qt-free, like render.py: tests read the HTML without a display.

Anchors: ``L-op12`` / ``R-op12`` on each side's paragraph (for jumps, the paragraph menu and
copy with citation) and ``row-7`` on each row (for next/previous change). Unchanged paragraphs
keep their citation links; changed ones show the word-level marks instead, in the document's
italics (the opening *Decides*, *Recalling* stay italic on both sides).
"""

from __future__ import annotations

import html

from corpus.citing import format_date, short_label
from corpus.compare import Comparison, Row, Status, row_label
from corpus.compare.worddiff import StyledRun, styled_runs
from corpus.model import Block, Document
from reader.document.render import inline_html, number_label, stylesheet

#: The middle column's width in pixels, on every cell of it: wide enough for "removed" at its
#: small size. The text columns carry no width, so Qt shares the rest equally between them
#: (a percentage there would be taken of the whole table and overflow it).
GUTTER_WIDTH = 76

_MARKS_LIGHT = """
span.ins { background-color: #d6e8ff; text-decoration: underline; }
span.del { background-color: #ffdcbc; text-decoration: line-through; }
span.ins-minor { background-color: #ecf4ff; text-decoration: underline;
                 text-underline-style: dotted; }
span.del-minor { background-color: #fff0e2; text-decoration: line-through; }
td.gap { background-color: #f2f2f2; }
td.status { font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: small;
            color: #666666; }
td.status-changed, td.status-moved { color: #8a4b00; font-weight: bold; }
td.status-added, td.status-removed { color: #1f4f8a; font-weight: bold; }
p.cell-label { font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: small;
               color: #666666; margin-bottom: 2px; }
p.cell { margin-bottom: 0; }
th { font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: medium;
     text-align: left; }
"""
_MARKS_DARK = """
span.ins { background-color: #1f3f66; }
span.del { background-color: #5c3413; }
span.ins-minor { background-color: #1b2d44; }
span.del-minor { background-color: #3d2713; }
td.gap { background-color: #26282b; }
td.status, p.cell-label { color: #9a978f; }
td.status-changed, td.status-moved { color: #e3a24a; }
td.status-added, td.status-removed { color: #8ab4f8; }
"""


def comparison_stylesheet(dark: bool) -> str:
    return stylesheet(dark) + _MARKS_LIGHT + (_MARKS_DARK if dark else "")


def render_comparison(comparison: Comparison, *, dark: bool = False, marks: bool = True,
                      changes_only: bool = False) -> str:
    """The whole comparison as one page. ``marks`` off shows both texts plain;
    ``changes_only`` leaves out the rows whose paragraphs are identical."""
    left = {b.id: b for b in comparison.left.blocks}
    right = {b.id: b for b in comparison.right.blocks}
    rows = [_header(comparison.left), f'<th width="{GUTTER_WIDTH}"></th>',
            _header(comparison.right)]
    # Not 100%: Qt rounds the columns of a full-width table a pixel past the view at some
    # widths, which puts a horizontal scroll bar under the whole comparison.
    out = ['<table width="99.5%" cellspacing="0" cellpadding="6">',
           f'<tr>{"".join(rows)}</tr>']
    shown_left: set[str] = set()
    for number in shown_rows(comparison, changes_only):
        out.append(_row(number, comparison.rows[number], comparison, left, right, marks,
                        shown_left))
    out.append("</table>")
    return ('<html><head><meta charset="utf-8"/>'
            f"<title>{_esc(comparison.left.symbol)} / {_esc(comparison.right.symbol)}</title>"
            f"<style>{comparison_stylesheet(dark)}</style></head>"
            f'<body>{"".join(out)}</body></html>')


def shown_rows(comparison: Comparison, changes_only: bool) -> list[int]:
    """The comparison's rows the table shows, in order: the table's row 1 + n is the n-th of
    them (row 0 is the header)."""
    return [n for n, row in enumerate(comparison.rows)
            if not (changes_only and row.status == Status.SAME)]


def _header(doc: Document) -> str:
    return (f'<th>{_esc(doc.symbol)}'
            f'<br/><span class="cell-label">{_esc(format_date(doc.date))}</span></th>')


def _row(number: int, row: Row, comparison: Comparison, left: dict[str, Block],
         right: dict[str, Block], marks: bool, shown_left: set[str]) -> str:
    status = "minor" if row.minor else row.status.value
    cells = [
        _cell("L", row, left.get(row.left or ""), comparison.left.symbol, marks, shown_left),
        f'<td width="{GUTTER_WIDTH}" valign="top" align="center" '
        f'class="status status-{row.status.value}">'
        f'<a name="row-{number}"></a>{_esc(status)}</td>',
        _cell("R", row, right.get(row.right or ""), comparison.right.symbol, marks, None),
    ]
    return f'<tr>{"".join(cells)}</tr>'


def _cell(side: str, row: Row, block: Block | None, symbol: str, marks: bool,
          shown: set[str] | None) -> str:
    if block is None:
        return '<td valign="top" class="gap"></td>'
    label = row_label(row, "left" if side == "L" else "right")
    repeated = shown is not None and block.id in shown
    if shown is not None:
        shown.add(block.id)
    if repeated:  # the further piece of a split: the left text was shown on the row above
        return (f'<td valign="top" class="gap"><p class="cell-label">'
                f'{_esc(short_label(block.id))} continues: split in two</p></td>')
    heading = short_label(block.id) + (f" — {label}" if label else "")
    body = (_marked(styled_runs(row.ops, "left" if side == "L" else "right", block))
            if marks and row.ops else inline_html(block, symbol))
    return (f'<td valign="top"><p class="cell-label">{_esc(heading)}</p>'
            f'<p class="cell"><a name="{side}-{_esc(block.id)}"></a>{_number(block)}{body}'
            f"</p></td>")


def _number(block: Block) -> str:
    label = number_label(block)
    return f"{_esc(label)}&nbsp;&nbsp;" if label else ""


#: CSS class of each mark of corpus.compare.worddiff.side_runs.
_MARK_CLASS = {"insert": "ins", "delete": "del", "minor-insert": "ins-minor",
               "minor-delete": "del-minor"}


def _marked(runs: list[StyledRun]) -> str:
    """One side's text with what the other side lacks marked (deletions on the left,
    insertions on the right), italics where the document has them."""
    out = []
    for text, mark, italic in runs:
        piece = f"<i>{_esc(text)}</i>" if italic else _esc(text)
        out.append(piece if mark is None else f'<span class="{_MARK_CLASS[mark]}">{piece}</span>')
    return "".join(out)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)
