"""The comparison tab as a reader uses it: open, read level rows, step through changes, copy,
follow links, filter, swap and export."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication, QTextCursor

from reader.compare.compare_render import render_comparison
from reader.document.links import LinkTarget
from reader.window.main_window import MainWindow

DRAFT, ADOPTED = "S/2017/1051", "S/RES/2396 (2017)"


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window(size=(1400, 900), restore=False)


def _top(view, anchor: str) -> int:
    cursor = QTextCursor(view.document())
    cursor.setPosition(view._anchors[anchor])
    return view.cursorRect(cursor).top()


def test_a_draft_opens_beside_its_adopted_text_with_matching_paragraphs_level(window):
    window.open_document(ADOPTED)
    comparison = window.compare_with_counterpart()
    assert window.tabs.tabText(window.tabs.currentIndex()) == f"{DRAFT} ⇄ {ADOPTED}"
    assert comparison.comparison.left.symbol == DRAFT  # the draft reads on the left
    view = window.view
    assert view is comparison.browser
    for block in ("pp20", "op12", "op44"):
        view.scroll_to_block(f"L-{block}", flash=False)
        assert _top(view, f"L-{block}") == _top(view, f"R-{block}")
    assert "7 changed (6 minor)" in comparison.summary.text()


def test_f7_steps_through_the_changes_and_says_when_there_are_no_more(window, qtbot):
    comparison = window.open_comparison(DRAFT, ADOPTED)
    rows = comparison.comparison.rows
    seen = []
    while (row := comparison.next_change()) is not None:
        seen.append(rows[row].right)
    assert seen == ["pp1", "op3", "op9", "op10", "op13", "op16", "op44"]
    assert "No further change" in window.statusBar().currentMessage()
    back = comparison.previous_change()
    assert rows[back].right == "op16"


def test_the_compare_menu_has_f7_and_shift_f7(window):
    assert window.actions_by_name["next_change"].shortcut().toString() == "F7"
    assert window.actions_by_name["previous_change"].shortcut().toString() == "Shift+F7"


def test_changed_only_hides_identical_rows_and_marks_can_be_switched_off(window):
    comparison = window.open_comparison(DRAFT, ADOPTED)
    view = comparison.browser
    assert "L-op12" in view._anchors
    comparison.changes_only.setChecked(True)
    assert "L-op12" not in view._anchors and "L-op44" in view._anchors
    html = render_comparison(comparison.comparison, marks=False)
    assert 'class="del"' not in html and 'class="ins"' not in html
    assert 'class="del"' in render_comparison(comparison.comparison)


def test_copy_with_citation_names_the_side_it_was_taken_from(window):
    window.open_comparison(DRAFT, ADOPTED)
    assert window.copy_with_citation("R-op44").startswith(f"{ADOPTED}, para. 44: “Requests")
    assert window.copy_with_citation("L-op44").startswith(f"{DRAFT}, para. 44: “Requests")
    assert QGuiApplication.clipboard().text().startswith(DRAFT)


def test_swap_puts_the_right_document_on_the_left(window):
    comparison = window.open_comparison(DRAFT, ADOPTED)
    window.actions_by_name["swap_sides"].trigger()
    assert comparison.comparison.left.symbol == ADOPTED
    assert window.tabs.tabText(window.tabs.currentIndex()) == f"{ADOPTED} ⇄ {DRAFT}"
    row = next(r for r in comparison.comparison.rows if r.left == "op44")
    assert any(op.left.strip() == "principal" for op in row.ops if op.tag != "equal")


def test_a_link_to_a_compared_paragraph_scrolls_the_table_not_a_new_tab(window):
    comparison = window.open_comparison(DRAFT, ADOPTED)
    tabs = window.tabs.count()
    window.navigator.follow_link(LinkTarget(target=ADOPTED, block="op7"))
    assert window.tabs.count() == tabs
    row = next(n for n, r in enumerate(comparison.comparison.rows) if r.right == "op7")
    assert comparison._row_at(window.view.current_block()) == row


def test_opening_a_document_from_a_comparison_keeps_the_comparison(window):
    comparison = window.open_comparison(DRAFT, ADOPTED)
    window.open_document("S/RES/2322 (2016)")
    assert window.current_symbol == "S/RES/2322 (2016)"
    assert window.tabs.indexOf(comparison) >= 0


def test_export_writes_html_and_word(window, tmp_path):
    window.open_comparison(DRAFT, ADOPTED)
    window.comparing.export(str(tmp_path / "table.html"))
    window.comparing.export(str(tmp_path / "table.docx"))
    assert "principal" in (tmp_path / "table.html").read_text(encoding="utf-8")
    assert (tmp_path / "table.docx").stat().st_size > 10_000
    assert "Comparison saved" in window.statusBar().currentMessage()


def test_the_dark_theme_reaches_an_open_comparison(window):
    comparison = window.open_comparison(DRAFT, ADOPTED)
    window.set_theme("dark")
    assert comparison.browser.dark
    assert "#5c3413" in comparison.browser.toHtml()  # the dark theme's deletion mark


def test_compare_with_from_the_library_offers_the_adopted_text_first(window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    offered = {}

    def choose(_parent, _title, label, items, current, _editable):
        offered.update(label=label, first=items[current])
        return items[current], True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    window.library_pane.select(DRAFT, notify=False)
    item = window.library_pane.tree.currentItem()
    menu = window.library_pane._menu(window.library_pane.tree.visualItemRect(item).center())
    compare = next(a for a in menu.actions() if a.text() == "Compare With…")
    compare.trigger()
    menu.close()
    assert offered == {"label": f"Compare {DRAFT} with:", "first": ADOPTED}
    assert window.comparison.comparison.left.symbol == DRAFT


def test_the_table_fits_the_view_without_a_sideways_scroll_bar(window, qapp):
    """The two columns wrap to the view's width: a table a pixel too wide would put a
    horizontal scroll bar under every comparison."""
    window.open_document(ADOPTED)
    comparison = window.compare_with_counterpart()
    for width in range(1300, 1900, 23):  # rounding errors come and go with the width
        window.resize(width, 900)
        qapp.processEvents()
        assert comparison.browser.horizontalScrollBar().maximum() == 0, width


def test_the_alignment_runs_off_the_ui_thread_and_the_tab_opens_when_ready(
        qtbot, library, data_dir, thread_pool):
    """Aligning two long texts takes most of a second: the window stays responsive, the tab
    opens when the alignment arrives, and a swap is aligned the same way."""
    from reader.common.tasks import TaskRunner
    from reader.window.settings import Settings

    window = MainWindow(library, Settings(data_dir), TaskRunner(pool=thread_pool))
    qtbot.addWidget(window)
    window.show()
    window.open_document(ADOPTED)
    assert window.open_comparison(DRAFT, ADOPTED) is None  # not aligned yet: no tab
    assert window.tabs.count() == 1
    qtbot.waitUntil(lambda: window.tabs.count() == 2, timeout=10000)
    assert window.tabs.tabText(window.tabs.currentIndex()) == f"{DRAFT} ⇄ {ADOPTED}"
    comparison = window.comparison
    comparison.swap_button.click()
    assert comparison.comparison.left.symbol == DRAFT  # until the new alignment arrives
    qtbot.waitUntil(lambda: comparison.comparison.left.symbol == ADOPTED, timeout=10000)
    assert window.tabs.tabText(window.tabs.currentIndex()) == f"{ADOPTED} ⇄ {DRAFT}"
    assert "7 changed" in comparison.summary.text()
