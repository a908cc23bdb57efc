"""Notes and bookmarks beside their paragraphs: where they are drawn, what the pointer finds."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QTextCursor
from PySide6.QtWidgets import QTextEdit

from reader.document.margin_marks import MARK_GAP, MARK_SIZE, MarginMark, MarginMarks, TextTip

NOTE = QColor("#3a9ad9")
RIBBON = QColor("#d94a3a")
PARAGRAPHS = [f"Paragraph {n}: " + "words of the paragraph " * 6 for n in range(1, 41)]
MARGIN = 60  # room left of the text for the marks


@pytest.fixture
def edit(qtbot) -> QTextEdit:
    edit = QTextEdit()
    qtbot.addWidget(edit)
    edit.setPlainText("\n".join(PARAGRAPHS))
    frame = edit.document().rootFrame()
    fmt = frame.frameFormat()
    fmt.setLeftMargin(MARGIN)
    frame.setFrameFormat(fmt)
    edit.resize(500, 300)
    edit.show()
    qtbot.waitExposed(edit)
    return edit


def start_of(edit: QTextEdit, n: int) -> int:
    """Where paragraph ``n`` (from 0) starts."""
    return edit.document().findBlockByNumber(n).position()


def first_line(edit: QTextEdit, n: int) -> QRectF:
    """The viewport rect of paragraph ``n``'s first character: its first line."""
    return QRectF(edit.cursorRect(QTextCursor(edit.document().findBlockByNumber(n))))


def tip(text: str, asked: list[str] | None = None):
    def make() -> str:
        if asked is not None:
            asked.append(text)
        return text
    return make


def colour_count(image: QImage, rect: QRectF, colour: QColor) -> int:
    r = rect.toAlignedRect()
    return sum(image.pixelColor(x, y) == colour
               for x in range(r.left(), r.right() + 1) for y in range(r.top(), r.bottom() + 1))


def test_a_mark_sits_left_of_its_paragraphs_first_line(edit):
    marks = MarginMarks(edit)
    marks.set([MarginMark(start_of(edit, 2) + 10, "note", NOTE, tip("n"))], [])

    [(rect, mark)] = marks.placed()

    line = first_line(edit, 2)
    assert rect.width() == rect.height() == MARK_SIZE
    assert rect.right() < line.left() - MARK_GAP  # in the margin, clear of the text
    assert rect.left() > 0  # and inside the view
    assert rect.center().y() == pytest.approx(line.center().y(), abs=2)
    assert mark.kind == "note"


def test_a_second_mark_on_a_paragraph_goes_further_left(edit):
    marks = MarginMarks(edit)
    marks.set([MarginMark(start_of(edit, 1), "note", NOTE, tip("note")),
               MarginMark(start_of(edit, 1) + 30, "bookmark", RIBBON, tip("bookmark")),
               MarginMark(start_of(edit, 3), "bookmark", RIBBON, tip("other"))], [])

    (first, _), (second, _), (other, _) = marks.placed()

    assert second.right() < first.left()  # side by side, not on top of each other
    assert second.top() == first.top()
    assert other.left() == first.left()  # the next paragraph starts again at the text
    assert other.top() > first.bottom()


def test_marks_move_with_the_text_when_it_scrolls(edit):
    marks = MarginMarks(edit)
    marks.set([MarginMark(start_of(edit, 20), "note", NOTE, tip("n"))], [])
    [(before, _)] = marks.placed()

    edit.verticalScrollBar().setValue(150)

    [(after, _)] = marks.placed()
    assert after.top() == pytest.approx(before.top() - 150)
    assert after.left() == before.left()


def test_the_pointer_finds_a_mark_a_little_outside_its_drawing(edit):
    marks = MarginMarks(edit)
    note = MarginMark(start_of(edit, 1), "note", NOTE, tip("note"))
    ribbon = MarginMark(start_of(edit, 1), "bookmark", RIBBON, tip("bookmark"))
    marks.set([note, ribbon], [])
    (note_rect, _), (ribbon_rect, _) = marks.placed()

    assert marks.mark_at(note_rect.center().toPoint()) is note
    assert marks.mark_at(ribbon_rect.center().toPoint()) is ribbon
    right_edge = QPointF(note_rect.right() + 1, note_rect.center().y())
    assert marks.mark_at(right_edge.toPoint()) is note
    below = QPointF(note_rect.center().x(), note_rect.bottom() + 5)
    assert marks.mark_at(below.toPoint()) is None
    assert marks.mark_at(first_line(edit, 1).center().toPoint()) is None  # the text itself


def test_resting_on_a_mark_or_on_annotated_words_shows_its_note(edit):
    asked: list[str] = []
    marks = MarginMarks(edit)
    start = start_of(edit, 4)
    marks.set([MarginMark(start, "note", NOTE, tip("on the mark", asked))],
              [TextTip(start + 3, start + 20, tip("on the words", asked)),
               TextTip(start_of(edit, 6), start_of(edit, 6) + 5, tip("elsewhere", asked))])
    [(rect, _)] = marks.placed()
    cursor = QTextCursor(edit.document())
    cursor.setPosition(start + 10)
    on_words = edit.cursorRect(cursor).center()

    assert marks.tip_at(rect.center().toPoint()) == "on the mark"
    assert marks.tip_at(on_words) == "on the words"
    assert marks.tip_at(first_line(edit, 8).center().toPoint()) is None
    assert asked == ["on the mark", "on the words"]  # only the notes shown were made


def test_notes_and_bookmarks_are_drawn_in_their_colours(edit):
    marks = MarginMarks(edit)
    marks.set([MarginMark(start_of(edit, 0), "note", NOTE, tip("n")),
               MarginMark(start_of(edit, 2), "bookmark", RIBBON, tip("b"))], [])
    (note_rect, _), (ribbon_rect, _) = marks.placed()
    image = QImage(edit.viewport().size(), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)

    marks.paint(image)

    assert colour_count(image, note_rect, NOTE) > 25
    assert colour_count(image, ribbon_rect, RIBBON) > 40
    assert colour_count(image, ribbon_rect, NOTE) == colour_count(image, note_rect, RIBBON) == 0
    # The ribbon's notch: its middle is filled down to where the foot is cut in.
    middle = int(ribbon_rect.center().x())
    assert image.pixelColor(middle, int(ribbon_rect.top()) + 4) == RIBBON
    assert image.pixelColor(middle, int(ribbon_rect.bottom())).alpha() == 0


def test_marks_out_of_sight_or_none_draw_nothing(edit):
    blank = QImage(edit.viewport().size(), QImage.Format.Format_ARGB32)
    blank.fill(Qt.GlobalColor.transparent)
    marks = MarginMarks(edit)
    marks.set([MarginMark(start_of(edit, 0), "note", NOTE, tip("n"))], [])
    edit.verticalScrollBar().setValue(edit.verticalScrollBar().maximum())

    image = blank.copy()
    marks.paint(image)
    assert image == blank
    marks.clear()
    edit.verticalScrollBar().setValue(0)
    marks.paint(image)
    assert image == blank
    assert marks.marks() == [] and marks.mark_at(QPoint(10, 10)) is None
