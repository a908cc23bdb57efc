"""The library pane: documents grouped by body and year, drafts beside their adopted text, with a
filter box. It only lists and selects; what a selection opens is the main window's business.

Two views, chosen by the tabs at its top: "Library" (what the library holds) and "Record" (every
decision the Security Council's record catalogues, held or not: record_view.py), the latter
built only when first shown.

It lists the library's summaries (corpus.library.DocumentSummary), never its documents: a
library of thousands is listed without reading one. Filtering works on arrays kept beside the
tree (each document's words, its row's place), so a keystroke costs a pass over strings and
``setHidden`` on the rows whose state changes: a few milliseconds at 10,000 documents.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QLineEdit,
    QMenu,
    QStackedWidget,
    QTabBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from corpus.library import DocumentSummary
from corpus.record import Record, load_record
from reader.document.render import plain_tooltip
from reader.library.record_view import SYMBOL_ROLE as RECORD_SYMBOL_ROLE
from reader.library.record_view import RecordView
from reader.search.search_results import NewTabClicks

if TYPE_CHECKING:
    from corpus.library import Library

SYMBOL_ROLE = Qt.ItemDataRole.UserRole


class LibraryPane(QWidget):
    """Signals:
        documentSelected(str): the current item is now this document (arrow keys, click).
        documentActivated(str): the user asked to open it (Enter, double-click).
        newTabRequested(str): open it in a new tab, the current one left as it is (Ctrl+click,
            middle click, the menu's "Open in New Tab").
        countChanged(int, int): documents shown by the filter, documents in the library.
        compareRequested(str): the user asked to compare this document with another.
        removeRequested(str): the user asked to take this document out of the library.
        recordEntryActivated(str): the user asked to open a catalogued decision the library
            lacks (the Record view): its "not in your library" card.
    """

    documentSelected = Signal(str)
    documentActivated = Signal(str)
    newTabRequested = Signal(str)
    countChanged = Signal(int, int)
    compareRequested = Signal(str)
    removeRequested = Signal(str)
    recordEntryActivated = Signal(str)

    LIBRARY, RECORD = 0, 1

    def __init__(self, library: Library, parent: QWidget | None = None, *,
                 record: Callable[[], Record] = load_record) -> None:
        super().__init__(parent)
        self._library = library
        self._load_record = record
        self._record_view: RecordView | None = None
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter by symbol, subject or title")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter documents")

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Document", "Date", "Subject"])
        self.tree.setAccessibleName("Documents")
        self.tree.setUniformRowHeights(True)

        self.view_tabs = QTabBar()
        self.view_tabs.addTab("Library")
        self.view_tabs.addTab("Record")
        self.view_tabs.setTabToolTip(self.LIBRARY, "The documents in your library")
        self.view_tabs.setTabToolTip(
            self.RECORD, "Every decision of the Security Council, held or not")
        self.view_tabs.setAccessibleName("Library or record")
        self.view_tabs.setExpanding(False)
        library_page = QWidget()
        library_column = QVBoxLayout(library_page)
        library_column.setContentsMargins(0, 0, 0, 0)
        library_column.addWidget(self.filter_edit)
        library_column.addWidget(self.tree)
        self.stack = QStackedWidget()
        self.stack.addWidget(library_page)

        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 0, 6)
        column.addWidget(self.view_tabs)
        column.addWidget(self.stack)
        self.setTabOrder(self.filter_edit, self.tree)
        self.view_tabs.currentChanged.connect(self._show_view)

        self._fill_tree()
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.filter_edit.returnPressed.connect(self.tree.setFocus)
        self.tree.currentItemChanged.connect(self._on_current_item)
        self.tree.itemActivated.connect(self._on_activated)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        # As in a browser: a right click shows the menu and opens nothing; Ctrl+click and a
        # middle click open in a new tab. Neither makes the row current (that opens it).
        self._clicks = NewTabClicks(self.tree, self._open_in_new_tab, quiet_right=True)

    @property
    def record_view(self) -> RecordView:
        """The Record view, built (about 4,100 rows, once) the first time it is asked for."""
        if self._record_view is None:
            view = RecordView(self._load_record(), self._row_of.keys())
            view.heldSelected.connect(self.documentSelected)
            view.heldActivated.connect(self.documentActivated)
            view.entryActivated.connect(self.recordEntryActivated)
            # As in the library list: a right click never opens a row (choosing one does),
            # Ctrl+click and a middle click open a held one in a new tab.
            view.clicks = NewTabClicks(view.tree, self._open_record_row_in_new_tab,
                                       quiet_right=True)
            self.stack.addWidget(view)
            self._record_view = view
        return self._record_view

    def _open_record_row_in_new_tab(self, item) -> None:
        symbol = item.data(0, RECORD_SYMBOL_ROLE)
        if symbol and symbol in self._row_of:
            self.newTabRequested.emit(symbol)

    def show_record(self) -> RecordView:
        """Switch to the Record view (as clicking its tab does)."""
        self.view_tabs.setCurrentIndex(self.RECORD)
        return self.record_view

    def _show_view(self, index: int) -> None:
        if index == self.RECORD:
            self.stack.setCurrentWidget(self.record_view)
            self.record_view.filter_edit.setFocus()
        else:
            self.stack.setCurrentIndex(self.LIBRARY)

    @property
    def current_symbol(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, SYMBOL_ROLE) if item else None

    def select(self, symbol: str, *, notify: bool = True) -> bool:
        """Make ``symbol`` the current item; False if the library lacks it.

        With ``notify`` False no signal is emitted: the window follows a document opened
        elsewhere (a link, a search result) without being told to open it again.
        """
        row = self._row_of.get(symbol)
        if row is None:
            return False
        item = self._items[row]
        if self.tree.currentItem() is not item:
            blocker = None if notify else QSignalBlocker(self.tree)
            self.tree.setCurrentItem(item)
            del blocker
        return True

    def first_symbol(self) -> str | None:
        return self._symbols[0] if self._symbols else None

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
        if self._record_view is not None:
            self._record_view.set_held(self._row_of.keys())

    def _summaries(self) -> Sequence[DocumentSummary]:
        summaries = getattr(self._library, "summaries", None)
        if summaries is not None:
            return summaries()
        return [DocumentSummary.of_document(doc) for doc in self._library]  # a stand-in

    def _fill_tree(self) -> None:
        summaries = self._summaries()
        symbols = {s.symbol for s in summaries}
        drafts: dict[str, list[DocumentSummary]] = defaultdict(list)
        for summary in summaries:
            adopted = summary.draft_of
            if adopted in symbols and adopted != summary.symbol:
                drafts[adopted].append(summary)
        placed_drafts = {d.symbol for group in drafts.values() for d in group}

        groups: dict[str, dict[int, list[DocumentSummary]]] = defaultdict(
            lambda: defaultdict(list))
        for summary in summaries:
            if summary.symbol not in placed_drafts:
                groups[summary.body][summary.year].append(summary)
        # Rows in tree order, and what the filter needs of each (see _apply_filter).
        self._items: list[QTreeWidgetItem] = []
        self._symbols: list[str] = []
        self._words: list[str] = []
        self._parent: list[int] = []  # a draft's resolution row, else -1
        self._group: list[int] = []  # the row's year group
        self._group_items: list[QTreeWidgetItem] = []
        self._group_body: list[int] = []
        self._body_items: list[QTreeWidgetItem] = []
        self._row_of: dict[str, int] = {}
        self._tips: dict[str, str] = {}  # titles repeat (a topic's resolutions): one each
        self.tree.setUpdatesEnabled(False)
        try:
            bodies = []
            for body in sorted(groups):
                body_item = self._group_item(None, body)
                bodies.append(body_item)
                self._body_items.append(body_item)
                for year in sorted(groups[body], reverse=True):
                    year_item = self._group_item(body_item, str(year))
                    self._group_items.append(year_item)
                    self._group_body.append(len(self._body_items) - 1)
                    group = len(self._group_items) - 1
                    rows = []
                    for summary in sorted(groups[body][year], key=lambda d: d.date,
                                          reverse=True):
                        item = self._add_row(summary, group, -1)
                        rows.append(item)
                        row = len(self._items) - 1
                        drafts_of = drafts.get(summary.symbol)
                        if drafts_of:
                            item.addChildren([self._add_row(draft, group, row, summary.symbol)
                                              for draft in drafts_of])
                    year_item.addChildren(rows)
            # Built detached and added at once: one insertion for the view, not 10,000.
            self.tree.addTopLevelItems(bodies)
            for group_item in self._body_items + self._group_items:
                group_item.setFirstColumnSpanned(True)  # only an item in a tree can span
            self._hidden = [False] * len(self._items)
            self._group_hidden = [False] * len(self._group_items)
            self._body_hidden = [False] * len(self._body_items)
            self.tree.expandAll()
            for col in (0, 1):
                self.tree.resizeColumnToContents(col)
        finally:
            self.tree.setUpdatesEnabled(True)

    def _group_item(self, parent: QTreeWidgetItem | None, label: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([label]) if parent is None else QTreeWidgetItem(parent, [label])
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        return item

    def _add_row(self, summary: DocumentSummary, group: int, parent_row: int,
                 draft_of: str | None = None) -> QTreeWidgetItem:
        """A document's item (not yet in the tree) and what the filter needs of it."""
        symbol = summary.symbol
        described = summary.subject or summary.title
        item = QTreeWidgetItem([symbol, summary.date, described])
        item.setData(0, SYMBOL_ROLE, symbol)
        tip = self._tips.get(described)
        if tip is None:
            tip = self._tips[described] = plain_tooltip(described)
        item.setToolTip(2, tip)
        if draft_of:
            item.setToolTip(0, plain_tooltip(f"Draft of {draft_of}"))
        self._row_of[symbol] = len(self._items)
        self._items.append(item)
        self._symbols.append(symbol)
        self._words.append(f"{symbol} {summary.title} {summary.subject or ''}".casefold())
        self._parent.append(parent_row)
        self._group.append(group)
        return item

    def _document_items(self) -> list[QTreeWidgetItem]:
        """Every document item, in tree order (drafts right after their resolution)."""
        return list(self._items)

    def _apply_filter(self, text: str) -> None:
        """Show the documents whose symbol, title or subject hold every word typed (in any
        order and case), a resolution whose draft does, and the groups of what is shown."""
        words = text.casefold().split()
        haystacks = self._words
        if not words:
            matches = [True] * len(haystacks)
        elif len(words) == 1:
            word = words[0]
            matches = [word in words_of for words_of in haystacks]
        else:
            matches = [all(word in words_of for word in words) for words_of in haystacks]
        shown = list(matches)
        for row, parent in enumerate(self._parent):
            if parent >= 0 and matches[row]:
                shown[parent] = True
        group_shown = [False] * len(self._group_items)
        for row, group in enumerate(self._group):
            if shown[row]:
                group_shown[group] = True
        body_shown = [False] * len(self._body_items)
        for group, body in enumerate(self._group_body):
            if group_shown[group]:
                body_shown[body] = True
        self._set_hidden(self._items, self._hidden, shown)
        self._set_hidden(self._group_items, self._group_hidden, group_shown)
        self._set_hidden(self._body_items, self._body_hidden, body_shown)
        self.countChanged.emit(sum(matches), len(haystacks))
        current = self.tree.currentItem()
        if current is None or _hidden(current):
            first = next((row for row, item in enumerate(self._items)
                          if shown[row] and (self._parent[row] < 0
                                             or shown[self._parent[row]])), None)
            if first is not None:
                self.tree.setCurrentItem(self._items[first])

    @staticmethod
    def _set_hidden(items: list[QTreeWidgetItem], hidden: list[bool],
                    shown: list[bool]) -> None:
        """Hide and show only the rows whose state changes."""
        for i, show in enumerate(shown):
            if hidden[i] == show:
                hidden[i] = not show
                items[i].setHidden(not show)

    def _on_current_item(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        symbol = item.data(0, SYMBOL_ROLE) if item else None
        if symbol:
            self.documentSelected.emit(symbol)

    def _menu(self, pos: QPoint) -> QMenu | None:
        """A document's menu (right click or the menu key): open it here or in a new tab,
        compare it, remove it. Showing it changes nothing: the row stays as it was."""
        item = self.tree.itemAt(pos) or self.tree.currentItem()
        symbol = item.data(0, SYMBOL_ROLE) if item else None
        if not symbol:
            return None
        menu = QMenu(self.tree)
        menu.addAction("Open", lambda: self._open_here(symbol))
        menu.addAction("Open in New Tab", lambda: self.newTabRequested.emit(symbol))
        menu.addAction("Compare With…", lambda: self.compareRequested.emit(symbol))
        menu.addSeparator()
        menu.addAction("Remove from Library…", lambda: self.removeRequested.emit(symbol))
        menu.popup(self.tree.viewport().mapToGlobal(pos))
        return menu

    def _open_here(self, symbol: str) -> None:
        """The menu's "Open": the current tab shows it, and its row becomes the current one."""
        if self.current_symbol == symbol:
            self.documentSelected.emit(symbol)  # its row already: the tab may show another
        else:
            self.select(symbol)  # documentSelected follows: the window opens it

    def _open_in_new_tab(self, item: QTreeWidgetItem) -> None:
        symbol = item.data(0, SYMBOL_ROLE)
        if symbol:
            self.newTabRequested.emit(symbol)

    def _on_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        symbol = item.data(0, SYMBOL_ROLE)
        if symbol:
            self.documentActivated.emit(symbol)


def _hidden(item: QTreeWidgetItem) -> bool:
    """Hidden itself or under a hidden group (QTreeWidgetItem.isHidden sees only itself)."""
    while item is not None:
        if item.isHidden():
            return True
        item = item.parent()
    return False
