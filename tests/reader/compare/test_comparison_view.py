"""The comparison tab as a reader uses it: open, read level rows, step through changes, copy,
follow links, filter, swap and export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from reader.compare.compare_dialog import CompareDialog
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


class Chooser:
    """Stands in for the reader at Compare With…: looks at what the dialog offers, types in
    its filter, picks a document (and the original, when told), then presses Compare (or
    Cancel)."""

    def __init__(self, monkeypatch, qtbot, *, pick: str | None = None, typed: str = "",
                 original: str | None = None, accept: bool = True) -> None:
        self.qtbot, self.pick, self.typed, self.original = qtbot, pick, typed, original
        self.accept = accept
        self.seen: dict = {}
        monkeypatch.setattr(CompareDialog, "exec", lambda dialog: self.answer(dialog))

    def answer(self, dialog: CompareDialog) -> int:
        lines = [dialog.list.item(n).text() for n in range(dialog.list.count())]
        self.seen.update(title=dialog.windowTitle(), lines=lines, shown=dialog.shown(),
                         original=dialog.original.currentText())
        if self.typed:
            self.qtbot.keyClicks(dialog.filter, self.typed)
            self.seen["filtered"] = dialog.shown()
        if self.pick:
            assert dialog.select(self.pick)
        if self.original:
            assert dialog.set_original(self.original)
        self.seen["offered_original"] = [dialog.original.itemText(n)
                                         for n in range(dialog.original.count())]
        if not self.accept:
            dialog.reject()
            return QDialog.DialogCode.Rejected
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        return dialog.result()


def test_compare_with_from_the_library_offers_the_adopted_text_first(window, monkeypatch,
                                                                      qtbot):
    chooser = Chooser(monkeypatch, qtbot)
    window.library_pane.select(DRAFT, notify=False)
    item = window.library_pane.tree.currentItem()
    menu = window.library_pane._menu(window.library_pane.tree.visualItemRect(item).center())
    compare = next(a for a in menu.actions() if a.text() == "Compare With…")
    compare.trigger()
    menu.close()
    assert chooser.seen["lines"][0] == (
        f"{ADOPTED} — 2017-12-21 — Returning and relocating foreign terrorist fighters")
    assert window.comparison.comparison.left.symbol == DRAFT


def test_the_chooser_says_what_each_document_is_the_counterpart_first(window, monkeypatch,
                                                                       qtbot):
    chooser = Chooser(monkeypatch, qtbot, accept=False)
    window.open_document(ADOPTED)
    tabs = window.tabs.count()
    window.actions_by_name["compare_with"].trigger()
    assert chooser.seen["lines"] == [
        "S/2017/1051 — 2017-12-21 — Draft resolution on returning and relocating foreign "
        "terrorist fighters",
        # the same agenda item, newest first
        "S/RES/2395 (2017) — 2017-12-21 — Renewal of the mandate of the Counter-Terrorism "
        "Committee Executive Directorate",
        "S/RES/2322 (2016) — 2016-12-12 — International judicial cooperation in countering "
        "terrorism",
        "A/RES/72/284 — 2018-06-26 — Sixth review of the Global Counter-Terrorism Strategy",
    ]
    assert chooser.seen["original"] == "S/2017/1051 — the draft, 2017-12-21"
    assert window.tabs.count() == tabs  # cancelled: no comparison


def test_the_chooser_filters_by_every_word_typed(window, monkeypatch, qtbot):
    chooser = Chooser(monkeypatch, qtbot, typed="2016 judicial")
    window.open_document(ADOPTED)
    window.actions_by_name["compare_with"].trigger()
    assert chooser.seen["filtered"] == ["S/RES/2322 (2016)"]
    # the older text is the original: the one the reader started from goes right
    assert window.comparison.comparison.left.symbol == "S/RES/2322 (2016)"
    assert window.tabs.tabText(window.tabs.currentIndex()) == f"S/RES/2322 (2016) ⇄ {ADOPTED}"


def test_up_and_down_in_the_filter_move_in_the_list(qtbot, library):
    dialog = CompareDialog(library, ADOPTED)
    qtbot.addWidget(dialog)
    assert dialog.chosen() == (DRAFT, ADOPTED)
    qtbot.keyClick(dialog.filter, Qt.Key.Key_Down)
    # 2395 was adopted the same day, at an earlier meeting (8146th, 2396 at the 8148th)
    assert dialog.chosen() == ("S/RES/2395 (2017)", ADOPTED)
    qtbot.keyClicks(dialog.filter, "nothing like this")
    assert dialog.shown() == [] and dialog.chosen() is None
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_compare_with_from_the_adopted_text_puts_the_draft_on_the_left(window, monkeypatch,
                                                                        qtbot):
    Chooser(monkeypatch, qtbot, pick=DRAFT)
    window.open_document(ADOPTED)
    window.actions_by_name["compare_with"].trigger()
    comparison = window.comparison
    assert comparison.comparison.left.symbol == DRAFT
    assert window.tabs.tabText(window.tabs.currentIndex()) == f"{DRAFT} ⇄ {ADOPTED}"
    row = next(r for r in comparison.comparison.rows if r.right == "op44")
    assert ("", "Committee") in [(o.left.strip(), o.right.strip()) for o in row.ops]


def test_the_reader_may_choose_the_current_text_as_the_original(window, monkeypatch, qtbot):
    chooser = Chooser(monkeypatch, qtbot, pick=DRAFT, original=ADOPTED)
    window.open_document(ADOPTED)
    window.actions_by_name["compare_with"].trigger()
    assert chooser.seen["offered_original"] == ["S/2017/1051 — the draft, 2017-12-21",
                                                "S/RES/2396 (2017) — 2017-12-21"]
    assert window.comparison.comparison.left.symbol == ADOPTED


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


# --- Italics in changed rows -----------------------------------------------------------------

def _format_at(view, anchor: str, block, offset: int):
    """The character format of ``block.text[offset]`` where paragraph ``anchor`` is shown."""
    cursor = view.range_cursor(anchor, block, offset, offset + 1)
    assert cursor is not None, anchor
    at = QTextCursor(view.document())
    at.setPosition(cursor.selectionEnd())  # the format of the character before
    return at.charFormat()


def test_a_changed_row_keeps_the_opening_verb_in_italics_on_both_sides(window, library):
    comparison = window.open_comparison(DRAFT, ADOPTED)
    row = next(r for r in comparison.comparison.rows if r.right == "op44")
    assert row.ops  # a changed row: drawn from the word diff, not the document
    for side, symbol in (("L", DRAFT), ("R", ADOPTED)):
        block = library.get(symbol).block("op44")
        assert block.text.startswith("Requests ")
        assert _format_at(comparison.browser, f"{side}-op44", block, 0).fontItalic()
        assert _format_at(comparison.browser, f"{side}-op44", block, 7).fontItalic()
        assert not _format_at(comparison.browser, f"{side}-op44", block, 9).fontItalic()
    html = render_comparison(comparison.comparison)
    row_html = html[html.index('name="L-op44"'):html.index('name="R-op45"')]
    assert row_html.count("<i>Requests</i>") == 2
    assert '<span class="ins">Committee</span>' in row_html


# --- Where the reader is among the changes ---------------------------------------------------

def _tinted_row(comparison) -> int | None:
    """The row whose top line (both labels and the status between them) is marked."""
    view = comparison.browser
    selections = view.selections("current-change")
    if not selections:
        return None
    assert [s.cursor.selectedText() for s in selections] in (
        ["OP 3", "minor", "OP 3"], ["PP 1", "minor", "PP 1"], ["OP 9", "minor", "OP 9"],
        ["OP 44", "changed", "OP 44"])
    assert {s.format.background().color().name() for s in selections} == {"#ffd666"}
    status = selections[1].cursor
    rows = [n for n in range(len(comparison.comparison.rows))
            if status.selectionStart() <= view._anchors.get(f"row-{n}", -1)
            <= status.selectionEnd()]
    return rows[0] if len(rows) == 1 else None


def test_f7_says_which_change_of_how_many_and_marks_its_row(window):
    comparison = window.open_comparison(DRAFT, ADOPTED)
    rows = comparison.comparison.rows
    assert comparison.position.text() == "7 changes  ·" and _tinted_row(comparison) is None
    window.actions_by_name["next_change"].trigger()
    window.actions_by_name["next_change"].trigger()
    assert comparison.position.isVisible()
    assert comparison.position.text().startswith("Change 2 of 7")
    assert rows[_tinted_row(comparison)].right == "op3"
    window.actions_by_name["previous_change"].trigger()
    assert comparison.position.text().startswith("Change 1 of 7")
    assert rows[_tinted_row(comparison)].right == "pp1"
    for _ in range(8):
        window.actions_by_name["next_change"].trigger()
    assert comparison.position.text().startswith("Change 7 of 7")
    assert rows[_tinted_row(comparison)].right == "op44"


def test_the_place_among_the_changes_survives_the_filter_and_a_swap(window):
    comparison = window.open_comparison(DRAFT, ADOPTED)
    for _ in range(3):
        comparison.next_change()
    comparison.changes_only.setChecked(True)
    assert comparison.position.text().startswith("Change 3 of 7")
    assert comparison.comparison.rows[_tinted_row(comparison)].right == "op9"
    assert comparison.comparison.rows[comparison.next_change()].right == "op10"
    window.actions_by_name["swap_sides"].trigger()  # other rows: no change is current…
    assert comparison.comparison.left.symbol == ADOPTED
    assert comparison.position.text() == "7 changes  ·" and _tinted_row(comparison) is None
    # …but the view stayed where it was: F7 goes on from the row in view
    assert comparison.comparison.rows[comparison.next_change()].left == "op13"
    assert comparison.position.text().startswith("Change 5 of 7")


def test_f7_continues_from_where_the_reader_scrolled(window):
    comparison = window.open_comparison(DRAFT, ADOPTED)
    comparison.next_change()  # pp1
    comparison.browser.scroll_to_block("R-op12", flash=False)  # past op3, op9, op10
    assert comparison.comparison.rows[comparison.next_change()].right == "op13"
    assert comparison.position.text().startswith("Change 5 of 7")


# --- Export: its name and folder -------------------------------------------------------------

def test_export_offers_a_readable_name_in_documents_then_the_last_folder(window, monkeypatch,
                                                                          tmp_path, data_dir):
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QFileDialog

    from reader.window.settings import Settings

    asked = []
    folder = tmp_path / "briefing"
    folder.mkdir()

    def save_as(_parent, _caption, suggested, filters, selected=""):
        asked.append(suggested)
        assert filters.split(";;") == ["Web page (*.html)", "Word document (*.docx)",
                                       "Word document, tracked changes (*.docx)",
                                       "Web page, redline (*.html)"]
        assert selected == ""  # side by side: nothing chosen for the reader
        return str(folder / "table"), "Word document (*.docx)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    window.open_comparison(DRAFT, ADOPTED)
    window.actions_by_name["export_comparison"].trigger()
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    first = Path(asked[0])
    assert first.name == "S-2017-1051 vs S-RES-2396 (2017).html"
    assert first.parent == (Path(documents) if Path(documents).is_dir() else Path.home())
    assert (folder / "table.docx").stat().st_size > 10_000  # the Word filter: a Word file
    assert f"Comparison saved to {folder / 'table.docx'}" in window.statusBar().currentMessage()
    window.actions_by_name["export_comparison"].trigger()
    assert Path(asked[1]) == folder / "S-2017-1051 vs S-RES-2396 (2017).html"
    assert Settings(data_dir).get("compare/export_dir") == str(folder)  # and next time
