"""The library pane: documents grouped by body and year, drafts beside their adopted text, with a
filter box. It only lists and selects; what a selection opens is the main window's business.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QLineEdit,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from corpus.model import Document
from reader.document.render import plain_tooltip

if TYPE_CHECKING:
    from corpus.library import Library

SYMBOL_ROLE = Qt.ItemDataRole.UserRole


class LibraryPane(QWidget):
    """Signals:
        documentSelected(str): the current item is now this document (arrow keys, click).
        documentActivated(str): the user asked to open it (Enter, double-click).
        countChanged(int, int): documents shown by the filter, documents in the library.
        compareRequested(str): the user asked to compare this document with another.
        removeRequested(str): the user asked to take this document out of the library.
    """

    documentSelected = Signal(str)
    documentActivated = Signal(str)
    countChanged = Signal(int, int)
    compareRequested = Signal(str)
    removeRequested = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter by symbol, subject or title")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter documents")

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Document", "Date", "Subject"])
        self.tree.setAccessibleName("Documents")
        self.tree.setUniformRowHeights(True)

        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 0, 6)
        column.addWidget(self.filter_edit)
        column.addWidget(self.tree)
        self.setTabOrder(self.filter_edit, self.tree)

        self._fill_tree()
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.filter_edit.returnPressed.connect(self.tree.setFocus)
        self.tree.currentItemChanged.connect(self._on_current_item)
        self.tree.itemActivated.connect(self._on_activated)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)

    @property
    def current_symbol(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, SYMBOL_ROLE) if item else None

    def select(self, symbol: str, *, notify: bool = True) -> bool:
        """Make ``symbol`` the current item; False if the library lacks it.

        With ``notify`` False no signal is emitted: the window follows a document opened
        elsewhere (a link, a search result) without being told to open it again.
        """
        for item in self._document_items():
            if item.data(0, SYMBOL_ROLE) == symbol:
                if self.tree.currentItem() is not item:
                    blocker = None if notify else QSignalBlocker(self.tree)
                    self.tree.setCurrentItem(item)
                    del blocker
                return True
        return False

    def first_symbol(self) -> str | None:
        items = self._document_items()
        return items[0].data(0, SYMBOL_ROLE) if items else None

    def refresh(self) -> None:
        """List the library again after it changed (an import, a removal), keeping the filter
        and, if it is still there, the current document."""
        current = self.current_symbol
        with QSignalBlocker(self.tree):  # the window shows what it shows: no selection news
            self.tree.clear()
            self._fill_tree()
            if current:
                self.select(current)
            self._apply_filter(self.filter_edit.text())

    def _fill_tree(self) -> None:
        symbols = {doc.symbol for doc in self._library}
        drafts: dict[str, list[Document]] = defaultdict(list)
        for doc in self._library:
            adopted = doc.relations.get("draft_of")
            if adopted in symbols and adopted != doc.symbol:
                drafts[adopted].append(doc)
        placed_drafts = {d.symbol for group in drafts.values() for d in group}

        groups: dict[str, dict[int, list[Document]]] = defaultdict(lambda: defaultdict(list))
        for doc in self._library:
            if doc.symbol not in placed_drafts:
                groups[doc.body][doc.year].append(doc)
        for body in sorted(groups):
            body_item = self._group_item(self.tree.invisibleRootItem(), body)
            for year in sorted(groups[body], reverse=True):
                year_item = self._group_item(body_item, str(year))
                for doc in sorted(groups[body][year], key=lambda d: d.date, reverse=True):
                    item = self._document_item(year_item, doc)
                    for draft in drafts.get(doc.symbol, []):
                        self._document_item(item, draft).setToolTip(
                            0, plain_tooltip(f"Draft of {doc.symbol}"))
        self.tree.expandAll()
        for col in (0, 1):
            self.tree.resizeColumnToContents(col)

    def _group_item(self, parent: QTreeWidgetItem, label: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [label])
        item.setFirstColumnSpanned(True)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        return item

    def _document_item(self, parent: QTreeWidgetItem, doc: Document) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [doc.symbol, doc.date, doc.subject or doc.title])
        item.setData(0, SYMBOL_ROLE, doc.symbol)
        item.setToolTip(2, plain_tooltip(doc.subject or doc.title))
        return item

    def _document_items(self) -> list[QTreeWidgetItem]:
        """Every document item, in tree order (drafts right after their resolution)."""
        found: list[QTreeWidgetItem] = []

        def walk(item: QTreeWidgetItem) -> None:
            for i in range(item.childCount()):
                child = item.child(i)
                if child.data(0, SYMBOL_ROLE):
                    found.append(child)
                walk(child)

        walk(self.tree.invisibleRootItem())
        return found

    def _apply_filter(self, text: str) -> None:
        words = text.casefold().split()
        visible = 0

        def update(item: QTreeWidgetItem) -> bool:
            nonlocal visible
            shown_child = False
            for i in range(item.childCount()):
                shown_child = update(item.child(i)) or shown_child
            symbol = item.data(0, SYMBOL_ROLE)
            doc = self._library.get(symbol) if symbol else None
            matches = doc is not None and _matches(doc, words)
            visible += matches
            shown = matches or shown_child
            item.setHidden(not shown)
            return shown

        root = self.tree.invisibleRootItem()
        for i in range(root.childCount()):
            update(root.child(i))
        self.countChanged.emit(visible, len(self._library))
        current = self.tree.currentItem()
        if current is None or current.isHidden():
            shown = [item for item in self._document_items() if not _hidden(item)]
            if shown:
                self.tree.setCurrentItem(shown[0])

    def _on_current_item(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        symbol = item.data(0, SYMBOL_ROLE) if item else None
        if symbol:
            self.documentSelected.emit(symbol)

    def _menu(self, pos: QPoint) -> QMenu | None:
        """A document's menu (right click or the menu key): open it in a new tab, compare it,
        remove it."""
        item = self.tree.itemAt(pos) or self.tree.currentItem()
        symbol = item.data(0, SYMBOL_ROLE) if item else None
        if not symbol:
            return None
        menu = QMenu(self.tree)
        menu.addAction("Open in New Tab", lambda: self.documentActivated.emit(symbol))
        menu.addAction("Compare With…", lambda: self.compareRequested.emit(symbol))
        menu.addSeparator()
        menu.addAction("Remove from Library…", lambda: self.removeRequested.emit(symbol))
        menu.popup(self.tree.viewport().mapToGlobal(pos))
        return menu

    def _on_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        symbol = item.data(0, SYMBOL_ROLE)
        if symbol:
            self.documentActivated.emit(symbol)


def _matches(doc: Document, words: list[str]) -> bool:
    haystack = " ".join((doc.symbol, doc.title, doc.subject or "")).casefold()
    return all(word in haystack for word in words)


def _hidden(item: QTreeWidgetItem) -> bool:
    """Hidden itself or under a hidden group (QTreeWidgetItem.isHidden sees only itself)."""
    while item is not None:
        if item.isHidden():
            return True
        item = item.parent()
    return False
