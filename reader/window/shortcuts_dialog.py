"""Help → Keyboard Shortcuts: every declared key, menus' and places' alike (actions.py),
with a filter: "find", "F3" or "note" narrows the table as you type."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.window.actions import shortcut_rows


class ShortcutsDialog(QDialog):
    """The table of shortcuts and its filter line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        rows = shortcut_rows()
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter: an action, a place or a key")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter shortcuts")
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setHorizontalHeaderLabels(["Menu or place", "Action", "Shortcut"])
        self.table.setAccessibleName("Keyboard shortcuts")
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table)
        self.filter_edit.textChanged.connect(self.apply_filter)
        self.resize(560, 520)

    def apply_filter(self, text: str) -> None:
        """Show the rows holding every word typed, in any column."""
        words = text.casefold().split()
        for r in range(self.table.rowCount()):
            row = " ".join(self.table.item(r, c).text() for c in range(3)).casefold()
            self.table.setRowHidden(r, not all(word in row for word in words))

    def shown_rows(self) -> list[tuple[str, str, str]]:
        """The rows in sight, as the reader reads them."""
        return [tuple(self.table.item(r, c).text() for c in range(3))
                for r in range(self.table.rowCount()) if not self.table.isRowHidden(r)]


def show_shortcuts(parent: QWidget) -> QDialog:
    """Open (not execute) the table of shortcuts, the filter focused; returns the dialog."""
    dialog = ShortcutsDialog(parent)
    dialog.show()
    dialog.filter_edit.setFocus()
    return dialog
