"""How paragraph text becomes index terms.

Two views of the same text: ``text`` is stemmed, stop-worded, accent- and punctuation-folded, so
``extradite`` finds "extradition" and ``Da'esh`` finds "Da’esh"; ``words`` keeps every word as it
is (only case and accents folded) for quoted phrases, where "in all its forms" must mean exactly
that, and adds every pair of consecutive words, which makes phrases cheap (see PairFilter).
"""

from __future__ import annotations

from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.support.charset import accent_map

#: Words: letters and digits; hyphens and apostrophes split ("counter-terrorism", "Da’esh").
WORD = r"\w+"


def stemming_analyzer() -> Analyzer:
    return (RegexTokenizer(WORD) | LowercaseFilter() | CharsetFilter(accent_map)
            | StopFilter(minsize=1) | StemFilter(cachesize=200_000))


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

    SEPARATOR = "\x1f"

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
