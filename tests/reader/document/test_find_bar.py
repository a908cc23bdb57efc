"""Find in page, used as a reader uses it: type, press Enter, read the count, press Esc."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextEdit, QVBoxLayout, QWidget

from reader.document.document_view import DocumentView
from reader.document.find_bar import FindBar

SYMBOL = "S/RES/2396 (2017)"


@pytest.fixture
def setup(qtbot, library):
    """A view with its find bar underneath, as the window lays them out."""
    window = QWidget()
    qtbot.addWidget(window)
    view = DocumentView(flash_ms=60)
    view.show_document(library.get(SYMBOL))
    bar = FindBar(view)
    column = QVBoxLayout(window)
    column.addWidget(view)
    column.addWidget(bar)
    window.resize(900, 700)
    window.show()
    qtbot.waitExposed(window)
    bar.focus()
    yield view, bar  # ``window`` owns both and must outlive the test
    window.close()


def plain_count(view: QTextEdit, word: str) -> int:
    return view.toPlainText().casefold().count(word.casefold())


def find(qtbot, bar: FindBar, text: str) -> None:
    bar.edit.clear()
    qtbot.keyClicks(bar.edit, text)


def test_counts_every_match_case_insensitively(setup, qtbot):
    view, bar = setup
    expected = plain_count(view, "terrorist")

    find(qtbot, bar, "TERRORIST")

    assert expected > 50
    assert bar.match_count == expected
    assert bar.count_label.text() == f"1 of {expected}"
    assert len(view.selections("find")) == expected
    assert len(view.selections("find-current")) == 1


def test_enter_and_shift_enter_step_through_matches(setup, qtbot):
    view, bar = setup
    find(qtbot, bar, "terrorist")
    first = view.textCursor().position()

    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    second = view.textCursor().position()
    assert second > first
    assert bar.count_label.text().startswith("2 of ")
    assert view.document().toPlainText()[second:second + 9].casefold() == "terrorist"

    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert view.textCursor().position() == first
    assert bar.count_label.text().startswith("1 of ")


def test_previous_from_the_first_match_wraps_to_the_last(setup, qtbot):
    view, bar = setup
    find(qtbot, bar, "terrorist")

    qtbot.mouseClick(bar.previous_button, Qt.MouseButton.LeftButton)

    assert bar.count_label.text() == f"{bar.match_count} of {bar.match_count}"
    assert view.verticalScrollBar().value() > 0  # the last match is far down: scrolled to it


def test_find_next_and_previous_keys(setup, qtbot):
    _view, bar = setup
    find(qtbot, bar, "terrorist")

    qtbot.keyClick(bar.edit, Qt.Key.Key_F3)
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3)
    assert bar.current_index == 2
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.current_index == 1


def test_find_next_works_from_the_document_too(setup, qtbot):
    view, bar = setup
    find(qtbot, bar, "terrorist")
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)

    qtbot.keyClick(view, Qt.Key.Key_F3)

    assert bar.current_index == 1


def test_no_matches(setup, qtbot):
    view, bar = setup

    find(qtbot, bar, "zebra crossing")

    assert bar.count_label.text() == "No matches"
    assert view.selections("find") == []
    assert not bar.next_button.isEnabled()


def test_search_starts_where_the_reader_is(setup, qtbot):
    view, bar = setup
    view.scroll_to_block("op40", flash=False)
    op40 = view.textCursor().position()

    find(qtbot, bar, "terrorist")

    assert view.textCursor().position() >= op40
    assert bar.current_index > 0


def test_escape_hides_the_bar_and_clears_highlights(setup, qtbot):
    view, bar = setup
    view.scroll_to_block("op18")  # a flash of its own, which the bar must not erase
    find(qtbot, bar, "terrorist")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)

    with qtbot.waitSignal(bar.closed):
        qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)

    assert not bar.isVisible()
    assert view.selections("find") == [] and view.selections("find-current") == []
    assert view.textCursor().selectedText().casefold() == "terrorist"  # ready to copy
    assert view.hasFocus() or not view.window().isActiveWindow()


def test_the_flash_survives_typing_in_the_bar(setup, qtbot):
    view, bar = setup
    view.flash_ms = 5000  # long enough to type over
    view.scroll_to_block("op18")

    find(qtbot, bar, "terrorist")

    assert len(view.selections("flash")) == 1
    assert len(view.extraSelections()) == bar.match_count + 2


def test_reopening_restores_the_highlights(setup, qtbot):
    view, bar = setup
    find(qtbot, bar, "terrorist")
    bar.close_bar()

    bar.focus()

    assert bar.edit.hasSelectedText() or bar.edit.text() == "terrorist"
    assert len(view.selections("find")) == bar.match_count


def test_another_document_is_searched_afresh(setup, qtbot, library):
    view, bar = setup
    find(qtbot, bar, "terrorist")

    view.show_document(library.get("A/RES/72/284"))

    assert bar.match_count == plain_count(view, "terrorist")
    assert bar.count_label.text() == f"1 of {bar.match_count}"


def test_set_view_moves_the_bar_to_another_tab(setup, qtbot, library):
    view, bar = setup
    find(qtbot, bar, "terrorist")
    other = DocumentView()
    qtbot.addWidget(other)
    other.show_document(library.get("S/RES/2322 (2016)"))

    bar.set_view(other)

    assert view.selections("find") == []
    assert bar.match_count == plain_count(other, "terrorist")
    assert len(other.selections("find")) == bar.match_count


def test_a_plain_text_edit_works_too(qtbot):
    edit = QTextEdit()
    edit.setPlainText("Terrorism, terrorists and counter-terrorism.")
    bar = FindBar(edit)
    qtbot.addWidget(edit)
    qtbot.addWidget(bar)
    bar.show()

    find(qtbot, bar, "terror")

    assert bar.match_count == 3
    assert len(edit.extraSelections()) == 4  # every match, and the current one again on top


def test_widgets_have_accessible_names(setup):
    _view, bar = setup

    names = [w.accessibleName() for w in (bar, bar.edit, bar.count_label, bar.previous_button,
                                          bar.next_button, bar.close_button)]
    assert all(names) and len(set(names)) == len(names)


def test_the_view_closing_under_the_bar_leaves_it_usable(setup, qtbot, library):
    view, bar = setup
    find(qtbot, bar, "terrorist")
    other = DocumentView()
    qtbot.addWidget(other)
    other.show_document(library.get("S/RES/2322 (2016)"))

    view.deleteLater()
    qtbot.waitUntil(lambda: bar.view is None)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)  # nothing to search: no error
    bar.set_view(other)

    assert bar.match_count == plain_count(other, "terrorist")


def test_esc_leaves_the_current_match_in_sight(setup, qtbot):
    """Closing the bar gives its height back to the view; the match stays where the eye is."""
    view, bar = setup
    view.window().resize(560, 320)  # a small window: a paragraph is taller than the view
    qtbot.wait(10)
    find(qtbot, bar, "returnees")
    for _ in range(5):
        bar.find_next()
    # The reader has scrolled on until the match is on the last line of the view.
    scroll = view.verticalScrollBar()
    match = view.cursorRect(bar._matches[bar._current])
    scroll.setValue(scroll.value() + match.bottom() - view.viewport().height() + 4)
    match = view.cursorRect(bar._matches[bar._current])
    assert view.viewport().rect().contains(match.center())
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not bar.isVisible())
    shown = view.cursorRect(view.textCursor())
    assert view.viewport().rect().contains(shown.center())
    assert view.textCursor().selectedText().casefold() == "returnees"
