"""A comparison as one marked text for QTextBrowser: the redline, as Word's Compare shows it.

The later text's paragraphs in order (corpus.compare.redline: one paragraph per comparison
row), insertions underlined, deletions struck through, each in its colour; a moved paragraph
struck through in green where it stood and underlined in green where it went; beside each
changed paragraph, in a narrow margin, what happened to it ("changed", "added", "moved from
OP 7"). Qt draws neither double underlines nor double strikes, so a move differs from an
insertion by its colour and its margin note (the Word export has Word's own move marks).

A table of two columns, margin and text, one table row per comparison row shown, as the
side-by-side table has: the comparison view steps, tints and keeps its place in both the
same way. Anchors: ``row-7`` on each row's margin, ``R-op12`` on a paragraph of the later
text, ``L-op12`` on one of the original (on the margin when the row shows both, so a jump
to either finds the row and "this paragraph" is the later text's). Unchanged paragraphs keep
their citation links and footnote markers. Qt-free, like render.py: every piece of text is
escaped here.
"""

from __future__ import annotations

import html

from corpus.citing import format_date
from corpus.compare import Comparison, Status
from corpus.compare.redline import Redline, RedlineParagraph, RedlineRun, RunKind
from corpus.model import Block, BlockKind
from reader.compare.compare_render import shown_rows
from reader.document.render import inline_html, stylesheet

#: The margin column's width in pixels: "moved from OP 12 (b)" on two lines at small size.
MARGIN_WIDTH = 116

#: The side-by-side table's colours (blue inserted, orange deleted), with Word's underline and
#: strike-through, so a mark survives a black-and-white print and is never taken for a link.
_LIGHT = """
span.ins { background-color: #d6e8ff; text-decoration: underline; }
span.del { background-color: #ffdcbc; text-decoration: line-through; }
span.ins-minor { background-color: #ecf4ff; text-decoration: underline; }
span.del-minor { background-color: #fff0e2; text-decoration: line-through; }
span.moved { background-color: #d9f0dd; text-decoration: underline; }
span.moved-away { background-color: #d9f0dd; text-decoration: line-through; }
td.margin { font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: small;
            color: #8a4b00; }
td.margin-moved { color: #1e6b30; }
td.margin-minor { color: #777777; }
th { font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: medium;
     text-align: left; }
span.dates { font-size: small; color: #666666; font-weight: normal; }
"""
_DARK = """
span.ins { background-color: #1f3f66; }
span.del { background-color: #5c3413; }
span.ins-minor { background-color: #1b2d44; }
span.del-minor { background-color: #3d2713; }
span.moved, span.moved-away { background-color: #1d4a2a; }
td.margin { color: #e3a24a; }
td.margin-moved { color: #81c995; }
td.margin-minor, span.dates { color: #9a978f; }
"""


def redline_stylesheet(dark: bool) -> str:
    return stylesheet(dark) + _LIGHT + (_DARK if dark else "")


def render_redline(comparison: Comparison, redline: Redline, *, dark: bool = False,
                   changes_only: bool = False) -> str:
    """The redline as one page; ``changes_only`` leaves out the unchanged paragraphs."""
    right = {b.id: b for b in comparison.right.blocks}
    original, revised = redline.original, redline.revised
    out = ['<table width="99.5%" cellspacing="0" cellpadding="4">',
           f'<tr><th colspan="2">{_esc(original.symbol)} → {_esc(revised.symbol)}<br/>'
           f'<span class="dates">{_esc(format_date(original.date))} → '
           f"{_esc(format_date(revised.date))} · inserted text underlined, deleted struck "
           f"through</span></th></tr>"]
    for number in shown_rows(comparison, changes_only):
        paragraph = redline.paragraphs[number]
        out.append(_row(paragraph, right, revised.symbol))
    out.append("</table>")
    return ('<html><head><meta charset="utf-8"/>'
            f"<title>{_esc(redline.title)}</title>"
            f"<style>{redline_stylesheet(dark)}</style></head>"
            f'<body>{"".join(out)}</body></html>')


def _row(paragraph: RedlineParagraph, right: dict[str, Block], revised: str) -> str:
    both = paragraph.left is not None and paragraph.right is not None
    margin_anchors = f'<a name="row-{paragraph.row}"></a>'
    if both:
        margin_anchors += f'<a name="L-{_esc(paragraph.left)}"></a>'
    if paragraph.right is not None:
        anchor = f'<a name="R-{_esc(paragraph.right)}"></a>'
    else:
        anchor = f'<a name="L-{_esc(paragraph.left or "")}"></a>'
    kind = ("moved" if paragraph.move else "minor" if paragraph.label == "minor change"
            else "change")
    margin = (f'<td width="{MARGIN_WIDTH}" valign="top" align="right" '
              f'class="margin margin-{kind}">{margin_anchors}'
              f"{_esc(paragraph.label) or '&nbsp;'}</td>")
    if paragraph.status == Status.SAME and paragraph.right in right:
        body = inline_html(right[paragraph.right], revised)  # links and markers kept
    else:
        body = "".join(_run(run, paragraph) for run in paragraph.runs)
    number = "".join(_run(run, paragraph) for run in paragraph.number)
    if number:
        number += "&nbsp;&nbsp;"
    return (f'<tr>{margin}<td valign="top"><p class="{_classes(paragraph)}">{anchor}'
            f"{number}{body}</p></td></tr>")


def _classes(paragraph: RedlineParagraph) -> str:
    """The document view's paragraph classes, so indents and headings look as in a
    document tab."""
    kind = paragraph.kind
    if kind == BlockKind.SUBPARAGRAPH or (kind == BlockKind.ANNEX_PARAGRAPH and
                                           paragraph.depth):
        return f"subparagraph level{min(max(paragraph.depth, 1), 3)}"
    return _esc(kind.value)


def _run(run: RedlineRun, paragraph: RedlineParagraph) -> str:
    """One run, in italics where the document has them, with its mark. A marked run's
    leading space is left unmarked: a struck-through space reads as a stray dash."""
    css = _mark(run, paragraph)
    text = run.text
    if css is None:
        return _italic(text, run.italic)
    stripped = text.lstrip()
    space = text[: len(text) - len(stripped)]
    if not stripped:
        return _esc(space)
    return f'{_esc(space)}<span class="{css}">{_italic(stripped, run.italic)}</span>'


def _mark(run: RedlineRun, paragraph: RedlineParagraph) -> str | None:
    move = paragraph.move
    if move is not None and move.direction == "to":
        return "moved-away"
    if run.kind == RunKind.EQUAL:
        return "moved" if move is not None else None
    base = "ins" if run.kind == RunKind.INSERTED else "del"
    return f"{base}-minor" if run.minor else base


def _italic(text: str, italic: bool) -> str:
    return f"<i>{_esc(text)}</i>" if italic else _esc(text)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)
