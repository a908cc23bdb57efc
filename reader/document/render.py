"""A Document as HTML in the layout of the official text, for QTextBrowser (and later export).

Qt-free on purpose: the HTML is plain data that tests read without a display. It uses only
the HTML/CSS subset QTextDocument understands (no floats, no flexbox, ``align`` attributes).

Every paragraph carries an anchor named after its block id (``op12``, ``op9.a``, ``fn5``) so a
view can scroll to it; footnote markers and footnotes link to each other. Inline markup is
inserted at the model's offsets into the *raw* text and each piece of text between two offsets
is escaped on its own: escaping first would shift every offset.

Every citation the library found is a ``plenary:`` link (reader/links.py) of class ``ref``; one to
a document the library lacks also wraps its text in ``<span class="absent">``, because Qt's
rich text applies an underline style from a stylesheet to a span but not to the anchor itself.

A paragraph that carries binding language (corpus/binding.py decides which, and why) gets a
"binding" badge whose tooltip says what the mark means and why this paragraph has it, and the
words that carry the obligation ("shall", "Requires") are wrapped in
``<span class="obligation">``: added markup, never added text, so offsets still map.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path

from corpus.binding import MEANING, Binding, binding_paragraphs
from corpus.citing import format_date
from corpus.model import Block, BlockKind, Document, DocumentKind, Ref
from corpus.typesetting import depths, italic_spans, merged_spans, number_label
from reader.document.links import link_for

#: resources/ sits beside reader/ in the checkout and in the installed app alike
#: (site-packages/plenary/_app/, pyproject.toml); tests/test_wheel.py runs the wheel.
STYLESHEET = Path(__file__).resolve().parents[2] / "resources" / "reader.css"
DARK_STYLESHEET = STYLESHEET.with_name("reader-dark.css")

#: A title line that names the resolution itself: "Resolution 2396 (2017)", "72/284. The …".
_NAMING_LINE = re.compile(r"Resolution \d|\d+/\d+\.\s")


@functools.cache
def stylesheet(dark: bool = False) -> str:
    """The document stylesheet; the dark theme only overrides colours."""
    light = STYLESHEET.read_text(encoding="utf-8")
    return light + DARK_STYLESHEET.read_text(encoding="utf-8") if dark else light


def render_document(doc: Document, *, dark: bool = False) -> str:
    """The whole document as one self-contained HTML page (stylesheet included)."""
    binding = binding_paragraphs(doc)
    body: list[str] = _title_block(doc)
    notes = {block.number for block in doc.blocks_of(BlockKind.FOOTNOTE)}
    depth = depths(doc)
    for block in doc.blocks:
        if block.kind not in (BlockKind.TITLE, BlockKind.NOTE, BlockKind.FOOTNOTE):
            body.append(_paragraph(block, doc.symbol, binding.get(block.id), notes,
                                   depth.get(block.id, 1)))
    footnotes = doc.blocks_of(BlockKind.FOOTNOTE)
    if footnotes:
        body.append('<hr class="footnotes"/>')
        body.extend(_paragraph(block, doc.symbol, notes=notes) for block in footnotes)
    return (
        '<html><head><meta charset="utf-8"/>'
        f"<title>{_esc(doc.symbol)}</title><style>{stylesheet(dark)}</style></head>"
        f'<body>{"".join(body)}</body></html>'
    )


def binding_tooltip(mark: Binding) -> str:
    """The badge's tooltip: what the mark means, then why this paragraph has it. The reason
    quotes the document, so every piece is escaped (as ``plain_tooltip`` does) and the whole
    marked as rich text."""
    return (f"<qt>{html.escape(MEANING, quote=False)}<br/><br/>"
            f"{html.escape(mark.reason, quote=False)}</qt>")


def _badge(mark: Binding | None) -> str:
    if mark is None:
        return ""
    return f'<span class="binding" title="{_esc(binding_tooltip(mark))}"> binding </span>&nbsp;'


def _date(doc: Document) -> str:
    """"21 December 2017"; "2015 (day not stated)" for a text that states no day."""
    return format_date(doc.date) if doc.date_known else f"{doc.date} (day not stated)"


def _title_block(doc: Document) -> list[str]:
    # (text, html) per title line: the text decides the layout, the html carries its links.
    titles = [(b.text, inline_html(b, doc.symbol)) for b in doc.blocks_of(BlockKind.TITLE)
              if b.text.strip() != doc.body]
    notes = doc.blocks_of(BlockKind.NOTE)
    star = "*" if notes else ""
    parts = [
        '<table class="masthead" width="100%" cellspacing="0" cellpadding="0">'
        f'<tr><td class="body">{_esc(doc.body)}</td>'
        f'<td class="symbol" align="right">{_esc(doc.symbol)}{star}</td></tr>'
        f'<tr><td class="meeting">{_esc(doc.meeting or "")}</td>'
        f'<td class="date" align="right">{_esc(_date(doc))}</td></tr></table>',
        '<hr class="masthead"/>',
    ]
    if doc.title and not any(doc.title in line for line, _ in titles):
        parts.append(f'<p class="agenda">{_esc(doc.title)}</p>')
    if doc.subject:
        parts.append(f'<p class="subject" align="center">{_esc(doc.subject)}</p>')
    if doc.kind == DocumentKind.DRAFT and not any("draft resolution" in t for t, _ in titles):
        line = (f"{_sponsor_list(doc.sponsors)}: draft resolution" if doc.sponsors
                else "Draft resolution")
        titles.append((line, _esc(line)))
    for line, markup in titles:
        css = "title main" if _NAMING_LINE.match(line) else "title"
        parts.append(f'<p class="{css}" align="center">{markup}</p>')
    parts.extend(f'<p class="note"><a name="{_esc(n.id)}"></a>{star} {_esc(n.text)}</p>'
                 for n in notes)
    return parts


def _sponsor_list(sponsors: list[str]) -> str:
    if len(sponsors) < 2:
        return "".join(sponsors)
    return f"{', '.join(sponsors[:-1])} and {sponsors[-1]}"


def _number(block: Block) -> str:
    label = number_label(block)
    return f'<span class="number">{_esc(label)}</span>&nbsp;&nbsp;' if label else ""


def _paragraph(block: Block, symbol: str, binding: Binding | None = None,
               notes: set[str | None] | None = None, depth: int = 1) -> str:
    anchor = f'<a name="{_esc(block.id)}"></a>'
    words = (binding.start, binding.end) if binding and binding.paragraph == block.id else None
    text = inline_html(block, symbol, notes, obligation=words)
    kind = block.kind
    if kind == BlockKind.OPERATIVE:
        return f'<p class="operative">{anchor}{_number(block)}{_badge(binding)}{text}</p>'
    if kind == BlockKind.SUBPARAGRAPH or (kind == BlockKind.ANNEX_PARAGRAPH and block.parent):
        level = min(depth, 3)
        return (f'<p class="subparagraph level{level}">{anchor}{_number(block)}'
                f'{_badge(binding)}{text}</p>')
    if kind == BlockKind.ANNEX_PARAGRAPH:
        return f'<p class="annex-paragraph">{anchor}{_number(block)}{text}</p>'
    if kind == BlockKind.ANNEX:
        return (f'<hr class="annex"/><p class="annex" align="center">{anchor}{text}</p>')
    if kind == BlockKind.PART:
        return f'<p class="part" align="center">{anchor}{text}</p>'
    if kind == BlockKind.HEADING and block.annex is not None:
        return f'<p class="heading annex-heading" align="center">{anchor}{text}</p>'
    if kind == BlockKind.FOOTNOTE:
        number = _esc(block.number or "")
        backlink = f'<a class="backlink" href="#ref-{_esc(block.id)}">{number}</a>'
        return f'<p class="footnote">{anchor}<sup>{backlink}</sup>&nbsp;{text}</p>'
    if kind == BlockKind.CLOSING:
        return f'<p class="closing" align="right">{anchor}{text}</p>'
    return f'<p class="{_esc(kind)}">{anchor}{text}</p>'


def inline_html(block: Block, symbol: str, notes: set[str | None] | None = None, *,
                obligation: tuple[int, int] | None = None) -> str:
    """The block's text with its italics, footnote markers and citation links, escaped piece
    by piece. ``symbol`` is the document's own, for links to its own paragraphs; ``notes``, the
    numbers of the footnotes the document holds, when known: a marker without its note (a
    scan often lacks it) is shown as a marker that links nowhere. ``obligation``, the
    ``[start, end)`` of the words that carry binding language, wrapped in
    ``<span class="obligation">``."""
    text = block.text
    size = len(text)
    italic = italic_spans(block)
    bound = merged_spans([(max(0, obligation[0]), min(size, obligation[1]))]
                         if obligation else [])
    marks: dict[int, list[str]] = {}
    for mark in block.notes:
        marks.setdefault(min(max(mark.offset, 0), size), []).append(mark.number)
    refs = _link_spans(block.refs, size)
    cuts = sorted({0, size, *marks, *(edge for span in (*italic, *bound) for edge in span),
                   *(edge for start, end, _ in refs for edge in (start, end))})
    out: list[str] = []
    open_ref: Ref | None = None
    for start, end in pairwise(cuts):
        ref = next((r for a, b, r in refs if a <= start < b), None)
        here = marks.get(start, ())
        # A link closes where its citation ends, and around a footnote marker (itself a link).
        if open_ref is not None and (ref is not open_ref or here):
            out.append(_close_ref(open_ref))
            open_ref = None
        out.extend(_marker(number, notes) for number in here)
        if ref is not None and open_ref is None:
            out.append(_open_ref(ref, symbol))
            open_ref = ref
        piece = _esc(text[start:end])
        if ref is not None:  # "2195 (2014)", "paragraph 1 (d)": never split across lines
            piece = piece.replace(" (", "&nbsp;(")
        if any(a <= start < b for a, b in bound):
            piece = f'<span class="obligation">{piece}</span>'
        out.append(f"<i>{piece}</i>" if any(a <= start < b for a, b in italic) else piece)
    if open_ref is not None:
        out.append(_close_ref(open_ref))
    out.extend(_marker(number, notes) for number in marks.get(size, ()))
    return "".join(out)


def _link_spans(refs: Iterable[Ref], size: int) -> list[tuple[int, int, Ref]]:
    """The citations to link, in text order; one overlapping an earlier one is left plain,
    since links cannot nest."""
    spans: list[tuple[int, int, Ref]] = []
    for ref in sorted(refs, key=lambda r: (r.start, -r.end)):
        start, end = max(0, ref.start), min(size, ref.end)
        if start < end and (not spans or start >= spans[-1][1]):
            spans.append((start, end, ref))
    return spans


def _open_ref(ref: Ref, symbol: str) -> str:
    tag = f'<a class="ref" href="{_esc(link_for(ref, symbol))}">'
    return tag if ref.in_library else f'{tag}<span class="absent">'


def _close_ref(ref: Ref) -> str:
    return "</a>" if ref.in_library else "</span></a>"


def _marker(number: str, notes: set[str | None] | None = None) -> str:
    if notes is not None and number not in notes:
        return (f'<sup><span class="noteref missing" title="Footnote {_esc(number)}: its text '
                f'is not in this document">{_esc(number)}</span></sup>')
    target = _esc(f"fn{number}")
    return (f'<sup><a class="noteref" name="ref-{target}" href="#{target}">'
            f"{_esc(number)}</a></sup>")


def plain_tooltip(text: str) -> str:
    """A tooltip showing ``text`` as it is. Qt guesses whether a tooltip is rich text, so a
    document's "Condemns <b>…" would be read as markup: escaped and marked as rich text, it
    never is."""
    return f"<qt>{html.escape(text, quote=False)}</qt>"


def _esc(text: str) -> str:
    return html.escape(text, quote=True)
