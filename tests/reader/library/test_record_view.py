"""The library pane's Record view: the Security Council's whole record, held or not, driven as a
person drives it: click the tab, look, type, press Enter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QTreeWidgetItem

from corpus.record import load_record
from reader.library.library_pane import LibraryPane
from reader.library.record_view import NOT_HELD, RecordView


@pytest.fixture
def pane(library, qtbot) -> LibraryPane:
    pane = LibraryPane(library)
    qtbot.addWidget(pane)
    pane.resize(760, 700)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


@pytest.fixture
def record(pane, qtbot) -> RecordView:
    """The Record view, opened by clicking its tab."""
    bar = pane.view_tabs
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(pane.RECORD).center())
    view = pane.record_view
    assert pane.stack.currentWidget() is view
    return view


def type_filter(view: RecordView, qtbot, text: str) -> None:
    view.filter_edit.clear()
    qtbot.keyClicks(view.filter_edit, text)


def visible_rows(view: RecordView) -> list[QTreeWidgetItem]:
    rows = []
    for g in range(view.tree.topLevelItemCount()):
        group = view.tree.topLevelItem(g)
        if group.isHidden():
            continue
        rows += [group.child(i) for i in range(group.childCount()) if not group.child(i).isHidden()]
    return rows


def row_texts(item: QTreeWidgetItem) -> list[str]:
    return [item.text(col) for col in range(4)]


def test_the_record_is_built_only_when_its_tab_is_first_shown(pane, qtbot):
    assert [pane.view_tabs.tabText(i) for i in range(2)] == ["Library", "Record"]
    assert pane._record_view is None
    bar = pane.view_tabs
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(pane.RECORD).center())
    assert pane._record_view is not None and pane.record_view.isVisible()
    assert not pane.tree.isVisible()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(pane.LIBRARY).center())
    assert pane.tree.isVisible() and not pane.record_view.isVisible()


def test_the_record_lists_every_catalogued_resolution_by_year(record):
    rows = visible_rows(record)
    assert len(rows) == 2640 == load_record().counts()["resolution"]
    assert all(row.text(0).startswith("S/RES/") for row in rows)
    top = record.tree.topLevelItem(0)
    assert top.text(0) == "2022"  # newest year first
    first_year = record.tree.topLevelItem(record.tree.topLevelItemCount() - 1)
    assert first_year.text(0) == "1946"
    assert row_texts(first_year.child(first_year.childCount() - 1))[:2] == [
        "S/RES/1 (1946)", "1946-01-25"]


def test_each_row_shows_symbol_date_topic_and_vote(record):
    item = record.item_of("S/RES/186 (1964)")
    assert row_texts(item) == ["S/RES/186 (1964)", "1964-03-04",
                               "Complaint by the Government of Cyprus", "11-0-0"]
    assert item.parent().text(0) == "1964"


def test_typing_cyprus_shows_only_cyprus(record, qtbot):
    type_filter(record, qtbot, "Cyprus")
    rows = visible_rows(record)
    shown = [row.text(0) for row in rows]
    assert "S/RES/186 (1964)" in shown
    assert len(shown) > 50
    assert all("cyprus" in row.text(2).casefold() for row in rows)
    assert record.count_label.text() == (
        f"“Cyprus”: {len(shown)} found, held 0 of {len(shown)}"
        " · 2,640 resolutions catalogued")


def test_a_symbol_or_a_year_finds_its_rows(record, qtbot):
    type_filter(record, qtbot, "S/RES/2396")
    assert [row.text(0) for row in visible_rows(record)] == ["S/RES/2396 (2017)"]
    type_filter(record, qtbot, "1964")
    rows = visible_rows(record)
    assert rows and {row.text(1)[:4] for row in rows} == {"1964"}
    assert [record.tree.topLevelItem(g).text(0) for g in range(record.tree.topLevelItemCount())
            if not record.tree.topLevelItem(g).isHidden()] == ["1964"]


def test_held_rows_read_normally_and_the_rest_grey_italic(record):
    held, absent = record.item_of("S/RES/2396 (2017)"), record.item_of("S/RES/186 (1964)")
    grey = record.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    assert not held.font(0).italic() and held.foreground(0).color() != grey
    assert held.toolTip(0) == "S/RES/2396 (2017): in your library"
    assert absent.font(0).italic() and absent.font(2).italic()
    assert absent.foreground(0).color() == grey
    assert absent.toolTip(0) == f"S/RES/186 (1964): {NOT_HELD}"


def test_counts_say_how_much_is_held(record, library):
    held = sum(1 for e in load_record() if e.kind == "resolution" and e.symbol in library)
    assert held >= 1
    assert record.count_label.text() == (
        f"Held {held} of 2,640 resolutions catalogued · grey: not in your library")


def test_activating_a_row_the_library_lacks_asks_for_its_card(pane, record, qtbot):
    type_filter(record, qtbot, "S/RES/186")
    record.tree.setFocus()
    record.tree.setCurrentItem(record.item_of("S/RES/186 (1964)"))
    with qtbot.waitSignal(pane.recordEntryActivated) as blocker:
        qtbot.keyClick(record.tree, Qt.Key.Key_Return)
    assert blocker.args == ["S/RES/186 (1964)"]


def test_activating_a_held_row_opens_the_document(pane, record, qtbot):
    with qtbot.waitSignal(pane.documentSelected) as selected:
        record.tree.setCurrentItem(record.item_of("S/RES/2396 (2017)"))
    assert selected.args == ["S/RES/2396 (2017)"]
    with qtbot.waitSignal(pane.documentActivated) as activated:
        qtbot.keyClick(record.tree, Qt.Key.Key_Return)
    assert activated.args == ["S/RES/2396 (2017)"]


def test_statements_and_vetoed_drafts_behind_the_kind_box(record, qtbot):
    record.kind_box.setCurrentIndex(1)
    counts = load_record().counts()
    assert len(visible_rows(record)) == counts["statement"]
    assert record.count_label.text().startswith(
        f"Held 0 of {counts['statement']:,} presidential statements catalogued")
    record.kind_box.setCurrentIndex(2)
    rows = visible_rows(record)
    assert len(rows) == counts["veto"]
    assert all(row.text(3).startswith("vetoed by ") for row in rows)
    record.kind_box.setCurrentIndex(3)
    assert len(visible_rows(record)) == len(load_record())


def test_grouping_by_topic_keeps_the_filter(record, qtbot):
    type_filter(record, qtbot, "Cyprus")
    before = sorted(row.text(0) for row in visible_rows(record))
    record.grouping_box.setCurrentIndex(1)
    rows = visible_rows(record)
    assert sorted(row.text(0) for row in rows) == before
    assert record.item_of("S/RES/186 (1964)").parent().text(0) == (
        "Complaint by the Government of Cyprus")
    assert all(row.parent().text(0) == row.text(2) or "cyprus" in row.text(2).casefold()
               for row in rows)


def test_the_record_view_on_screen(pane, record, qtbot):
    type_filter(record, qtbot, "Cyprus")
    record.tree.scrollToItem(record.item_of("S/RES/186 (1964)"))
    image = pane.grab()
    assert not image.isNull()
    image.save("/tmp/record-view.png")


def test_widgets_are_labelled(record):
    for widget in (record.filter_edit, record.kind_box, record.grouping_box, record.tree):
        assert widget.accessibleName()


def test_in_the_window_a_row_the_library_lacks_opens_its_card(make_window, qtbot):
    window = make_window(restore=False)
    view = window.library_pane.show_record()
    type_filter(view, qtbot, "Cyprus 1964")
    view.tree.setFocus()
    view.tree.setCurrentItem(view.item_of("S/RES/186 (1964)"))
    qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    tab = window.tabs.tabText(window.tabs.currentIndex())
    assert tab == "S/RES/186 (1964)" or "not in library" in tab
    assert "S/RES/186 (1964) is not in your library" in window.view.toPlainText()
