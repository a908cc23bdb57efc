"""Agreed language as the reader is shown it: the similar paragraphs ``similar.find_similar``
found, without the paragraph's own document, in the order of the score shown, and a draft's
identical paragraph folded under its adopted text.

A paragraph's own resolution is no news (it is the text the reader is in), and a draft that
became a resolution says the same words twice: the adopted text is what a delegate quotes, so
the draft's paragraph is kept, as a note under it, not as a result of its own. Qt-free: the
Agreed language tab and any command share it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from index.similar import SimilarParagraph

#: A draft's paragraph folds under its adopted text's when their scores differ by less.
SAME_SCORE = 0.02


@dataclass
class AgreedHit:
    """One result: the paragraph, and the drafts that said the same before it was adopted."""

    paragraph: SimilarParagraph
    drafts: list[SimilarParagraph] = field(default_factory=list)

    @property
    def score(self) -> float:
        return self.paragraph.score


def agreed_hits(results: list[SimilarParagraph], own_symbol: str | None,
                adopted_of: Callable[[str], str | None]) -> list[AgreedHit]:
    """``results`` for a paragraph of ``own_symbol``, ready to show. ``adopted_of(symbol)``
    names the resolution a draft became (None for anything else)."""
    # Neither the paragraph's own document nor the draft it was adopted from.
    kept = [r for r in results if r.symbol != own_symbol
            and (own_symbol is None or adopted_of(r.symbol) != own_symbol)]
    hits = {r.key: AgreedHit(r) for r in kept}
    for result in kept:
        adopted = adopted_of(result.symbol)
        twin = next((hits[r.key] for r in kept
                     if adopted and r.symbol == adopted
                     and abs(r.score - result.score) < SAME_SCORE), None)
        if twin is not None:
            twin.drafts.append(result)
            del hits[result.key]
    return sorted(hits.values(), key=lambda h: (-h.score, -h.paragraph.coverage,
                                                 h.paragraph.symbol, h.paragraph.block))
