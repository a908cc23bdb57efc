"""The main window: library on the left, documents in tabs, the side panel on the right.

It composes the reader's parts and owns only what is between them: the tabs (tabs.py), where
the reader goes (navigation.py), the side panel (side_panel.py), the status bar (status_area.py),
the commands of each feature (imports, notes, compare) through one narrow context, and what is
remembered between runs. The panels follow the document on display; everything that shows the
library follows the announcement that it changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QMainWindow,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from annotations.model import citation_of
from annotations.store import AnnotationStore
from corpus.citing import citation, excerpt, quote_passage, quote_with_citation
from reader.common.context import Changes, CommandContext
from reader.common.operations import Operations
from reader.compare.comparison_commands import ComparisonCommands
from reader.compare.comparison_view import ComparisonView
from reader.document.document_view import DocumentView
from reader.document.find_bar import FindBar
from reader.document.go_to import GoToParagraph
from reader.help.pages import open_page, page_shown
from reader.help.recent import RecentDocuments
from reader.help.user_guide import TITLE as GUIDE_TITLE
from reader.help.user_guide import guide_html
from reader.help.welcome import TITLE as WELCOME_TITLE
from reader.help.welcome import welcome_html
from reader.imports.importing import ImportCommands
from reader.library.library_pane import LibraryPane
from reader.notes.annotating import Annotator, Sides
from reader.notes.annotation_commands import AnnotationCommands
from reader.printing.print_commands import PrintCommands
from reader.window.actions import ACTIONS, MENUS, Act, build_actions
from reader.window.navigation import Navigator
from reader.window.settings import (
    COLUMN_WIDTH,
    FONT_FAMILY,
    FONT_SIZE,
    LINE_SPACING,
    READING,
    OpenTab,
    Settings,
)
from reader.window.shortcuts_dialog import show_shortcuts
from reader.window.side_panel import SidePanel
from reader.window.status_area import StatusArea
from reader.window.tabs import DocumentTabs
from reader.window.theme import THEMES, apply_theme

if TYPE_CHECKING:
    from corpus.library import Library
    from corpus.model import Block, Document
    from reader.common.tasks import Task, TaskRunner
    from reader.notes.notes_panel import NotesPanel
    from reader.search.index_service import IndexService

MIN_FONT, MAX_FONT = FONT_SIZE.minimum, FONT_SIZE.maximum
#: The typeface documents are set in unless the reader chose one: the print's, a Times-like
#: serif, whichever the system has.
DOCUMENT_SERIF = ("Times New Roman", "Liberation Serif", "DejaVu Serif", "Nimbus Roman", "serif")
#: How long a replaced search index stays open for searches already running on it.
INDEX_CLOSE_DELAY_MS = 2000
#: (least, preferred) width of each dock, in pixels: the least keeps the library's columns
#: and the side panel's tab names readable; the preferred is what a wide screen gives them.
DOCK_WIDTHS = {"library": (220, 380), "side": (270, 360)}
#: The docks together take at most this part of the window; the text keeps the rest.
DOCKS_SHARE = 0.5
#: How long scrolling pauses before the Outline marks the paragraph being read.
OUTLINE_FOLLOW_MS = 120


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
        self._runner = runner
        self._index = None  # the SearchIndex, once built
        self._agreed_task: Task | None = None
        self.index_service = index_service
        self.setWindowTitle("Plenary")
        self.font_size: int = settings.get(FONT_SIZE.name)
        self.theme: str = settings.get("view/theme")
        self.dark = apply_theme(QApplication.instance(), self.theme)

        self.library_pane = LibraryPane(library)
        # The Outline follows the reader's scrolling, once it pauses: not at every pixel.
        self._outline_timer = QTimer(self, singleShot=True, interval=OUTLINE_FOLLOW_MS)
        self._outline_timer.timeout.connect(self._follow_reading)
        self.tabs = DocumentTabs(self._make_view)
        self.navigator = Navigator(library, self.tabs, self)
        self.navigator.dark = self.dark
        self.find_bar: FindBar | None = None
        centre = QWidget()
        self._centre_layout = QVBoxLayout(centre)
        self._centre_layout.setContentsMargins(0, 0, 0, 0)
        self._centre_layout.setSpacing(0)
        self._centre_layout.addWidget(self.tabs)
        self.setCentralWidget(centre)

        store = annotations or AnnotationStore.open(settings.data_dir)
        self.annotator = Annotator(store, library, self._sides_of, self)
        self.annotator.set_color(settings.get("annotate/color"))
        self.changes = Changes(self)
        self.operations = Operations(runner, self, self.statusBar().showMessage)
        context = CommandContext(
            library=library, data_dir=settings.data_dir, settings=settings,
            operations=self.operations, changes=self.changes, parent=self,
            current_symbol=lambda: self.current_symbol, current_view=lambda: self.view,
            place=self.place, open_document=self.open_document)
        self.annotating = AnnotationCommands(context, self.annotator)
        self.importing = ImportCommands(context, drop_target=self)
        self.comparing = ComparisonCommands(
            context, current=lambda: self.tabs.comparison,
            make_view=self._make_view, show=self._show_comparison)
        self.printing = PrintCommands(
            context, annotations_of=lambda symbol: self.annotator.store.for_document(symbol),
            current_comparison=lambda: self.tabs.comparison)
        self.going = GoToParagraph(context, current_comparison=lambda: self.tabs.comparison,
                                   jump=self.navigator.jump_to_block)

        self.side = SidePanel(library, runner, self._serve_notes)
        self.search_panel, self.agreed = self.side.search, self.side.agreed
        self.library_dock = self._dock("Library", self.library_pane,
                                       Qt.DockWidgetArea.LeftDockWidgetArea)
        self.side_dock = self._dock("Side panel", self.side, Qt.DockWidgetArea.RightDockWidgetArea)
        self.status_area = StatusArea(self.statusBar(), self.operations.view,
                                      indexing=index_service is not None)
        self.recent = RecentDocuments(settings, library, self.open_document, self)
        self.actions_by_name = build_actions(self, self._action_handlers())
        self._build_menus()
        self._connect(index_service)
        moved = self.annotator.reanchor(library)
        if moved:
            self.statusBar().showMessage(f"Annotations: {moved}", 15000)
        self.annotating.tell_problems()
        self.status_area.show_count(len(library), len(library))
        self._history_changed(False, False)
        self.library_pane.setMinimumWidth(DOCK_WIDTHS["library"][0])
        # The side panel's least is its tabs' names, whole (the tab bar neither elides nor
        # scrolls); at most the declared least, if the names take less.
        self.side.setMinimumWidth(max(DOCK_WIDTHS["side"][0],
                                      self.side.tabBar().minimumSizeHint().width() + 4))
        self._fit_docks()

    def _connect(self, index_service: IndexService | None) -> None:
        """Who follows whom: the panels follow the document shown, everything that shows the
        library follows its changes, the status bar follows the index."""
        pane, navigator = self.library_pane, self.navigator
        pane.documentSelected.connect(self.open_document)
        pane.documentActivated.connect(lambda symbol: self.open_document(symbol, new_tab=True))
        pane.newTabRequested.connect(lambda symbol: self.open_document(symbol, new_tab=True))
        pane.countChanged.connect(self.status_area.show_count)
        pane.compareRequested.connect(self.comparing.choose)
        pane.removeRequested.connect(self.importing.remove)
        pane.recordEntryActivated.connect(navigator.open_target)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.tabs.tabCloseRequested.connect(self._after_close)
        navigator.documentShown.connect(self._on_document_shown)
        navigator.documentShown.connect(self.recent.note)
        self.actions_by_name[Act.recent_documents].setMenu(self.recent.menu)
        navigator.historyChanged.connect(self._history_changed)
        navigator.importRequested.connect(lambda _symbol: self.importing.import_files())
        self.search_panel.openRequested.connect(navigator.open_search_result)
        self.search_panel.openInNewTabRequested.connect(
            lambda symbol, block, query: navigator.open_search_result(symbol, block, query,
                                                                      new_tab=True))
        self.search_panel.targetRequested.connect(navigator.open_target)
        self.search_panel.holds = lambda symbol: symbol in self._library
        self.search_panel.annotation_search = self.annotator.search
        self.search_panel.annotation_citation = lambda a: citation_of(a, self._library.get(
            a.symbol))
        self.search_panel.annotationRequested.connect(self.annotating.go_to)
        self.side.references.locationRequested.connect(self.open_document)
        self.side.references.targetRequested.connect(navigator.open_target)
        self.side.outline.blockActivated.connect(navigator.jump_to_block)
        self.agreed.locationRequested.connect(self.open_document)
        self.agreed.newTabRequested.connect(
            lambda symbol, block: self.open_document(symbol, block, new_tab=True))
        self.changes.libraryChanged.connect(self.follow_library)
        self._connect_annotating()
        if index_service is not None:
            index_service.progress.connect(self.status_area.index_building)
            index_service.ready.connect(self._index_ready)
            index_service.failed.connect(self._index_failed)
            index_service.message.connect(lambda text: self.statusBar().showMessage(text, 15000))

    # --- what the reader is looking at --------------------------------------------------------

    @property
    def library(self) -> Library:
        return self._library

    @property
    def runner(self) -> TaskRunner:
        return self._runner

    @property
    def view(self) -> DocumentView | None:
        return self.tabs.view

    @property
    def comparison(self) -> ComparisonView | None:
        """The comparison in the current tab, if it shows one."""
        return self.tabs.comparison

    @property
    def current_symbol(self) -> str | None:
        return self.tabs.current_symbol

    def place(self, anchor: str | None) -> tuple[Document | None, Block | None]:
        """The document and paragraph a command acts on: the one named by ``anchor`` (a block
        id, or in a comparison ``L-op12``), else the one the reader is on (the last click,
        else the top of the view: DocumentView.current_paragraph)."""
        view = self.view
        anchor = anchor or (view.current_paragraph() if view else None)
        if not anchor:
            return None, None
        if self.comparison is not None:
            return self.comparison.place(anchor) or (None, None)
        symbol = self.current_symbol
        doc = self._library.get(symbol) if symbol else None
        return doc, doc.block(anchor) if doc else None

    def open_document(self, symbol: str, block: str | None = None, *,
                      new_tab: bool = False, record: bool = True) -> bool:
        """Show ``symbol`` (at ``block``) in the current tab, or a new one; False if unknown."""
        return self.navigator.open_document(symbol, block, new_tab=new_tab, record=record)

    def open_comparison(self, left: str, right: str) -> ComparisonView | None:
        """Compare ``left`` with ``right`` in a new tab. The comparison when it has opened by
        the time this returns (a synchronous runner: tests, tools), else None (it opens when
        aligned)."""
        task = self.comparing.open(left, right)
        return self.comparing.last_opened if task is not None and task.is_finished() else None

    def compare_with_counterpart(self) -> ComparisonView | None:
        """Compare the current document with its draft (or adopted text): draft on the left."""
        task = self.comparing.with_counterpart()
        return self.comparing.last_opened if task is not None and task.is_finished() else None

    def _make_view(self) -> DocumentView:
        """A document view wired to the window: links, menus, annotations, font."""
        view = DocumentView(preview=self.navigator.preview)
        view.dark = self.dark
        view.linkActivated.connect(self.navigator.follow_link)
        view.linkActivatedInNewTab.connect(
            lambda link: self.navigator.follow_link(link, new_tab=True))
        view.backRequested.connect(self.navigator.go_back)  # mouse back/forward buttons
        view.forwardRequested.connect(self.navigator.go_forward)
        view.paragraphMenuRequested.connect(lambda pos, v=view: self.paragraph_menu(v, pos))
        view.verticalScrollBar().valueChanged.connect(lambda _value: self._outline_timer.start())
        self.annotator.watch(view)
        self._apply_font(view)
        return view

    def _show_comparison(self, comparison: ComparisonView) -> None:
        self.navigator.remember_position()
        comparison.changed.connect(lambda c=comparison: self.tabs.title_comparison(c))
        self.tabs.add_comparison(comparison)
        self.side.show_document(None)

    def _on_document_shown(self, symbol: str) -> None:
        doc = self._library.get(symbol)
        self.side.show_document(doc)
        if doc is not None:
            self.library_pane.select(symbol, notify=False)
        self.side.set_current_symbol(symbol)
        self.documentShown.emit(symbol)

    def _follow_reading(self) -> None:
        view = self.tabs.document_tab
        if view is not None:
            self.side.outline.follow(view.current_block())

    def _on_tab_changed(self, _index: int) -> None:
        symbol = self.current_symbol
        doc = self._library.get(symbol) if symbol else None
        self.side.show_document(doc)
        if doc is not None:
            self.library_pane.select(doc.symbol, notify=False)
        if self.find_bar is not None and self.view is not None:
            self.find_bar.set_view(self.view)
        self._order_focus()

    def _after_close(self, _index: int) -> None:
        if self.tabs.count() == 0:
            self.side.show_document(None)

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

    def _history_changed(self, can_go_back: bool, can_go_forward: bool) -> None:
        self.actions_by_name["back"].setEnabled(can_go_back)
        self.actions_by_name["forward"].setEnabled(can_go_forward)

    # --- the paragraph's commands -------------------------------------------------------------

    def paragraph_menu(self, view: DocumentView, pos: QPoint) -> QMenu:
        """The paragraph's own menu (right click, or the context-menu key); on a citation,
        the link's commands first, as a browser offers them."""
        from reader.document.links import IMPORT, link_text, parse_link

        menu = QMenu(view)
        block_id = view.block_at(pos)
        link = parse_link(view.anchorAt(pos))
        if link is not None:
            navigator = self.navigator
            menu.addAction("Open Link", lambda: navigator.follow_link(link))
            in_new_tab = menu.addAction("Open Link in New Tab",
                                        lambda: navigator.follow_link(link, new_tab=True))
            in_new_tab.setEnabled(link.action != IMPORT)
            where = link_text(link)
            copy_target = menu.addAction(
                "Copy Link Target", lambda: QGuiApplication.clipboard().setText(where))
            copy_target.setEnabled(link.action != IMPORT)
            menu.addSeparator()
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

        The query is an operation (on a library of 100,000 paragraphs it scores a few
        hundred candidates); asking again drops the answer of the previous request. Returns
        the task, or None when there is no paragraph or no index yet."""
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
            done=lambda results: self.agreed.show_results(source, results, own=doc.symbol,
                                                          text=block.text),
            failed=lambda error: self.agreed.show_failure(source, error), context=self.agreed)
        return self._agreed_task

    def copy_with_citation(self, block_id: str | None = None) -> str | None:
        """Put words on the clipboard with their citation: the selected words (whole words,
        "…" where the paragraph goes on) with the paragraph holding them, else the whole
        paragraph (``block_id``, else the one the reader is on):
        S/RES/2396 (2017), para. 12: “Decides that …”."""
        view = self.view
        parts = (self.annotator.selected(view, self.place)
                 if block_id is None and view is not None else [])
        if parts:
            text = "\n".join(quote_passage(doc, [(block, start, end)])
                              for doc, block, start, end in parts)
        else:
            doc, block = self.place(block_id)
            if block is None:
                self.statusBar().showMessage("Click in a paragraph, or select words, to copy "
                                             "them with their citation", 4000)
                return None
            text = quote_with_citation(doc, block)
        QGuiApplication.clipboard().setText(text)
        self.statusBar().showMessage(f"Copied {excerpt(text, 80)}", 4000)
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

    # --- help -----------------------------------------------------------------------------------

    def show_welcome(self) -> DocumentView:
        """The welcome page in its tab (Help → Welcome; the first start shows it once)."""
        return open_page(self.tabs, "welcome", WELCOME_TITLE, self._help_page("welcome"))

    def show_about(self) -> QDialog:
        """Help → About Plenary (its module reads package metadata: loaded when asked)."""
        from reader.help.about import show_about

        return show_about(self)

    def show_user_guide(self) -> DocumentView:
        return open_page(self.tabs, "guide", GUIDE_TITLE, self._help_page("guide"))

    def _help_page(self, name: str) -> Callable[[bool], str]:
        """What draws help page ``name`` in a theme (dark or not)."""
        if name == "welcome":
            return lambda dark: welcome_html(self._library, dark=dark)
        return guide_html

    # --- notes ----------------------------------------------------------------------------------

    def _sides_of(self, view: DocumentView) -> Sides:
        """The documents a view shows, with the prefix of their paragraph anchors."""
        holder = view.parentWidget()  # a comparison holds its view from its first page on
        if isinstance(holder, ComparisonView):
            return [("L-", holder.comparison.left), ("R-", holder.comparison.right)]
        doc = view.document_shown
        return [("", doc)] if doc is not None else []

    def show_annotations(self) -> None:
        self.side_dock.setVisible(True)
        self.side.show_notes()

    @property
    def notes_panel(self) -> NotesPanel:
        """The Notes tab's list, made on first use."""
        return self.side.notes

    def _serve_notes(self, panel: NotesPanel) -> None:
        self.annotating.attach_panel(panel)
        self.annotating.refresh_panel()

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

    # --- the library and the index --------------------------------------------------------------

    def follow_library(self) -> None:
        """The library changed (an import, a removal): list it again and show each open
        document as it now is, at the same place (a citation of an imported document is now
        a link, a card for it now the document); tabs of removed documents close. A
        comparison keeps the two texts it was opened with. The search index is updated in
        the background."""
        self.library_pane.refresh()
        for i, view in self.tabs.document_views():
            if view.document_shown is not None and not self._library.get(
                    view.property("symbol")):
                self.tabs.close_tab(i)
                self._after_close(i)
            else:
                self._render_again(view)
        symbol = self.current_symbol
        self.side.show_document(self._library.get(symbol) if symbol else None)
        if self.index_service is not None:
            self.index_service.start(self._settings.data_dir, self._library.documents)

    def _render_again(self, view: DocumentView) -> None:
        """Show a tab's document (or card) again from the library, at the same paragraph."""
        symbol = view.property("symbol")
        doc = self._library.get(symbol) if symbol else None
        block = view.current_block()
        if doc is not None:
            view.show_document(doc)
            self.tabs.label(view, symbol, symbol)
        elif page := page_shown(view):  # a help page: the library's size may have changed
            view.show_html(self._help_page(page)(view.dark))
        elif symbol:
            view.show_html(self.navigator.card_html(symbol, bool(view.property("year_unknown"))))
        if block:
            view.scroll_to_block(block, flash=False)

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

    def _index_ready(self, index) -> None:
        self.status_area.index_ready(index)
        self.set_index(index)

    def _index_failed(self, message: str) -> None:
        self.status_area.index_failed(message)
        self.search_panel.set_unavailable(message)
        self.statusBar().showMessage(message, 30000)

    # --- how it looks ---------------------------------------------------------------------------

    def set_font_size(self, size: int) -> None:
        self.font_size = max(MIN_FONT, min(MAX_FONT, size))
        for view in self.tabs.every_view():
            self._apply_font(view)
        self._settings.set("view/font_size", self.font_size)

    def _apply_font(self, view: DocumentView) -> None:
        """The reader's reading preferences on a view: typeface and size (the stylesheet sets
        sizes relative to it), line spacing, and for a document the column width."""
        font = view.font()
        family = self._settings.get(FONT_FAMILY.name)
        font.setFamilies([family] if family else list(DOCUMENT_SERIF))
        font.setPointSize(self.font_size)
        view.setFont(font)
        in_comparison = isinstance(view.parentWidget(), ComparisonView)
        view.set_reading(line_spacing=self._settings.get(LINE_SPACING.name),
                         column_width=view.max_column if in_comparison
                         else self._settings.get(COLUMN_WIDTH.name))

    def show_preferences(self) -> QDialog:
        """Edit → Preferences…: opened, not executed; OK applies to every open view."""
        from reader.window.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog({p.name: self._settings.get(p.name) for p in READING}, self)
        dialog.accepted.connect(lambda: self.apply_preferences(dialog.values()))
        dialog.open()
        return dialog

    def apply_preferences(self, values: dict[str, object]) -> None:
        """Keep the reading preferences chosen and show every open document by them."""
        for name, value in values.items():
            self._settings.set(name, value)
        self.font_size = self._settings.get(FONT_SIZE.name)
        for view in self.tabs.every_view():
            self._apply_font(view)

    def set_theme(self, theme: str) -> None:
        """Apply ``theme`` (system, light or dark) to the widgets and re-render every tab."""
        self.theme = theme if theme in THEMES else "system"
        self.dark = apply_theme(QApplication.instance(), self.theme)
        self.navigator.dark = self.dark
        self._settings.set("view/theme", self.theme)
        for view in self.tabs.every_view():
            view.dark = self.dark
        for _i, view in self.tabs.document_views():
            self._render_again(view)
        for comparison in self.tabs.comparisons():
            comparison.refresh()

    def next_theme(self) -> None:
        self.set_theme(THEMES[(THEMES.index(self.theme) + 1) % len(THEMES)]
                       if self.theme in THEMES else "system")
        self.statusBar().showMessage(f"Theme: {self.theme}", 3000)

    # --- state ----------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width() and self.isVisible():
            self._fit_docks()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_docks()  # sized before it was shown: fit the docks to the real width now

    def _fit_docks(self) -> None:
        """The docks in proportion to the window: their preferred widths on a wide screen,
        shrunk together (never below their least) on a small one so the text keeps most of
        the room, and given their width back when the window grows again. A dock the reader
        made wider than preferred is left as it is while there is room."""
        side_least = max(DOCK_WIDTHS["side"][0], self.side.minimumWidth())
        docks = [(self.library_dock, DOCK_WIDTHS["library"]),
                 (self.side_dock, (side_least, max(side_least, DOCK_WIDTHS["side"][1])))]
        shown = [(dock, widths) for dock, widths in docks
                 if dock.isVisible() and not dock.isFloating()]
        if not shown or self.width() <= 0:
            return
        budget = self.width() * DOCKS_SHARE
        scale = min(1.0, budget / sum(preferred for _d, (_least, preferred) in shown))
        wanted = [max(least, round(preferred * scale)) for _d, (least, preferred) in shown]
        current = [dock.width() for dock, _w in shown]
        if sum(current) <= budget and all(c >= w for c, w in zip(current, wanted, strict=True)):
            return  # fits, and nothing is narrower than it should be
        self.resizeDocks([dock for dock, _w in shown], wanted, Qt.Orientation.Horizontal)

    def restore_state(self, *, welcome: bool = False) -> None:
        """Window geometry, panels, open tabs and reading positions of the last run; a
        state saved with a crushed pane (a small screen) is repaired. With ``welcome`` (the
        app), a first start (no tabs saved) shows the welcome page once, beside the
        library's first document."""
        geometry, state = self._settings.window_geometry(), self._settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        self._fit_docks()
        tabs, current = self._settings.open_tabs()
        for index, tab in enumerate(tabs):
            if tab.compared_with:
                self.comparing.open(tab.symbol, tab.compared_with,
                                    then=lambda view, t=tab, at=index: self._restore_comparison(
                                        view, t, at, current))
            else:
                self.open_document(tab.symbol, tab.block, new_tab=True)
        if self.tabs.count():
            self.tabs.setCurrentIndex(min(current, self.tabs.count() - 1))
        elif not any(tab.compared_with for tab in tabs):
            first = self.library_pane.first_symbol()
            if first:
                self.open_document(first)
            if welcome and not self._settings.welcome_shown():
                self.show_welcome()
                self._settings.note_welcome_shown()
        side = self._settings.side_tab()
        for i in range(self.side.count()):
            if self.side.tabText(i) == side:
                self.side.setCurrentIndex(i)

    def _restore_comparison(self, view: ComparisonView, tab: OpenTab, index: int,
                            current: int) -> None:
        """A comparison of the last run, aligned now: back in its place among the tabs, in
        its mode, at its paragraph; the tab that was current at quit is current again."""
        self.tabs.tabBar().moveTab(self.tabs.indexOf(view), min(index, self.tabs.count() - 1))
        if tab.mode:
            view.set_mode(tab.mode)
        if tab.block:
            view.browser.scroll_to_block(tab.block, flash=False)
        self.tabs.setCurrentIndex(min(current, self.tabs.count() - 1))

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.save_window(self.saveGeometry(), self.saveState(),
                                   self.tabs.open_tabs(self._library), self.tabs.currentIndex())
        self._settings.save_side_tab(self.side.tabText(self.side.currentIndex()))
        # Nothing left running or open: the work under way is cancelled (its results are
        # dropped, or closed by their discard), the index closed.
        self.operations.cancel_all()
        self._runner.cancel_all()
        if self.index_service is not None:
            self.search_panel.set_index(None)
            self.index_service.close()
        super().closeEvent(event)

    # --- construction ---------------------------------------------------------------------------

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
        comparing, navigator = self.comparing, self.navigator
        return {
            Act.import_documents: self.importing.import_files,
            Act.remove_document: self.importing.remove,
            Act.show_hidden: self.importing.show_hidden,
            Act.print_document: self.printing.print_preview,
            Act.save_pdf: self.printing.save_pdf,
            Act.close_tab: self._close_current_tab,
            Act.quit: self.close,
            Act.undo: self.annotator.undo,
            Act.redo: self.annotator.redo,
            Act.copy_citation: self.copy_with_citation,
            Act.find: self.show_find_bar,
            Act.search: self.focus_search,
            Act.preferences: self.show_preferences,
            Act.back: navigator.go_back,
            Act.forward: navigator.go_forward,
            Act.go_to_paragraph: self.going.open,
            Act.previous_on_topic: lambda: self.statusBar().showMessage(
                navigator.step_topic(-1), 6000),
            Act.next_on_topic: lambda: self.statusBar().showMessage(
                navigator.step_topic(1), 6000),
            Act.next_tab: lambda: self.tabs.step(1),
            Act.previous_tab: lambda: self.tabs.step(-1),
            Act.zoom_in: lambda: self.set_font_size(self.font_size + 1),
            Act.zoom_out: lambda: self.set_font_size(self.font_size - 1),
            Act.zoom_reset: lambda: self.set_font_size(FONT_SIZE.default),
            Act.theme: self.next_theme,
            Act.toggle_library: lambda: self.library_dock.setVisible(
                not self.library_dock.isVisible()),
            Act.toggle_side: lambda: self.side_dock.setVisible(not self.side_dock.isVisible()),
            Act.compare_with: lambda: comparing.choose(),
            Act.compare_counterpart: comparing.with_counterpart,
            Act.next_change: lambda: comparing.step(ComparisonView.next_change),
            Act.previous_change: lambda: comparing.step(ComparisonView.previous_change),
            Act.swap_sides: lambda: comparing.step(ComparisonView.swap),
            Act.export_comparison: comparing.export,
            Act.highlight: self.annotating.highlight,
            Act.add_note: self.annotating.add_note,
            Act.bookmark: self.annotating.toggle_bookmark,
            Act.show_annotations: self.show_annotations,
            Act.export_annotations: self.annotating.export,
            Act.import_annotations: self.annotating.import_file,
            Act.restore_backup: self.annotating.restore_backup,
            Act.shortcuts: lambda: show_shortcuts(self),
            Act.recent_documents: self.recent.show_menu,
            Act.user_guide: self.show_user_guide,
            Act.welcome: self.show_welcome,
            Act.about: self.show_about,
        }

    def _close_current_tab(self) -> None:
        self.tabs.close_current()
        self._after_close(-1)

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
