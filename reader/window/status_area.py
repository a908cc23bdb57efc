"""The status bar's lasting parts: an operation's progress, the library's count, the index.

Passing messages take the left of the bar; these sit on the right and never cover them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

from reader.document.render import plain_tooltip

if TYPE_CHECKING:
    from index.store import SearchIndex


class StatusArea:
    """The count of documents listed, the search index's state and its build's progress."""

    def __init__(self, bar: QStatusBar, operation: QWidget, *, indexing: bool) -> None:
        self.count_label = QLabel()
        self.index_label = QLabel("Search index: starting…" if indexing else "")
        self.index_progress = QProgressBar()
        self.index_progress.setMaximumWidth(160)
        self.index_progress.setVisible(False)
        for widget in (operation, self.count_label, self.index_label, self.index_progress):
            bar.addPermanentWidget(widget)

    def show_count(self, visible: int, total: int) -> None:
        noun = "document" if total == 1 else "documents"
        self.count_label.setText(f"{total} {noun}" if visible == total
                                 else f"{visible} of {total} {noun}")

    def index_building(self, done: int, total: int) -> None:
        self.index_progress.setVisible(True)
        self.index_progress.setRange(0, total)
        self.index_progress.setValue(done)
        self.index_label.setText("Building the search index…")

    def index_ready(self, index: SearchIndex) -> None:
        self.index_progress.setVisible(False)
        self.index_label.setText(f"Search index: {index.doc_count()} paragraphs")
        self.index_label.setToolTip("")

    def index_failed(self, message: str) -> None:
        self.index_progress.setVisible(False)
        self.index_label.setText("Search unavailable")
        self.index_label.setToolTip(plain_tooltip(message))
