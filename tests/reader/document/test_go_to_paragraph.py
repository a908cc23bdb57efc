"""Go → Go to Paragraph… (Ctrl+G): type where to go, see where it leads, land there (the
paragraph flashed, Back returns), or read inline why not; in a comparison too."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reader.window.main_window import MainWindow

ADOPTED, DRAFT = "S/RES/2396 (2017)", "S/2017/1051"


@pytest.fixture
def window(make_window, qtbot) -> MainWindow:
    window = make_window(size=(1280, 800), restore=False)
    window.open_document(ADOPTED)
    with qtbot.waitActive(window):  # keys go to the active window (the first shown is not)
        window.activateWindow()
    return window


def _go(window: MainWindow, qtbot, text: str):
    """Press Ctrl+G in the document, type ``text``, press Enter; the dialog."""
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    dialog = window.going.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.edit, text)
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    return dialog


@pytest.mark.parametrize(("text", "block"), [
    ("OP 12", "op12"), ("op12", "op12"), ("PP 3", "pp3"), ("12", "op12"), ("12(b)", "op12"),
    ("12 (b) (ii)", "op12"), ("op 40", "op40"), ("S/RES/2396 (2017), para. 7", "op7"),
])
def test_ctrl_g_goes_to_the_paragraph_and_flashes_it(window, qtbot, text, block):
    dialog = _go(window, qtbot, text)
    assert not dialog.isVisible()
    assert window.view.current_block() == block
    assert window.view.selections("flash")  # the eye finds where the jump landed


def test_the_dialog_says_where_the_text_leads_as_it_is_typed(window, qtbot):
    window.actions_by_name["go_to_paragraph"].trigger()
    dialog = window.going.dialog
    qtbot.keyClicks(dialog.edit, "12")
    assert dialog.feedback.text() == "→ OP 12"
    qtbot.keyClicks(dialog.edit, "9")
    assert dialog.feedback.text().strip() == ""  # "129": nowhere, and nothing said yet
    dialog.reject()


@pytest.mark.parametrize(("text", "error"), [
    ("OP 99", "S/RES/2396 (2017) has no OP 99"),
    ("footnote 4", "S/RES/2396 (2017) has no footnote 4"),
    ("annex B 6", "S/RES/2396 (2017) has no annex B, paragraph 6"),
    ("the end", "Not a paragraph reference: type OP 12, PP 3, 12 (b), annex B 6 or footnote 4"),
])
def test_a_paragraph_the_document_lacks_is_said_inline(window, qtbot, text, error):
    window.view.scroll_to_block("pp5", flash=False)
    dialog = _go(window, qtbot, text)
    assert dialog.isVisible() and dialog.error == error
    assert dialog.edit.selectedText() == text  # ready to type over
    assert window.view.current_block() == "pp5"  # not moved
    dialog.edit.setText("PP 2")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert not dialog.isVisible() and window.view.current_block() == "pp2"


def test_back_returns_from_where_the_jump_left(window, qtbot):
    window.view.scroll_to_block("pp5", flash=False)
    _go(window, qtbot, "OP 30")
    assert window.view.current_block() == "op30"
    window.actions_by_name["back"].trigger()
    qtbot.waitUntil(lambda: window.view.current_block() == "pp5")


def test_footnotes_of_a_document_that_has_them(window, qtbot):
    window.open_document("A/RES/72/284")
    _go(window, qtbot, "footnote 4")
    assert window.view.current_block() in ("fn4", *(f"fn{n}" for n in range(1, 4)))
    # (the last footnotes sit at the very end, where the view cannot scroll them to the top)
    assert window.view.textCursor().block().text().endswith(
        window.library.get("A/RES/72/284").block("fn4").text[-20:])


def test_in_a_comparison_it_goes_to_the_left_text_s_paragraph(window, qtbot):
    comparison = window.open_comparison(DRAFT, ADOPTED)
    dialog = _go(window, qtbot, "OP 12")
    assert not dialog.isVisible()
    # the row is at the top (its right-hand paragraph, level with the left, comes later in
    # the page), and the left-hand paragraph is the one flashed
    assert comparison.browser.current_block() in ("L-op12", "R-op12")
    flashed = comparison.browser.selections("flash")[0].cursor.selectedText()
    assert flashed.endswith(window.library.get(DRAFT).block("op12").text[-30:])
    window.actions_by_name["go_to_paragraph"].trigger()
    assert window.going.dialog.feedback.text().strip() == ""
    window.going.dialog.edit.setText("OP 12")
    assert window.going.dialog.feedback.text() == f"→ OP 12 of {DRAFT}"
    window.going.dialog.reject()


def test_in_a_comparison_a_row_not_shown_is_said(window, qtbot):
    comparison = window.open_comparison(DRAFT, ADOPTED)
    comparison.changes_only.setChecked(True)
    unchanged = next(row.left for row in comparison.comparison.rows
                     if row.left and row.left.startswith("op") and not row.is_change)
    dialog = _go(window, qtbot, unchanged)
    assert dialog.isVisible()
    assert "only changes are shown" in dialog.error
    dialog.reject()
    dialog = _go(window, qtbot, "OP 99")
    assert dialog.error == f"Neither {DRAFT} nor {ADOPTED} has OP 99"
    dialog.reject()


def test_without_a_document_it_says_so(make_window):
    window = make_window(restore=False)
    while window.tabs.count():
        window.tabs.close_current()
    assert window.going.open() is None
    assert window.statusBar().currentMessage().startswith("Open a document or a comparison")
