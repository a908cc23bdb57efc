"""Keyword search over the bundled library, as a reader would use it."""

from __future__ import annotations

import html
import re

import pytest


def _keys(results):
    return [hit.key for hit in results.hits]


def test_stemming_finds_other_forms_of_a_word(searcher):
    results = searcher.search("extradite")
    texts = " ".join(hit.snippet for hit in results.hits).lower()
    assert "<b>extradition</b>" in texts and "<b>extradite</b>" in texts


def test_a_quoted_phrase_matches_the_words_as_written(searcher):
    stemmed = searcher.search("soft target")
    exact = searcher.search('"soft targets"')
    assert 0 < exact.total <= stemmed.total
    assert "S/RES/2395 (2017)#op32" in _keys(exact)
    # Exact means exact: the singular is not the plural.
    assert searcher.search('"soft target"').total < exact.total
    assert all("soft" in hit.snippet.lower() for hit in exact.hits)


def test_a_phrase_of_common_words(searcher):
    results = searcher.search('"in all its forms and manifestations"', limit=100)
    assert "A/RES/72/284#op1" in _keys(results)
    assert "<b>in all its forms and manifestations</b>" in results.hits[0].snippet
    # S/RES/2396 writes "in all forms and manifestations": not the same words.
    assert "S/RES/2396 (2017)#pp2" not in _keys(results)


def test_boolean_operators(searcher):
    both = searcher.search("extradition prosecution", limit=None)
    either = searcher.search("extradition OR prosecution", limit=None)
    without = searcher.search("extradition NOT prosecution", limit=None)
    assert both.total < either.total
    assert without.total + both.total == searcher.search("extradition", limit=None).total


def test_fuzzy_and_wildcards(searcher):
    assert "S/RES/2396 (2017)#op45" in _keys(searcher.search("biometrc~"))
    assert "S/RES/2396 (2017)#op45" in _keys(searcher.search("biomet*"))


@pytest.mark.parametrize(("query", "check"), [
    ("symbol:2322 extradition", lambda hit: hit.symbol == "S/RES/2322 (2016)"),
    ('body:"general assembly" victims', lambda hit: hit.body == "General Assembly"),
    ("year:2016 extradition", lambda hit: hit.date.startswith("2016")),
    ("year:[2017 TO 2018] extradition", lambda hit: hit.date[:4] in ("2017", "2018")),
    ("kind:operative extradition", lambda hit: hit.kind == "operative"),
    ("verb:decides", lambda hit: "decides" in hit.verb.lower()),
    ('verb:"calls upon" INTERPOL', lambda hit: hit.verb.lower().endswith("calls upon")),
    ("type:draft PNR", lambda hit: hit.symbol == "S/2017/1051"),
])
def test_field_filters(searcher, query, check):
    results = searcher.search(query, limit=None)
    assert results.total > 0
    assert all(check(hit) for hit in results.hits), query


def test_default_operator_is_and(searcher):
    results = searcher.search("PNR biometric", limit=None)
    for hit in results.hits:
        text = html.unescape(re.sub("<[^>]+>", "", hit.snippet)).lower()
        assert "pnr" in text or "biometric" in text
    assert results.total < searcher.search("PNR OR biometric", limit=None).total


#: Queries the parser cannot read: searched for literally, and the results say so.
UNREADABLE = ['"unbalanced quote', "terrorism AND (foo", "((", ")", "year:[20", 'kind:"']
#: Odd but readable: an operator or a field alone, wildcards.
ODD = ["AND", "~~~", "*", "NOT", "verb:"]


@pytest.mark.parametrize("query", UNREADABLE + ODD)
def test_malformed_queries_answer_without_a_traceback(searcher, query):
    results = searcher.search(query)
    assert not results.damaged
    if not results.cut_short:  # (a loaded machine may stop "*" at the time limit)
        assert len(results.hits) == min(results.total, 50)  # the count shown is the list shown
    assert all(hit.snippet for hit in results.hits)
    assert results.literal == (query in UNREADABLE)
    if results.literal:
        assert results.message and "could not be read as written" in results.message


def test_malformed_query_is_read_literally_and_says_so(searcher):
    results = searcher.search('"soft targets')
    assert results.literal and results.message
    assert results.total > 0


