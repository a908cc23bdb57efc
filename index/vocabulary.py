"""Fuzzy look-up of index terms: which terms are one edit away from a (misspelt) word.

Whoosh answers a fuzzy term by running an edit-distance automaton over the lexicon of every
segment, in Python: 50 ms and more per query at 100,000 paragraphs. Here the lexicon is read
once per index generation into a deletion index (each term filed under itself with one letter
deleted, as SymSpell does), so a look-up is a handful of dictionary probes and a final exact
check of the few candidates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions count one), capped at limit+1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


class FuzzyVocabulary:
    def __init__(self, terms: Iterable[str]) -> None:
        self.terms = frozenset(terms)
        self._by_deletion: dict[str, list[str]] = defaultdict(list)
        for term in self.terms:
            for variant in _deletions(term):
                self._by_deletion[variant].append(term)

    def within_one(self, word: str, prefix: int = 0) -> set[str]:
        """Terms at most one edit (insertion, deletion, substitution, transposition) away,
        sharing the first ``prefix`` letters."""
        candidates = set(self._by_deletion.get(word, ()))  # one letter more than word
        if word in self.terms:
            candidates.add(word)
        for variant in _deletions(word):
            if variant in self.terms:  # one letter less
                candidates.add(variant)
            candidates.update(self._by_deletion.get(variant, ()))  # substitution/transposition
        start = word[:prefix]
        return {t for t in candidates
                if t.startswith(start) and edit_distance(word, t, 1) <= 1}
