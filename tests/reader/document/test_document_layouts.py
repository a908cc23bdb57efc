"""Parts, annexes and nested sub-paragraphs of real resolutions, as the reader shows them.

Each test renders a CC0 Security Council text in a DocumentView (or the Outline) and looks at
what a person sees: the rendered text in order, where paragraphs sit, the outline's rows.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor

from corpus.importing.extract import extract
from corpus.manifest import SourceEntry
from corpus.model import Document, DocumentKind
from corpus.parsing import parse_source
from reader.document.document_view import DocumentView
from reader.document.outline_panel import OutlinePanel

TEXTS = Path(__file__).resolve().parents[3] / "corpus" / "sources" / "cr-unsc"


def parsed(name: str, symbol: str) -> Document:
    path = TEXTS / name
    extracted = extract(path)
    entry = SourceEntry(symbol, "Security Council", "2002-12-30", "", DocumentKind.RESOLUTION,
                        path, extracted.format)
    return parse_source(entry, extracted.data, frozenset())


@pytest.fixture
def view(qtbot) -> DocumentView:
    view = DocumentView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def block_of(view: DocumentView, words: str):
    found = view.document().find(words)
    assert not found.isNull(), words
    return found.block()


def test_annexes_follow_the_resolution_under_their_own_heading(view):
    doc = parsed("S_RES_1454_2002_EN_GOLD.txt", "S/RES/1454 (2002)")
    view.show_document(doc)
    text = view.document().toPlainText()
    last_op = text.index("Decides to remain seized of the matter.")
    annex_a, annex_b = text.index("Annex A\n"), text.index("Annex B\n")  # not "in Annex A to"
    assert last_op < annex_a < text.index("Textual entries for the proposed item changes") < (
        annex_b)
    assert text[:last_op].rsplit("\n", 1)[-1].startswith("5.")  # the fifth and last
    heading = view.document().begin()
    while heading.text() != "Annex A":
        heading = heading.next()
    assert heading.blockFormat().alignment() & Qt.AlignmentFlag.AlignHCenter
    assert heading.begin().fragment().charFormat().fontWeight() >= 600  # bold


def test_nested_subparagraphs_are_indented_a_level_deeper(view):
    doc = parsed("S_RES_0883_1993_EN_GOLD.txt", "S/RES/883 (1993)")
    view.show_document(doc)
    lettered = block_of(view, "Prohibit, by their nationals or from their territory, the "
                              "entering into")
    roman = block_of(view, "The making available, for operation within Libya")
    assert lettered.text().startswith("(c)")
    assert roman.text().startswith("(i)")
    assert roman.blockFormat().leftMargin() > lettered.blockFormat().leftMargin()


def test_part_letters_are_headings_between_the_parts(view):
    doc = parsed("S_RES_0820_1993_EN_GOLD.txt", "S/RES/820 (1993)")
    view.show_document(doc)
    part_b = view.document().findBlockByNumber(0)
    while part_b.isValid() and part_b.text() != "B":
        part_b = part_b.next()
    assert part_b.isValid()
    assert part_b.next().text().startswith("Determined to strengthen the implementation")
    assert view.scroll_to_block("partB", flash=False) is not False
    cursor = view.cursorForPosition(view.viewport().rect().topLeft())
    assert cursor.block().blockNumber() <= part_b.blockNumber() + 1


def test_an_unnumbered_paragraph_shows_no_number_and_a_lost_note_shows_its_marker(view):
    doc = parsed("S_RES_0687_1991_EN_GOLD.txt", "S/RES/687 (1991)")
    view.show_document(doc)
    letter = block_of(view, "Taking note of the letter dated 27 February 1991")
    assert "Security Council41 and of his letters" in letter.text()  # 41 set as superscript
    cursor = QTextCursor(view.document().find("41", QTextCursor(letter)))
    assert cursor.charFormat().verticalAlignment() == (
        QTextCharFormat.VerticalAlignment.AlignSuperScript)
    assert not cursor.charFormat().isAnchor()  # its note is not in the text: no dead link

    unnumbered = parsed("S_RES_0002_1946_EN_GOLD.txt", "S/RES/2 (1946)")
    view.show_document(unnumbered)
    assert block_of(view, "Requests the parties to inform the Council").text().startswith(
        "Requests")


def test_the_outline_shows_parts_and_annexes(qtbot):
    outline = OutlinePanel()
    qtbot.addWidget(outline)
    outline.show_document(parsed("S_RES_0820_1993_EN_GOLD.txt", "S/RES/820 (1993)"))
    rows = [outline.topLevelItem(i).text(0) for i in range(outline.topLevelItemCount())]
    assert rows == ["Preamble (10 paragraphs)", "Part A", "Part B", "Part C"]
    part_b = outline.topLevelItem(2)
    assert [part_b.child(i).text(0) for i in range(part_b.childCount())] == [
        "Preamble (2 paragraphs)", "Operative part (21)"]

    outline.show_document(parsed("S_RES_1454_2002_EN_GOLD.txt", "S/RES/1454 (2002)"))
    rows = [outline.topLevelItem(i).text(0) for i in range(outline.topLevelItemCount())]
    assert rows[:2] == ["Preamble (6 paragraphs)", "Operative part (5)"]
    assert rows[2].startswith("Annex A — Textual entries for the proposed item changes")
    assert rows[3].startswith("Annex B")