def test_snippets_are_safe_html(searcher, library):
    # Inject markup into nothing: the snippet of every hit is escaped document text plus <b>.
    results = searcher.search("Da’esh", limit=None)
    assert results.total > 0
    for hit in results.hits:
        without_marks = hit.snippet.replace("<b>", "").replace("</b>", "")
        assert "<" not in without_marks and ">" not in without_marks
    assert any("&#x27;" in hit.snippet or "’" in hit.snippet for hit in results.hits)


def test_results_are_grouped_by_document_with_counts(searcher):
    results = searcher.search("extradition", limit=None)
    assert sum(group.total for group in results.groups) == results.total
    assert [g.symbol for g in results.groups][0] in {h.symbol for h in results.hits[:1]}
    assert dict(results.facets["document"])["S/RES/2322 (2016)"] == 8


def test_facets_count_every_match(searcher):
    results = searcher.search("extradition", limit=3)
    assert len(results.hits) == 3
    assert sum(count for _, count in results.facets["kind"]) == results.total
    assert dict(results.facets["body"]) == {"Security Council": 18, "General Assembly": 4}
    assert {"2016", "2017", "2018"} == {year for year, _ in results.facets["year"]}


def test_facet_filters_narrow_the_results(searcher):
    results = searcher.search("extradition", limit=None,
                              filters={"kind": "subparagraph", "year": "2016"})
    assert results.total == 5
    assert {hit.kind for hit in results.hits} == {"subparagraph"}


@pytest.mark.parametrize("sort", ["date", "symbol"])
def test_sort_orders(searcher, sort):
    hits = searcher.search("extradition", limit=None, sort=sort).hits
    if sort == "date":
        assert [h.date for h in hits] == sorted((h.date for h in hits), reverse=True)
    else:
        assert [h.symbol for h in hits] == sorted(h.symbol for h in hits)


def test_relevance_puts_the_densest_paragraph_first(searcher):
    hits = searcher.search("PNR").hits
    assert hits[0].key in {"S/RES/2396 (2017)#op12", "S/2017/1051#op12"}
    assert hits[0].score >= hits[-1].score


def test_did_you_mean_from_the_library_vocabulary(searcher):
    results = searcher.search("extradtion")
    assert results.total == 0
    assert results.suggestion == "extradition"
    assert searcher.search("biometric extradtion").suggestion == "biometric extradition"
    # Field clauses and wildcards are not misspellings.
    assert searcher.search("kind:operative extradtion").suggestion == "kind:operative extradition"
    assert searcher.search("PNR").suggestion is None


def test_paragraph_numbers_come_with_the_hits(searcher):
    hit = next(h for h in searcher.search("PNR").hits if h.key == "S/RES/2396 (2017)#op12")
    assert hit.number == "12" and hit.kind == "operative" and hit.verb == "Decides"


def test_phrase_shortcut_never_returns_pairs_that_are_not_in_a_row(data_dir):
    """The pairs of "member states shall" both occur here, but not as that phrase."""
    from corpus.model import Block, BlockKind, Document, DocumentKind
    from index.search import Searcher
    from index.store import open_index

    def doc(symbol, texts):
        blocks = [Block(f"op{i}", BlockKind.OPERATIVE, t, number=str(i), verb="Decides")
                  for i, t in enumerate(texts, start=1)]
        return Document(symbol=symbol, body="Security Council", date="2020-01-01", title="T",
                        kind=DocumentKind.RESOLUTION, blocks=blocks)

    decoy = "Decides that Member States and all States shall cooperate;"
    real = "Decides that Member States shall cooperate;"
    index, _ = open_index(data_dir, [doc("S/RES/1 (2020)", [decoy] * 30 + [real])])
    try:
        hits = Searcher(index).search('"member states shall"', limit=5, facets=False).hits
        assert [h.block for h in hits] == ["op31"]
        exact = Searcher(index).search('"member states shall"', limit=None, facets=True)
        assert exact.total == 1
    finally:
        index.close()


@pytest.mark.parametrize("phrase", ['"international peace and security"',
                                    '"in all its forms and manifestations"',
                                    '"Member States shall"'])
def test_phrase_results_are_the_exact_ones(searcher, phrase):
    quick = searcher.search(phrase, limit=5, facets=False)
    every = searcher.search(phrase, limit=None)
    assert {h.key for h in quick.hits} <= {h.key for h in every.hits}
    assert len(quick.hits) == min(5, every.total)
