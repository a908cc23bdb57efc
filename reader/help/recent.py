"""File → Recent Documents: the last documents opened, most recent first, kept in settings.

The list follows the window's navigator (``note`` is connected to documentShown); the menu is
filled each time it is about to show, so a document removed from the library since is left
out (and a hidden one that comes back returns). Choosing an item opens the document; "Clear
Recent" empties the list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QMenu, QWidget

from reader.window.settings import RECENT_LIMIT

if TYPE_CHECKING:
    from corpus.library import Library
    from reader.window.settings import Settings

#: A title longer than this is cut with "…" in the menu.
TITLE_CHARS = 60
CLEAR = "Clear Recent"
EMPTY = "No Recent Documents"


class RecentDocuments(QObject):
    """The recent list and its menu; ``open_document(symbol)`` opens a chosen one."""

    def __init__(self, settings: Settings, library: Library,
                 open_document: Callable[[str], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._library = library
        self._open = open_document
        self.menu = QMenu("Recent &Documents", parent)
        self.menu.aboutToShow.connect(self.fill)

    def symbols(self) -> list[str]:
        """The recent documents the library still holds, most recent first."""
        return [s for s in self._settings.recent_documents() if s in self._library]

    def note(self, symbol: str) -> None:
        """``symbol`` was just shown: first in the list (a card's symbol is not kept)."""
        if symbol not in self._library:
            return
        kept = [s for s in self._settings.recent_documents() if s != symbol]
        self._settings.save_recent_documents([symbol, *kept][:RECENT_LIMIT])

    def clear(self) -> None:
        self._settings.save_recent_documents([])

    def label(self, symbol: str) -> str:
        """A menu item's text: symbol — title (cut), "&" kept from being a mnemonic."""
        summary = self._library.summary(symbol)
        title = summary.title if summary else ""
        if len(title) > TITLE_CHARS:
            title = title[:TITLE_CHARS - 1].rstrip() + "…"
        text = f"{symbol} — {title}" if title else symbol
        return text.replace("&", "&&")

    def fill(self) -> None:
        """The menu as it is now: one item per document, then Clear Recent."""
        self.menu.clear()
        symbols = self.symbols()
        for number, symbol in enumerate(symbols, 1):
            prefix = f"&{number} " if number < 10 else "1&0 "
            action = self.menu.addAction(prefix + self.label(symbol))
            action.setData(symbol)
            action.triggered.connect(lambda _checked=False, s=symbol: self._open(s))
        if not symbols:
            self.menu.addAction(EMPTY).setEnabled(False)
        self.menu.addSeparator()
        clear = self.menu.addAction(CLEAR, self.clear)
        clear.setEnabled(bool(symbols))

    def show_menu(self) -> None:
        """The menu at the pointer (the action triggered outside the File menu)."""
        self.menu.popup(QCursor.pos())
