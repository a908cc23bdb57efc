"""The build's fast analysis gives exactly the terms of the analyzers queries use."""

from __future__ import annotations

from collections import Counter

import pytest
from whoosh import fields
from whoosh.analysis import RegexTokenizer, StemFilter
from whoosh.lang.porter import stem

import index.analysis as analysis
from corpus.model import PARAGRAPH_KINDS
from index.analysis import (
    CachedStemFilter,
    stem_counts,
    stemming_analyzer,
    word_positions,
    words_analyzer,
)
from index.schema import StemmedText, WordsAndPairs

ODD_TEXTS = [
    "",
    "   ",
    "Da’esh counter-terrorism; ISIL/Da'esh (2017) 2178 (2014) 72/284",
    "Ærø İstanbul ﬁnancing ½ 2² x_y __ naïve CAFÉ Œuvre ß",  # folding that changes lengths
    "a an the and of in all its forms and manifestations",  # stop words only, then not
    "states States STATES member-states Member States shall shall shall",  # repeats
    "word " * 1500 + "end",  # positions past the shared encodings
]


def _paragraphs(library) -> list[str]:
    return [block.text for doc in library.documents for block in doc.blocks
            if block.kind in PARAGRAPH_KINDS]


@pytest.fixture(scope="module")
def texts(library) -> list[str]:
    return _paragraphs(library) + ODD_TEXTS


def test_stem_counts_are_the_stemming_analyzers_terms(texts):
    analyzer = stemming_analyzer()
    for text in texts:
        assert stem_counts(text) == Counter(t.text for t in analyzer(text)), text


def test_word_positions_are_the_words_analyzers_terms(texts):
    analyzer = words_analyzer()
    for text in texts:
        expected: dict[str, list[int]] = {}
        for token in analyzer(text, positions=True):
            expected.setdefault(token.text, []).append(token.pos)
        assert word_positions(text) == expected, text


@pytest.mark.parametrize(("fast", "plain"), [
    (StemmedText, lambda: fields.TEXT(analyzer=stemming_analyzer(), phrase=False)),
    (WordsAndPairs, lambda: fields.TEXT(analyzer=words_analyzer(), phrase=True)),
])
def test_the_fields_index_as_whoosh_would_with_their_analyzer(texts, fast, plain):
    fast_field, plain_field = fast(), plain()
    for text in texts:
        assert sorted(fast_field.index(text)) == sorted(plain_field.index(text)), text


def test_the_cached_stemmer_stems_as_the_plain_one(texts):
    words = [w for text in texts for w in text.lower().split()]
    cached, plain = CachedStemFilter(), StemFilter(cachesize=None)
    tokens = RegexTokenizer(analysis.WORD)
    assert ([t.text for t in cached(tokens(" ".join(words)))]
            == [t.text for t in plain(tokens(" ".join(words)))])
    assert all(cached._stem(w) == stem(w) for w in words)


def test_the_cached_stemmer_survives_pickling_with_the_schema():
    import pickle

    restored = pickle.loads(pickle.dumps(CachedStemFilter()))
    assert restored._stem("extradition") == stem("extradition")


def test_the_caches_stay_bounded_and_right(monkeypatch):
    folding = analysis._Folding(limit=3)
    monkeypatch.setattr(analysis, "_FOLDING", folding)
    text = "Extradition extradite prosecutions Prosecute terrorism Terrorists naïve"
    assert stem_counts(text) == Counter(t.text for t in stemming_analyzer()(text))
    assert len(folding.stems) <= 3 and len(folding.folded) <= 3
    cached = analysis._memoized(stem, 2)
    assert [cached(w) for w in ("states", "member", "shall", "states")] == [
        stem(w) for w in ("states", "member", "shall", "states")]
