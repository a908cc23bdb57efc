"""Where the reader goes: a document opened at a paragraph, a citation followed, a card for a
document the library lacks, Back and Forward, the resolution before or after on the same topic.

A click on a citation means different things by where it points (a paragraph of this
document, of one of the two compared texts, another document, one not in the library); the
view only reports the link, and this module decides. Every move is recorded in the history
with the place left, so Back returns to the paragraph the reader was on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from corpus.citations import record_correction
from corpus.citing import format_date, quote_with_citation
from corpus.record import Record, RecordEntry, load_record
from reader.document.card import render_not_in_library
from reader.document.link_preview import record_preview, year_note
from reader.document.links import IMPORT, LinkTarget, block_for_paragraph
from reader.document.references_panel import topic_series
from reader.document.render import plain_tooltip
from reader.window.history import History, Location

if TYPE_CHECKING:
    from corpus.library import Library
    from reader.window.tabs import DocumentTabs


class Navigator(QObject):
    """Moves the tabs from place to place and remembers the way back.

    Signals:
        documentShown(str): the current tab now shows this document's (or card's) symbol.
        historyChanged(bool, bool): whether Back, and Forward, lead anywhere now.
        importRequested(str): the card's "Import…" was clicked for this symbol.
    """

    documentShown = Signal(str)
    historyChanged = Signal(bool, bool)
    importRequested = Signal(str)

    def __init__(self, library: Library, tabs: DocumentTabs, parent: QObject | None = None,
                 *, record: Record | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._tabs = tabs
        self._record = record  # None: the bundled catalogue, read when first needed
        self._history = History()
        self._restoring = False
        self.dark = False  # cards are drawn in the dark theme's colours

    def open_document(self, symbol: str, block: str | None = None, *,
                      new_tab: bool = False, record: bool = True) -> bool:
        """Show ``symbol`` (at ``block``) in the current tab, or a new one; False if unknown."""
        doc = self._library.get(symbol)
        if doc is None:
            return False
        if record:
            self.remember_position()
        view = self._tabs.document_tab
        if view is None or new_tab:
            view = self._tabs.new_view()
        if view.property("symbol") != symbol:
            view.show_document(doc)
        self._tabs.label(view, symbol, symbol)
        self._tabs.setTabToolTip(self._tabs.indexOf(view),
                                 plain_tooltip(doc.subject or doc.title))
        self._tabs.setCurrentWidget(view)
        if block:
            QTimer.singleShot(0, lambda: view.scroll_to_block(block))
        if record:
            self._visit(Location(symbol, block))
        self.documentShown.emit(symbol)
        return True

    def open_search_result(self, symbol: str, block: str, query: str, *,
                           new_tab: bool = False) -> None:
        """Open a search result at its paragraph, with the words searched for marked (in a
        new tab with ``new_tab``, the current one left as it is)."""
        from index.snippets import term_matcher  # the index layer is loaded by now

        if self.open_document(symbol, block, new_tab=new_tab):
            self._tabs.view.highlight_words(term_matcher(query))

    def open_target(self, target: str, paragraph: str | None = None, *,
                    new_tab: bool = False) -> None:
        """Follow a citation: the document if the library has it, else its card."""
        doc = self._library.get(target)
        if doc is not None:
            block = block_for_paragraph(doc, paragraph) if paragraph else None
            self.open_document(target, block, new_tab=new_tab)
            return
        self.show_card(target, year_unknown=False, new_tab=new_tab)

    def show_card(self, symbol: str, *, year_unknown: bool, new_tab: bool = False) -> None:
        """The "not in your library" card for ``symbol``, with every place citing it."""
        self.remember_position()
        view = None if new_tab else self._tabs.document_tab
        view = view or self._tabs.new_view()
        view.show_html(self.card_html(symbol, year_unknown))
        view.setProperty("year_unknown", year_unknown)
        self._tabs.label(view, symbol, f"{symbol} — not in library")
        self._tabs.setCurrentWidget(view)
        self._visit(Location(symbol, None))
        self.documentShown.emit(symbol)

    def card_html(self, symbol: str, year_unknown: bool) -> str:
        entry, correction = self.record_entry(symbol)
        return render_not_in_library(symbol, self._library.cited_by(symbol), self._library,
                                     year_unknown=year_unknown, dark=self.dark, entry=entry,
                                     correction=correction)

    def record_entry(self, symbol: str) -> tuple[RecordEntry | None, str | None]:
        """The Security Council record's entry of ``symbol``, and the record's symbol when
        ``symbol`` gives a resolution another year than the record's (the entry is then the
        record's). (None, None) when the record lacks it or cannot be read."""
        record = self._record or load_record()
        try:
            entry = record.get(symbol)
            correction = None if entry else record_correction(symbol, record)
            if correction:
                entry = record.get(correction)
        except (OSError, ValueError):
            return None, None
        return entry, correction

    def follow_link(self, link: LinkTarget, *, new_tab: bool = False) -> None:
        """Go where a citation link points (or, the card's "Import…", ask for the import).
        With ``new_tab`` (Ctrl+click, middle click) the place opens in a new tab, even a
        paragraph of the page on display, and the current tab stays as it is."""
        if link.action == IMPORT:
            self.importRequested.emit(link.target or "")
            return
        if link.target is None:
            self.show_card(link.partial or "", year_unknown=True, new_tab=new_tab)
            return
        if new_tab:
            doc = self._library.get(link.target)
            if doc is None:
                self.show_card(link.target, year_unknown=False, new_tab=True)
                return
            block = link.block or (block_for_paragraph(doc, link.paragraph)
                                   if link.paragraph else None)
            self.open_document(link.target, block, new_tab=True)
            return
        comparison = self._tabs.comparison
        if comparison is not None:
            doc = self._library.get(link.target)
            block = link.block or (block_for_paragraph(doc, link.paragraph)
                                   if doc and link.paragraph else None)
            if comparison.show_block(link.target, block):
                return  # a paragraph of one of the two compared texts: go there in the table
        if link.block:
            self.open_document(link.target, link.block)
        elif link.target == self._tabs.current_symbol and link.paragraph:
            doc = self._library.get(link.target)
            block = block_for_paragraph(doc, link.paragraph) if doc else None
            if block:
                self.jump_to_block(block)
        else:
            self.open_target(link.target, link.paragraph)

    def preview(self, link: LinkTarget) -> str | None:
        """What a citation's tooltip quotes: the paragraph cited, else the document; for a
        document the library lacks, what the Security Council's record says of it. A year
        the record contradicts is said first."""
        if link.action == IMPORT:
            return f"Choose a file of {link.target}'s text to add it to your library"
        if not link.target:
            return None
        doc = self._library.get(link.target)
        entry, correction = self.record_entry(link.target)
        if doc is None:
            return record_preview(entry, correction, link.target) if entry else None
        block_id = link.block or (block_for_paragraph(doc, link.paragraph)
                                  if link.paragraph else None)
        block = doc.block(block_id) if block_id else None
        text = quote_with_citation(doc, block) if block else f"{doc.symbol}: {doc.subject or ''}"
        return f"{year_note(link.target, correction)}\n{text}" if correction else text

    def step_topic(self, step: int) -> str:
        """Go to the resolution adopted just before (``step`` -1) or after (+1) the one on
        display (document or card) on its topic in the Council's record: the document if the
        library holds it, else its card. Returns what the status bar should say: where it
        went, or why it went nowhere."""
        symbol = self._tabs.current_symbol
        which = "previous" if step < 0 else "next"
        if not symbol:
            return f"Open a resolution to go to the {which} one on its topic"
        record = self._record or load_record()
        series = topic_series(record, symbol)
        own = record.get(symbol)
        if not series or own is None:
            return f"{symbol} is not in the Security Council's record: it has no topic to follow"
        at = next(i for i, entry in enumerate(series) if entry.symbol == own.symbol)
        if not 0 <= at + step < len(series):
            edge = "first" if step < 0 else "latest"
            return f"{own.symbol} is the {edge} resolution on “{own.topic}” in the record"
        target = series[at + step]
        self.open_target(target.symbol)
        return (f"{which.capitalize()} on this topic: {target.symbol}, "
                f"{format_date(target.date)} ({at + step + 1} of {len(series)})")

    def jump_to_block(self, block: str) -> None:
        """A paragraph of the document on display (from the Outline, a link within it)."""
        view, symbol = self._tabs.view, self._tabs.current_symbol
        if view is not None and symbol:
            self.remember_position()
            view.scroll_to_block(block)
            self._visit(Location(symbol, block))

    # --- history ------------------------------------------------------------------------------

    def remember_position(self) -> None:
        """Before leaving a place, note where in it the reader was, so Back returns there."""
        view, symbol = self._tabs.view, self._tabs.current_symbol
        if view is not None and symbol and not self._restoring:
            self._history.note_position(Location(symbol, view.current_block()))

    def go_back(self) -> None:
        self.remember_position()
        self._go(self._history.back())

    def go_forward(self) -> None:
        self._go(self._history.forward())

    def _go(self, location: Location | None) -> None:
        if location is None:
            return
        self._restoring = True
        try:
            if self._library.get(location.symbol):
                self.open_document(location.symbol, location.block, record=False)
            else:
                self.show_card(location.symbol, year_unknown=False)
        finally:
            self._restoring = False
        self._announce_history()

    def _visit(self, location: Location) -> None:
        self._history.visit(location)
        self._announce_history()

    def _announce_history(self) -> None:
        self.historyChanged.emit(self._history.can_go_back, self._history.can_go_forward)
