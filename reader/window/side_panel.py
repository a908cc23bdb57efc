"""The side panel: Search, References, Outline, Agreed language and Notes, a tab each.

The Notes tab's list is made the first time the tab is shown (or a command needs it): a
start-up need not read every annotation for a list nobody has looked at yet.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from reader.document.outline_panel import OutlinePanel
from reader.document.references_panel import ReferencesPanel
from reader.search.agreed_language_panel import AgreedLanguagePanel
from reader.search.search_panel import SearchPanel

if TYPE_CHECKING:
    from corpus.library import Library
    from corpus.model import Document
    from reader.common.tasks import TaskRunner
    from reader.notes.notes_panel import NotesPanel


class SidePanel(QTabWidget):
    """The five tabs beside the document. ``made_notes`` is called with the Notes panel when it
    is first made, so the window can serve it."""

    def __init__(self, library: Library, runner: TaskRunner,
                 made_notes: Callable[[NotesPanel], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._made_notes = made_notes
        self.search = SearchPanel(runner)
        self.references = ReferencesPanel(library)
        self.outline = OutlinePanel()
        self.agreed = AgreedLanguagePanel(library)
        self._notes_tab = QWidget()
        self._notes_tab.setAccessibleName("Notes")
        QVBoxLayout(self._notes_tab).setContentsMargins(0, 0, 0, 0)
        self._notes: NotesPanel | None = None
        self._current_symbol: str | None = None
        # Five tabs: all in sight, the panel as wide as their names, none behind arrows.
        self.setUsesScrollButtons(False)
        self.setElideMode(Qt.TextElideMode.ElideNone)
        self.setAccessibleName("Side panel")
        self.tabBar().setAccessibleName("Side panel tabs")
        self.addTab(self.search, "Search")
        self.addTab(self.references, "References")
        self.addTab(self.outline, "Outline")
        self.addTab(self.agreed, "Agreed")
        self.setTabToolTip(self.indexOf(self.agreed), "Agreed language: where else the library "
                           "has a paragraph's wording")
        self.addTab(self._notes_tab, "Notes")
        self.setTabToolTip(self.indexOf(self._notes_tab), "Your highlights, notes and bookmarks")
        self.currentChanged.connect(self._on_tab)

    @property
    def notes(self) -> NotesPanel:
        """The Notes tab's list, made on first use."""
        if self._notes is None:
            from reader.notes.notes_panel import NotesPanel

            panel = NotesPanel(self._library)
            self._notes_tab.layout().addWidget(panel)
            self._notes_tab.setFocusProxy(panel)
            panel.set_current_document(self._current_symbol)
            self._notes = panel
            self._made_notes(panel)
        return self._notes

    def show_notes(self) -> None:
        self.setCurrentWidget(self._notes_tab)
        self.notes.setFocus()

    def show_document(self, doc: Document | None) -> None:
        """The panels that describe the current document follow it."""
        self.references.show_document(doc)
        self.outline.show_document(doc)

    def set_current_symbol(self, symbol: str | None) -> None:
        """The document (or card) the reader is on: the Notes list marks its annotations."""
        self._current_symbol = symbol
        if self._notes is not None:
            self._notes.set_current_document(symbol)

    def _on_tab(self, _index: int) -> None:
        if self.currentWidget() is self._notes_tab:
            self.notes  # noqa: B018 - made on first show
