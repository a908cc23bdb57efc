"""An annotation's words found on a page, and the reader's selection turned into text ranges."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor, QTextDocument

from corpus.model import Block, BlockKind, NoteMark
from reader.document.text_ranges import TextRanges

NBSP = "\u00a0"
OP3 = Block("op3", BlockKind.OPERATIVE, "Recalls resolution 2178 (2014), and urges",
            number="3", notes=(NoteMark("12", 30),))
OP4 = Block("op4", BlockKind.OPERATIVE, "Decides to remain seized of the matter.", number="4")
#: The page as rendered: a title, then each paragraph's number, its text and marker digits.
LINES = ["Security Council resolution",
         f"3.{NBSP}{NBSP}Recalls resolution 2178{NBSP}(2014)12, and urges",
         f"4.{NBSP}{NBSP}Decides to remain seized of the matter."]
BLOCKS = {"op3": OP3, "op4": OP4}


@pytest.fixture
def page(qapp) -> tuple[QTextDocument, TextRanges]:
    document = QTextDocument()
    document.setPlainText("\n".join(LINES))
    anchors = {"title": 0,
               "op3": document.findBlockByNumber(1).position(),
               "op4": document.findBlockByNumber(2).position()}
    return document, TextRanges(document, anchors)


def shown(cursor: QTextCursor) -> str:
    return cursor.selectedText().replace(NBSP, " ")


def select(document: QTextDocument, start: str, end: str) -> QTextCursor:
    """A selection from the start of the words ``start`` to the end of the words ``end``."""
    text = document.toPlainText()
    cursor = QTextCursor(document)
    cursor.setPosition(text.index(start))
    cursor.setPosition(text.index(end) + len(end), QTextCursor.MoveMode.KeepAnchor)
    return cursor


def test_a_range_of_a_paragraphs_text_lands_on_its_words(page):
    _document, ranges = page
    start = OP3.text.index("(2014)")

    cursor = ranges.cursor("op3", OP3, start, start + len("(2014), and"))

    assert shown(cursor) == "(2014)12, and"  # the footnote marker the reader sees inside
    assert shown(ranges.cursor("op3", OP3)) == "Recalls resolution 2178 (2014)12, and urges"
    assert shown(ranges.cursor("op4", OP4, 0, 7)) == "Decides"


def test_what_the_page_does_not_show_gets_no_cursor(page):
    _document, ranges = page
    other_words = Block("op4", BlockKind.OPERATIVE, "Decides to act.", number="4")

    assert ranges.cursor("op9", OP4) is None  # no such paragraph here
    assert ranges.cursor("op4", other_words) is None  # shown, but not as this text
    assert ranges.cursor("op3", OP3, 5, 500) is None  # past the paragraph's end


def test_a_selection_over_two_paragraphs_gives_a_range_in_each(page):
    document, ranges = page

    selected = ranges.of_selection(select(document, "resolution 2178", "Decides to"),
                                   BLOCKS.get)

    assert selected == [("op3", OP3.text.index("resolution"), len(OP3.text)),
                        ("op4", 0, len("Decides to"))]
    (_, start, end), _ = selected
    assert OP3.text[start:end] == "resolution 2178 (2014), and urges"  # no marker digits


def test_numbers_titles_and_no_selection_give_no_ranges(page):
    document, ranges = page
    number = QTextCursor(document)
    number.setPosition(document.findBlockByNumber(1).position())
    number.setPosition(number.position() + 3, QTextCursor.MoveMode.KeepAnchor)

    assert ranges.of_selection(number, BLOCKS.get) == []  # "3.  " only
    assert ranges.of_selection(select(document, "Council", "resolution"), BLOCKS.get) == []
    assert ranges.of_selection(QTextCursor(document), BLOCKS.get) == []
