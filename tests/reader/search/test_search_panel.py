"""The Search tab, driven as a person drives it: type, look at the groups, filter, sort, open."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QPoint, Qt, QThread
from PySide6.QtWidgets import QApplication

from index.search import Hit
from reader.common.tasks import TaskRunner
from reader.search.search_panel import BUILDING, HIT_ROLE, SearchPanel, paragraph_label


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
