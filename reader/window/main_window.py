"""The main window: library on the left, documents in tabs, search/references/outline on the right.

It composes the reader's parts and owns only what is between them: which document a tab shows,
where a link leads, the back/forward history, and what is remembered between runs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotations.model import citation_of
from annotations.store import AnnotationStore
from corpus.citing import citation, quote_with_citation
from reader.common.context import Changes, CommandContext
from reader.common.operations import Operations
from reader.compare.comparison_view import ComparisonView
from reader.document.card import render_not_in_library
from reader.document.document_view import DocumentView
from reader.document.find_bar import FindBar
from reader.document.links import LinkTarget, block_for_paragraph
from reader.document.outline_panel import OutlinePanel
from reader.document.references_panel import ReferencesPanel
from reader.document.render import plain_tooltip
from reader.imports.importing import ImportCommands
from reader.library.library_pane import LibraryPane
from reader.notes.annotating import Annotator, Sides
from reader.notes.annotation_commands import AnnotationCommands
from reader.search.agreed_language_panel import AgreedLanguagePanel
from reader.search.search_panel import SearchPanel
from reader.window.actions import ACTIONS, MENUS, Act, build_actions, shortcut_rows
from reader.window.history import History, Location
from reader.window.settings import FONT_SIZE, OpenTab, Settings
from reader.window.theme import THEMES, apply_theme

if TYPE_CHECKING:
    from corpus.library import Library
    from corpus.model import Block, Document
    from reader.common.tasks import Task, TaskRunner
    from reader.notes.notes_panel import NotesPanel
    from reader.search.index_service import IndexService

MIN_FONT, MAX_FONT = FONT_SIZE.minimum, FONT_SIZE.maximum
#: How long a replaced search index stays open for searches already running on it.
INDEX_CLOSE_DELAY_MS = 2000
NO_COMPARISON = "Open a comparison first (Compare → Compare With…)"


class MainWindow(QMainWindow):
    """Signals:
        documentShown(str): the current tab now shows this document (or card) symbol.
    """

    documentShown = Signal(str)

    def __init__(self, library: Library, settings: Settings, runner: TaskRunner,
                 index_service: IndexService | None = None,
                 annotations: AnnotationStore | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._settings = settings
        self._history = History()
        self._restoring = False
        self.setWindowTitle("Plenary")

        self.library_pane = LibraryPane(library)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.setAccessibleName("Open documents")
        self.tabs.tabBar().setAccessibleName("Document tabs")
        self.find_bar: FindBar | None = None
        centre = QWidget()
        self._centre_layout = QVBoxLayout(centre)
        self._centre_layout.setContentsMargins(0, 0, 0, 0)
        self._centre_layout.setSpacing(0)
        self._centre_layout.addWidget(self.tabs)
        self.setCentralWidget(centre)

        self._runner = runner
        self._agreed_task: Task | None = None
        self.search_panel = SearchPanel(runner)
        self.references = ReferencesPanel(library)
        self.outline = OutlinePanel()
        self.agreed = AgreedLanguagePanel(library)
        self._index = None  # the SearchIndex, once built
        self.side = QTabWidget()
        # Five tabs: all in sight, the panel as wide as their names, none behind arrows.
        self.side.setUsesScrollButtons(False)
        self.side.setElideMode(Qt.TextElideMode.ElideNone)
        self.side.setAccessibleName("Side panel")
        self.side.tabBar().setAccessibleName("Side panel tabs")
        self.side.addTab(self.search_panel, "Search")
        self.side.addTab(self.references, "References")
        self.side.addTab(self.outline, "Outline")
        self.side.addTab(self.agreed, "Agreed")
        store = annotations or AnnotationStore.open(settings.data_dir)
        self.annotator = Annotator(store, library, self._sides_of, self)
        self.annotator.set_color(settings.get("annotate/color"))
        self.index_service = index_service
        self.changes = Changes(self)
        self.operations = Operations(runner, self, self.statusBar().showMessage)
        context = CommandContext(
            library=library, data_dir=settings.data_dir, settings=settings,
            operations=self.operations, changes=self.changes, parent=self,
            current_symbol=lambda: self.current_symbol, current_view=lambda: self.view,
            place=self.place, open_document=self.open_document)
        self.annotating = AnnotationCommands(context, self.annotator)
        self.importing = ImportCommands(context, drop_target=self)
        self.changes.libraryChanged.connect(self.follow_library)
        # The Notes tab's panel is made when the tab is first shown: start-up need not load it.
        self._notes_tab = QWidget()
        self._notes_tab.setAccessibleName("Notes")
        QVBoxLayout(self._notes_tab).setContentsMargins(0, 0, 0, 0)
        self._annotations_panel: NotesPanel | None = None
        self.side.addTab(self._notes_tab, "Notes")
        self.side.setTabToolTip(self.side.indexOf(self._notes_tab),
                                "Your highlights, notes and bookmarks")
        self.side.currentChanged.connect(self._on_side_tab)
        self.side.setTabToolTip(self.side.indexOf(self.agreed), "Agreed language: where else the "
                                "library has a paragraph's wording")

        self.library_dock = self._dock("Library", self.library_pane,
                                       Qt.DockWidgetArea.LeftDockWidgetArea)
        self.side_dock = self._dock("Side panel", self.side, Qt.DockWidgetArea.RightDockWidgetArea)

        self.count_label = QLabel()
        self.index_label = QLabel("Search index: starting…" if index_service else "")
        self.index_progress = QProgressBar()
        self.index_progress.setMaximumWidth(160)
        self.index_progress.setVisible(False)
        # Permanent widgets sit on the right; temporary messages get the left, never on top.
        self.statusBar().addPermanentWidget(self.operations.view)
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.index_label)
        self.statusBar().addPermanentWidget(self.index_progress)

        self.actions_by_name = build_actions(self, self._action_handlers())
        self._build_menus()
        self.font_size: int = settings.get(FONT_SIZE.name)
        self.theme: str = settings.get("view/theme")
        self.dark = apply_theme(QApplication.instance(), self.theme)

        self.library_pane.documentSelected.connect(self.open_document)
        self.library_pane.documentActivated.connect(
            lambda symbol: self.open_document(symbol, new_tab=True))
        self.library_pane.countChanged.connect(self._show_count)
        self.library_pane.compareRequested.connect(self.compare_with)
        self.library_pane.removeRequested.connect(self.importing.remove)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.search_panel.openRequested.connect(self.open_search_result)
        self.search_panel.annotation_search = self.annotator.search
        self.search_panel.annotation_citation = lambda a: citation_of(a, self._library.get(
            a.symbol))
        self.search_panel.annotationRequested.connect(self.annotating.go_to)
        self.references.locationRequested.connect(self.open_document)
        self.references.targetRequested.connect(self.open_target)
        self.outline.blockActivated.connect(self._jump_to_block)
        self.agreed.locationRequested.connect(self.open_document)
        if index_service is not None:
            index_service.progress.connect(self._index_progress)
            index_service.ready.connect(self._index_ready)
            index_service.failed.connect(self._index_failed)
            index_service.message.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self._connect_annotating()
        self.documentShown.connect(self._notes_document)
        moved = self.annotator.reanchor(library)
        if moved:
            self.statusBar().showMessage(f"Annotations: {moved}", 15000)
        self.annotating.tell_problems()
        self._show_count(len(library), len(library))
        self._update_navigation()
        self.resizeDocks([self.library_dock, self.side_dock], [380, 330],
                         Qt.Orientation.Horizontal)

    # --- documents and tabs -----------------------------------------------------------------

    @property
    def library(self) -> Library:
        return self._library

    @property
    def runner(self) -> TaskRunner:
        return self._runner

    @property
    def view(self) -> DocumentView | None:
        widget = self.tabs.currentWidget()
        if isinstance(widget, ComparisonView):
            return widget.browser
        return widget if isinstance(widget, DocumentView) else None

    @property
    def comparison(self) -> ComparisonView | None:
        """The comparison in the current tab, if it shows one."""
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, ComparisonView) else None

    @property
    def _document_tab(self) -> DocumentView | None:
        """The current tab's view if it shows a document or card: where the next document
        opens unless a new tab is asked for. A comparison is never replaced by a document."""
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, DocumentView) else None

    @property
    def current_symbol(self) -> str | None:
        view = self.view
        return view.property("symbol") if view else None

    def open_document(self, symbol: str, block: str | None = None, *,
                      new_tab: bool = False, record: bool = True) -> bool:
        """Show ``symbol`` (at ``block``) in the current tab, or a new one; False if unknown."""
        doc = self._library.get(symbol)
        if doc is None:
            return False
        if record:
            self._remember_position()
        view = self._document_tab
        if view is None or new_tab:
            view = self._new_view()
        if view.property("symbol") != symbol:
            view.show_document(doc)
        self._label_view(view, symbol, symbol)
        self.tabs.setTabToolTip(self.tabs.indexOf(view), plain_tooltip(doc.subject or doc.title))
        self.tabs.setCurrentWidget(view)
        self._show_panels(doc)
        self.library_pane.select(symbol, notify=False)
        if block:
            QTimer.singleShot(0, lambda: view.scroll_to_block(block))
        if record:
            self._history.visit(Location(symbol, block))
        self._update_navigation()
        self.documentShown.emit(symbol)
        return True

    def open_search_result(self, symbol: str, block: str, query: str) -> None:
        """Open a search result at its paragraph, with the words searched for marked."""
        from index.snippets import term_matcher  # the index layer is loaded by now

        if self.open_document(symbol, block):
            self.view.highlight_words(term_matcher(query))

    def open_target(self, target: str, paragraph: str | None = None) -> None:
        """Follow a citation: the document if the library has it, else its card."""
        doc = self._library.get(target)
        if doc is not None:
            block = block_for_paragraph(doc, paragraph) if paragraph else None
            self.open_document(target, block)
            return
        self._show_card(target, year_unknown=False)

    def close_tab(self, index: int) -> None:
        widget = self.tabs.widget(index)
        self.tabs.removeTab(index)
        if widget is not None:
            widget.deleteLater()
        if self.tabs.count() == 0:
            self._show_panels(None)

    def close_current_tab(self) -> None:
        if self.tabs.count():
            self.close_tab(self.tabs.currentIndex())

    def _new_view(self, *, tab: bool = True) -> DocumentView:
        """A document view wired to the window; in a tab of its own unless ``tab`` is False
        (a comparison holds it)."""
        view = DocumentView(preview=self._preview)
        view.dark = self.dark
        view.linkActivated.connect(self._follow_link)
        view.backRequested.connect(self.go_back)  # mouse back/forward buttons
        view.forwardRequested.connect(self.go_forward)
        view.paragraphMenuRequested.connect(lambda pos, v=view: self._context_menu(v, pos))
        self.annotator.watch(view)
        self._apply_font(view)
        if tab:
            self.tabs.addTab(view, "")
        return view

    # --- comparisons --------------------------------------------------------------------------

    def open_comparison(self, left: str, right: str) -> ComparisonView | None:
        """Open ``left`` and ``right`` side by side in a new tab; None if either is unknown."""
        docs = [self._library.get(left), self._library.get(right)]
        if None in docs:
            return None
        self._remember_position()
        comparison = ComparisonView(*docs, self._new_view(tab=False))
        comparison.message.connect(lambda text: self.statusBar().showMessage(text, 4000))
        comparison.changed.connect(lambda c=comparison: self._title_comparison(c))
        self.tabs.addTab(comparison, "")
        self._title_comparison(comparison)
        self.tabs.setCurrentWidget(comparison)
        self._show_panels(None)
        return comparison

    def _title_comparison(self, comparison: ComparisonView) -> None:
        index = self.tabs.indexOf(comparison)
        self.tabs.setTabText(index, comparison.title)
        self.tabs.setTabToolTip(index, comparison.comparison.summary_line())

    def compare_with_counterpart(self) -> ComparisonView | None:
        """Compare the current document with its draft (or adopted text): draft on the left."""
        pair = self._library.draft_and_adopted(self.current_symbol)
        if pair is None:
            self.statusBar().showMessage("This document has no draft or adopted text in the "
                                         "library", 4000)
            return None
        return self.open_comparison(*pair)

    def compare_with(self, left: str | None = None) -> ComparisonView | None:
        """Ask which document to compare ``left`` (else the current one) with, then open the
        comparison; its draft or adopted text is offered first."""
        from PySide6.QtWidgets import QInputDialog

        left = left or self.current_symbol or self.library_pane.current_symbol
        if left is None:
            return None
        others = [doc.symbol for doc in self._library if doc.symbol != left]
        pair = self._library.draft_and_adopted(left)
        default = next((s for s in pair if s != left), None) if pair else None
        right, ok = QInputDialog.getItem(self, "Compare", f"Compare {left} with:", others,
                                         others.index(default) if default else 0, False)
        return self.open_comparison(left, right) if ok and right else None

    def export_comparison(self, path: str | None = None) -> Task | None:
        """Save the current comparison as HTML or Word (by the file's suffix), off the UI
        thread; asks where when ``path`` is not given."""
        comparison = self.comparison
        if comparison is None:
            self.statusBar().showMessage(NO_COMPARISON, 4000)
            return None
        from corpus.compare.export import export_comparison

        if path is None:
            from PySide6.QtWidgets import QFileDialog

            suggested = "".join(c if c.isalnum() else "-" for c in comparison.title)
            path, _ = QFileDialog.getSaveFileName(
                self, "Export comparison", f"{suggested}.html",
                "Web page (*.html);;Word document (*.docx)")
            if not path:
                return None
        return self.operations.run(
            "Saving the comparison…",
            lambda _progress, _cancelled: export_comparison(comparison.comparison, Path(path)),
            done=lambda written: self.statusBar().showMessage(f"Comparison saved to {written}",
                                                              6000),
            failed="The comparison could not be saved")

    def _in_comparison(self, step: Callable[[ComparisonView], object]) -> object:
        """Run a comparison command on the current tab, or say that it needs a comparison."""
        comparison = self.comparison
        if comparison is None:
            self.statusBar().showMessage(NO_COMPARISON, 4000)
            return None
        return step(comparison)

    def _label_view(self, view: DocumentView, symbol: str, title: str) -> None:
        """What a tab shows: its symbol (for the window's commands), title and spoken name."""
        view.setProperty("symbol", symbol)
        view.setAccessibleName(f"{title}: text")
        self.tabs.setTabText(self.tabs.indexOf(view), title)

    def _show_card(self, symbol: str, *, year_unknown: bool) -> None:
        self._remember_position()
        view = self._document_tab or self._new_view()
        view.show_html(self._card(symbol, year_unknown))
        view.setProperty("year_unknown", year_unknown)
        self._label_view(view, symbol, f"{symbol} — not in library")
        self._show_panels(None)
        self._history.visit(Location(symbol, None))
        self._update_navigation()
        self.documentShown.emit(symbol)

    def _card(self, symbol: str, year_unknown: bool) -> str:
        return render_not_in_library(symbol, self._library.cited_by(symbol), self._library,
                                     year_unknown=year_unknown, dark=self.dark)

    def _follow_link(self, link: LinkTarget) -> None:
        if link.target is None:
            self._show_card(link.partial or "", year_unknown=True)
            return
        if self.comparison is not None:
            doc = self._library.get(link.target)
            block = link.block or (block_for_paragraph(doc, link.paragraph)
                                   if doc and link.paragraph else None)
            if self.comparison.show_block(link.target, block):
                return  # a paragraph of one of the two compared texts: go there in the table
        if link.block:
            self.open_document(link.target, link.block)
        elif link.target == self.current_symbol and link.paragraph and self.view:
            doc = self._library.get(link.target)
            block = block_for_paragraph(doc, link.paragraph) if doc else None
            if block:
                self._remember_position()
                self.view.scroll_to_block(block)
                self._history.visit(Location(link.target, block))
                self._update_navigation()
        else:
            self.open_target(link.target, link.paragraph)

    def _preview(self, link: LinkTarget) -> str | None:
        doc = self._library.get(link.target) if link.target else None
        if doc is None:
            return None
        block_id = link.block or (block_for_paragraph(doc, link.paragraph)
                                  if link.paragraph else None)
        block = doc.block(block_id) if block_id else None
        return quote_with_citation(doc, block) if block else f"{doc.symbol}: {doc.subject or ''}"

    def _jump_to_block(self, block: str) -> None:
        if self.view and self.current_symbol:
            self._remember_position()
            self.view.scroll_to_block(block)
            self._history.visit(Location(self.current_symbol, block))
            self._update_navigation()

    def _on_tab_changed(self, _index: int) -> None:
        symbol = self.current_symbol
        doc = self._library.get(symbol) if symbol else None
        self._show_panels(doc)
        if doc is not None:
            self.library_pane.select(doc.symbol, notify=False)
        if self.find_bar is not None and self.view is not None:
            self.find_bar.set_view(self.view)
        self._order_focus()

    def _order_focus(self) -> None:
        """Tab moves the way the window reads, left to right: library, the open document,
        then the side panel. Qt's default follows creation order, which puts every document
        opened later after the side panel."""
        chain: list[QWidget] = [self.library_pane.filter_edit, self.library_pane.tree,
                                self.tabs.tabBar()]
        if self.view is not None:
            chain.append(self.view)
        if self.find_bar is not None and self.find_bar.isVisible():
            bar = self.find_bar
            chain += [bar.edit, bar.previous_button, bar.next_button, bar.close_button]
        chain.append(self.side.tabBar())
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _show_panels(self, doc: Document | None) -> None:
        self.references.show_document(doc)
        self.outline.show_document(doc)

    def _step_tab(self, step: int) -> None:
        if self.tabs.count():
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    # --- history ------------------------------------------------------------------------------

    def _remember_position(self) -> None:
        """Before leaving a place, note where in it the reader was, so Back returns there."""
        view, symbol = self.view, self.current_symbol
        if view is not None and symbol and not self._restoring:
            self._history.note_position(Location(symbol, view.current_block()))

    def go_back(self) -> None:
        self._remember_position()
        self._go(self._history.back())

    def go_forward(self) -> None:
        self._go(self._history.forward())

    def _go(self, location: Location | None) -> None:
        if location is None:
            return
        self._restoring = True
        try:
            if self._library.get(location.symbol):
                self.open_document(location.symbol, location.block, record=False)
            else:
                self._show_card(location.symbol, year_unknown=False)
        finally:
            self._restoring = False
        self._update_navigation()

    def _update_navigation(self) -> None:
        self.actions_by_name["back"].setEnabled(self._history.can_go_back)
        self.actions_by_name["forward"].setEnabled(self._history.can_go_forward)

    # --- commands -----------------------------------------------------------------------------

    def _context_menu(self, view: DocumentView, pos: QPoint) -> QMenu:
        """The paragraph's own menu (right click, or the context-menu key)."""
        menu = QMenu(view)
        block_id = view.block_at(pos)
        copy = menu.addAction("Copy with Citation",
                              lambda: self.copy_with_citation(block_id))
        copy.setEnabled(block_id is not None)
        agreed = menu.addAction("Find Agreed Language",
                                lambda: self.find_agreed_language(block_id))
        agreed.setEnabled(block_id is not None and self._index is not None)
        selection = menu.addAction("Copy", view.copy)
        selection.setEnabled(view.textCursor().hasSelection())
        self.annotating.add_to_menu(menu, view, pos, block_id)
        menu.addSeparator()
        menu.addAction(self.actions_by_name["find"])
        menu.addAction(self.actions_by_name["back"])
        menu.popup(view.viewport().mapToGlobal(pos))
        return menu

    def find_agreed_language(self, block_id: str | None = None) -> Task | None:
        """List where else the library has the wording of a paragraph (``block_id``, else the
        one at the top of the view) in the Agreed language tab.

        The query runs on the task runner (on a library of 100,000 paragraphs it scores a few
        hundred candidates); asking again drops the answer of the previous request. Returns the
        task, or None when there is no paragraph or no index yet."""
        from index.similar import find_similar

        doc, block = self.place(block_id)
        if block is None or self._index is None:
            self.statusBar().showMessage("Agreed language needs a paragraph and the search "
                                         "index", 4000)
            return None
        index, source = self._index, citation(doc, block)

        def work(_progress, _cancelled):
            with index.lock:
                return find_similar(index, block.text, exclude=f"{doc.symbol}#{block.id}",
                                    limit=15)

        if self._agreed_task is not None:
            self._agreed_task.cancel()
        self.agreed.show_pending(source)
        self.side_dock.setVisible(True)
        self.side.setCurrentWidget(self.agreed)
        self._agreed_task = self.operations.run(
            f"Finding agreed language for {source}…", work,
            done=lambda results: self.agreed.show_results(source, results),
            failed=lambda error: self.agreed.show_failure(source, error), context=self.agreed)
        return self._agreed_task

    def place(self, anchor: str | None) -> tuple[Document | None, Block | None]:
        """The document and paragraph a command acts on: the one named by ``anchor`` (a block
        id, or in a comparison ``L-op12``), else the one at the top of the current view."""
        view = self.view
        anchor = anchor or (view.current_block() if view else None)
        if not anchor:
            return None, None
        if self.comparison is not None:
            return self.comparison.place(anchor) or (None, None)
        symbol = self.current_symbol
        doc = self._library.get(symbol) if symbol else None
        return doc, doc.block(anchor) if doc else None

    # --- annotations --------------------------------------------------------------------------

    def _sides_of(self, view: DocumentView) -> Sides:
        """The documents a view shows, with the prefix of their paragraph anchors."""
        holder = view.parentWidget()  # a comparison holds its view from its first page on
        if isinstance(holder, ComparisonView):
            return [("L-", holder.comparison.left), ("R-", holder.comparison.right)]
        doc = view.document_shown
        return [("", doc)] if doc is not None else []

    def show_annotations(self) -> None:
        self.side_dock.setVisible(True)
        self.side.setCurrentWidget(self._notes_tab)
        self.annotations_panel.setFocus()

    @property
    def annotations_panel(self) -> NotesPanel:
        """The Notes tab's list, made on first use."""
        if self._annotations_panel is None:
            from reader.notes.notes_panel import NotesPanel

            panel = NotesPanel(self._library)
            self._notes_tab.layout().addWidget(panel)
            self._notes_tab.setFocusProxy(panel)
            panel.set_current_document(self.current_symbol)
            self._annotations_panel = panel
            self.annotating.attach_panel(panel)
            self.annotating.refresh_panel()
        return self._annotations_panel

    def _on_side_tab(self, _index: int) -> None:
        if self.side.currentWidget() is self._notes_tab:
            self.annotations_panel  # noqa: B018 - made on first show

    def _notes_document(self, symbol: str) -> None:
        if self._annotations_panel is not None:
            self._annotations_panel.set_current_document(symbol)

    def _connect_annotating(self) -> None:
        """Undo/Redo name what they would undo and are off when there is nothing to undo; the
        Highlight button drops down the palette."""
        stack = self.annotator.undo_stack
        undo, redo = self.actions_by_name["undo"], self.actions_by_name["redo"]
        stack.canUndoChanged.connect(undo.setEnabled)
        stack.canRedoChanged.connect(redo.setEnabled)
        stack.undoTextChanged.connect(lambda text: undo.setText(f"&Undo {text}".rstrip()))
        stack.redoTextChanged.connect(lambda text: redo.setText(f"&Redo {text}".rstrip()))
        undo.setEnabled(False)
        redo.setEnabled(False)
        highlight = self.actions_by_name["highlight"]
        menu = QMenu(self)
        menu.addActions(self.annotator.colour_actions.actions())
        highlight.setMenu(menu)  # the toolbar button gets the palette as its drop-down
        self.annotator.colour_actions.triggered.connect(
            lambda action: self.annotating.highlight(action.data()))

    def set_index(self, index) -> None:
        """The search index is ready: search and agreed language can run. One it replaces
        (updated after an import) is closed once searches still running on it are done."""
        previous, self._index = self._index, index
        self.search_panel.set_index(index)
        if previous is not None and previous is not index:
            QTimer.singleShot(INDEX_CLOSE_DELAY_MS, lambda: self._close_index(previous))

    def _close_index(self, index) -> None:
        if index.lock.acquire(blocking=False):
            try:
                index.close()
            finally:
                index.lock.release()
        else:  # a search is using it: try again when it has finished
            QTimer.singleShot(INDEX_CLOSE_DELAY_MS, lambda: self._close_index(index))

    def copy_with_citation(self, block_id: str | None = None) -> str | None:
        """Put the paragraph (``block_id``, else the one at the top of the view) on the
        clipboard with its citation: S/RES/2396 (2017), para. 12: “Decides that …”."""
        doc, block = self.place(block_id)
        if block is None:
            return None
        text = quote_with_citation(doc, block)
        QGuiApplication.clipboard().setText(text)
        self.statusBar().showMessage(f"Copied {text[:60]}…", 4000)
        return text

    def show_find_bar(self) -> None:
        if self.view is None:
            return
        if self.find_bar is None:
            self.find_bar = FindBar(self.view)
            self._centre_layout.addWidget(self.find_bar)
        self.find_bar.set_view(self.view)
        self.find_bar.show()
        self._order_focus()
        self.find_bar.focus()

    def focus_search(self) -> None:
        self.side_dock.setVisible(True)
        self.side.setCurrentWidget(self.search_panel)
        self.search_panel.focus_search()

    def set_font_size(self, size: int) -> None:
        self.font_size = max(MIN_FONT, min(MAX_FONT, size))
        for i in range(self.tabs.count()):
            widget = self.tabs.widget(i)
            self._apply_font(widget.browser if isinstance(widget, ComparisonView) else widget)
        self._settings.set("view/font_size", self.font_size)

    def set_theme(self, theme: str) -> None:
        """Apply ``theme`` (system, light or dark) to the widgets and re-render every tab."""
        self.theme = theme if theme in THEMES else "system"
        self.dark = apply_theme(QApplication.instance(), self.theme)
        self._settings.set("view/theme", self.theme)
        for i in range(self.tabs.count()):
            view = self.tabs.widget(i)
            if isinstance(view, ComparisonView):
                view.browser.dark = self.dark
                view.refresh()
                continue
            view.dark = self.dark
            self._render_again(view)

    def follow_library(self) -> None:
        """The library changed (an import, a removal): list it again and show each open
        document as it now is, at the same place (a citation of an imported document is now
        a link, a card for it now the document); tabs of removed documents close. A
        comparison keeps the two texts it was opened with. The search index is updated in
        the background."""
        self.library_pane.refresh()
        for i in reversed(range(self.tabs.count())):
            view = self.tabs.widget(i)
            if not isinstance(view, DocumentView):
                continue
            if view.document_shown is not None and not self._library.get(
                    view.property("symbol")):
                self.close_tab(i)
            else:
                self._render_again(view)
        symbol = self.current_symbol
        self._show_panels(self._library.get(symbol) if symbol else None)
        if self.index_service is not None:
            self.index_service.start(self._settings.data_dir, self._library.documents)

    def _render_again(self, view: DocumentView) -> None:
        """Show a tab's document (or card) again from the library, at the same paragraph."""
        symbol = view.property("symbol")
        doc = self._library.get(symbol) if symbol else None
        block = view.current_block()
        if doc is not None:
            view.show_document(doc)
            self._label_view(view, symbol, symbol)
        elif symbol:
            view.show_html(self._card(symbol, bool(view.property("year_unknown"))))
        if block:
            view.scroll_to_block(block, flash=False)

    def next_theme(self) -> None:
        self.set_theme(THEMES[(THEMES.index(self.theme) + 1) % len(THEMES)]
                       if self.theme in THEMES else "system")
        self.statusBar().showMessage(f"Theme: {self.theme}", 3000)

    def _apply_font(self, view: QWidget) -> None:
        font = view.font()
        font.setPointSize(self.font_size)
        view.setFont(font)

    def show_shortcuts(self) -> QDialog:
        dialog = QDialog(self)
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

    # --- index status -------------------------------------------------------------------------

    def _index_progress(self, done: int, total: int) -> None:
        self.index_progress.setVisible(True)
        self.index_progress.setRange(0, total)
        self.index_progress.setValue(done)
        self.index_label.setText("Building the search index…")

    def _index_ready(self, index) -> None:
        self.index_progress.setVisible(False)
        self.index_label.setText(f"Search index: {index.doc_count()} paragraphs")
        self.set_index(index)

    def _index_failed(self, message: str) -> None:
        self.index_progress.setVisible(False)
        self.index_label.setText("Search unavailable")
        self.index_label.setToolTip(plain_tooltip(message))
        self.search_panel.set_unavailable(message)
        self.statusBar().showMessage(message, 30000)

    # --- state --------------------------------------------------------------------------------

    def restore_state(self) -> None:
        """Window geometry, panels, open tabs and reading positions of the last run."""
        geometry, state = self._settings.window_geometry(), self._settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        tabs, current = self._settings.open_tabs()
        for tab in tabs:
            self.open_document(tab.symbol, tab.block, new_tab=True)
        if self.tabs.count():
            self.tabs.setCurrentIndex(min(current, self.tabs.count() - 1))
        else:
            first = self.library_pane.first_symbol()
            if first:
                self.open_document(first)

    def closeEvent(self, event: QCloseEvent) -> None:
        tabs = []
        for i in range(self.tabs.count()):
            view = self.tabs.widget(i)
            symbol = view.property("symbol")
            if symbol and self._library.get(symbol):
                tabs.append(OpenTab(symbol, view.current_block()))
        self._settings.save_window(self.saveGeometry(), self.saveState(), tabs,
                                   self.tabs.currentIndex())
        # Nothing left running or open: the work under way is cancelled (its results are
        # dropped, or closed by their discard), the index closed.
        self.operations.cancel_all()
        self._runner.cancel_all()
        if self.index_service is not None:
            self.search_panel.set_index(None)
            self.index_service.close()
        super().closeEvent(event)

    # --- construction -------------------------------------------------------------------------

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(title.replace(" ", "_"))
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(area, dock)
        return dock

    def _action_handlers(self) -> dict[Act, Callable[[], object]]:
        """What each declared action does: build_actions refuses a missing or extra one."""
        return {
            Act.import_documents: self.importing.import_files,
            Act.remove_document: self.importing.remove,
            Act.show_hidden: self.importing.show_hidden,
            Act.close_tab: self.close_current_tab,
            Act.quit: self.close,
            Act.undo: self.annotator.undo,
            Act.redo: self.annotator.redo,
            Act.copy_citation: self.copy_with_citation,
            Act.find: self.show_find_bar,
            Act.search: self.focus_search,
            Act.back: self.go_back,
            Act.forward: self.go_forward,
            Act.next_tab: lambda: self._step_tab(1),
            Act.previous_tab: lambda: self._step_tab(-1),
            Act.zoom_in: lambda: self.set_font_size(self.font_size + 1),
            Act.zoom_out: lambda: self.set_font_size(self.font_size - 1),
            Act.zoom_reset: lambda: self.set_font_size(FONT_SIZE.default),
            Act.theme: self.next_theme,
            Act.toggle_library: lambda: self.library_dock.setVisible(
                not self.library_dock.isVisible()),
            Act.toggle_side: lambda: self.side_dock.setVisible(not self.side_dock.isVisible()),
            Act.compare_with: lambda: self.compare_with(),
            Act.compare_counterpart: self.compare_with_counterpart,
            Act.next_change: lambda: self._in_comparison(ComparisonView.next_change),
            Act.previous_change: lambda: self._in_comparison(ComparisonView.previous_change),
            Act.swap_sides: lambda: self._in_comparison(ComparisonView.swap),
            Act.export_comparison: self.export_comparison,
            Act.highlight: self.annotating.highlight,
            Act.add_note: self.annotating.add_note,
            Act.bookmark: self.annotating.toggle_bookmark,
            Act.show_annotations: self.show_annotations,
            Act.export_annotations: self.annotating.export,
            Act.import_annotations: self.annotating.import_file,
            Act.restore_backup: self.annotating.restore_backup,
            Act.shortcuts: self.show_shortcuts,
        }

    def _build_menus(self) -> None:
        menus = {name: self.menuBar().addMenu(f"&{name}") for name in MENUS}
        toolbar = self.addToolBar("Navigation")
        toolbar.setObjectName("navigation")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for spec in ACTIONS:
            action = self.actions_by_name[spec.name]
            menus[spec.menu].addAction(action)
            self.addAction(action)  # shortcuts work even with the menu bar hidden
            if spec.toolbar:
                toolbar.addAction(action)

    def _show_count(self, visible: int, total: int) -> None:
        noun = "document" if total == 1 else "documents"
        self.count_label.setText(f"{total} {noun}" if visible == total
                                 else f"{visible} of {total} {noun}")

