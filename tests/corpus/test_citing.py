"""Citations of paragraphs as a reader writes them."""

from __future__ import annotations

import pytest

from corpus.citing import citation, quote_with_citation


@pytest.mark.parametrize(("symbol", "block", "expected"), [
    ("S/RES/2396 (2017)", "op12", "S/RES/2396 (2017), para. 12"),
    ("S/RES/2322 (2016)", "op9.a", "S/RES/2322 (2016), para. 9 (a)"),
    ("S/RES/2396 (2017)", "pp3", "S/RES/2396 (2017), preambular paragraph 3"),
    ("A/RES/72/284", "fn5", "A/RES/72/284, footnote 5"),
])
def test_citation(library, symbol, block, expected):
    doc = library.get(symbol)
    assert citation(doc, doc.block(block)) == expected


def test_quote_with_citation(library):
    doc = library.get("S/RES/2396 (2017)")
    text = quote_with_citation(doc, doc.block("op12"))
    assert text.startswith("S/RES/2396 (2017), para. 12: “Decides that Member States shall")
    assert text.endswith("protection of PNR data;”")
