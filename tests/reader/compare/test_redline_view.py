"""The redline in the comparison tab, as a reader sees it: one column, deletions struck
through, insertions underlined, F7, find, copy and links as in the table, per tab."""

from __future__ import annotations

import dataclasses

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument

from corpus.compare import compare_documents
from corpus.model import BlockKind
from reader.compare.comparison_view import REDLINE, SIDE_BY_SIDE, ComparisonView
from reader.compare.redline_render import render_redline
from reader.document.links import LinkTarget
from reader.window.main_window import MainWindow

DRAFT, ADOPTED = "S/2017/1051", "S/RES/2396 (2017)"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window(size=(1360, 840), restore=False)


@pytest.fixture
def redline(window, qtbot) -> ComparisonView:
    """The draft and its resolution, switched to the redline by a click on its button."""
    comparison = window.open_comparison(DRAFT, ADOPTED)
    qtbot.mouseClick(comparison.redline_button, Qt.MouseButton.LeftButton)
    assert comparison.mode == REDLINE
    return comparison


def _format_of(view, word: str, after: str = ""):
    """The character format of ``word`` where it first follows ``after`` on the page."""
    document = view.document()
    start = document.find(after) if after else QTextCursor(document)
    found = document.find(word, start, QTextDocument.FindFlag.FindCaseSensitively)
    assert not found.isNull(), word
    at = QTextCursor(document)
    at.setPosition(found.selectionStart() + 1)  # the format of the character before
    return at.charFormat()


def _blocks(document):
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()


def test_the_redline_shows_one_text_where_the_table_shows_two(window, qtbot):
    comparison = window.open_comparison(DRAFT, ADOPTED)
    view = comparison.browser
    phrase = "2015 Madrid Guiding Principles"  # in OP 44 and OP 45 of both texts
    assert view.toPlainText().count(phrase) == 4
    qtbot.mouseClick(comparison.redline_button, Qt.MouseButton.LeftButton)
    assert view.toPlainText().count(phrase) == 2
    assert comparison.redline_button.isChecked()
    assert not comparison.side_by_side_button.isChecked()
    assert not comparison.marks.isEnabled()  # a redline is its marks
    assert "deleted" in comparison.legend.text()
    qtbot.mouseClick(comparison.side_by_side_button, Qt.MouseButton.LeftButton)
    assert view.toPlainText().count(phrase) == 4 and comparison.mode == SIDE_BY_SIDE


def test_deleted_words_are_struck_through_and_inserted_ones_underlined(redline):
    view = redline.browser
    principle = _format_of(view, "principle", "and their families, and other")
    principal = _format_of(view, "principal gaps", "Guiding Principles")
    assert principle.fontStrikeOut() and not principle.fontUnderline()
    assert principal.fontUnderline() and not principal.fontStrikeOut()
    committee = _format_of(view, "Committee Executive", "with the support of")
    assert committee.fontUnderline()
    travellers = _format_of(view, "travellers", "all countries where the")
    assert travellers.fontStrikeOut()
    plain = _format_of(view, "Madrid Guiding")
    assert not plain.fontStrikeOut() and not plain.fontUnderline()
    # the opening verb keeps its italics, and the paragraph its number
    assert _format_of(view, "Requests the Counter-Terrorism Committee, within").fontItalic()
    assert "44.  Requests the Counter" in view.toPlainText().replace("\u00a0", " ")


def test_the_margin_says_what_happened(redline):
    lines = redline.browser.toPlainText().splitlines()
    assert lines.count("minor change") == 6 and lines.count("changed") == 1
    assert lines[lines.index("changed") + 1].startswith("44.")


def test_f7_steps_through_the_changes_and_tints_the_margin(window, redline):
    rows = redline.comparison.rows
    seen = []
    while (row := redline.next_change()) is not None:
        seen.append(rows[row].right)
    assert seen == ["pp1", "op3", "op9", "op10", "op13", "op16", "op44"]
    assert redline.position.text().startswith("Change 7 of 7")
    selections = redline.browser.selections("current-change")
    assert [s.cursor.selectedText() for s in selections] == ["changed"]
    window.actions_by_name["previous_change"].trigger()
    assert [s.cursor.selectedText() for s in redline.browser.selections("current-change")] \
        == ["minor change"]
    assert rows[redline.current_change].right == "op16"


def test_switching_keeps_the_paragraph_being_read(window, redline, qtbot):
    redline.browser.scroll_to_block("R-op30", flash=False)
    qtbot.mouseClick(redline.side_by_side_button, Qt.MouseButton.LeftButton)
    assert redline.comparison.rows[redline._top_row()].right == "op30"
    qtbot.mouseClick(redline.redline_button, Qt.MouseButton.LeftButton)
    assert redline.browser.current_block() == "R-op30"


