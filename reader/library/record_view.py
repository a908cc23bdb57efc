"""The library pane's Record view: every decision the Security Council's record catalogues
(corpus.record), whether or not the library holds its text, grouped by year or by topic.

What the library holds reads as a normal row; what it lacks reads grey and italic, and opens
the "not in your library" card. The rows (about 4,100) are built once, when the view is first
shown, into a QTreeWidget; a keystroke asks the record which entries match (Record.search: a
topic's words as typed, a symbol, a number, a year) and hides or shows only the rows whose state
changes, as the Library view does: about ten milliseconds a keystroke.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from corpus.record import Record, RecordEntry, words

SYMBOL_ROLE = Qt.ItemDataRole.UserRole
NOT_HELD = "not in your library"
#: The kinds a reader can ask for, as the kind box offers them: (label, kind or None, noun).
KIND_CHOICES: tuple[tuple[str, str | None, str], ...] = (
    ("Resolutions", "resolution", "resolutions"),
    ("Presidential statements", "statement", "presidential statements"),
    ("Vetoed drafts", "veto", "vetoed drafts"),
    ("Everything", None, "decisions"),
)
GROUPINGS = ("By year", "By topic")


class RecordView(QWidget):
    """Signals:
        heldSelected(str): the current row is a document the library holds.
        heldActivated(str): the user asked to open a held document (Enter, double-click).
        entryActivated(str): the user asked to open an entry the library lacks (its card).
    """

    heldSelected = Signal(str)
    heldActivated = Signal(str)
    entryActivated = Signal(str)

    def __init__(self, record: Record, held: Collection[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._record = record
        self._held = set(held)
        self._entries: list[RecordEntry] = list(record)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter by topic, symbol or year")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter the record")
        self.kind_box = QComboBox()
        self.kind_box.addItems([label for label, _kind, _noun in KIND_CHOICES])
        self.kind_box.setAccessibleName("Kind of decision")
        self.grouping_box = QComboBox()
        self.grouping_box.addItems(GROUPINGS)
        self.grouping_box.setAccessibleName("Group the record")
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Record count")
        self.count_label.setWordWrap(True)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Symbol", "Date", "Topic", "Vote"])
        self.tree.setAccessibleName("The Security Council's record")
        self.tree.setUniformRowHeights(True)

        choices = QHBoxLayout()
        choices.setContentsMargins(0, 0, 0, 0)
        choices.addWidget(self.kind_box)
        choices.addWidget(self.grouping_box)
        choices.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.filter_edit)
        column.addLayout(choices)
        column.addWidget(self.count_label)
        column.addWidget(self.tree)

        self._fill_tree()
        self._apply_filter()
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.filter_edit.returnPressed.connect(self.tree.setFocus)
        self.kind_box.currentIndexChanged.connect(self._apply_filter)
        self.grouping_box.currentIndexChanged.connect(self._regroup)
        self.tree.currentItemChanged.connect(self._on_current_item)
        self.tree.itemActivated.connect(self._on_activated)

    # --- what the view shows --------------------------------------------------------------

    def is_held(self, symbol: str) -> bool:
        return symbol in self._held

    def set_held(self, held: Iterable[str]) -> None:
        """The library changed (an import, a removal): restyle the rows whose state did."""
        held = set(held)
        changed = held ^ self._held
        self._held = held
        for row, entry in enumerate(self._entries):
            if entry.symbol in changed:
                self._style(self._items[row], entry)
        self._apply_filter()

    def shown_symbols(self) -> list[str]:
        """The symbols of the rows the filter shows, in tree order."""
        return [self._entries[row].symbol for row in self._order if not self._hidden[row]]

    def item_of(self, symbol: str) -> QTreeWidgetItem | None:
        row = self._row_of.get(symbol)
        return None if row is None else self._items[row]

    # --- building ---------------------------------------------------------------------------

    def _fill_tree(self) -> None:
        """One item per entry, built once; regrouping moves the same items into new groups."""
        self._row_of: dict[str, int] = {}
        self._row_of_entry: dict[int, int] = {}
        self._items: list[QTreeWidgetItem] = []
        for row, entry in enumerate(self._entries):
            vote = entry.vote
            if entry.vetoed_by:
                vote = f"vetoed by {', '.join(entry.vetoed_by)}"
            item = QTreeWidgetItem([entry.symbol, entry.date, entry.topic, vote])
            item.setData(0, SYMBOL_ROLE, entry.symbol)
            self._style(item, entry)
            self._items.append(item)
            self._row_of.setdefault(entry.symbol, row)
            self._row_of_entry[id(entry)] = row
        self._group_tree()

    def _style(self, item: QTreeWidgetItem, entry: RecordEntry) -> None:
        """Held rows as any row; the others grey and italic, and saying so when pointed at."""
        held = entry.symbol in self._held
        font = item.font(0)
        font.setItalic(not held)
        grey = self.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        tip = f"{entry.symbol}: {'in your library' if held else NOT_HELD}"
        for col in range(4):
            item.setFont(col, font)
            # A held row keeps the view's colours (selection, dark mode): no brush of its own.
            item.setData(col, Qt.ItemDataRole.ForegroundRole, None if held else grey)
            item.setToolTip(col, tip if col != 2 else f"{entry.topic}\n{tip}")
        item.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, "" if held else NOT_HELD)

    def _group_tree(self) -> None:
        """Put the rows into year groups (newest first) or topic groups (A to Z, each topic's
        decisions oldest first: its story as the Council told it)."""
        by_topic = self.grouping_box.currentIndex() == 1
        groups: dict[object, list[int]] = defaultdict(list)
        labels: dict[object, str] = {}
        for row, entry in enumerate(self._entries):
            key: object = tuple(words(entry.topic)) if by_topic else entry.year
            groups[key].append(row)
            labels.setdefault(key, entry.topic if by_topic else str(entry.year))
        if by_topic:
            keys = sorted(groups, key=lambda k: labels[k].casefold())
        else:
            keys = sorted(groups, reverse=True)
        self.tree.setUpdatesEnabled(False)
        try:
            for group_item in getattr(self, "_group_items", []):
                group_item.takeChildren()  # the rows outlive their old groups (self._items)
            self.tree.clear()
            self._group_items: list[QTreeWidgetItem] = []
            self._group: list[int] = [0] * len(self._entries)
            self._order: list[int] = []
            for key in keys:
                rows = sorted(groups[key], key=lambda r: self._entries[r].date,
                              reverse=not by_topic)
                group_item = QTreeWidgetItem([labels[key]])
                group_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = group_item.font(0)
                font.setBold(True)
                group_item.setFont(0, font)
                group_item.addChildren([self._items[r] for r in rows])
                for r in rows:
                    self._group[r] = len(self._group_items)
                self._order.extend(rows)
                self._group_items.append(group_item)
            self.tree.addTopLevelItems(self._group_items)
            for group_item in self._group_items:
                group_item.setFirstColumnSpanned(True)
            self._hidden = [False] * len(self._entries)
            self._group_hidden = [False] * len(self._group_items)
            self.tree.expandAll()
            for col in (0, 1):
                self.tree.resizeColumnToContents(col)
            self.tree.setColumnWidth(2, max(self.tree.columnWidth(2), 320))
        finally:
            self.tree.setUpdatesEnabled(True)

    def _regroup(self) -> None:
        current = self.tree.currentItem()
        with QSignalBlocker(self.tree):
            self._group_tree()
            self._apply_filter()
            if current is not None and current.parent() is not None:
                self.tree.setCurrentItem(current)
        if current is not None:
            self.tree.scrollToItem(current)

    # --- filtering --------------------------------------------------------------------------

    def _apply_filter(self, *_args: object) -> None:
        """Show the entries of the chosen kind that the record finds for what is typed (see
        Record.search), and the groups that hold any of them; then say how many are held."""
        text = self.filter_edit.text().strip()
        _label, kind, noun = KIND_CHOICES[self.kind_box.currentIndex()]
        of_kind = [kind is None or entry.kind == kind for entry in self._entries]
        if text:
            found = [False] * len(self._entries)
            for entry in self._record.search(text):
                row = self._row_of_entry.get(id(entry))
                if row is not None:
                    found[row] = True
            shown = [a and b for a, b in zip(of_kind, found, strict=True)]
        else:
            shown = of_kind
        group_shown = [False] * len(self._group_items)
        for row, show in enumerate(shown):
            if show:
                group_shown[self._group[row]] = True
        self.tree.setUpdatesEnabled(False)  # one repaint for the whole change
        try:
            _set_hidden(self._items, self._hidden, shown)
            _set_hidden(self._group_items, self._group_hidden, group_shown)
        finally:
            self.tree.setUpdatesEnabled(True)

        catalogued = sum(of_kind)
        held = sum(1 for row, show in enumerate(shown)
                   if show and self._entries[row].symbol in self._held)
        if text:
            count = sum(shown)
            self.count_label.setText(f"“{text}”: {count:,} found, held {held:,} of {count:,}"
                                     f" · {catalogued:,} {noun} catalogued")
        else:
            self.count_label.setText(f"Held {held:,} of {catalogued:,} {noun} catalogued"
                                     f" · grey: {NOT_HELD}")
        current = self.tree.currentItem()
        if current is not None and (current.isHidden() or (current.parent() is not None
                                                           and current.parent().isHidden())):
            with QSignalBlocker(self.tree):
                self.tree.setCurrentItem(None)

    # --- what the reader asks for -----------------------------------------------------------

    def _on_current_item(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        symbol = item.data(0, SYMBOL_ROLE) if item else None
        if symbol and symbol in self._held:
            self.heldSelected.emit(symbol)

    def _on_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        symbol = item.data(0, SYMBOL_ROLE)
        if not symbol:
            return
        if symbol in self._held:
            self.heldActivated.emit(symbol)
        else:
            self.entryActivated.emit(symbol)


def _set_hidden(items: list[QTreeWidgetItem], hidden: list[bool], shown: list[bool]) -> None:
    """Hide and show only the rows whose state changes."""
    for i, show in enumerate(shown):
        if hidden[i] == show:
            hidden[i] = not show
            items[i].setHidden(not show)

