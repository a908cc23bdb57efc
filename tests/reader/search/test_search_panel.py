"""The Search tab, driven as a person drives it: type, look at the groups, filter, sort, open."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QPoint, Qt, QThread
from PySide6.QtWidgets import QApplication

from corpus.record import Record, RecordEntry, dump, load_record
from index.search import Hit
from reader.common.tasks import TaskRunner
from reader.search.search_panel import BUILDING, HIT_ROLE, SearchPanel, paragraph_label
from reader.search.search_results import HTML_ROLE, RECORD_LIMIT


@pytest.fixture
def panel(qtbot, search_index) -> SearchPanel:
    panel = SearchPanel(TaskRunner(synchronous=True))
    qtbot.addWidget(panel)
    panel.resize(420, 700)
    panel.set_index(search_index)
    panel.show()
    return panel


def type_query(qtbot, panel: SearchPanel, text: str) -> None:
    """Type into the box and wait for the typing pause to run the query."""
    panel.search_box.clear()
    qtbot.keyClicks(panel.search_box, text)
    qtbot.waitUntil(lambda: panel.shown_results is not None
                    and panel.shown_results.query == text, timeout=3000)


def groups(panel: SearchPanel) -> list[str]:
    """The document items as read on screen ("S/RES/2322 (2016) — 8 paragraphs")."""
    tree = panel.results
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def hits(panel: SearchPanel) -> list[Hit]:
    tree = panel.results
    return [tree.topLevelItem(i).child(j).data(0, HIT_ROLE)
            for i in range(tree.topLevelItemCount())
            for j in range(tree.topLevelItem(i).childCount())]


def choose(qtbot, panel: SearchPanel, facet: str, value: str) -> None:
    """Pick ``value`` in a facet's drop-down with the keyboard, as a person would."""
    combo = panel.facet_boxes[facet]
    row = combo.findData(value)
    assert row > 0, [combo.itemText(i) for i in range(combo.count())]
    combo.setFocus()
    for _ in range(row - combo.currentIndex()):
        qtbot.keyClick(combo, Qt.Key.Key_Down)


@pytest.mark.parametrize(("kind", "block", "number", "label"), [
    ("operative", "op12", "12", "OP 12"),
    ("subparagraph", "op9.a", "a", "OP 9 (a)"),
    ("preambular", "pp3", "", "PP 3"),
    ("footnote", "fn4", "4", "Footnote 4"),
])
def test_paragraph_labels(kind, block, number, label):
    hit = Hit("S/RES/1 (2000)", block, number, kind, 1.0, "", "2000-01-01", "", "", "")
    assert paragraph_label(hit) == label


def test_typing_shows_results_grouped_by_document(qtbot, panel):
    type_query(qtbot, panel, "extradition")
    assert "S/RES/2322 (2016) — 8 paragraphs" in groups(panel)
    assert panel.status_label.text().startswith("22 paragraphs in ")
    counts = {panel.facet_boxes["body"].itemText(i)
              for i in range(panel.facet_boxes["body"].count())}
    assert counts == {"All bodies", "Security Council (18)", "General Assembly (4)"}
    first = panel.results.topLevelItem(0).child(0)
    assert "extradit" in first.text(0).lower() and "<b>" not in first.text(0)
    assert "<b>extradit" in first.data(0, Qt.ItemDataRole.UserRole + 1)


def test_before_the_index_is_ready_the_query_waits_for_it(qtbot, search_index):
    panel = SearchPanel(TaskRunner(synchronous=True))
    qtbot.addWidget(panel)
    assert panel.status_label.text() == BUILDING
    qtbot.keyClicks(panel.search_box, "extradition")
    qtbot.wait(200)  # the typing pause passes; there is nothing to search yet
    assert panel.status_label.text() == BUILDING and panel.search_box.isEnabled()
    panel.set_index(search_index)
    assert "S/RES/2322 (2016) — 8 paragraphs" in groups(panel)


