"""Find in page: a bar under the document that highlights every match and steps through them.

A bar rather than a dialog, as every browser does it: it covers nothing, and the reader keeps
reading while typing. Matching is case-insensitive, because a diplomat looking for "terrorist"
wants the "Terrorist" that opens a paragraph too. Highlights go through the view's
``set_selections`` when it has one (DocumentView), so the paragraph flash and the matches share
the view instead of erasing each other.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QHideEvent,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QShowEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextEdit,
    QToolButton,
    QWidget,
)

from reader.document.document_view import MARK_TEXT, reading_origin
from reader.document.highlight_layers import HighlightLayers
from reader.window.actions import context_keys, is_context_key

#: Every match, and the current one, in the colours browsers taught readers; dark text on both
#: so a match stays legible in a dark theme too.
MATCH_COLOUR = QColor("#fff0a0")
CURRENT_COLOUR = QColor("#ff9f40")
#: Longest selection taken as the text to find when the bar opens.
PREFILL_CHARS = 80


class FindBar(QWidget):
    """Find text in a QTextEdit/QTextBrowser: match count, next/previous, all matches lit.

    Enter / F3 go to the next match, Shift+Enter / Shift+F3 to the previous one (the platform's
    Find Next/Previous keys), Esc closes the bar and clears the highlights. F3 and Esc also work
    while the document itself has the focus and the bar is open.

    Signals:
        closed(): the reader closed the bar (Esc or its close button).
    """

    closed = Signal()

    def __init__(self, view: QTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Find in document")
        self._view: QTextEdit | None = None
        self._layers: HighlightLayers | None = None
        self._matches: list[QTextCursor] = []
        self._current = -1
        self._view_shortcuts: list[QShortcut] = []
        # One format per kind, shared by every match: a document can hold thousands.
        self._formats = {kind: _format(colour) for kind, colour in
                         (("find", MATCH_COLOUR), ("find-current", CURRENT_COLOUR))}

        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Find in document")
        self.edit.setAccessibleName("Text to find")
        self.edit.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Matches")
        self.count_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("No matches  "))
        self.previous_button = self._button("Previous", "Previous match (Shift+Enter)",
                                            Qt.ArrowType.UpArrow)
        self.next_button = self._button("Next", "Next match (Enter)", Qt.ArrowType.DownArrow)
        self.close_button = self._button("Close", "Close (Esc)")
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)

        label = QLabel("&Find:")
        label.setBuddy(self.edit)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(label)
        row.addWidget(self.edit, 1)
        row.addWidget(self.count_label)
        row.addWidget(self.previous_button)
        row.addWidget(self.next_button)
        row.addWidget(self.close_button)

        self.edit.textChanged.connect(lambda _text: self._search())
        self.edit.installEventFilter(self)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.close_button.clicked.connect(self.close_bar)
        for keys, slot in self._keys():
            shortcut = QShortcut(keys, self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.set_view(view)

    # --- public -------------------------------------------------------------------------------

    @property
    def view(self) -> QTextEdit | None:
        return self._view

    @property
    def match_count(self) -> int:
        return len(self._matches)

    @property
    def current_index(self) -> int:
        """0-based index of the current match; -1 when there is none."""
        return self._current

    def set_view(self, view: QTextEdit) -> None:
        """Serve another view (the window's current tab); the old one loses its highlights."""
        if view is self._view:
            return
        if self._view is not None:
            self._clear_highlights()
            self._view.textChanged.disconnect(self._on_text_replaced)
            self._view.destroyed.disconnect(self._on_view_destroyed)
            for shortcut in self._view_shortcuts:
                shortcut.setParent(None)
                shortcut.deleteLater()
        self._view = view
        # A DocumentView's own layers (the reader's highlights stay under the matches); a
        # plain text edit gets layers of the bar's own.
        self._layers = getattr(view, "highlight_layers", None) or HighlightLayers(view)
        self._matches, self._current = [], -1
        view.textChanged.connect(self._on_text_replaced)
        view.destroyed.connect(self._on_view_destroyed)
        self._view_shortcuts = []
        closing = [(keys, self.close_bar) for keys in context_keys("find_close")]
        for keys, slot in (*self._keys(), *closing):
            shortcut = QShortcut(keys, view, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.setEnabled(self.isVisible())
            self._view_shortcuts.append(shortcut)
        if self.isVisible():
            self._search()

    def focus(self) -> None:
        """Show the bar and put the cursor in it, text selected for typing over.

        A short selection in the document becomes the text to find, as in a browser.
        """
        if self._view is not None:
            selected = self._view.textCursor().selectedText()
            if selected and len(selected) <= PREFILL_CHARS and "\u2029" not in selected:
                self.edit.setText(selected)
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def find_next(self) -> None:
        self._step(1)

    def find_previous(self) -> None:
        self._step(-1)

    def close_bar(self) -> None:
        """Hide the bar; the current match stays selected in the document, ready to copy."""
        if self._view is not None and 0 <= self._current < len(self._matches):
            self._view.setTextCursor(QTextCursor(self._matches[self._current]))
        self.hide()
        if self._view is not None:
            self._view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    # --- events -------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if is_context_key(event.key(), "find_next"):  # with Shift: find_previous
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.find_previous()
                else:
                    self.find_next()
                return True
            if is_context_key(event.key(), "find_close"):
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        for shortcut in self._view_shortcuts:
            shortcut.setEnabled(True)
        self._search()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        for shortcut in self._view_shortcuts:
            shortcut.setEnabled(False)
        self._clear_highlights()

    # --- searching ----------------------------------------------------------------------------

    def _on_view_destroyed(self) -> None:
        """The tab closed under the bar: forget the view (its shortcuts went with it)."""
        self._view, self._view_shortcuts, self._layers = None, [], None
        self._matches, self._current = [], -1
        self._show_matches()

    def _on_text_replaced(self) -> None:
        """The view shows another document: the old matches point at nothing."""
        self._matches, self._current = [], -1
        if self.isVisible():
            self._search()

    def _search(self) -> None:
        """Find every match; the current one is the first at or after where the reader was."""
        view, text = self._view, self.edit.text()
        if view is None:
            return
        origin = (self._matches[self._current].selectionStart() if self._current >= 0
                  else reading_origin(view))
        self._matches = []
        if text:
            document = view.document()
            cursor = QTextCursor(document)
            while True:
                cursor = document.find(text, cursor)  # case-insensitive without flags
                if cursor.isNull():
                    break
                self._matches.append(cursor)
        self._current = -1
        if self._matches:
            self._current = next((i for i, m in enumerate(self._matches)
                                  if m.selectionStart() >= origin), 0)
        self._show_matches()

    def _step(self, step: int) -> None:
        if not self._matches:
            self._search()
            if not self._matches:
                return
            step = 0  # a fresh search already stands on the first match ahead
        self._current = (self._current + step) % len(self._matches)
        self._show_matches()

    def _show_matches(self) -> None:
        count = len(self._matches)
        if not self.edit.text():
            self.count_label.setText("")
        elif count == 0:
            self.count_label.setText("No matches")
        else:
            self.count_label.setText(f"{self._current + 1} of {count}")
        self.previous_button.setEnabled(count > 1)
        self.next_button.setEnabled(count > 1)
        self._highlight()
        if self._view is not None and self._current >= 0:
            match = self._matches[self._current]
            cursor = QTextCursor(match)
            cursor.setPosition(match.selectionStart())
            self._view.setTextCursor(cursor)  # where find and the keyboard continue from
            self._reveal(match)

    def _reveal(self, match: QTextCursor) -> None:
        """Scroll a match out of (or right at) the view's edges to a third of the way down,
        like a browser, so the lines around it are visible too."""
        view = self._view
        assert view is not None
        rect = view.cursorRect(match)
        height, edge = view.viewport().height(), 2 * rect.height()
        if rect.top() < edge or rect.bottom() > height - edge:
            bar = view.verticalScrollBar()
            bar.setValue(bar.value() + rect.top() - height // 3)

    def _highlight(self) -> None:
        every = [_selection(m, self._formats["find"]) for m in self._matches]
        current = ([_selection(self._matches[self._current], self._formats["find-current"])]
                   if self._current >= 0 else [])
        self._set_selections("find", every)
        self._set_selections("find-current", current)

    def _clear_highlights(self) -> None:
        self._set_selections("find", [])
        self._set_selections("find-current", [])

    def _set_selections(self, kind: str, selections: list[QTextEdit.ExtraSelection]) -> None:
        if self._layers is not None:
            self._layers.set(kind, selections)

    # --- construction -------------------------------------------------------------------------

    def _keys(self) -> list[tuple[QKeySequence, object]]:
        return [*((keys, self.find_next) for keys in context_keys("find_again")),
                *((keys, self.find_previous) for keys in context_keys("find_again_back"))]

    def _button(self, name: str, tip: str,
                arrow: Qt.ArrowType = Qt.ArrowType.NoArrow) -> QToolButton:
        button = QToolButton()
        button.setAccessibleName(f"{name} match" if arrow != Qt.ArrowType.NoArrow
                                 else "Close find bar")
        button.setToolTip(tip)
        button.setArrowType(arrow)
        button.setAutoRaise(True)
        return button


def _format(colour: QColor) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(colour)
    fmt.setForeground(MARK_TEXT)
    return fmt


def _selection(match: QTextCursor, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
    selection = QTextEdit.ExtraSelection()
    selection.cursor = match
    selection.format = fmt
    return selection
