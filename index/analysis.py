"""How paragraph text becomes index terms.

Two views of the same text: ``text`` is stemmed, stop-worded, accent- and punctuation-folded, so
``extradite`` finds "extradition" and ``Da'esh`` finds "Da’esh"; ``exact`` keeps every word as it
is (only case and accents folded) for quoted phrases, where "in all its forms" must mean exactly
that. The word-pair field turns a phrase into a cheap intersection of pair terms (see
``index.query``).
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
    """Emits each pair of consecutive words as one token ("member states" -> "member\x1fstates").

    Positions are those of the first word, so a phrase of n words becomes n-1 pair terms whose
    positions can be checked for adjacency on the few documents that hold all of them.
    """

    SEPARATOR = "\x1f"

    def __call__(self, tokens):
        previous = None
        for token in tokens:
            if previous is not None:
                pair = previous.copy()
                pair.text = previous.text + self.SEPARATOR + token.text
                if hasattr(token, "endchar") and hasattr(pair, "endchar"):
                    pair.endchar = token.endchar
                yield pair
            previous = token.copy()


def pair_analyzer() -> Analyzer:
    return exact_analyzer() | PairFilter()
