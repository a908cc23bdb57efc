"""Help → Keyboard Shortcuts: every declared key, menus' and places' alike (actions.py)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.window.actions import shortcut_rows


def show_shortcuts(parent: QWidget) -> QDialog:
    """Open (not execute) the table of shortcuts; returns the dialog."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("Keyboard shortcuts")
    rows = shortcut_rows()
    table = QTableWidget(len(rows), 3, dialog)
    table.setHorizontalHeaderLabels(["Menu or place", "Action", "Shortcut"])
    table.setAccessibleName("Keyboard shortcuts")
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    QVBoxLayout(dialog).addWidget(table)
    dialog.resize(520, 480)
    dialog.show()
    return dialog