def test_a_facet_filter_narrows_the_results(qtbot, panel):
    type_query(qtbot, panel, "extradition")
    choose(qtbot, panel, "body", "General Assembly")
    assert groups(panel) == ["A/RES/72/284 — 4 paragraphs"]
    assert panel.status_label.text().startswith("4 paragraphs")
    assert panel.facet_boxes["body"].currentText() == "General Assembly (4)"
    assert panel.facet_boxes["body"].count() == 3  # the other body can still be chosen
    choose(qtbot, panel, "kind", "operative")
    assert {hit.kind for hit in hits(panel)} == {"operative"}
    assert {hit.symbol for hit in hits(panel)} == {"A/RES/72/284"}


def test_sort_changes_the_order(qtbot, panel):
    type_query(qtbot, panel, "extradition")
    by_relevance = [hit.symbol for hit in hits(panel)]
    panel.sort_box.setFocus()
    qtbot.keyClick(panel.sort_box, Qt.Key.Key_Down)
    qtbot.keyClick(panel.sort_box, Qt.Key.Key_Down)
    assert panel.sort_box.currentText() == "By symbol"
    by_symbol = [hit.symbol for hit in hits(panel)]
    assert by_symbol == sorted(by_symbol) and by_symbol != by_relevance
    qtbot.keyClick(panel.sort_box, Qt.Key.Key_Up)
    dates = [hit.date for hit in hits(panel)]
    assert dates == sorted(dates, reverse=True)


def test_a_misspelling_offers_the_correction_and_clicking_it_searches(qtbot, panel):
    type_query(qtbot, panel, "extradtion")
    label = panel.suggestion_label
    assert label.isVisible() and "Did you mean" in label.text()
    assert groups(panel) == [] and panel.status_label.text().startswith("No paragraphs")
    # Click on the link: just after "Did you mean: ", in the middle of the label's line.
    x = label.contentsRect().left() + label.fontMetrics().horizontalAdvance("Did you mean: ") + 8
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(x, label.height() // 2))
    assert panel.search_box.text() == "extradition"
    assert "S/RES/2322 (2016) — 8 paragraphs" in groups(panel)
    assert not label.isVisible()


def test_a_malformed_query_is_searched_literally_and_says_so(qtbot, panel):
    type_query(qtbot, panel, '"soft targets')
    assert panel.message_label.isVisible()
    assert "searched for instead" in panel.message_label.text()
    assert groups(panel)


def test_enter_opens_the_first_result(qtbot, panel):
    type_query(qtbot, panel, "extradition")
    first = hits(panel)[0]
    with qtbot.waitSignal(panel.openRequested) as opened:
        qtbot.keyClick(panel.search_box, Qt.Key.Key_Return)
    assert opened.args == [first.symbol, first.block, "extradition"]


def test_enter_right_after_typing_opens_the_first_result_once_found(qtbot, panel):
    qtbot.keyClicks(panel.search_box, "PNR")
    with qtbot.waitSignal(panel.openRequested) as opened:
        qtbot.keyClick(panel.search_box, Qt.Key.Key_Return)  # before the typing pause ends
    assert opened.args[0] in {"S/RES/2396 (2017)", "S/2017/1051"} and opened.args[2] == "PNR"


def test_down_moves_into_the_results_and_enter_opens_the_chosen_one(qtbot, panel):
    type_query(qtbot, panel, "extradition")
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Down)
    assert panel.results.hasFocus()
    qtbot.keyClick(panel.results, Qt.Key.Key_Down)
    second = hits(panel)[1]
    with qtbot.waitSignal(panel.openRequested) as opened:
        qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    assert opened.args == [second.symbol, second.block, "extradition"]
    qtbot.keyClick(panel.results, Qt.Key.Key_Home)
    qtbot.keyClick(panel.results, Qt.Key.Key_Up)
    assert panel.search_box.hasFocus()


