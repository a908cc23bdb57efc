"""What goes on paper, as plain data: the page's HTML, its running header and the reader's
annotations placed on it.

A print job is built on the UI thread (the annotations store is read there) and laid out
and painted wherever the caller likes (pages.py): a worker thread for Save as PDF, the UI
thread for the print preview. It holds no Qt object, so handing it to a thread is safe.

The HTML is the screen's (render.py's document, compare_render.py's table, the redline),
rendered in the light theme, with a print stylesheet after the screen's: black serif text,
links that are just words, nothing that only means something under a mouse pointer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from annotations.model import DEFAULT_COLOR, PALETTE, Annotation
from corpus.citing import excerpt, format_date, paragraph_label
from corpus.model import Block, Document

#: Appended to the screen's stylesheet (same selectors, so these win): paper is read, not
#: clicked. Citations and footnote markers stay where they are, in the text's colour; the
#: words that carry a binding obligation keep their underline, the badge a light grey.
PRINT_CSS = """
body { color: #000000; font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif",
       "Nimbus Roman", serif; }
a, a.ref, a.noteref, a.backlink, a.citing { color: #000000; text-decoration: none; }
span.absent { color: #000000; text-decoration: none; }
span.missing { color: #000000; }
td.meeting, td.date, p.subject, p.note { color: #000000; }
span.obligation { color: #000000; text-decoration: underline; }
span.binding { color: #000000; background-color: #e8e8e8; }
p.cell-label, td.status { color: #333333; }
"""

#: Notes of annotations are set under their paragraph in this size, relative to the text.
NOTE_SCALE = 0.85
#: Points of the text of a document on paper (as UN documents print, near enough) and of a
#: comparison, whose two columns share a landscape page.
DOCUMENT_POINTS = 10.5
COMPARISON_POINTS = 9.5
_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')


@dataclass(frozen=True)
class PrintNote:
    """One annotation placed on the page: the paragraph it marks (``anchor`` as the page
    names it: "op12", "L-op12"), the stretch ``[start, end)`` of ``block.text`` (None for a
    note on the whole paragraph), its colour, and the note as HTML ("" for a highlight
    without one)."""

    anchor: str
    block: Block
    start: int | None
    end: int | None
    colour: str
    note_html: str = ""
    quote: str = ""
    tags: tuple[str, ...] = ()

    @property
    def is_highlight(self) -> bool:
        return self.start is not None


@dataclass(frozen=True)
class PrintJob:
    """What to print. ``header`` runs at the top of every page, but the first unless
    ``header_first`` (a document's title block says the same); ``footer`` at the bottom of
    each, beside the page number."""

    title: str
    html: str
    header: str
    footer: str = ""
    #: The symbols of the documents printed, for the PDF's file name.
    symbols: tuple[str, ...] = ()
    header_first: bool = False
    landscape: bool = False
    points: float = DOCUMENT_POINTS
    notes: tuple[PrintNote, ...] = ()

    @property
    def highlights(self) -> int:
        return sum(1 for note in self.notes if note.is_highlight)

    @property
    def noted(self) -> int:
        return sum(1 for note in self.notes if note.note_html)


def print_html(screen_html: str) -> str:
    """The screen's page with the print stylesheet after its own."""
    if "</style>" in screen_html:
        return screen_html.replace("</style>", PRINT_CSS + "</style>", 1)
    return f"<style>{PRINT_CSS}</style>{screen_html}"


def document_job(doc: Document, notes: Sequence[PrintNote] = ()) -> PrintJob:
    """A document as its official text is printed, with ``notes`` (its annotations) on it."""
    from reader.document.render import render_document

    return PrintJob(title=doc.symbol, html=print_html(render_document(doc, dark=False)),
                    header=doc.symbol, footer=_dated(doc), symbols=(doc.symbol,),
                    notes=tuple(notes))


def comparison_job(left: Document, right: Document, screen_html: str,
                   notes: Sequence[PrintNote] = (), *, landscape: bool = True) -> PrintJob:
    """A comparison's page (the two-column table or the redline, rendered in the light
    theme), by default on landscape pages."""
    title = f"{left.symbol} compared with {right.symbol}"
    return PrintJob(title=title, html=print_html(screen_html), header=title,
                    footer=f"{_dated(left)}  ·  {_dated(right)}", header_first=True,
                    symbols=(left.symbol, right.symbol),
                    landscape=landscape,
                    points=COMPARISON_POINTS, notes=tuple(notes))


def placed_notes(sides: Iterable[tuple[str, Document]],
                 annotations_of: Callable[[str], Iterable[Annotation]]) -> list[PrintNote]:
    """The annotations of each document a page shows (``(anchor prefix, document)``, as
    reader/notes/annotating.py's ``Sides``), ready to draw: highlights, and the notes of
    highlights and paragraphs. Detached annotations have no place; a bookmark without a
    note has nothing to print."""
    from annotations.notes import render_note

    placed = []
    for prefix, doc in sides:
        blocks = {block.id: block for block in doc.blocks}
        for annotation in annotations_of(doc.symbol):
            block = blocks.get(annotation.block)
            if block is None or annotation.detached:
                continue
            note = render_note(annotation.note) if annotation.note.strip() else ""
            if annotation.is_bookmark and not note:
                continue
            placed.append(PrintNote(
                anchor=prefix + block.id, block=block, start=annotation.start,
                end=annotation.end, colour=PALETTE.get(annotation.color, annotation.color
                                                       or PALETTE[DEFAULT_COLOR]),
                note_html=note, quote=annotation.quote if not annotation.is_bookmark else "",
                tags=annotation.tags))
    return placed


def note_heading(number: int, note: PrintNote) -> str:
    """What a printed note starts with: its number and, for a highlight, the words it
    marks (several notes may hang under one paragraph)."""
    tags = f" ({' '.join(f'#{tag}' for tag in note.tags)})" if note.tags else ""
    if note.is_highlight and note.quote:
        return f"[{number}] “{excerpt(' '.join(note.quote.split()), 70)}”{tags}: "
    return f"[{number}] {paragraph_label(note.block)}{tags}: "


def pdf_name(*symbols: str) -> str:
    """"S-RES-2396 (2017).pdf", "S-2017-1051 vs S-RES-2396 (2017).pdf": the symbols as a
    reader says them, in a name every system accepts (a symbol's slashes would make folders)."""
    safe = [_NOT_IN_FILE_NAMES.sub("-", symbol).strip(" .") or "document" for symbol in symbols]
    return " vs ".join(safe) + ".pdf"


def _dated(doc: Document) -> str:
    return f"{doc.symbol}, {format_date(doc.date) if doc.date_known else doc.date}"
