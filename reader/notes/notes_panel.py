"""The Annotations tab: every highlight, note and bookmark of the reader, filtered and sorted.

The panel holds the filters, the buttons, the context menu and the signals; the rows it lists
are annotation_rows' model, painted by annotation_delegate.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from annotations.model import PALETTE, Annotation, by_document
from reader.document.render import plain_tooltip
from reader.notes.annotation_delegate import AnnotationDelegate
from reader.notes.annotation_rows import AnnotationListModel, GroupHeader, plural
from reader.notes.palette import swatch_icon
from reader.window.actions import context_keys, is_context_key

if TYPE_CHECKING:
    from corpus.library import Library

EMPTY = ("No annotations yet: select text in a document and press Ctrl+H to highlight it, "
         "Ctrl+Shift+N to add a note.")
#: The "This document" choice of the document filter (no symbol starts with a colon).
THIS_DOCUMENT = ":current:"
SORTS = (("Document order", "document"), ("Newest first", "newest"),
         ("Oldest first", "oldest"))


def copy_text(annotation: Annotation, citation: str) -> str:
    """What "Copy with Citation" puts on the clipboard for one annotation."""
    text = f"{citation}: “{' '.join(annotation.quote.split())}”"
    if annotation.note.strip():
        from annotations.notes import note_text

        text += "\n" + note_text(annotation.note)
    return text


# --- the panel -----------------------------------------------------------------------------

class NotesPanel(QWidget):
    """The reader's annotations: filter, sort, go to one, edit, delete, export, import.

    The panel only shows; the window owns the store and answers its signals.

    Signals:
        activated(Annotation): go to the annotation's place (a click, Enter, Go To).
        editRequested(Annotation): edit its note, tags and colour (F2, Edit…).
        deleteRequested(list[Annotation]): delete the selected ones (Delete, Backspace).
        exportRequested(), importRequested(): the Export… and Import… buttons.
    """

    activated = Signal(object)
    editRequested = Signal(object)
    deleteRequested = Signal(list)
    exportRequested = Signal()
    importRequested = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._all: list[Annotation] = []
        self._shown: list[Annotation] = []
        self._current: str | None = None
        self._haystacks: dict[Annotation, str] = {}

        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText("Filter annotations")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName("Filter annotations")
        self.filter_box.setToolTip("Words to find in the quotes, notes, tags and citations")
        self.filter_box.installEventFilter(self)
        self.document_box = self._combo("Filter by document", "All documents")
        self.tag_box = self._combo("Filter by tag", "All tags")
        self.colour_box = self._combo("Filter by colour", "All colours")
        self.sort_box = self._combo("Sort annotations", None)
        for label, key in SORTS:
            self.sort_box.addItem(label, key)

        self.model = AnnotationListModel(library, self)
        self.list = QListView()
        self.list.setAccessibleName("Annotations")
        self.list.setModel(self.model)
        self.delegate = AnnotationDelegate(self.model, self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        # Rows of 10,000 annotations are laid out a few hundred at a time between events, so
        # the list shows (and the window answers) before the last row's height is known.
        self.list.setLayoutMode(QListView.LayoutMode.Batched)
        self.list.setBatchSize(200)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.installEventFilter(self)
        self.list.clicked.connect(self._on_clicked)
        self.list.customContextMenuRequested.connect(self._on_context_menu)
        self.list.selectionModel().selectionChanged.connect(self._update_buttons)

        self.go_to_action = self._action("Go To", "notes_go_to", self._go_to_current)
        self.edit_action = self._action("Edit…", "notes_edit", self._edit_current)
        self.delete_action = self._action("Delete", "notes_delete", self._delete_selected)
        self.copy_action = self._action("Copy with Citation", None, self.copy_with_citation)
        self.menu = QMenu(self)
        self.menu.setAccessibleName("Annotation actions")
        self.menu.addActions([self.go_to_action, self.edit_action])
        self.menu.addSeparator()
        self.menu.addActions([self.copy_action])
        self.menu.addSeparator()
        self.menu.addActions([self.delete_action])

        self.count_label = QLabel()
        self.count_label.setAccessibleName("Annotation count")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setWordWrap(True)
        self.edit_button = self._button("Edit…", "Edit the selected annotation's note",
                                        self._edit_current)
        self.delete_button = self._button("Delete", "Delete the selected annotations",
                                          self._delete_selected)
        self.export_button = self._button("Export…", "Export annotations to a file",
                                          self.exportRequested.emit)
        self.import_button = self._button("Import…", "Import annotations from a file",
                                          self.importRequested.emit)

        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.setSpacing(4)
        filters.addWidget(self.document_box, 0, 0)
        filters.addWidget(self.tag_box, 0, 1)
        filters.addWidget(self.colour_box, 1, 0)
        filters.addWidget(self.sort_box, 1, 1)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for button in (self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.export_button, self.import_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.filter_box)
        layout.addLayout(filters)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count_label)
        layout.addLayout(buttons)
        order = (self.filter_box, self.document_box, self.tag_box, self.colour_box,
                 self.sort_box, self.list, self.edit_button, self.delete_button,
                 self.export_button, self.import_button)
        for first, second in zip(order, order[1:], strict=False):
            self.setTabOrder(first, second)
        self.setFocusProxy(self.filter_box)  # the window focuses the panel: type to filter

        self.filter_box.textChanged.connect(self._refresh)
        for combo in (self.document_box, self.tag_box, self.colour_box, self.sort_box):
            combo.currentIndexChanged.connect(self._refresh)
        self._fill_filters()
        self._refresh()

    # --- public ------------------------------------------------------------------------------

    def set_annotations(self, annotations: list[Annotation]) -> None:
        """Show the store's whole content, keeping the filters, the selection and the place
        the list was scrolled to."""
        self._all = list(annotations)
        if len(self._haystacks) > 2 * len(self._all) + 1000:
            self._haystacks = {}
        self._fill_filters()
        self._refresh(keep_scroll=True)

    def set_current_document(self, symbol: str | None) -> None:
        """The document of the current tab: what "This document" filters on."""
        if symbol == self._current:
            return
        self._current = symbol
        self._fill_filters()
        if self.document_box.currentData() == THIS_DOCUMENT or symbol is None:
            self._refresh()

    def set_filter_text(self, text: str) -> None:
        self.filter_box.setText(text)  # textChanged refreshes

    def shown(self) -> list[Annotation]:
        """The annotations the list shows, in its order (group headers aside)."""
        return list(self._shown)

    def selected(self) -> list[Annotation]:
        """The selected annotations, in list order."""
        rows = sorted(index.row() for index in self.list.selectionModel().selectedIndexes())
        return [row for row in (self.model.rows[r] for r in rows) if isinstance(row, Annotation)]

    def current(self) -> Annotation | None:
        """The annotation with the keyboard focus, else the first selected."""
        item = self.model.row_of(self.list.currentIndex())
        if isinstance(item, Annotation) and self.list.selectionModel().isSelected(
                self.list.currentIndex()):
            return item
        chosen = self.selected()
        return chosen[0] if chosen else None

    def copy_with_citation(self) -> None:
        """Put the selected annotations on the clipboard: citation, quote, note."""
        chosen = self.selected()
        if chosen:
            QApplication.clipboard().setText("\n\n".join(
                copy_text(a, self.model.citation(a)) for a in chosen))

    # --- filtering ---------------------------------------------------------------------------

    def _fill_filters(self) -> None:
        """The drop-downs offer what the annotations use; a choice still offered is kept."""
        order = {doc.symbol: i for i, doc in enumerate(self._library)}
        symbols: dict[str, int] = {}
        tags: dict[str, list] = {}  # casefolded -> [spelling, count]
        colours: dict[str, int] = {}
        for annotation in self._all:
            symbols[annotation.symbol] = symbols.get(annotation.symbol, 0) + 1
            colours[annotation.color] = colours.get(annotation.color, 0) + 1
            for tag in annotation.tags:
                entry = tags.setdefault(tag.casefold(), [tag, 0])
                entry[1] += 1
        documents = [(None, f"{symbol} ({count:,})", symbol) for symbol, count in
                     sorted(symbols.items(), key=lambda s: (order.get(s[0], len(order)), s[0]))]
        if self._current is not None:
            documents.insert(0, (None, "This document", THIS_DOCUMENT))
        self._refill(self.document_box, documents)
        if self._current is not None:
            self.document_box.setItemData(1, plain_tooltip(self._current),
                                          Qt.ItemDataRole.ToolTipRole)
        self._refill(self.tag_box, [(None, f"#{spelling} ({count:,})", folded) for
                                    folded, (spelling, count) in sorted(tags.items())])
        rank = {name: i for i, name in enumerate(PALETTE)}
        self._refill(self.colour_box, [
            (swatch_icon(name), f"{name[:1].upper()}{name[1:]} ({count:,})", name)
            for name, count in sorted(colours.items(),
                                      key=lambda c: (rank.get(c[0], len(rank)), c[0]))])

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[QIcon | None, str, str]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for icon, text, value in items:
            if icon is None:
                combo.addItem(text, value)
            else:
                combo.addItem(icon, text, value)
        row = combo.findData(chosen) if chosen is not None else 0
        combo.setCurrentIndex(max(0, row))
        combo.setEnabled(bool(items))
        combo.blockSignals(False)

    def _haystack(self, annotation: Annotation) -> str:
        """What the filter box searches: quote, note, tags and citation, casefolded."""
        text = self._haystacks.get(annotation)
        if text is None:
            text = "\n".join((annotation.quote, annotation.note,
                              " ".join("#" + t for t in annotation.tags),
                              self.model.citation(annotation))).casefold()
            self._haystacks[annotation] = text
        return text

    def _matching(self) -> list[Annotation]:
        kept = self._all
        symbol = self.document_box.currentData()
        if symbol == THIS_DOCUMENT:
            symbol = self._current
        if symbol:
            kept = [a for a in kept if a.symbol == symbol]
        if tag := self.tag_box.currentData():
            kept = [a for a in kept if any(t.casefold() == tag for t in a.tags)]
        if colour := self.colour_box.currentData():
            kept = [a for a in kept if a.color == colour]
        if words := self.filter_box.text().casefold().split():
            kept = [a for a in kept if all(w in self._haystack(a) for w in words)]
        return kept

    def _refresh(self, *_args: object, keep_scroll: bool = False) -> None:
        """Filter, sort and show, keeping the selection (by id) and the scrolled place."""
        chosen = {a.id for a in self.selected()}
        current = self.model.row_of(self.list.currentIndex())
        current_id = current.id if isinstance(current, Annotation) else None
        anchor = self._top_annotation() if keep_scroll else None

        kept = self._matching()
        rows: list[Annotation | GroupHeader] = []
        sort = self.sort_box.currentData()
        if sort == "document":
            self._shown = []
            for group in by_document(kept, self._library):
                rows.append(GroupHeader(group.symbol, len(group.annotations)))
                rows.extend(group.annotations)
                self._shown.extend(group.annotations)
        else:
            rows.extend(sorted(kept, key=lambda a: (a.updated, a.created, a.id),
                               reverse=sort == "newest"))
            self._shown = list(rows)  # type: ignore[arg-type]
        self.model.set_rows(rows)
        self._restore(chosen, current_id, anchor)
        self._update_count()
        self._update_buttons()

    def _top_annotation(self) -> str | None:
        """The annotation at the top of the list, when it is scrolled."""
        if self.list.verticalScrollBar().value() == 0:
            return None
        for y in (1, 24, 48):
            item = self.model.row_of(self.list.indexAt(QPoint(4, y)))
            if isinstance(item, Annotation):
                return item.id
        return None

    def _restore(self, chosen: set[str], current_id: str | None, anchor: str | None) -> None:
        if not (chosen or current_id or anchor):
            return
        rows = {row.id: n for n, row in enumerate(self.model.rows) if isinstance(row, Annotation)}
        selection = QItemSelection()
        for n in sorted(rows[i] for i in chosen if i in rows):
            index = self.model.index(n)
            selection.select(index, index)  # neighbouring rows merge into one range
        model = self.list.selectionModel()
        model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if current_id in rows:
            model.setCurrentIndex(self.model.index(rows[current_id]),
                                  QItemSelectionModel.SelectionFlag.NoUpdate)
        if anchor in rows:
            self.list.scrollTo(self.model.index(rows[anchor]),
                               QAbstractItemView.ScrollHint.PositionAtTop)
        elif current_id in rows:
            self.list.scrollTo(self.model.index(rows[current_id]))

    def _update_count(self) -> None:
        total, shown = len(self._all), len(self._shown)
        if not total:
            text = EMPTY
        elif shown == total:
            text = plural(total, "annotation")
        else:
            text = f"{shown:,} of {plural(total, 'annotation')}"
        self.count_label.setText(text)

    def _update_buttons(self, *_args: object) -> None:
        count = len(self.list.selectionModel().selectedIndexes())
        for widget in (self.edit_button, self.edit_action, self.go_to_action):
            widget.setEnabled(count == 1)
        for widget in (self.delete_button, self.delete_action, self.copy_action):
            widget.setEnabled(count > 0)
        self.export_button.setEnabled(bool(self._all))

    # --- user actions ------------------------------------------------------------------------

    def _go_to_current(self) -> None:
        annotation = self.current()
        if annotation is not None:
            self.activated.emit(annotation)

    def _edit_current(self) -> None:
        annotation = self.current()
        if annotation is not None:
            self.editRequested.emit(annotation)

    def _delete_selected(self) -> None:
        chosen = self.selected()
        if chosen:
            self.deleteRequested.emit(chosen)

    def _on_clicked(self, index: QModelIndex) -> None:
        """One click goes there, as a search result does; with Ctrl or Shift it only selects
        (several annotations, to delete or copy them together)."""
        item = self.model.row_of(index)
        selecting = QApplication.keyboardModifiers() & (Qt.KeyboardModifier.ControlModifier
                                                        | Qt.KeyboardModifier.ShiftModifier)
        if isinstance(item, Annotation) and not selecting:
            self.activated.emit(item)

    def _on_context_menu(self, pos: QPoint) -> None:
        self._update_buttons()
        if self.selected():
            self.menu.popup(self.list.viewport().mapToGlobal(pos))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if watched is self.list:
                if is_context_key(key, "notes_go_to"):
                    self._go_to_current()
                    return True
                if is_context_key(key, "notes_edit"):
                    self._edit_current()
                    return True
                if is_context_key(key, "notes_delete"):
                    self._delete_selected()
                    return True
            elif watched is self.filter_box:
                if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self._shown:
                    self._focus_list()
                    return True
                if is_context_key(key, "notes_clear_filter") and self.filter_box.text():
                    self.filter_box.clear()
                    return True
        return super().eventFilter(watched, event)

    def _focus_list(self) -> None:
        self.list.setFocus(Qt.FocusReason.TabFocusReason)
        if not self.selected():
            first = next(n for n, row in enumerate(self.model.rows)
                         if isinstance(row, Annotation))
            self.list.setCurrentIndex(self.model.index(first))

    # --- building ----------------------------------------------------------------------------

    def _combo(self, accessible: str, everything: str | None) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(accessible)
        combo.setToolTip(accessible)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        if everything is not None:
            combo.addItem(everything, None)
        return combo

    def _button(self, text: str, accessible: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(accessible)
        button.setToolTip(accessible)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: slot())
        return button

    def _action(self, text: str, keys: str | None, slot: Callable[[], object]) -> QAction:
        """``keys`` names a context shortcut of reader.window.actions (Help lists it there)."""
        action = QAction(text, self)
        if keys is not None:  # shown in the menu; the list's key handling does the work
            action.setShortcuts(context_keys(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.setShortcutVisibleInContextMenu(True)
        action.triggered.connect(lambda: slot())
        return action
