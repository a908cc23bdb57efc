"""Citations of paragraphs as a reader writes them."""

from __future__ import annotations

import pytest

from corpus.citing import citation, paragraph_label, quote_with_citation
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
