"""Agreed language: where else the library has adopted (nearly) the same wording.

Two steps. Candidates come from the index: the paragraph's word pairs, rarest first, as an OR
query on the ``words`` field, so paragraphs sharing runs of wording rank first and the search
stays fast however big the library is. Each candidate is then scored by word-level alignment
(difflib on the word sequences): 2·matched / (words in both), 1.0 for identical wording,
whatever the typography (quotes, case, spacing). How much of the given text the candidate
contains is reported too (``coverage``): a clause pasted from a draft and found whole inside a
longer paragraph is agreed language as well. The shared runs of at least ``MIN_SHARED_WORDS``
words are reported as the candidate's own text, so a reader sees what exactly was agreed.

What one look-up may cost is bounded, as a search is (index.query, index.search), because the
reader holds the index's lock while it runs: only the first ``MAX_TEXT_WORDS`` words of the
given text count (a paragraph has twenty to three hundred; a pasted resolution is cut); word
pairs in more than ``COMMON_PAIR_SHARE`` of the library's paragraphs ("of the", "member
states") are left out of the candidate query, where they found nothing the rare pairs did not
and each made the query read a posting list as long as the library (a 50-word paragraph took
up to 3 s at 100,000 paragraphs); and the whole look-up stops at ``TIME_LIMIT``, with the
candidates found and aligned by then.
"""

from __future__ import annotations

import contextlib
import difflib
from dataclasses import dataclass

from whoosh import query as q
from whoosh.collectors import TimeLimit

from index.analysis import PairFilter, exact_analyzer
from index.search import Deadline, DeadlineCollector
from index.store import SearchIndex

NEAR_IDENTICAL = 0.9
MIN_SHARED_WORDS = 5
CANDIDATES = 60
#: The rarest pairs of the paragraph are enough to find its relatives; common ones ("of the")
#: only cost time.
MAX_QUERY_PAIRS = 48
#: Words of the given text looked at, and of each candidate aligned with it.
MAX_TEXT_WORDS = 400
#: A pair in more than this share of the paragraphs (and more than COMMON_PAIR_MIN of them)
#: is too common to find candidates by.
COMMON_PAIR_SHARE = 0.02
COMMON_PAIR_MIN = 500
#: Seconds one look-up may take (the alignment of the candidates found by then included).
TIME_LIMIT = 1.0
_EXACT = exact_analyzer()


@dataclass(frozen=True)
class SimilarParagraph:
    symbol: str
    block: str
    number: str
    kind: str
    score: float  # 0..1, 1.0 = the same words in the same order (Dice over aligned words)
    coverage: float  # 0..1, the share of the given text's words found here, in order
    near_identical: bool
    shared: list[str]  # runs of wording shared with the given text, as this paragraph has them
    text: str

    @property
    def key(self) -> str:
        return f"{self.symbol}#{self.block}"


def find_similar(index: SearchIndex, text: str, *, exclude: str | None = None,
                 limit: int = 10, min_score: float = 0.2,
                 time_limit: float = TIME_LIMIT) -> list[SimilarParagraph]:
    """Paragraphs of the library most like ``text``, best first; ``exclude`` is a
    ``SYMBOL#block`` key to leave out (the paragraph itself). Within ``time_limit`` seconds:
    what was found by then."""
    deadline = Deadline(time_limit)
    words = _words(text)[:MAX_TEXT_WORDS]
    if len(words) < 2:
        return []
    searcher = index.searcher()
    chosen = _query_pairs(searcher.reader(), words)
    if not chosen:
        return []
    collector = DeadlineCollector(searcher.collector(limit=CANDIDATES + 1), deadline)
    with contextlib.suppress(TimeLimit):  # stopped at the deadline: the best found by then
        searcher.search_with_collector(q.Or([q.Term("words", p) for p in chosen]), collector)
    mine = [w for w, _, _ in words]
    results = []
    for hit in collector.results():
        if deadline.passed():
            break
        fields = hit.fields()
        if fields["key"] == exclude:
            continue
        theirs = _words(fields["text"])[:MAX_TEXT_WORDS]
        score, coverage, shared = _alignment(mine, theirs, fields["text"])
        if max(score, coverage) >= min_score:
            results.append(SimilarParagraph(
                symbol=fields["sym"], block=fields["block"], number=fields.get("number", ""),
                kind=fields["kind"], score=round(score, 4), coverage=round(coverage, 4),
                near_identical=score >= NEAR_IDENTICAL, shared=shared, text=fields["text"],
            ))
    # A pasted clause found whole inside a longer paragraph is agreed language too: rank by
    # both how alike the paragraphs are and how much of the given text they contain.
    results.sort(key=lambda r: (-(r.score + r.coverage), r.symbol, r.block))
    return results[:limit]


def _query_pairs(reader, words: list[tuple[str, int, int]]) -> list[str]:
    """The pairs of ``words`` to find candidates by: those the library has, not too common,
    rarest first, at most MAX_QUERY_PAIRS."""
    pairs = {f"{a}{PairFilter.SEPARATOR}{b}" for (a, _, _), (b, _, _) in zip(words, words[1:],
                                                                          strict=False)}
    common = max(COMMON_PAIR_MIN, COMMON_PAIR_SHARE * reader.doc_count())
    frequencies = {pair: reader.doc_frequency("words", pair) for pair in pairs}
    chosen = sorted((p for p, n in frequencies.items() if 0 < n <= common),
                    key=lambda p: (frequencies[p], p))
    return chosen[:MAX_QUERY_PAIRS]


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(t.text, t.startchar, t.endchar) for t in _EXACT(text, chars=True)]


def _alignment(mine: list[str], theirs: list[tuple[str, int, int]],
               text: str) -> tuple[float, float, list[str]]:
    words = [w for w, _, _ in theirs]
    matcher = difflib.SequenceMatcher(None, mine, words, autojunk=False)
    blocks = matcher.get_matching_blocks()
    matched = sum(block.size for block in blocks)
    score = 2 * matched / (len(mine) + len(words)) if mine or words else 0.0
    coverage = matched / len(mine) if mine else 0.0
    shared = [text[theirs[b.b][1]:theirs[b.b + b.size - 1][2]]
              for b in blocks if b.size >= MIN_SHARED_WORDS]
    return score, coverage, shared