def test_double_click_opens_a_result(qtbot, panel):
    type_query(qtbot, panel, "extradition")
    item = panel.results.topLevelItem(0).child(1)
    hit = item.data(0, HIT_ROLE)
    rect = panel.results.visualItemRect(item)
    qtbot.mouseClick(panel.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(panel.openRequested) as opened:
        qtbot.mouseDClick(panel.results.viewport(), Qt.MouseButton.LeftButton,
                          pos=rect.center())
    assert opened.args == [hit.symbol, hit.block, "extradition"]


def test_clearing_the_box_clears_the_results(qtbot, panel):
    type_query(qtbot, panel, "extradition")
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Escape)
    assert panel.search_box.text() == "" and groups(panel) == [] and panel.status_label.text() == ""


def test_focus_search_selects_the_query(qtbot, panel):
    type_query(qtbot, panel, "extradition")
    panel.results.setFocus()
    panel.focus_search()
    assert panel.search_box.hasFocus() and panel.search_box.selectedText() == "extradition"


class HeldRunner(TaskRunner):
    """Runs each search's work at once but holds its outcome until the test releases it,
    and ignores cancel: the panel alone must tell a stale result from a current one."""

    def __init__(self) -> None:
        super().__init__(synchronous=True)
        self.held: list[tuple[str, object, object]] = []

    def submit(self, work, *, done, failed=None, progress=None, context=None):
        result = work(lambda d, t: None, lambda: False)
        self.held.append((result.query if result else "", done, result))
        return super().submit(lambda p, c: None, done=lambda _: None)

    def release(self, query: str) -> None:
        for i, (held_query, done, result) in enumerate(self.held):
            if held_query == query:
                del self.held[i]
                done(result)
                return
        raise AssertionError(f"no search for {query!r} is held")

    def release_all(self, query: str) -> None:
        """Every task of one query: its hits, its record entries, then its facets."""
        while any(held_query == query for held_query, _done, _result in self.held):
            self.release(query)


def test_a_result_for_an_older_query_never_replaces_a_newer_one(qtbot, search_index, searcher):
    runner = HeldRunner()
    panel = SearchPanel(runner)
    qtbot.addWidget(panel)
    panel.set_index(search_index)
    panel.search("extradition")
    panel.search("PNR")
    runner.release("PNR")  # the newer search answers first …
    runner.release("extradition")  # … the older one late
    assert panel.shown_results.query == "PNR"
    pnr = {hit.key for hit in searcher.search("PNR", limit=100, facets=False).hits}
    assert {hit.key for hit in hits(panel)} == pnr
    while runner.held:  # the facets of the newer search, then nothing else
        runner.release(runner.held[0][0])
    assert panel.shown_results.query == "PNR"


def test_searching_runs_off_the_ui_thread(qtbot, search_index, thread_pool):
    """The one test with real threads: the results arrive, computed elsewhere."""
    runner = TaskRunner(pool=thread_pool)
    panel = SearchPanel(runner)
    qtbot.addWidget(panel)
    panel.set_index(search_index)
    search_threads = []
    engine_search = panel._engine.searcher.search  # observe where the search itself runs

    def spy(*args, **kwargs):
        search_threads.append(QThread.currentThread() == QApplication.instance().thread())
        search_threads.append(threading.current_thread() is threading.main_thread())
        return engine_search(*args, **kwargs)

    panel._engine.searcher.search = spy
    qtbot.keyClicks(panel.search_box, "extradition")
    qtbot.waitUntil(lambda: "S/RES/2322 (2016) — 8 paragraphs" in groups(panel), timeout=5000)
    qtbot.waitUntil(lambda: panel.facet_boxes["body"].count() == 3, timeout=5000)
    assert search_threads and not any(search_threads)
    runner.cancel_all()
    assert runner.wait_for_done(5000)


# --- the Security Council's record, below the paragraphs --------------------------------------

def record_rows(panel: SearchPanel) -> list[str]:
    """The rows of the record's group, as read on screen (its last row may count the rest)."""
    tree = panel.results
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        if top.text(0).startswith("In the Security Council's record"):
            return [top.child(j).text(0) for j in range(top.childCount())]
    return []


@pytest.fixture
def held_panel(panel, library) -> SearchPanel:
    """The panel as the window makes it: told which symbols the library holds."""
    panel.holds = lambda symbol: symbol in library
    return panel


