"""Agreed language as shown: not the paragraph's own document, nor the draft it was adopted
from; a draft's identical paragraph folded under its adopted text; best score first."""

from __future__ import annotations

from index.agreed import agreed_hits
from index.similar import SimilarParagraph

ADOPTED_OF = {"S/2017/1051": "S/RES/2396 (2017)", "S/2014/600": "S/RES/2178 (2014)"}.get


def hit(symbol: str, block: str, score: float, coverage: float = 0.5) -> SimilarParagraph:
    return SimilarParagraph(symbol, block, block[2:], "operative", score, coverage,
                            score >= 0.9, [], "text")


def test_own_document_and_its_draft_are_left_out():
    results = [hit("A/RES/72/284", "op1", 0.9), hit("A/RES/72/284", "op9", 0.4),
               hit("S/2017/1051", "op12", 0.99), hit("S/RES/2322 (2016)", "op3", 0.5)]
    shown = agreed_hits(results, "A/RES/72/284", ADOPTED_OF)
    assert [h.paragraph.key for h in shown] == ["S/2017/1051#op12", "S/RES/2322 (2016)#op3"]
    shown = agreed_hits(results, "S/RES/2396 (2017)", ADOPTED_OF)
    assert "S/2017/1051#op12" not in [h.paragraph.key for h in shown]


def test_a_drafts_identical_paragraph_folds_under_its_adopted_text():
    results = [hit("S/2014/600", "op5", 0.81), hit("S/RES/2178 (2014)", "op5", 0.80),
               hit("S/2014/600", "op6", 0.50)]
    [adopted, other] = agreed_hits(results, "S/RES/2396 (2017)", ADOPTED_OF)
    assert adopted.paragraph.key == "S/RES/2178 (2014)#op5"
    assert [d.key for d in adopted.drafts] == ["S/2014/600#op5"]
    assert other.paragraph.key == "S/2014/600#op6" and other.drafts == []


def test_results_are_in_the_order_of_the_score_shown():
    results = [hit("A", "op1", 0.33, coverage=0.9), hit("B", "op1", 0.35, coverage=0.1)]
    assert [h.score for h in agreed_hits(results, None, ADOPTED_OF)] == [0.35, 0.33]