def test_find_copy_and_links_work_in_the_redline(window, redline):
    view = redline.browser
    assert view.find("principal gaps")
    view.scroll_to_block("R-op44", flash=False)
    assert view.current_paragraph() == "R-op44"
    assert window.copy_with_citation("R-op44").startswith(f"{ADOPTED}, para. 44: “Requests")
    assert window.copy_with_citation("L-op44").startswith(f"{DRAFT}, para. 44: “Requests")
    tabs = window.tabs.count()
    window.navigator.follow_link(LinkTarget(target=DRAFT, block="op7"))  # the original's
    assert window.tabs.count() == tabs
    row = next(n for n, r in enumerate(redline.comparison.rows) if r.left == "op7")
    assert redline._row_at(view.current_block()) == row
    # unchanged paragraphs keep their citation links: a click on one follows it
    links = [fragment.charFormat().anchorHref() for block in _blocks(view.document())
             for fragment in (it.fragment() for it in block)]
    assert any(href.startswith("plenary:") for href in links)
    assert "plenary:" in render_redline(redline.comparison, redline.redline)


def test_each_tab_remembers_its_own_way_of_showing(window, redline):
    other = window.open_comparison("S/RES/2395 (2017)", ADOPTED)
    assert other.mode == SIDE_BY_SIDE  # a new tab starts side by side
    window.tabs.setCurrentWidget(redline)
    assert window.comparison.mode == REDLINE
    window.tabs.setCurrentWidget(other)
    assert window.comparison.mode == SIDE_BY_SIDE
    window.tabs.setCurrentWidget(redline)
    window.actions_by_name["swap_sides"].trigger()  # the other way round, still a redline
    assert redline.mode == REDLINE and redline.comparison.left.symbol == ADOPTED
    assert redline.redline.original.symbol == ADOPTED
    # the adopted text is now the original: its "principal" struck, the draft's underlined
    assert _format_of(redline.browser, "principal", "their families, and other").fontStrikeOut()
    assert _format_of(redline.browser, "principle gaps", "Guiding Principles").fontUnderline()


def test_changed_only_and_the_dark_theme_reach_the_redline(window, redline, library):
    unchanged = library.get(ADOPTED).block("op12").text[:60]
    assert unchanged in redline.browser.toPlainText()
    redline.changes_only.setChecked(True)
    text = redline.browser.toPlainText()
    assert "principal" in text and "Decides that Member States shall develop" in text
    assert unchanged not in text
    window.set_theme("dark")
    assert "#5c3413" in redline.browser.toHtml()  # the dark deletion mark


def test_a_moved_paragraph_says_where_it_came_from_and_went(window, library):
    draft = library.get(DRAFT)
    ops = [b for b in draft.blocks if b.kind == BlockKind.OPERATIVE]
    blocks = [b for b in draft.blocks if b is not ops[1]]
    blocks.insert(blocks.index(ops[7]) + 1, ops[1])
    revised = dataclasses.replace(draft, symbol="S/2017/1051/Rev.1", blocks=blocks)
    view = ComparisonView(compare_documents(draft, revised), window._make_view())
    window._show_comparison(view)
    view.set_mode(REDLINE)
    text = view.browser.toPlainText()
    assert "moved to OP 2" in text and "moved from OP 2" in text  # ids kept by this text
    away = _format_of(view.browser, "Calls upon Member States to prevent")
    assert away.fontStrikeOut()
    there = _format_of(view.browser, "Calls upon Member States to prevent", "moved from")
    assert there.fontUnderline() and not there.fontStrikeOut()


def test_the_redline_fits_the_view_without_a_sideways_scroll_bar(window, redline, qapp):
    for width in range(1300, 1900, 47):
        window.resize(width, 900)
        qapp.processEvents()
        assert redline.browser.horizontalScrollBar().maximum() == 0, width


def test_export_offers_tracked_changes_first_from_a_redline(window, redline, monkeypatch,
                                                            tmp_path):
    from PySide6.QtWidgets import QFileDialog

    asked = []

    def save_as(_parent, _caption, suggested, filters, selected=""):
        asked.append((suggested, filters.split(";;"), selected))
        return str(tmp_path / "briefing"), selected

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    window.actions_by_name["export_comparison"].trigger()
    suggested, filters, selected = asked[0]
    assert suggested.endswith("S-2017-1051 vs S-RES-2396 (2017) (tracked changes).docx")
    assert "Word document, tracked changes (*.docx)" in filters
    assert "Word document (*.docx)" in filters and "Web page (*.html)" in filters
    assert selected == "Word document, tracked changes (*.docx)"
    body = docx.Document(str(tmp_path / "briefing.docx")).element.body
    inserted = ["".join(t.text for t in e.iter(W + "t")) for e in body.iter(W + "ins")]
    assert "principal" in inserted
    assert "Comparison saved" in window.statusBar().currentMessage()


def test_export_of_the_redline_by_name(window, redline, tmp_path):
    window.comparing.export(str(tmp_path / "redline.html"), kind=REDLINE)
    page = (tmp_path / "redline.html").read_text(encoding="utf-8")
    assert "<del>principle</del><ins>principal</ins>" in page
    window.comparing.export(str(tmp_path / "table.html"))  # the table, as before
    assert "<table>" in (tmp_path / "table.html").read_text(encoding="utf-8")