def test_the_record_lists_what_the_council_decided_on_a_topic(qtbot, held_panel):
    type_query(qtbot, held_panel, "Cyprus")
    found = load_record().search("Cyprus")
    assert groups(held_panel)[-1] == (f"In the Security Council's record — {len(found)} "
                                      f"entries, {RECORD_LIMIT} shown")
    rows = record_rows(held_panel)
    assert rows[0] == ("S/RES/186 (1964), Complaint by the Government of Cyprus — in the "
                       "record, not in your library · 4 March 1964 · adopted 11-0-0")
    assert len(rows) == RECORD_LIMIT + 1
    hidden = found[RECORD_LIMIT]
    assert rows[-1] == (f"and {len(found) - RECORD_LIMIT} more — add a year to see them, as in "
                        f"“Cyprus {hidden.year}”")
    # below a hundred paragraphs the group is out of sight: the status line says it is there
    assert held_panel.status_label.text().endswith(f" · {len(found)} entries in the record")


def test_the_record_follows_the_paragraphs_and_lists_the_library_s_own_first(qtbot,
                                                                              held_panel):
    type_query(qtbot, held_panel, "terrorist acts 2017")
    shown = groups(held_panel)
    assert shown[-1] == "In the Security Council's record — 7 entries"
    assert shown[:-1] and all(" paragraph" in group for group in shown[:-1])
    rows = record_rows(held_panel)
    assert rows[:2] == [
        "S/RES/2395 (2017), Threats to international peace and security caused by terrorist "
        "acts — in your library · 21 December 2017 · adopted 15-0-0",
        "S/RES/2396 (2017), Threats to international peace and security caused by terrorist "
        "acts — in your library · 21 December 2017 · adopted 15-0-0",
    ]
    assert rows[2].startswith("S/RES/2341 (2017), Threats to international")
    assert rows[2].endswith("— in the record, not in your library · 13 February 2017 · "
                            "adopted 15-0-0")
    assert any(row.startswith("S/PRST/2017/15, ") and row.endswith("· presidential statement")
               for row in rows)


def test_a_record_entry_opens_by_its_symbol(qtbot, held_panel):
    type_query(qtbot, held_panel, "Cyprus 1964")
    top = held_panel.results.topLevelItem(held_panel.results.topLevelItemCount() - 1)
    item = top.child(1)
    assert item.text(0).startswith("S/RES/187 (1964), ")
    rect = held_panel.results.visualItemRect(item)
    with qtbot.waitSignal(held_panel.targetRequested) as opened:
        qtbot.mouseClick(held_panel.results.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center())
    assert opened.args == ["S/RES/187 (1964)"]


def test_enter_opens_the_first_record_entry_when_no_paragraph_matches(qtbot, held_panel):
    type_query(qtbot, held_panel, "Cyprus 1964")
    assert [g for g in groups(held_panel) if " paragraph" in g] == []
    with qtbot.waitSignal(held_panel.targetRequested) as opened:
        qtbot.keyClick(held_panel.search_box, Qt.Key.Key_Return)
    assert opened.args == ["S/RES/186 (1964)"]


def test_a_vetoed_draft_says_who_vetoed_it(qtbot, held_panel):
    type_query(qtbot, held_panel, "S/2022/431")
    assert record_rows(held_panel) == [
        "S/2022/431, Non-proliferation - Democratic People's Republic of Korea — in the "
        "record, not in your library · 26 May 2022 · vetoed by China, Russian Federation "
        "(13-0-2)"]


def test_words_after_not_leave_entries_out_and_no_word_finds_none(qtbot, held_panel):
    type_query(qtbot, held_panel, "Cyprus NOT situation")
    entries = [row for row in record_rows(held_panel) if row.startswith("S/")]
    assert entries and not any("situation" in row.lower() for row in entries)
    type_query(qtbot, held_panel, "year:2017")
    assert record_rows(held_panel) == []


