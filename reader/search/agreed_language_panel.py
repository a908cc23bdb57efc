"""Agreed language: where else the library has adopted the wording of a paragraph.

Lists what ``index.similar.find_similar`` found for one paragraph, best first: the score, a
"near-identical" mark, and the passages the two texts share; choosing one opens it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from corpus.citing import citation, excerpt, short_label
from reader.document.render import plain_tooltip

if TYPE_CHECKING:
    from corpus.library import Library
    from index.similar import SimilarParagraph

PLACE_ROLE = Qt.ItemDataRole.UserRole
PASSAGE_CHARS = 160


class AgreedLanguagePanel(QWidget):
    """Signals:
        locationRequested(str, str): open this paragraph (symbol, block id).
    """

    locationRequested = Signal(str, str)

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
        column.addWidget(self.heading)
        column.addWidget(self.tree)
        self.tree.itemActivated.connect(self._open)
        self.tree.itemClicked.connect(self._open)

    def show_pending(self, source: str) -> None:
        self.tree.clear()
        self.heading.setText(f"Looking for agreed language for {source}…")

    def show_failure(self, source: str, error: BaseException) -> None:
        """The index failed under the query (damaged on disk, say): say so, keep the reader."""
        self.tree.clear()
        self.heading.setText(f"Agreed language for {source} could not be looked up: {error}")

    def show_results(self, source: str, results: list[SimilarParagraph]) -> None:
        """``source`` says what was looked for ("S/RES/2396 (2017), para. 12")."""
        self.tree.clear()
        near = sum(1 for r in results if r.near_identical)
        self.heading.setText(f"Agreed language for {source}: {len(results)} paragraphs"
                             + (f", {near} near-identical" if near else "")
                             if results else f"No other paragraph of the library shares the "
                             f"wording of {source}.")
        for result in results:
            doc = self._library.get(result.symbol)
            block = doc.block(result.block) if doc else None
            place = citation(doc, block) if doc and block else result.key
            mark = "  ≈ near-identical" if result.near_identical else ""
            item = QTreeWidgetItem(self.tree, [f"{result.score:.2f}  {result.symbol} "
                                               f"{short_label(result.block)}{mark}"])
            item.setData(0, PLACE_ROLE, (result.symbol, result.block))
            item.setToolTip(0, plain_tooltip(f"{place}: similarity {result.score:.2f}, covers "
                                             f"{result.coverage:.0%} of the paragraph's words"))
            for passage in result.shared[:3]:
                child = QTreeWidgetItem(item, [f"“{excerpt(passage, PASSAGE_CHARS)}”"])
                child.setToolTip(0, plain_tooltip(passage))
                child.setData(0, PLACE_ROLE, (result.symbol, result.block))
        self.tree.expandToDepth(0)

    def _open(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        place = item.data(0, PLACE_ROLE)
        if place:
            self.locationRequested.emit(*place)

