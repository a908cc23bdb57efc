"""The first window: the library as a tree on the left, the chosen document on the right."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from corpus.model import Document
from reader.render import render_document

if TYPE_CHECKING:
    from corpus.library import Library

SYMBOL_ROLE = Qt.ItemDataRole.UserRole
#: Widest text column the view lays out, in pixels; wider windows get white margins instead.
MAX_COLUMN = 760
MIN_MARGIN = 24
TOP_MARGIN = 14


class DocumentView(QTextBrowser):
    """A read-only view of one rendered document that never opens a browser.

    Links inside the document (footnote markers and back) scroll the view; every other link is
    left to whoever listens to ``anchorClicked``. The text keeps a readable line length.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._follow)

    def show_html(self, html: str) -> None:
        self.setHtml(html)
        self._fit_column()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_column()

    def _fit_column(self) -> None:
        side = max(MIN_MARGIN, (self.viewport().width() - MAX_COLUMN) // 2)
        frame = self.document().rootFrame()
        fmt = frame.frameFormat()
        if (fmt.leftMargin(), fmt.topMargin()) != (side, TOP_MARGIN):
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            fmt.setTopMargin(TOP_MARGIN)
            fmt.setBottomMargin(TOP_MARGIN)
            frame.setFrameFormat(fmt)

    def _follow(self, url: QUrl) -> None:
        if not url.scheme() and url.hasFragment():
            self.scrollToAnchor(url.fragment())


class LibraryWindow(QMainWindow):
    """Browse the library grouped by body and year; read the selected document.

    Signals:
        documentShown(str): the symbol of the document the view now shows.
    """

    documentShown = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self.setWindowTitle("Plenary")

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter by symbol, subject or title")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter documents")

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Document", "Date", "Subject"])
        self.tree.setAccessibleName("Documents")
        self.tree.setUniformRowHeights(True)

        self.view = DocumentView()
        self.view.setAccessibleName("Document text")

        self.count_label = QLabel()
        self.statusBar().addWidget(self.count_label)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(6, 6, 0, 6)
        column.addWidget(self.filter_edit)
        column.addWidget(self.tree)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([470, 810])
        self.setCentralWidget(splitter)
        self.setTabOrder(self.filter_edit, self.tree)
        self.setTabOrder(self.tree, self.view)

        self._fill_tree()
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.filter_edit.returnPressed.connect(self.tree.setFocus)
        self.tree.currentItemChanged.connect(self._on_current_item)
        self._show_count(len(self._library))
        first = self._document_items()
        if first:
            self.tree.setCurrentItem(first[0])
        self.tree.setFocus()

    @property
    def current_symbol(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, SYMBOL_ROLE) if item else None

    def show_document(self, symbol: str) -> bool:
        """Select ``symbol`` in the tree (which shows it); False if the library lacks it."""
        for item in self._document_items():
            if item.data(0, SYMBOL_ROLE) == symbol:
                self.tree.setCurrentItem(item)
                return True
        return False

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
                        self._document_item(item, draft).setToolTip(0, f"Draft of {doc.symbol}")
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
        item.setToolTip(2, doc.subject or doc.title)
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
        self._show_count(visible)
        current = self.tree.currentItem()
        if current is None or current.isHidden():
            shown = [item for item in self._document_items() if not _hidden(item)]
            if shown:
                self.tree.setCurrentItem(shown[0])

    def _show_count(self, visible: int) -> None:
        total = len(self._library)
        noun = "document" if total == 1 else "documents"
        counted = f"{total} {noun}" if visible == total else f"{visible} of {total} {noun}"
        self.count_label.setText(counted)

    def _on_current_item(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        symbol = item.data(0, SYMBOL_ROLE) if item else None
        doc = self._library.get(symbol) if symbol else None
        if doc is not None:
            self.view.show_html(render_document(doc))
            self.documentShown.emit(doc.symbol)


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