def test_the_record_answers_while_the_index_is_being_built(qtbot, library):
    panel = SearchPanel(TaskRunner(synchronous=True))
    qtbot.addWidget(panel)
    panel.search("Cyprus 1974")
    assert panel.status_label.text() == BUILDING
    rows = record_rows(panel)
    assert rows[0].startswith("S/RES/349 (1974), The situation in Cyprus")
    assert "— in the record ·" in rows[0]  # not told what the library holds: says no more


def test_record_text_is_shown_as_text_never_as_markup(qtbot, tmp_path):
    path = tmp_path / "record.tsv"
    path.write_text(dump([RecordEntry("S/RES/9 (1946)", "resolution", "1946-10-01",
                                      "S/PV.1", "The <b>Bold</b> question & more", "9-0-2")]),
                    encoding="utf-8")
    panel = SearchPanel(TaskRunner(synchronous=True), record=Record(path))
    qtbot.addWidget(panel)
    panel.search("bold")
    item = panel.results.topLevelItem(0).child(0)
    assert item.text(0).startswith("S/RES/9 (1946), The <b>Bold</b> question & more — ")
    assert "<i>The &lt;b&gt;Bold&lt;/b&gt; question &amp; more</i>" in item.data(0, HTML_ROLE)


def test_an_older_record_result_never_replaces_a_newer_one(qtbot, search_index):
    runner = HeldRunner()
    panel = SearchPanel(runner)
    qtbot.addWidget(panel)
    panel.set_index(search_index)
    panel.search("Cyprus")
    panel.search("Kashmir")
    runner.release_all("Kashmir")
    runner.release_all("Cyprus")
    rows = record_rows(panel)
    assert rows and all("Kashmir" in row
                        for row in rows), rows


def test_the_record_is_searched_off_the_ui_thread(qtbot, search_index, thread_pool,
                                                  monkeypatch):
    from reader.search import search_panel

    threads: list[bool] = []
    real = search_panel.find_in_record

    def spy(*args, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(search_panel, "find_in_record", spy)
    runner = TaskRunner(pool=thread_pool)
    panel = SearchPanel(runner)
    qtbot.addWidget(panel)
    panel.set_index(search_index)
    qtbot.keyClicks(panel.search_box, "Cyprus")
    qtbot.waitUntil(lambda: len(record_rows(panel)) == RECORD_LIMIT + 1, timeout=5000)
    assert threads and not any(threads)
    runner.cancel_all()
    assert runner.wait_for_done(5000)


def test_filters_in_use_are_shown_and_reset_in_one_click(qtbot, panel):
    """A filter stays applied to the next query: the panel says so, and Reset clears all."""
    assert not panel.reset_filters.isVisible() and not panel.filters_note.isVisible()
    type_query(qtbot, panel, "extradition")
    choose(qtbot, panel, "body", "General Assembly")
    assert panel.filters_note.isVisible()
    assert panel.filters_note.text() == "Filtered: General Assembly"
    assert panel.facet_boxes["body"].font().bold()
    panel.search_box.selectAll()  # a new query typed over the old one
    qtbot.keyClicks(panel.search_box, "terrorism")
    qtbot.waitUntil(lambda: panel.shown_results.query == "terrorism", timeout=3000)
    assert panel.filters_note.text() == "Filtered: General Assembly"
    assert {hit.symbol for hit in hits(panel) if hit} == {"A/RES/72/284"}
    qtbot.mouseClick(panel.reset_filters, Qt.MouseButton.LeftButton)
    assert not panel.reset_filters.isVisible() and not panel.facet_boxes["body"].font().bold()
    assert len({hit.symbol for hit in hits(panel) if hit}) > 1


def test_every_filter_reads_whole_in_a_laptop_side_panel(qtbot, search_index):
    """At the side panel's width on a 1024-pixel screen, "All documents" is not clipped."""
    panel = SearchPanel(TaskRunner(synchronous=True))
    qtbot.addWidget(panel)
    panel.resize(300, 600)
    panel.show()
    qtbot.waitExposed(panel)
    for combo in [*panel.facet_boxes.values(), panel.sort_box]:
        text = combo.fontMetrics().horizontalAdvance(combo.itemText(0))
        assert combo.width() >= text + 30, combo.itemText(0)  # text + the arrow
