"""The rows of the Annotations tab: what each says (its rich text, its plain text for a screen
reader, its tooltip) and the list model that holds them.

The list may hold tens of thousands of annotations, so a row's markup is built when the view
first asks for it (only the rows on screen). Every text put into rich text here (citations,
quotes, notes, tags, symbols) is escaped before it is; a note's tooltip is
annotations.notes.render_note's safe HTML.

Apart from the panel, which filters and acts, and from annotation_delegate, which paints.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from annotations.model import Annotation, citation_of
from corpus.citing import excerpt
from reader.search.search_results import HTML_ROLE

if TYPE_CHECKING:
    from corpus.library import Library

ANNOTATION_ROLE = Qt.ItemDataRole.UserRole  # the Annotation of a row; None for a group header
QUOTE_CHARS = 160
NOTE_CHARS = 160
#: The "detached" badge: fixed colours, legible on light, dark and selected rows alike.
BADGE_STYLE = "background-color: #f6d7a7; color: #5c3900;"
DETACHED_TIP = ("Detached: its text is no longer in the document. The annotation is kept, "
                "listed here and exported; it finds its place again if the text returns.")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def plural(n: int, word: str) -> str:
    """"1 annotation", "1,204 annotations"."""
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def short_date(iso: str) -> str:
    """"24 Nov 2026": when an annotation was last changed, in the reader's time zone."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso[:10]
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}"


def quote_excerpt(annotation: Annotation) -> str:
    """The quote on one line, cut near QUOTE_CHARS; a highlight's in quotation marks (a
    bookmark's "quote" is its whole paragraph)."""
    text = excerpt(" ".join(annotation.quote.split()), QUOTE_CHARS)
    return text if annotation.is_bookmark else f"“{text}”"


def note_excerpt(note: str) -> str:
    if not note.strip():
        return ""
    from annotations.notes import note_text

    return excerpt(" ".join(note_text(note).split()), NOTE_CHARS)


# --- rows ----------------------------------------------------------------------------------

class GroupHeader:
    """A document's header row in document order."""

    __slots__ = ("count", "symbol")

    def __init__(self, symbol: str, count: int) -> None:
        self.symbol = symbol
        self.count = count


def row_markup(citation: str, date: str, quote: str, *, detached: bool = False,
               note: str = "", tags: Sequence[str] = ()) -> str:
    """One annotation's rich text, every text escaped: citation, badge and date; the quote
    in the documents' serif; the note in italics and the tags, dimmed."""
    head = f"<b>{html.escape(citation)}</b>"
    if detached:
        head += f' <span style="{BADGE_STYLE}">&nbsp;detached&nbsp;</span>'
    head += f' <span class="dim">· {html.escape(date)}</span>'
    lines = [f"<p>{head}</p>", f'<p class="quote">{html.escape(quote)}</p>']
    extra = []
    if note:
        extra.append(f'<i class="dim">{html.escape(note)}</i>')
    if tags:
        extra.append(f'<span class="dim">{html.escape(" ".join("#" + t for t in tags))}</span>')
    if extra:
        lines.append(f"<p>{' '.join(extra)}</p>")
    return "".join(lines)


def header_markup(symbol: str, count: int) -> str:
    return (f'<p><b>{html.escape(symbol)}</b> '
            f'<span class="dim">· {plural(count, "annotation")}</span></p>')


class AnnotationListModel(QAbstractListModel):
    """The rows shown: annotations, with a header row before each document's in document
    order. A row's markup, plain text and tooltip are made when first asked for."""

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self.rows: list[Annotation | GroupHeader] = []
        self._markup: dict[int, str] = {}
        self._citations: dict[tuple[str, str, bool], str] = {}

    def set_rows(self, rows: list[Annotation | GroupHeader]) -> None:
        self.beginResetModel()
        self.rows = rows
        self._markup = {}
        self.endResetModel()

    def citation(self, annotation: Annotation) -> str:
        """citation_of, kept per paragraph: thousands of rows share a few hundred."""
        key = (annotation.symbol, annotation.block, annotation.detached)
        if key not in self._citations:
            self._citations[key] = citation_of(annotation, self._library.get(annotation.symbol))
        return self._citations[key]

    def row_of(self, index: QModelIndex | QPersistentModelIndex) -> Annotation | GroupHeader | None:
        row = index.row()
        return self.rows[row] if index.isValid() and 0 <= row < len(self.rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        item = self.row_of(index)
        if isinstance(item, Annotation):
            return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemNeverHasChildren)
        return Qt.ItemFlag.ItemNeverHasChildren  # headers: skipped by keys and selection

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        item = self.row_of(index)
        if item is None:
            return None
        if role == ANNOTATION_ROLE:
            return item if isinstance(item, Annotation) else None
        if role == HTML_ROLE:
            row = index.row()
            if row not in self._markup:
                self._markup[row] = self._make_markup(item)
            return self._markup[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._plain(item)
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(item, Annotation):
            return self._tooltip(item)
        return None

    def _make_markup(self, item: Annotation | GroupHeader) -> str:
        if isinstance(item, GroupHeader):
            return header_markup(item.symbol, item.count)
        return row_markup(self.citation(item), short_date(item.updated), quote_excerpt(item),
                          detached=item.detached, note=note_excerpt(item.note), tags=item.tags)

    def _plain(self, item: Annotation | GroupHeader) -> str:
        """The row as a screen reader says it."""
        if isinstance(item, GroupHeader):
            return f"{item.symbol}: {plural(item.count, 'annotation')}"
        kind = "Bookmark" if item.is_bookmark else "Highlight"
        parts = [f"{kind}, {item.color}: {self.citation(item)}"]
        if item.detached:
            parts.append("detached")
        parts.append(quote_excerpt(item))
        if note := note_excerpt(item.note):
            parts.append(f"Note: {note}")
        if item.tags:
            parts.append("Tags: " + ", ".join(item.tags))
        parts.append(short_date(item.updated))
        return ". ".join(parts)

    def _tooltip(self, annotation: Annotation) -> str | None:
        parts = []
        if annotation.detached:
            parts.append(f"<p><i>{html.escape(DETACHED_TIP)}</i></p>")
        if annotation.note.strip():
            from annotations.notes import render_note

            parts.append(f"<p><b>{html.escape(self.citation(annotation))}</b></p>"
                         + render_note(annotation.note))
        return "<qt>" + "".join(parts) + "</qt>" if parts else None
