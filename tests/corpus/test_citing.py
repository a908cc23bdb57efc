"""Citations of paragraphs as a reader writes them."""

from __future__ import annotations

import pytest

from corpus.citing import (
    citation,
    paragraph_label,
    quote_passage,
    quote_with_citation,
    snap_to_words,
)
from corpus.model import Block, BlockKind


@pytest.mark.parametrize(("symbol", "block", "expected"), [
    ("S/RES/2396 (2017)", "op12", "S/RES/2396 (2017), para. 12"),
    ("S/RES/2322 (2016)", "op9.a", "S/RES/2322 (2016), para. 9 (a)"),
    ("S/RES/2396 (2017)", "pp3", "S/RES/2396 (2017), preambular paragraph 3"),
    ("A/RES/72/284", "fn5", "A/RES/72/284, footnote 5"),
])
def test_citation(library, symbol, block, expected):
    doc = library.get(symbol)
    assert citation(doc, doc.block(block)) == expected


@pytest.mark.parametrize(("block", "expected"), [
    (Block("op9.b.ii", BlockKind.SUBPARAGRAPH, "x", number="ii", parent="op9.b"),
     "para. 9 (b) (ii)"),
    (Block("B.op1.a", BlockKind.SUBPARAGRAPH, "x", number="a", part="B"), "part B, para. 1 (a)"),
    (Block("op3", BlockKind.OPERATIVE, "Requests the parties to report."),
     "operative paragraph 3"),
    (Block("lead1", BlockKind.OPERATIVE, "Resolves:"), "operative part, “Resolves:”"),
    (Block("annexB.6", BlockKind.ANNEX_PARAGRAPH, "x", number="6", annex="B"),
     "annex B, para. 6"),
    (Block("annexB.6.a", BlockKind.ANNEX_PARAGRAPH, "x", parent="annexB.6", annex="B"),
     "annex B, para. 6 (a)"),
    (Block("annex.p3", BlockKind.ANNEX_PARAGRAPH, "x", annex=""),
     "annex, paragraph 3 (unnumbered)"),
    (Block("op3.d1", BlockKind.SUBPARAGRAPH, "x", number="–", parent="op3"), "para. 3 (–)"),
])
def test_labels_of_real_layouts(block, expected):
    """Nested sub-paragraphs, parts numbered afresh, unnumbered paragraphs, annexes."""
    assert paragraph_label(block) == expected


def test_quote_with_citation(library):
    doc = library.get("S/RES/2396 (2017)")
    text = quote_with_citation(doc, doc.block("op12"))
    assert text.startswith("S/RES/2396 (2017), para. 12: “Decides that Member States shall")
    assert text.endswith("protection of PNR data;”")


@pytest.mark.parametrize(("start", "end", "words"), [
    (3, 19, "Member States shall"),     # "ber States sha" → both ends widened
    (0, 6, "Member"),                   # a whole word stays as it is
    (6, 14, "States"),                  # spaces at the ends are not quoted
    (7, 7, ""),                         # nothing selected stays nothing
])
def test_a_selection_snaps_to_whole_words(start, end, words):
    text = "Member States shall establish"
    snapped = snap_to_words(text, start, end)
    assert text[slice(*snapped)] == words


def test_selected_words_are_quoted_with_their_paragraph_and_cut_marks(library):
    doc = library.get("S/RES/2396 (2017)")
    block = doc.block("op9")
    start = block.text.index("Member States")
    assert quote_passage(doc, [(block, start + 2, start + 11)]) == (
        "S/RES/2396 (2017), para. 9: “… Member States …”")
    whole = quote_passage(doc, [(block, 0, len(block.text))])
    assert whole == quote_with_citation(doc, block)
