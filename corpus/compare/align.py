"""Which paragraph of one document faces which paragraph of the other.

Numbers are never trusted: a draft renumbered after an inserted paragraph would otherwise pair
every later paragraph with the wrong one. Paragraphs are paired by their wording:

1. every plausible pair is scored (word-sequence similarity, after a cheap filter on shared
   content words);
2. the best order-keeping set of pairs is chosen by dynamic programming (a weighted longest
   common subsequence: the reading order of both texts is kept);
3. what is left over is explained where it can be: a paragraph whose words all sit inside one
   paragraph of the other side was split from it or merged into it; a pair that matches well
   but out of order was moved; the rest was added or removed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from corpus.compare.tokens import fold_typography, words

#: Least similarity for two paragraphs to face each other in reading order.
PAIR_THRESHOLD = 0.5
#: Least similarity for an out-of-order pair to count as one paragraph moved.
MOVE_THRESHOLD = 0.6
#: Share of a paragraph's words found in a neighbour for it to count as split from (or merged
#: into) that neighbour.
CONTAINMENT_THRESHOLD = 0.8
#: Shortest paragraph (in content words) that can be called split or merged.
MIN_PIECE_WORDS = 3
#: Widest gap between two pairs (unpaired paragraphs on one side) searched for the pieces of
#: a split or merge: wider gaps are unrelated text, where chance containment is likely.
MAX_PIECE_GAP = 4
#: Least share of content words two paragraphs must have in common before their word sequences
#: are compared at all; boilerplate ("the Security Council", "Member States") stays below it.
PREFILTER = 0.3

_STOP = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "been", "by", "for", "from", "has", "have", "in",
    "into", "is", "it", "its", "of", "on", "or", "such", "that", "the", "their", "these", "this",
    "those", "to", "which", "with", "all", "any", "other", "also", "including"})


@dataclass
class Unit:
    """One paragraph as alignment sees it."""

    index: int
    group: str  # only units of the same group may pair: paragraphs, headings, footnotes…
    text: str
    words: list[str]
    content: frozenset[str] = field(repr=False)  # distinct words, stop words left out

    @classmethod
    def of(cls, index: int, group: str, text: str) -> Unit:
        found = words(text)
        return cls(index, group, fold_typography(text), found,
                   frozenset(found) - _STOP)


@dataclass
class Alignment:
    """Index pairs (left, right) in reading order, and how the rest was explained."""

    pairs: list[tuple[int, int, float]]
    #: right index -> (left index it was split from, containment)
    split: dict[int, tuple[int, float]]
    #: left index -> (right index it was merged into, containment)
    merged: dict[int, tuple[int, float]]
    #: (left index, right index, similarity) for each paragraph moved out of order
    moved: list[tuple[int, int, float]]


def similarity(a: Unit, b: Unit) -> float:
    """How alike two paragraphs' wording is, 0 to 1 (1: the same words in the same order).
    Exact from ``PAIR_THRESHOLD`` up; below it, an upper bound (still below the threshold)."""
    if a.text == b.text or a.words == b.words:
        return 1.0
    if not a.words or not b.words:
        return 0.0
    matcher = SequenceMatcher(None, a.words, b.words, autojunk=False)
    bound = matcher.quick_ratio()  # an upper bound, in linear time
    # Below the pairing threshold the exact value is never used: skip the quadratic part.
    return bound if bound < PAIR_THRESHOLD else matcher.ratio()


def _overlap(a: Unit, b: Unit) -> float:
    """Dice coefficient of the two paragraphs' content words: the cheap filter run on every
    pair (sets, not counts: set intersection is done in C, ten times faster than Counter's)."""
    total = len(a.content) + len(b.content)
    return 2 * len(a.content & b.content) / total if total else 1.0


def _containment(part: Unit, whole: Unit) -> float:
    """Share of ``part``'s words found in ``whole`` in the same order (runs of at least two
    words, so scattered common words do not add up to a piece)."""
    if not part.words or _overlap(part, whole) == 0:
        return 0.0
    matcher = SequenceMatcher(None, part.words, whole.words, autojunk=False)
    found = sum(size for _, _, size in matcher.get_matching_blocks() if size >= 2)
    return found / len(part.words)


def score_pairs(left: list[Unit], right: list[Unit]) -> dict[tuple[int, int], float]:
    """Similarity of every pair worth considering (same group, enough shared content)."""
    scores = {}
    for a in left:
        for b in right:
            if a.group == b.group and (a.text == b.text or _overlap(a, b) >= PREFILTER):
                scores[a.index, b.index] = similarity(a, b)
    return scores


def align(left: list[Unit], right: list[Unit]) -> Alignment:
    scores = score_pairs(left, right)
    pairs = _ordered_pairs(len(left), len(right), scores)
    paired_left = {i for i, _, _ in pairs}
    paired_right = {j for _, j, _ in pairs}
    split, merged = _pieces(left, right, pairs, paired_left, paired_right)
    free_left = [i for i in range(len(left)) if i not in paired_left and i not in merged]
    free_right = [j for j in range(len(right)) if j not in paired_right and j not in split]
    moved = _moves(free_left, free_right, scores)
    return Alignment(pairs, split, merged, moved)


def _ordered_pairs(n: int, m: int, scores: dict[tuple[int, int], float]
                   ) -> list[tuple[int, int, float]]:
    """The order-keeping set of pairs with the greatest total similarity."""
    usable: dict[int, list[tuple[int, float]]] = {}
    for (i, j), s in scores.items():
        if s >= PAIR_THRESHOLD:
            usable.setdefault(i, []).append((j, s))
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, above = best[i], best[i - 1]
        candidates = dict(usable.get(i - 1, ()))
        for j in range(1, m + 1):
            value = above[j] if above[j] >= row[j - 1] else row[j - 1]
            s = candidates.get(j - 1)
            if s is not None and above[j - 1] + s > value:
                value = above[j - 1] + s
            row[j] = value
    pairs = []
    i, j = n, m
    while i and j:
        s = scores.get((i - 1, j - 1))
        if s is not None and s >= PAIR_THRESHOLD and best[i][j] == best[i - 1][j - 1] + s:
            pairs.append((i - 1, j - 1, s))
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    pairs.reverse()
    return pairs


def _pieces(left: list[Unit], right: list[Unit], pairs: list[tuple[int, int, float]],
            paired_left: set[int], paired_right: set[int]
            ) -> tuple[dict[int, tuple[int, float]], dict[int, tuple[int, float]]]:
    """Unpaired paragraphs that are a piece of a neighbour on the other side: a right one
    whose words all come from a nearby left paragraph was split from it, and the other way
    round merged. "Nearby" is the gap between the surrounding pairs, those pairs included."""
    split: dict[int, tuple[int, float]] = {}
    merged: dict[int, tuple[int, float]] = {}
    bounds = [(-1, -1), *((i, j) for i, j, _ in pairs), (len(left), len(right))]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:], strict=False):
        if max(i1 - i0, j1 - j0) - 1 > MAX_PIECE_GAP:
            continue
        lefts = range(max(i0, 0), min(i1 + 1, len(left)))
        rights = range(max(j0, 0), min(j1 + 1, len(right)))
        for j in rights:
            if j not in paired_right and j not in split:
                found = _container(right[j], [left[i] for i in lefts])
                if found:
                    split[j] = found
        for i in lefts:
            if i not in paired_left and i not in merged:
                found = _container(left[i], [right[j] for j in rights])
                if found:
                    merged[i] = found
    # A piece needs a sibling: its container's own pair, or another piece. One unpaired
    # paragraph inside one other is a rewrite, not a split, and is left unpaired.
    pieces_left = Counter(i for i, _ in split.values()) + Counter(paired_left)
    pieces_right = Counter(j for j, _ in merged.values()) + Counter(paired_right)
    split = {j: v for j, v in split.items() if pieces_left[v[0]] >= 2}
    merged = {i: v for i, v in merged.items() if pieces_right[v[0]] >= 2}
    return split, merged


def _container(part: Unit, candidates: list[Unit]) -> tuple[int, float] | None:
    if len(part.content) < MIN_PIECE_WORDS:
        return None
    best = max(((_containment(part, c), c.index) for c in candidates
                if c.group == part.group), default=None)
    if best is None or best[0] < CONTAINMENT_THRESHOLD:
        return None
    return best[1], best[0]


def _moves(free_left: list[int], free_right: list[int],
           scores: dict[tuple[int, int], float]) -> list[tuple[int, int, float]]:
    """Out-of-order pairs among the leftovers, most similar first, each paragraph used once."""
    right_set = set(free_right)
    candidates = sorted(((s, i, j) for i in free_left for j in right_set
                         if (s := scores.get((i, j), 0.0)) >= MOVE_THRESHOLD), reverse=True)
    used_left: set[int] = set()
    used_right: set[int] = set()
    moved = []
    for s, i, j in candidates:
        if i not in used_left and j not in used_right:
            used_left.add(i)
            used_right.add(j)
            moved.append((i, j, s))
    return moved
