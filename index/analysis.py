"""How paragraph text becomes index terms.

Two views of the same text: ``text`` is stemmed, stop-worded, accent- and punctuation-folded, so
``extradite`` finds "extradition" and ``Da'esh`` finds "Da’esh"; ``words`` keeps every word as it
is (only case and accents folded) for quoted phrases, where "in all its forms" must mean exactly
that, and adds every pair of consecutive words, which makes phrases cheap (see PairFilter).

Each view exists twice, and the two must agree term for term (tests/index/test_analysis.py
checks them against each other): as a Whoosh analyzer, which queries, snippets and the similar
paragraphs' look-up run on a few words at a time, and as a plain function (``stem_counts``,
``word_positions``) that the index build runs on every paragraph. Whoosh's analyzers pass a
Token object through a generator per filter for every word; the functions fold each distinct
word once (``_Folding``) and count the rest with dicts, several times faster over a library.
"""

from __future__ import annotations

import re

from whoosh.analysis import (
    STOP_WORDS,
    Analyzer,
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

#: Words: letters and digits; hyphens and apostrophes split ("counter-terrorism", "Da’esh").
WORD = r"\w+"
SEPARATOR = "\x1f"  # between the two words of a pair term


class CachedStemFilter(StemFilter):
    """Whoosh's StemFilter with a plain dict as its cache.

    StemFilter's own cache is an LFU cache: a Python wrapper that counts every use in a Counter
    and, once full, sorts the counts to evict a tenth. A library has a few tens of thousands of
    distinct words, so a dict that is simply emptied if it ever grows past ``cachesize`` costs
    one look-up per word and gives the same stems."""

    def __init__(self, cachesize: int = 200_000) -> None:
        super().__init__(stemfn=stem, cachesize=cachesize)

    def clear(self) -> None:
        self._stem = _memoized(self.stemfn, self.cachesize)


def _memoized(function, limit: int):
    cache: dict[str, str] = {}

    def cached(word: str) -> str:
        try:
            return cache[word]
        except KeyError:
            if len(cache) >= limit:
                cache.clear()
            result = cache[word] = function(word)
            return result

    return cached


def stemming_analyzer() -> Analyzer:
    return (RegexTokenizer(WORD) | LowercaseFilter() | CharsetFilter(accent_map)
            | StopFilter(minsize=1) | CachedStemFilter())


def exact_analyzer() -> Analyzer:
    return RegexTokenizer(WORD) | LowercaseFilter() | CharsetFilter(accent_map)


def keyword_analyzer() -> Analyzer:
    """For short metadata fields typed as filters: ``symbol:2396``, ``verb:"calls upon"``."""
    return RegexTokenizer(r"[^\W_]+") | LowercaseFilter() | CharsetFilter(accent_map)


class PairFilter(Filter):
    """Emits every word and every pair of consecutive words ("member", "member\x1fstates").

    A pair sits at the position of its first word, so a phrase of n words is n-1 pair terms at
    consecutive positions: a phrase of common words ("in all its forms") becomes the
    intersection of a few rare pair terms instead of the long posting lists of "in" and "all",
    and only the documents holding all pairs have their positions checked. Single words are
    in the same field, so one field serves every quoted query.
    """

    SEPARATOR = SEPARATOR

    def __call__(self, tokens):
        previous = None
        for token in tokens:
            if previous is not None:
                pair = previous.copy()
                pair.text = previous.text + self.SEPARATOR + token.text
                yield pair
            previous = token.copy()
            yield token


def words_analyzer() -> Analyzer:
    return exact_analyzer() | PairFilter()


# --- the same, as functions for the index build -------------------------------------------------

_WORDS = re.compile(WORD)


class _Folding:
    """What each distinct word of the library becomes: folded (lower case, accents off) for
    ``words``, and stemmed (or dropped as a stop word: "") for ``text``. Emptied if it ever
    holds ``limit`` words, so a hostile text cannot grow it without bound."""

    def __init__(self, limit: int = 500_000) -> None:
        self.limit = limit
        self.folded: dict[str, str] = {}
        self.stems: dict[str, str] = {}

    def fold(self, word: str) -> str:
        folded = self.folded.get(word)
        if folded is None:
            if len(self.folded) >= self.limit:
                self.folded.clear()
            folded = self.folded[word] = word.lower().translate(accent_map)
        return folded

    def stem(self, word: str) -> str:
        stemmed = self.stems.get(word)
        if stemmed is None:
            if len(self.stems) >= self.limit:
                self.stems.clear()
            folded = self.fold(word)
            # StopFilter(minsize=1): a word folded to nothing is dropped like a stop word.
            stemmed = stem(folded) if folded and folded not in STOP_WORDS else ""
            self.stems[word] = stemmed
        return stemmed


_FOLDING = _Folding()
#: The words of the last text split: ``text`` and ``words`` are the same paragraph, so the
#: second field's analysis finds them here.
_LAST_SPLIT: tuple[str | None, list[str]] = (None, [])


def _raw_words(text: str) -> list[str]:
    global _LAST_SPLIT
    last = _LAST_SPLIT
    if last[0] is text:
        return last[1]
    words = _WORDS.findall(text)
    _LAST_SPLIT = (text, words)
    return words


def stem_counts(text: str) -> dict[str, int]:
    """The ``text`` field's terms of ``text`` and how often each occurs: what
    ``stemming_analyzer()`` yields, counted."""
    stems = _FOLDING.stems
    stem_of = _FOLDING.stem
    counts: dict[str, int] = {}
    for word in _raw_words(text):
        term = stems.get(word)
        if term is None:
            term = stem_of(word)
        if term:
            counts[term] = counts.get(term, 0) + 1
    return counts


def word_occurrences(text: str) -> dict[str, int | list[int]]:
    """The ``words`` field's terms of ``text`` (every word, every pair of consecutive words):
    for each, its position if it occurs once (most do), else the list of its positions. What
    ``words_analyzer()`` yields, grouped by term, with no list made for a single position."""
    folded = _FOLDING.folded
    fold = _FOLDING.fold
    words = [folded.get(w) or fold(w) for w in _raw_words(text)]
    found: dict[str, int | list[int]] = {}
    _occurrences(found, words)
    _occurrences(found, map(SEPARATOR.join, zip(words, words[1:], strict=False)))
    return found


def _occurrences(found: dict[str, int | list[int]], terms) -> None:
    for at, term in enumerate(terms):
        if term in found:
            earlier = found[term]
            if type(earlier) is int:
                found[term] = [earlier, at]
            else:
                earlier.append(at)
        else:
            found[term] = at


def word_positions(text: str) -> dict[str, list[int]]:
    """``word_occurrences`` with every position in a list."""
    return {term: [at] if type(at) is int else at
            for term, at in word_occurrences(text).items()}
