"""Agreed language: where else the library has adopted the wording of a paragraph.

Lists what ``index.similar.find_similar`` found for one paragraph, best first: the score, a
"near-identical" mark, and the passages the two texts share; choosing one opens it.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QMenu,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from corpus.citing import citation, excerpt, short_label
from corpus.typesetting import merged_spans
from reader.document.render import plain_tooltip
from reader.search.search_results import NewTabClicks

if TYPE_CHECKING:
    from corpus.library import Library
    from index.similar import SimilarParagraph

PLACE_ROLE = Qt.ItemDataRole.UserRole
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
PASSAGE_CHARS = 160


class AgreedLanguagePanel(QWidget):
    """Signals:
        locationRequested(str, str): open this paragraph (symbol, block id).
        newTabRequested(str, str): open it in a new tab, the current one left as it is
            (Ctrl+click, a middle click, the row's "Open in New Tab").
    """

    locationRequested = Signal(str, str)
    newTabRequested = Signal(str, str)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self.heading = QLabel("Right-click a paragraph and choose “Find Agreed Language”.")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # it quotes a document's symbol
        self.heading.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Agreed language")
        self.tree.setWordWrap(True)  # long passages wrap in the column instead of being cut
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        # The paragraph looked for beside the match chosen, their shared words marked.
        self.match = QTextBrowser()
        self.match.setOpenLinks(False)
        self.match.setAccessibleName("The paragraph and the match chosen")
        self.match.setVisible(False)
        column.addWidget(self.heading)
        column.addWidget(self.tree, 3)
        column.addWidget(self.match, 2)
        self.tree.itemActivated.connect(self._open)
        self.tree.itemClicked.connect(self._open)
        self._new_tab_clicks = NewTabClicks(self.tree, self._open_in_new_tab)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.tree.currentItemChanged.connect(
            lambda item, _previous: item is not None and self.show_match(item))
        self._source, self._text = "", ""

    def show_pending(self, source: str) -> None:
        self.tree.clear()
        self.heading.setText(f"Looking for agreed language for {source}…")

    def show_failure(self, source: str, error: BaseException) -> None:
        """The index failed under the query (damaged on disk, say): say so, keep the reader."""
        self.tree.clear()
        self.heading.setText(f"Agreed language for {source} could not be looked up: {error}")

    def show_results(self, source: str, results: list[SimilarParagraph], *,
                     own: str | None = None, text: str = "") -> None:
        """``source`` says what was looked for ("S/RES/2396 (2017), para. 12"); ``own`` is
        its document (left out, with the draft it was adopted from) and ``text`` its words,
        shown beside the match chosen with the shared words marked."""
        from index.agreed import agreed_hits

        self.tree.clear()
        self._source, self._text = source, text
        self.match.clear()
        self.match.setVisible(False)
        hits = agreed_hits(results, own, self._adopted_of)
        near = sum(1 for h in hits if h.paragraph.near_identical)
        self.heading.setText(f"Agreed language for {source}: {len(hits)} paragraphs"
                             + (f", {near} near-identical" if near else "")
                             if hits else f"No other document of the library shares the "
                             f"wording of {source}.")
        for hit in hits:
            result = hit.paragraph
            doc = self._library.get(result.symbol)
            block = doc.block(result.block) if doc else None
            place = citation(doc, block) if doc and block else result.key
            mark = "  ≈ near-identical" if result.near_identical else ""
            item = QTreeWidgetItem(self.tree, [f"{result.score:.2f}  {result.symbol} "
                                               f"{short_label(result.block)}{mark}"])
            item.setData(0, PLACE_ROLE, (result.symbol, result.block))
            item.setData(0, HIT_ROLE, result)
            item.setToolTip(0, plain_tooltip(f"{place}: similarity {result.score:.2f}, covers "
                                             f"{result.coverage:.0%} of the paragraph's words"))
            for draft in hit.drafts:
                child = QTreeWidgetItem(item, [f"also in its draft, {draft.symbol} "
                                               f"{short_label(draft.block)}"])
                child.setData(0, PLACE_ROLE, (draft.symbol, draft.block))
                child.setData(0, HIT_ROLE, draft)
            for passage in result.shared[:3]:
                child = QTreeWidgetItem(item, [f"“{excerpt(passage, PASSAGE_CHARS)}”"])
                child.setToolTip(0, plain_tooltip(passage))
                child.setData(0, PLACE_ROLE, (result.symbol, result.block))
                child.setData(0, HIT_ROLE, result)
        self.tree.expandToDepth(0)

    def _adopted_of(self, symbol: str) -> str | None:
        summary = self._library.summary(symbol)
        return summary.draft_of if summary is not None else None

    def show_match(self, item: QTreeWidgetItem) -> None:
        """The paragraph looked for and the match chosen, one above the other, the words they
        share marked in both (escaped: both are document text)."""
        result = item.data(0, HIT_ROLE)
        if result is None:
            return
        self.match.setHtml(match_html(self._source, self._text, result))
        self.match.setVisible(True)

    def _open(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        place = item.data(0, PLACE_ROLE)
        if place:
            self.locationRequested.emit(*place)

    def _open_in_new_tab(self, item: QTreeWidgetItem) -> None:
        place = item.data(0, PLACE_ROLE)
        if place:
            self.newTabRequested.emit(*place)

    def _menu(self, pos: QPoint) -> QMenu | None:
        """A match's menu (right click, the menu key): open it here or in a new tab."""
        item = self.tree.itemAt(pos) or self.tree.currentItem()
        if item is None or not item.data(0, PLACE_ROLE):
            return None
        menu = QMenu(self.tree)
        menu.addAction("Open", lambda: self._open(item))
        menu.addAction("Open in New Tab", lambda: self._open_in_new_tab(item))
        menu.popup(self.tree.viewport().mapToGlobal(pos))
        return menu


def match_html(source: str, text: str, result: SimilarParagraph) -> str:
    """Two paragraphs as a reader compares them: what was looked for, then the match, the
    runs they share marked in each."""
    def marked(words: str, shared: list[str]) -> str:
        spans = []
        for run in shared:
            at = words.find(run)
            if at >= 0:
                spans.append((at, at + len(run)))
        out, last = [], 0
        for start, end in merged_spans(spans):
            out += [html.escape(words[last:start]),
                    f'<span style="background-color:#fff0a8; color:#1a1a1a">'
                    f"{html.escape(words[start:end])}</span>"]
            last = end
        out.append(html.escape(words[last:]))
        return "".join(out)

    mine = marked(text, result.shared)
    theirs = marked(result.text, result.shared)
    return (f"<p><b>{html.escape(source)}</b></p><p>{mine}</p>"
            f"<p><b>{html.escape(result.key.replace('#', ' '))}</b> "
            f"({result.score:.2f})</p><p>{theirs}</p>")
