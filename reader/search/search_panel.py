"""The Search tab: a search box that searches as you type, results grouped by document, facet
filters and sort; below the paragraphs, the entries of the Security Council's record the query
names (by topic words, symbol or year), held in the library or not.

Every query runs on the TaskRunner, so typing never waits for the index. Two tasks per query:
the hits first (the best HIT_LIMIT paragraphs, shown as soon as they arrive), then the facet
counts, which need every matching paragraph and may take longer. The record is searched by a
third task, which needs no index (it answers while the index is being built). Queries can
overtake each other, so each search carries a generation number and a result for an older one is
dropped: what is shown always belongs to what is in the box.

Snippets arrive from index.search already escaped, with <b> around the matches; every other
text shown as rich text (symbols, verbs, labels) is escaped here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QKeyEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from corpus.citing import excerpt
from corpus.record import Record, RecordEntry, load_record
from reader.common.tasks import CancelledFn, ProgressFn, Task, TaskRunner
from reader.document.render import plain_tooltip
from reader.search.search_results import (
    HIT_ROLE,
    HTML_ROLE,
    RECORD_ROLE,
    HtmlDelegate,
    NewTabClicks,
    RecordMatches,
    ResultTree,
    find_in_record,
    label_record_entry,
    label_record_group,
    label_record_more,
    paragraph_label,
    plain_snippet,
)
from reader.window.actions import is_context_key

if TYPE_CHECKING:  # Whoosh is imported when an index arrives, not at start-up
    from annotations.model import Annotation
    from index.search import Hit, Searcher, SearchResults
    from index.store import SearchIndex

#: Paragraphs shown per query; the facet counts cover every match.
HIT_LIMIT = 100
#: Pause in typing after which the query runs: short enough that, with a query of 20-40 ms,
#: the list is updated within 100 ms of the last keystroke.
DEBOUNCE_MS = 60
BUILDING = "Building the search index…"

#: Facet name (as index.search knows it) -> (the "no filter" item, the accessible name).
FACETS = {
    "document": ("All documents", "Filter by document"),
    "body": ("All bodies", "Filter by body"),
    "year": ("All years", "Filter by year"),
    "kind": ("All paragraphs", "Filter by kind of paragraph"),
    "verb": ("All verbs", "Filter by opening verb"),
}
SORTS = (("Relevance", "relevance"), ("Newest first", "date"), ("By symbol", "symbol"))
#: The Annotation a row of the "Your notes" group stands for.
NOTE_ROLE = Qt.ItemDataRole.UserRole + 2
_EXCLUDED = re.compile(r"\bNOT\s+(\w+)")
_OPERATORS = re.compile(r'\b(?:AND|OR|NOT)\b|\b\w+:(?:"[^"]*"|\S+)')


def note_query(query: str) -> tuple[str, set[str]]:
    """A library query as the reader's notes are searched: the words every note must have
    (operators and the library's filters such as "symbol:2396" left out) and the words after
    NOT, which a note must not have."""
    excluded = {word.casefold() for word in _EXCLUDED.findall(query)}
    return _OPERATORS.sub(" ", _EXCLUDED.sub(" ", query)), excluded


def _mentions(annotation: Annotation, words: set[str]) -> bool:
    text = " ".join((annotation.quote, annotation.note, *annotation.tags)).casefold()
    return any(word.startswith(tuple(words)) for word in re.findall(r"\w+", text))


def _paragraphs(n: int) -> str:
    return f"{n:,} paragraph" + ("" if n == 1 else "s")


def _facet_text(name: str, value: str) -> str:
    """"Annex paragraph" for the kind "annex_paragraph", "Decides" for the verb "decides"."""
    if name == "kind":
        value = value.replace("_", " ")
    return value[:1].upper() + value[1:] if name in ("kind", "verb") else value


class _Engine:
    """A Searcher and the index's lock, which serialises its use; what the worker threads call.

    Whoosh reads its files through shared handles (seek, then read), and Searcher caches the
    vocabulary and facet columns: two queries in two threads at once would corrupt each other
    (the lock is the index's, so the agreed-language finder on the UI thread waits too).
    Queries that waited for the lock and were superseded meanwhile skip the search.
    """

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self.lock = searcher.index.lock

    def hits(self, cancelled: CancelledFn, text: str, sort: str,
             filters: dict[str, str]) -> SearchResults | None:
        with self.lock:
            if cancelled():
                return None
            return self.searcher.search(text, limit=HIT_LIMIT, sort=sort,
                                        filters=filters or None, facets=False)

    def facets(self, cancelled: CancelledFn, text: str,
               filters: dict[str, str]) -> SearchResults | None:
        """Facet counts over every match. A filtered facet is counted without its own filter,
        so its drop-down still offers the other values to switch to, with their counts."""
        with self.lock:
            if cancelled():
                return None
            results = self.searcher.search(text, limit=1, filters=filters or None)
            for name in filters:
                if cancelled():
                    return None
                others = {k: v for k, v in filters.items() if k != name}
                counts = self.searcher.search(text, limit=1, filters=others or None).facets
                results.facets[name] = counts.get(name, [])
            return results


class SearchPanel(QWidget):
    """Search the library as you type; open a result at its paragraph.

    Your own annotations are searched alongside the library: their matches (quote, note, tags,
    from the annotation store's full-text table) lead the results as one group, since what a
    reader wrote is what they look for first.

    The Council's record is searched too, and its entries follow the paragraphs as a group of
    their own: a reader looking for "Cyprus" learns what the Council decided on it, including
    the resolutions the library does not hold.

    Signals:
        openRequested(str, str, str): the symbol, the block id and the query text of a result
            the user chose, so the viewer can open it there and highlight the query's terms.
        openInNewTabRequested(str, str, str): the same, to open in a new tab (Ctrl+click, a
            middle click, the row's "Open in New Tab"), the current tab left as it is.
        annotationRequested(object): an annotation among the results was chosen.
        targetRequested(str): an entry of the record was chosen: open the document, or its
            "not in your library" card.
    """

    openRequested = Signal(str, str, str)
    openInNewTabRequested = Signal(str, str, str)
    annotationRequested = Signal(object)
    targetRequested = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None, *,
                 record: Record | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._engine: _Engine | None = None
        self._unavailable: str | None = None
        self._generation = 0
        self._tasks: list[Task] = []
        self._shown: SearchResults | None = None
        self._shown_generation = 0
        self._record = record  # None: the bundled catalogue, read by the first search
        self._record_matches: RecordMatches | None = None
        self._hits_ms = 0.0
        self._filters: dict[str, str] = {}
        self._open_when_shown = False
        #: Finds the reader's annotations for a query; set by the window.
        self.annotation_search: Callable[[str], list[Annotation]] | None = None
        self.annotation_citation: Callable[[Annotation], str] = lambda a: a.key
        #: Whether the library holds a symbol (cheap, callable off the UI thread); set by the
        #: window. Without it the record's entries do not say whether they can be opened.
        self.holds: Callable[[str], bool] | None = None

        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Search the library — Ctrl+K")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Search the library")
        self.search_box.installEventFilter(self)

        self.facet_boxes: dict[str, QComboBox] = {}
        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.setSpacing(4)
        for i, (name, (everything, accessible)) in enumerate(FACETS.items()):
            combo = self._combo(accessible)
            combo.addItem(everything, None)
            combo.activated.connect(partial(self._on_filter, name))
            self.facet_boxes[name] = combo
            # Two a row: three to a row clip "All documents" in a side panel a laptop allows.
            filters.addWidget(combo, i // 2, i % 2)
        self.sort_box = self._combo("Sort results")
        for label, key in SORTS:
            self.sort_box.addItem(label, key)
        self.sort_box.activated.connect(lambda _: self.search_now())
        filters.addWidget(self.sort_box, len(FACETS) // 2, len(FACETS) % 2)
        # Filters stay applied to the next query: say so, and offer a way back.
        self.filters_note = QLabel()
        self.filters_note.setAccessibleName("Filters in use")
        self.filters_note.setTextFormat(Qt.TextFormat.PlainText)
        self.reset_filters = QPushButton("Reset filters")
        self.reset_filters.setAccessibleName("Reset the search filters")
        self.reset_filters.clicked.connect(self.clear_filters)
        filters_row = QHBoxLayout()
        filters_row.addWidget(self.filters_note, 1)
        filters_row.addWidget(self.reset_filters)
        self._show_filters_in_use()

        self.suggestion_label = QLabel()
        self.suggestion_label.setAccessibleName("Spelling suggestion")
        self.suggestion_label.setTextFormat(Qt.TextFormat.RichText)
        self.suggestion_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.suggestion_label.linkActivated.connect(self._on_suggestion)
        self.message_label = QLabel()
        self.message_label.setAccessibleName("Search message")
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setWordWrap(True)

        self.results = ResultTree()
        self.results.setAccessibleName("Search results")
        self.results.setHeaderHidden(True)
        self.results.setColumnCount(1)
        self.results.setUniformRowHeights(False)
        self.results.setWordWrap(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setItemDelegate(HtmlDelegate(self.results))
        self.results.itemActivated.connect(self._on_activated)
        self.results.itemClicked.connect(self._on_activated)  # one click opens, as in a browser
        self.results.leftAtTop.connect(self.focus_search)
        self._new_tab_clicks = NewTabClicks(self.results, self._open_in_new_tab)
        self.results.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.results.customContextMenuRequested.connect(self._menu)

        self.status_label = QLabel()
        self.status_label.setAccessibleName("Search status")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.search_box)
        layout.addLayout(filters)
        layout.addLayout(filters_row)
        layout.addWidget(self.suggestion_label)
        layout.addWidget(self.message_label)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status_label)
        self.setTabOrder(self.search_box, self.results)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.search_now)
        self.search_box.textEdited.connect(self._on_edited)
        self.search_box.textChanged.connect(self._on_changed)
        self.search_box.returnPressed.connect(self._on_return)
        self._clear()

    # --- public ------------------------------------------------------------------------------

    def set_index(self, index: SearchIndex | None) -> None:
        """Search ``index`` from now on (None: it is being built). A query typed while waiting
        runs as soon as the index arrives."""
        from index.search import Searcher

        self._engine = _Engine(Searcher(index)) if index is not None else None
        self._unavailable = None
        # What opening the index had to say (damage found and repaired): the status line
        # shows it until the first search.
        self._notice = " ".join(index.notices) if index is not None else ""
        self.search_now()

    def set_unavailable(self, reason: str) -> None:
        """There will be no index (it could not be built): say why instead of waiting."""
        self._engine = None
        self._unavailable = f"Search is unavailable: {reason}"
        self.search_now()

    def focus_search(self) -> None:
        """Put the cursor in the search box with its text selected, ready to type over."""
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def search(self, text: str) -> None:
        """Search for ``text`` now, as if it had been typed."""
        self.search_box.setText(text)
        self.search_now()

    def search_now(self) -> None:
        """Run the query in the box without waiting for the typing pause."""
        self._debounce.stop()
        self._generation += 1
        for task in self._tasks:
            task.cancel()
        self._tasks = []
        self._record_matches = None
        text = self.search_box.text().strip()
        if not text:
            self._clear()
            return
        if self._engine is None:
            self._open_when_shown = False  # opening minutes later, when built, would surprise
            self.results.clear()
            self._fill_annotations(text)  # the reader's notes need no index
            self._status(self._unavailable or BUILDING)
        else:
            self._submit(text, facets=False, done=self._show_hits)
        self._submit_record(text)  # after the hits: a synchronous runner shows them first

    @property
    def shown_results(self) -> SearchResults | None:
        """The results the tree shows now (None when it shows none)."""
        return self._shown

    # --- running searches --------------------------------------------------------------------

    def _submit(self, text: str, *, facets: bool,
                done: Callable[[int, SearchResults | None], None]) -> None:
        """Search on the runner; ``done(generation, results)`` drops what is stale."""
        engine, generation = self._engine, self._generation
        assert engine is not None
        sort, filters = self.sort_box.currentData(), dict(self._filters)

        def work(progress: ProgressFn, cancelled: CancelledFn) -> SearchResults | None:
            if facets:
                return engine.facets(cancelled, text, filters)
            return engine.hits(cancelled, text, sort, filters)

        self._tasks.append(self._runner.submit(
            work, done=partial(done, generation), failed=partial(self._show_error, generation),
            context=self))

    def _submit_record(self, text: str) -> None:
        """Search the record on the runner too: it takes milliseconds, but its first use reads
        the catalogue, and nothing the box does waits."""
        record, holds, generation = self._record, self.holds, self._generation
        words, excluded = note_query(text)

        def work(_progress: ProgressFn, cancelled: CancelledFn) -> RecordMatches | None:
            if cancelled():
                return None
            return find_in_record(record or load_record(), text, words, excluded, holds)

        self._tasks.append(self._runner.submit(
            work, done=partial(self._show_record, generation),
            failed=partial(self._record_failed, generation), context=self))

    def _current(self, generation: int, results: SearchResults | None) -> bool:
        return results is not None and generation == self._generation

    def _show_hits(self, generation: int, results: SearchResults | None) -> None:
        if not self._current(generation, results):
            return
        assert results is not None
        self._shown, self._shown_generation = results, generation
        self._hits_ms = results.elapsed_ms
        self._fill_results(results)
        if results.suggestion:
            self.suggestion_label.setText(
                f'Did you mean: <a href="suggestion">{html.escape(results.suggestion)}</a>?')
        self.suggestion_label.setVisible(bool(results.suggestion))
        self.message_label.setText(results.message or "")
        self.message_label.setVisible(bool(results.message))
        self._show_total(results)
        if results.damaged:  # the index service is rebuilding it; the rebuilt one re-runs this
            self._status("The search index is being rebuilt…")
        if self._open_when_shown:
            self._open_when_shown = False
            self._open_current()
        if results.total:
            self._submit(results.query.strip(), facets=True, done=self._show_facets)
        else:
            self._fill_facets({})

    def _show_facets(self, generation: int, results: SearchResults | None) -> None:
        if not self._current(generation, results):
            return
        assert results is not None and self._shown is not None
        self._fill_facets(results.facets)
        counts = dict(results.facets.get("document", []))
        for i in range(self.results.topLevelItemCount()):
            item = self.results.topLevelItem(i)
            symbol = item.data(0, HIT_ROLE)
            if symbol is None:  # the annotations' group
                continue
            self._label_group(item, symbol, counts.get(symbol, item.childCount()))
        self._shown.total, self._shown.total_exact = results.total, results.total_exact
        self._show_total(self._shown)

    def _show_error(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.message_label.setText(f"The search failed: {error}")
        self.message_label.setVisible(True)

    def _show_record(self, generation: int, matches: RecordMatches | None) -> None:
        if matches is None or generation != self._generation:
            return
        self._record_matches = matches
        self._fill_record()
        shown = self._shown
        if shown is not None and self._shown_generation == generation and not shown.damaged:
            self._show_total(shown)

    def _record_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.message_label.setText(f"The Security Council's record could not be read: {error}")
        self.message_label.setVisible(True)

    # --- showing results ---------------------------------------------------------------------

    def _fill_results(self, results: SearchResults) -> None:
        self.results.clear()
        self._fill_annotations(results.query)
        first: QTreeWidgetItem | None = None
        for group in results.groups:
            top = QTreeWidgetItem(self.results)
            top.setData(0, HIT_ROLE, group.symbol)
            self._label_group(top, group.symbol, group.total)
            for hit in group.hits:
                child = QTreeWidgetItem(top)
                self._label_hit(child, hit)
                if first is None:
                    first = child
        self.results.expandAll()
        if first is not None:
            self.results.setCurrentItem(first)
            self.results.scrollToTop()
        self._fill_record()

    def _fill_record(self) -> None:
        """The record's entries for the query (if they have arrived), as the last group: below
        the paragraphs, which answer the query with text."""
        matches = self._record_matches
        if matches is None or not matches.entries:
            return
        top = QTreeWidgetItem(self.results)
        label_record_group(top, matches)
        for entry in matches.entries:
            label_record_entry(QTreeWidgetItem(top), entry, matches.held)
        if matches.hidden:
            label_record_more(QTreeWidgetItem(top), matches)
        top.setExpanded(True)

    def _fill_annotations(self, query: str) -> None:
        """The reader's annotations matching the query, as the first group."""
        words, excluded = note_query(query)
        found = self.annotation_search(words) if self.annotation_search else []
        if excluded:
            found = [a for a in found if not _mentions(a, excluded)]
        if not found:
            return
        top = QTreeWidgetItem(self.results)
        noun = "annotation" if len(found) == 1 else "annotations"
        top.setData(0, Qt.ItemDataRole.DisplayRole, f"Your notes — {len(found)} {noun}")
        top.setData(0, HTML_ROLE, f'<b>Your notes</b>&nbsp; <span class="dim">{len(found)} '
                                  f"{noun}</span>")
        for annotation in found:
            child = QTreeWidgetItem(top)
            child.setData(0, NOTE_ROLE, annotation)
            where = self.annotation_citation(annotation)
            note = " ".join(annotation.note.split())
            quote = excerpt(annotation.quote, 160)
            child.setData(0, Qt.ItemDataRole.DisplayRole, f"{where}: {note or quote}")
            child.setData(0, HTML_ROLE,
                          f'<span class="dim"><b>{html.escape(where)}</b></span>'
                          + (f"<br><i>{html.escape(excerpt(note, 160))}</i>" if note else "")
                          + f"<br>“{html.escape(quote)}”")

    def _label_group(self, item: QTreeWidgetItem, symbol: str, total: int) -> None:
        shown = item.childCount()
        count = _paragraphs(total) + (f", {shown} shown" if shown < total else "")
        item.setData(0, Qt.ItemDataRole.DisplayRole, f"{symbol} — {count}")
        item.setData(0, HTML_ROLE,
                     f'<b>{html.escape(symbol)}</b>&nbsp; <span class="dim">{count}</span>')

    def _label_hit(self, item: QTreeWidgetItem, hit: Hit) -> None:
        label = paragraph_label(hit)
        about = f"{label} · {hit.verb}" if hit.verb else label
        item.setData(0, HIT_ROLE, hit)
        item.setData(0, Qt.ItemDataRole.DisplayRole, f"{about}: {plain_snippet(hit.snippet)}")
        verb = f" · <i>{html.escape(hit.verb)}</i>" if hit.verb else ""
        item.setData(0, HTML_ROLE,
                     f'<span class="dim"><b>{html.escape(label)}</b>{verb}</span><br>'
                     f"{hit.snippet}")
        if hit.heading:
            item.setToolTip(0, f"<p>{html.escape(hit.heading)}</p>")

    def _show_total(self, results: SearchResults) -> None:
        if not results.total:
            self._status(f"No paragraphs found ({results.elapsed_ms:.0f} ms)"
                         + self._record_note())
            return
        about = "" if results.total_exact else "about "
        shown = len(results.hits)
        best = f", best {shown} shown," if shown < results.total else ""
        self._status(f"{about}{_paragraphs(results.total)}{best} in {self._hits_ms:.0f} ms"
                     + self._record_note())

    def _record_note(self) -> str:
        """The record's count on the status line: its group comes after up to HIT_LIMIT
        paragraphs, out of sight, so the line says it is there."""
        matches = self._record_matches
        if matches is None or not matches.total:
            return ""
        noun = "entry" if matches.total == 1 else "entries"
        return f" · {matches.total:,} {noun} in the record"

    def _fill_facets(self, facets: dict[str, list[tuple[str, int]]]) -> None:
        for name, combo in self.facet_boxes.items():
            values = list(facets.get(name, []))
            if name == "year":
                values.sort(reverse=True)
            chosen = self._filters.get(name)
            if chosen is not None and chosen not in dict(values):
                values.insert(0, (chosen, 0))
            combo.clear()
            combo.addItem(FACETS[name][0], None)
            for value, count in values:
                combo.addItem(f"{_facet_text(name, value)} ({count:,})", value)
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
            # a narrow drop-down elides its choice; a facet's value is a document's text
            combo.setToolTip(plain_tooltip(combo.currentText()))
            combo.setEnabled(len(values) > 0)
            widest = max(combo.fontMetrics().horizontalAdvance(combo.itemText(i))
                         for i in range(combo.count()))
            combo.view().setMinimumWidth(widest + 32)

    def _clear(self) -> None:
        self._shown = None
        self._record_matches = None
        self._open_when_shown = False
        self.results.clear()
        self._filters.clear()
        self._fill_facets({})
        self._show_filters_in_use()
        self.suggestion_label.setVisible(False)
        self.message_label.setVisible(False)
        self._status(self._unavailable or (getattr(self, "_notice", "")
                                           if self._engine is not None else BUILDING))

    def _status(self, text: str) -> None:
        self.status_label.setText(text)

    # --- user actions ------------------------------------------------------------------------

    def _on_edited(self, _text: str) -> None:
        self._debounce.start()

    def _on_changed(self, text: str) -> None:
        if not text.strip():  # cleared (clear button, Escape, select-all + delete): at once
            self.search_now()

    def _on_return(self) -> None:
        if self._debounce.isActive() or self._shown is None \
                or self._shown.query.strip() != self.search_box.text().strip():
            self._open_when_shown = True
            self.search_now()
        else:
            self._open_current()

    def _on_filter(self, name: str, row: int) -> None:
        value = self.facet_boxes[name].itemData(row)
        if value is None:
            self._filters.pop(name, None)
        else:
            self._filters[name] = value
        self._show_filters_in_use()
        self.search_now()

    def clear_filters(self) -> None:
        """Every filter back to "All …"; the query searched again without them."""
        self._filters.clear()
        for combo in self.facet_boxes.values():
            combo.setCurrentIndex(0)
        self._show_filters_in_use()
        self.search_now()

    def _show_filters_in_use(self) -> None:
        """A line under the filters naming those in use, and the reset button, while any is;
        the drop-downs in use in bold."""
        for name, combo in self.facet_boxes.items():
            font = combo.font()
            font.setBold(name in self._filters)
            combo.setFont(font)
        used = [_facet_text(name, value) for name, value in self._filters.items()]
        self.filters_note.setText("Filtered: " + ", ".join(used) if used else "")
        self.filters_note.setToolTip(plain_tooltip(self.filters_note.text()))
        self.filters_note.setVisible(bool(used))
        self.reset_filters.setVisible(bool(used))

    def _on_suggestion(self, _link: str) -> None:
        if self._shown is not None and self._shown.suggestion:
            self.search(self._shown.suggestion)

    def _on_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        annotation = item.data(0, NOTE_ROLE)
        if annotation is not None:
            self.annotationRequested.emit(annotation)
            return
        entry = self._entry_of(item)
        if entry is not None:
            self.targetRequested.emit(entry.symbol)
            return
        if item.parent() is None and item.data(0, HIT_ROLE) is None:
            return  # the annotations' group: its rows open, not the group
        hit = self._hit_of(item)
        if hit is not None and self._shown is not None:
            self.openRequested.emit(hit.symbol, hit.block, self._shown.query)

    def _open_in_new_tab(self, item: QTreeWidgetItem) -> bool:
        """A paragraph found (or a document's best), in a new tab; False for other rows."""
        hit = self._paragraph_of(item)
        if hit is None or self._shown is None:
            return False
        self.openInNewTabRequested.emit(hit.symbol, hit.block, self._shown.query)
        return True

    def _paragraph_of(self, item: QTreeWidgetItem) -> Hit | None:
        """The paragraph found a row stands for (a document's row: its best); None for the
        reader's notes and the record's entries, which open elsewhere."""
        if item.data(0, NOTE_ROLE) is not None or self._entry_of(item) is not None:
            return None
        if item.parent() is None and item.data(0, HIT_ROLE) is None:
            return None  # the annotations' group
        return self._hit_of(item)

    def _menu(self, pos: QPoint) -> QMenu | None:
        """A found paragraph's menu (right click, the menu key): open it here or in a new tab.
        Showing it opens nothing."""
        item = self.results.itemAt(pos) or self.results.currentItem()
        if item is None or self._paragraph_of(item) is None:
            return None
        menu = QMenu(self.results)
        menu.addAction("Open", lambda: self._on_activated(item, 0))
        menu.addAction("Open in New Tab", lambda: self._open_in_new_tab(item))
        menu.popup(self.results.viewport().mapToGlobal(pos))
        return menu

    def _open_current(self) -> None:
        item = self.results.currentItem() or self.results.topLevelItem(0)
        if item is not None:
            self._on_activated(item, 0)

    @staticmethod
    def _entry_of(item: QTreeWidgetItem) -> RecordEntry | None:
        """The record entry an item stands for; the record's group stands for its first."""
        if item.parent() is None:
            item = item.child(0)
        return item.data(0, RECORD_ROLE) if item is not None else None

    @staticmethod
    def _hit_of(item: QTreeWidgetItem) -> Hit | None:
        """The hit an item stands for; a document's item stands for its best hit."""
        if item.parent() is None:
            item = item.child(0)
        return item.data(0, HIT_ROLE) if item is not None else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_box and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.results.topLevelItemCount():
                self.results.setFocus(Qt.FocusReason.TabFocusReason)
                if self.results.currentItem() is None:
                    self.results.setCurrentItem(self.results.topLevelItem(0))
                return True
            if is_context_key(key, "search_clear") and self.search_box.text():
                self.search_box.clear()
                return True
        return super().eventFilter(watched, event)

    def _combo(self, accessible: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(accessible)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return combo
