"""Highlights of several owners on one view, and the flash of a paragraph jumped to."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QTextCursor, QTextFormat
from PySide6.QtWidgets import QTextEdit

from reader.document.highlight_layers import (
    FLASH_ALPHA,
    FLASH_COLOUR,
    MARK_TEXT,
    SEARCH_HIT_COLOUR,
    SELECTION_ORDER,
    Flash,
    HighlightLayers,
    flash_strength,
    word_selections,
)

#: One background colour per owner, so what is drawn tells whose it is.
COLOURS = {"annotations": "#ffe066", "search": "#fff0a8", "flash": "#ffcd50",
           "find": "#8fd3ff", "find-current": "#ff9f40", "spelling": "#c0ffc0"}
TEXT = "first paragraph with a gap:          here\nsecond paragraph"


@pytest.fixture
def edit(qtbot) -> QTextEdit:
    edit = QTextEdit()
    qtbot.addWidget(edit)
    edit.setPlainText(TEXT)
    edit.resize(500, 200)
    edit.show()
    qtbot.waitExposed(edit)
    return edit


def mark(edit: QTextEdit, start: int, end: int, colour: str) -> QTextEdit.ExtraSelection:
    cursor = QTextCursor(edit.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    selection = QTextEdit.ExtraSelection()
    selection.cursor = cursor
    selection.format.setBackground(QColor(colour))
    return selection


def drawn(edit: QTextEdit) -> list[str]:
    """The background colours of the view's highlights, bottom to top."""
    return [s.format.background().color().name() for s in edit.extraSelections()]


def test_owners_are_drawn_in_a_fixed_order_whatever_order_they_came_in(edit):
    layers = HighlightLayers(edit)

    for kind in ("find-current", "spelling", "find", "annotations", "flash", "search"):
        layers.set(kind, [mark(edit, 0, 5, COLOURS[kind])])

    assert drawn(edit) == [COLOURS[k] for k in (*SELECTION_ORDER, "spelling")]


def test_replacing_one_owners_highlights_keeps_the_others(edit):
    layers = HighlightLayers(edit)
    layers.set("annotations", [mark(edit, 0, 5, "#111111"), mark(edit, 6, 9, "#222222")])
    layers.set("find", [mark(edit, 0, 5, "#333333")])

    layers.set("find", [mark(edit, 6, 9, "#444444")])
    assert drawn(edit) == ["#111111", "#222222", "#444444"]
    layers.set("annotations", [])
    assert drawn(edit) == ["#444444"]
    assert layers.get("annotations") == []
    assert [s.format.background().color().name() for s in layers.get("find")] == ["#444444"]

    layers.clear()
    assert edit.extraSelections() == []
    assert layers.get("find") == []


def test_a_find_match_inside_a_highlight_shows_on_top(edit):
    layers = HighlightLayers(edit)
    gap = TEXT.index("    ")  # blank: only the highlight's colour is painted there
    layers.set("find", [mark(edit, gap, gap + 8, COLOURS["find"])])
    layers.set("annotations", [mark(edit, gap, gap + 8, COLOURS["annotations"])])

    cursor = QTextCursor(edit.document())
    cursor.setPosition(gap + 4)
    point = edit.cursorRect(cursor).center()
    image = edit.viewport().grab().toImage()

    assert image.pixelColor(point).name() == COLOURS["find"]


def test_search_words_are_marked_in_dark_text_on_yellow(edit):
    selections = word_selections(edit.document(), lambda word: word == "paragraph")

    assert [s.cursor.selectedText() for s in selections] == ["paragraph", "paragraph"]
    assert [s.cursor.selectionStart() for s in selections] == [
        TEXT.index("paragraph"), TEXT.rindex("paragraph")]
    for s in selections:
        assert s.format.background().color() == QColor(SEARCH_HIT_COLOUR)
        assert s.format.foreground().color() == MARK_TEXT
    assert word_selections(edit.document(), lambda word: False) == []


@pytest.mark.parametrize(("done", "strength"), [
    (0.0, 1.0), (0.2, 1.0), (0.39, 1.0),  # held at full strength first
    (0.4, 1.0), (0.7, 0.5), (0.94, 0.1),  # then fading evenly
    (1.0, None), (1.5, None),  # over
])
def test_flash_holds_then_fades_out(done, strength):
    assert flash_strength(done) == pytest.approx(strength)


def paragraph(edit: QTextEdit, n: int) -> QTextCursor:
    cursor = QTextCursor(edit.document().findBlockByNumber(n))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    return cursor


def test_a_flash_lights_the_whole_paragraph_fades_and_goes(edit, qtbot):
    layers = HighlightLayers(edit)
    layers.set("find", [mark(edit, 0, 5, COLOURS["find"])])
    flash = Flash(layers, edit, duration_ms=900)

    flash.start(paragraph(edit, 1))

    below, above = edit.extraSelections()  # the flash under the find match
    assert below.cursor.selectedText() == "second paragraph"
    assert below.format.property(QTextFormat.Property.FullWidthSelection) is True
    colour = below.format.background().color()
    assert colour.rgb() == FLASH_COLOUR.rgb() and colour.alpha() == FLASH_ALPHA
    assert above.format.background().color().name() == COLOURS["find"]

    alphas: list[int] = []

    def faded_out() -> bool:
        flashes = layers.get("flash")
        if flashes:
            alphas.append(flashes[0].format.background().color().alpha())
        return not flashes

    qtbot.waitUntil(faded_out, timeout=3000)
    assert alphas == sorted(alphas, reverse=True)  # never brightens again
    assert any(0 < alpha < FLASH_ALPHA for alpha in alphas)  # faded, not cut off
    assert drawn(edit) == [COLOURS["find"]]  # the other owner's highlight stays
    assert not flash.is_active()


def test_a_new_flash_replaces_the_old_and_stop_ends_it(edit):
    layers = HighlightLayers(edit)
    flash = Flash(layers, edit, duration_ms=5000)

    flash.start(paragraph(edit, 0))
    flash.start(paragraph(edit, 1))
    assert [s.cursor.selectedText() for s in edit.extraSelections()] == ["second paragraph"]

    flash.stop()
    assert edit.extraSelections() == []
    assert not flash.is_active()
