"""Model offsets ↔ rendered text: what lets a highlight land on the words it quotes."""

from __future__ import annotations

from corpus.model import Block, BlockKind, NoteMark
from reader.document.document_view import DocumentView
from reader.document.offsets import map_block

NBSP = "\u00a0"


def test_markers_and_numbers_are_stepped_over():
    block = Block("op3", BlockKind.OPERATIVE, "Recalls resolution 2178 (2014), and urges",
                  number="3", notes=(NoteMark("12", 30),))
    rendered = "3.\u00a0\u00a0Recalls resolution 2178\u00a0(2014)12, and urges"
    mapping = map_block(rendered, block)
    start = block.text.index("(2014), and")
    begin, end = mapping.to_rendered(start, start + len("(2014), and"))
    assert rendered[begin:end] == "(2014)12, and"
    assert mapping.to_text(0, len(rendered)) == (0, len(block.text))
    assert mapping.to_text(0, 4) is None  # only the number: no text selected
    assert mapping.to_text(begin + 6, begin + 8) is None  # only the marker


def test_a_rendering_of_other_words_maps_nothing():
    block = Block("op3", BlockKind.OPERATIVE, "Recalls resolution 2178")
    assert map_block("3.  Something else entirely", block) is None


def test_every_paragraph_of_every_bundled_document_maps_exactly(qtbot, library):
    """Each paragraph's characters, looked up through the map in the rendering Qt laid out,
    spell the paragraph's text: every highlight lands on exactly its words."""
    view = DocumentView()
    qtbot.addWidget(view)
    for doc in library:
        view.show_document(doc)
        for block in doc.blocks:
            if block.id not in view._anchors or not block.text:
                continue
            cursor = view.range_cursor(block.id, block)
            assert cursor is not None, (doc.symbol, block.id)
            shown = view.document().findBlock(cursor.selectionStart()).text()
            mapping = map_block(shown, block)
            spelled = "".join(shown[mapping.position(i)] for i in range(len(block.text)))
            assert spelled.replace(NBSP, " ") == block.text.replace(NBSP, " "), block.id
