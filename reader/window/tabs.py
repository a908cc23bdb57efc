"""The window's tabs: a document, a "not in your library" card or a comparison in each.

What each tab shows is recorded on its view (the symbol, for the window's commands; its title
and spoken name), so whoever asks "what is the reader looking at?" asks here: the view in the
current tab (a comparison's too), the comparison, or the tab a document may replace.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QWidget

from reader.compare.comparison_view import ComparisonView
from reader.document.document_view import DocumentView
from reader.window.settings import OpenTab

if TYPE_CHECKING:
    from corpus.library import Library


class DocumentTabs(QTabWidget):
    """Tabs of document views and comparisons; ``make_view`` makes a view wired to the
    window (links, menus, annotations)."""

    def __init__(self, make_view: Callable[[], DocumentView],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._make_view = make_view
        self.setDocumentMode(True)
        self.setTabsClosable(True)
        self.setMovable(True)
        self.setAccessibleName("Open documents")
        self.tabBar().setAccessibleName("Document tabs")
        self.tabCloseRequested.connect(self.close_tab)

    @property
    def view(self) -> DocumentView | None:
        """The view the reader is looking at: the current tab's, a comparison's included."""
        widget = self.currentWidget()
        if isinstance(widget, ComparisonView):
            return widget.browser
        return widget if isinstance(widget, DocumentView) else None

    @property
    def comparison(self) -> ComparisonView | None:
        """The comparison in the current tab, if it shows one."""
        widget = self.currentWidget()
        return widget if isinstance(widget, ComparisonView) else None

    @property
    def document_tab(self) -> DocumentView | None:
        """The current tab's view if it shows a document or card: where the next document
        opens unless a new tab is asked for. A comparison is never replaced by a document."""
        widget = self.currentWidget()
        return widget if isinstance(widget, DocumentView) else None

    @property
    def current_symbol(self) -> str | None:
        view = self.view
        return view.property("symbol") if view else None

    def new_view(self) -> DocumentView:
        """A wired view in a tab of its own."""
        view = self._make_view()
        self.addTab(view, "")
        return view

    def label(self, view: DocumentView, symbol: str, title: str) -> None:
        """What a tab shows: its symbol (for the window's commands), title and spoken name."""
        view.setProperty("symbol", symbol)
        view.setAccessibleName(f"{title}: text")
        self.setTabText(self.indexOf(view), title)

    def add_comparison(self, comparison: ComparisonView) -> None:
        self.addTab(comparison, "")
        self.title_comparison(comparison)
        self.setCurrentWidget(comparison)

    def title_comparison(self, comparison: ComparisonView) -> None:
        index = self.indexOf(comparison)
        self.setTabText(index, comparison.title)
        self.setTabToolTip(index, comparison.comparison.summary_line())

    def close_tab(self, index: int) -> None:
        widget = self.widget(index)
        self.removeTab(index)
        if widget is not None:
            widget.deleteLater()

    def close_current(self) -> None:
        if self.count():
            self.close_tab(self.currentIndex())

    def step(self, step: int) -> None:
        """The next (1) or previous (-1) tab, round the end."""
        if self.count():
            self.setCurrentIndex((self.currentIndex() + step) % self.count())

    def document_views(self) -> Iterator[tuple[int, DocumentView]]:
        """(index, view) of every tab showing a document or card, last first: closing one
        while going through them leaves the indexes still to come as they were."""
        for i in reversed(range(self.count())):
            widget = self.widget(i)
            if isinstance(widget, DocumentView):
                yield i, widget

    def every_view(self) -> Iterator[DocumentView]:
        """Every view in the tabs, a comparison's included: what a font or theme reaches."""
        for i in range(self.count()):
            widget = self.widget(i)
            yield widget.browser if isinstance(widget, ComparisonView) else widget

    def comparisons(self) -> Iterator[ComparisonView]:
        for i in range(self.count()):
            widget = self.widget(i)
            if isinstance(widget, ComparisonView):
                yield widget

    def open_tabs(self, library: Library) -> list[OpenTab]:
        """The documents and comparisons open, each at its reading position (and a
        comparison in its mode), for the next start. Cards are not kept."""
        tabs = []
        for i in range(self.count()):
            widget = self.widget(i)
            if isinstance(widget, ComparisonView):
                left, right = widget.comparison.left.symbol, widget.comparison.right.symbol
                tabs.append(OpenTab(left, widget.browser.current_block(), right, widget.mode))
                continue
            symbol = widget.property("symbol")
            if symbol and symbol in library:
                tabs.append(OpenTab(symbol, widget.current_block()))
        return tabs
