"""Compare → Compare With…: which document to compare the current one with, and which of the
two reads as the original.

A library holds some 900 documents, so the list says what each is (symbol, date, subject) and
narrows as the reader types; the draft or adopted text of the current document comes first,
then the other texts on its agenda item (the same title), newest first, then the rest. The
original (left side) defaults to the earlier text (corpus.compare.original_first), so a
comparison started from an adopted resolution still shows the draft's words as deleted.

Tests pick without showing the dialog: ``select``, ``set_original`` and ``chosen``.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from corpus.compare import original_first
from corpus.model import DocumentKind

if TYPE_CHECKING:
    from corpus.library import DocumentSummary, Library

#: Keys typed in the filter that move in the list instead.
_LIST_KEYS = frozenset({Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown})


def describe(summary: DocumentSummary) -> str:
    """"S/2017/1051 — 2017-12-21 — Draft resolution on returning …": a list line."""
    return " — ".join(part for part in (summary.symbol, summary.date,
                                        summary.subject or summary.title) if part)


def candidates(library: Library, symbol: str) -> list[DocumentSummary]:
    """The documents ``symbol`` may be compared with, likeliest first: its draft or adopted
    text, the other texts on its agenda item (newest first), then the rest in library order."""
    current = library.summary(symbol)
    others = [s for s in library.summaries() if s.symbol != symbol]
    pair = set(library.draft_and_adopted(symbol) or ())
    title = current.title.casefold() if current and current.title else None

    def rank(summary: DocumentSummary) -> int:
        if summary.symbol in pair:
            return 0
        return 1 if title and summary.title.casefold() == title else 2

    same_item = sorted((s for s in others if rank(s) == 1), key=lambda s: s.date, reverse=True)
    return ([s for s in others if rank(s) == 0] + same_item
            + [s for s in others if rank(s) == 2])


def _tooltip(*lines: str | None) -> str:
    """The lines as they are: escaped and marked as rich text, so a title's "<" is never
    read as markup (see render.plain_tooltip)."""
    return "<qt>" + "<br/>".join(html.escape(line) for line in lines if line) + "</qt>"


class CompareDialog(QDialog):
    """Choose what to compare ``symbol`` with. No signals: ``exec`` it, then read
    ``chosen``."""

    def __init__(self, library: Library, symbol: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare With")
        self._library = library
        self.symbol = symbol
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter: symbol, year, words of the subject…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter the documents")
        self.list = QListWidget()
        self.list.setAccessibleName("Documents to compare with")
        self.list.setUniformItemSizes(True)  # 900 rows: no measuring each one
        for summary in candidates(library, symbol):
            item = QListWidgetItem(describe(summary))
            item.setData(Qt.ItemDataRole.UserRole, summary.symbol)
            item.setToolTip(_tooltip(summary.symbol, summary.title, summary.subject))
            self.list.addItem(item)
        self.original = QComboBox()
        self.original.setAccessibleName("Original, shown on the left")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Compare")
        heading = QLabel(f"Compare {symbol} with:")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        form.addRow("&Original (left side):", self.original)
        column = QVBoxLayout(self)
        column.addWidget(heading)
        column.addWidget(self.filter)
        column.addWidget(self.list, 1)
        column.addLayout(form)
        column.addWidget(self.buttons)
        self.resize(640, 460)

        self.filter.textChanged.connect(self._apply_filter)
        self.filter.installEventFilter(self)
        self.list.currentItemChanged.connect(lambda *_: self._offer_original())
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.buttons.accepted.connect(self._accept_if_chosen)
        self.buttons.rejected.connect(self.reject)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._offer_original()
        self.filter.setFocus()

    # --- public -------------------------------------------------------------------------------

    def shown(self) -> list[str]:
        """The symbols the list shows (the filter applied), in order."""
        return [item.data(Qt.ItemDataRole.UserRole) for item in self._items()
                if not item.isHidden()]

    def select(self, symbol: str) -> bool:
        """Choose ``symbol`` in the list; False if the list does not show it."""
        item = next((i for i in self._items()
                     if i.data(Qt.ItemDataRole.UserRole) == symbol and not i.isHidden()), None)
        if item is not None:
            self.list.setCurrentItem(item)
        return item is not None

    def set_original(self, symbol: str) -> bool:
        """Show ``symbol`` (one of the two) as the original, on the left."""
        index = self.original.findData(symbol)
        if index >= 0:
            self.original.setCurrentIndex(index)
        return index >= 0

    def chosen(self) -> tuple[str, str] | None:
        """(left, right) as chosen; None when no document is chosen."""
        other = self._current()
        if other is None:
            return None
        left = self.original.currentData() or self.symbol
        return (left, other) if left == self.symbol else (other, self.symbol)

    # --- private ------------------------------------------------------------------------------

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(n) for n in range(self.list.count())]

    def _current(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None or item.isHidden() else item.data(Qt.ItemDataRole.UserRole)

    def _apply_filter(self, text: str) -> None:
        """Show the documents whose line holds every word typed, in any order."""
        words = text.casefold().split()
        for item in self._items():
            line = item.text().casefold()
            item.setHidden(not all(word in line for word in words))
        current = self.list.currentItem()
        if current is None or current.isHidden():
            first = next((i for i in self._items() if not i.isHidden()), None)
            self.list.setCurrentItem(first)
            if first is None:
                self._offer_original()

    def _offer_original(self) -> None:
        """The two documents, the earlier (the draft) first and chosen."""
        self.original.clear()
        other = self._current()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(other is not None)
        if other is None:
            return
        a, b = self._library.summary(self.symbol), self._library.summary(other)
        order = [s.symbol for s in original_first(a, b)] if a and b else [self.symbol, other]
        for symbol in order:
            summary = self._library.summary(symbol)
            draft = summary is not None and summary.kind == DocumentKind.DRAFT
            date = summary.date if summary else ""
            self.original.addItem(f"{symbol} — {'the draft, ' if draft else ''}{date}", symbol)
        self.original.setCurrentIndex(0)

    def _accept_if_chosen(self) -> None:
        if self._current() is not None:
            self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up, Down, Page Up and Page Down in the filter move in the list."""
        if (watched is self.filter and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in _LIST_KEYS):
            QCoreApplication.sendEvent(self.list, event)
            return True
        return super().eventFilter(watched, event)
