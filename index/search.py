"""Keyword search: hits with snippets, grouped by document, sorted, with facet counts.

``search`` is what the CLI's ``search`` command and the reader's search box call. It never
raises for what the user typed: a malformed query is searched literally and says so in
``SearchResults.message``.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from whoosh import query as q
from whoosh import sorting

from index.analysis import PairFilter, exact_analyzer
from index.query import make_parser, parse
from index.snippets import phrase_spans, snippet
from index.store import SearchIndex

SORTS = ("relevance", "date", "symbol")
#: facet name -> (index field, how a value the user picked becomes a filter)
FACETS = {
    "document": "sym",
    "body": "body_name",
    "year": "year",
    "kind": "kind",
    "verb": "verb_name",
}
_OPERATORS = {"and", "or", "not", "to", "andnot", "andmaybe"}
_EXACT = exact_analyzer()


@dataclass(frozen=True)
class Hit:
    symbol: str
    block: str
    number: str
    kind: str
    score: float
    snippet: str  # HTML-safe: escaped text with <b> around the matches
    date: str
    body: str
    verb: str
    heading: str

    @property
    def key(self) -> str:
        return f"{self.symbol}#{self.block}"


@dataclass(frozen=True)
class DocumentGroup:
    symbol: str
    hits: list[Hit]
    total: int  # matching paragraphs in this document, over all results (not just shown ones)


@dataclass
class SearchResults:
    query: str
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    groups: list[DocumentGroup] = field(default_factory=list)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    suggestion: str | None = None  # "Did you mean …" as a whole corrected query
    literal: bool = False  # the query was malformed and was searched for literally
    message: str | None = None
    elapsed_ms: float = 0.0


class Searcher:
    """Searches one index; keeps the parser and the Whoosh searcher between queries."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self._parser = make_parser(index.whoosh.schema)

    def search(self, text: str, *, limit: int = 50, sort: str = "relevance",
               filters: dict[str, str] | None = None) -> SearchResults:
        started = time.perf_counter()
        parsed = parse(self._parser, text)
        results = SearchResults(query=text, literal=parsed.literal)
        if parsed.literal:
            results.message = ("The query could not be read as written (an unbalanced quote or "
                               "bracket?); its words were searched for instead.")
        searcher = self.index.searcher()
        if parsed.query is not q.NullQuery:
            self._run(searcher, parsed.query, results, limit, sort, _filter(filters))
        if results.total == 0 and text.strip():
            results.suggestion = _suggest(searcher, text)
        results.elapsed_ms = (time.perf_counter() - started) * 1000
        return results

    def _run(self, searcher, query, results: SearchResults, limit: int, sort: str,
             filter_query) -> None:
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r}; one of {', '.join(SORTS)}")
        sortedby = {
            "relevance": None,
            "date": [sorting.FieldFacet("date", reverse=True), sorting.FieldFacet("sym"),
                     sorting.FieldFacet("order")],
            "symbol": [sorting.FieldFacet("sym"), sorting.FieldFacet("order")],
        }[sort]
        found = searcher.search(
            query, limit=limit, sortedby=sortedby, filter=filter_query,
            groupedby={name: sorting.FieldFacet(column) for name, column in FACETS.items()},
            maptype=sorting.Count,
        )
        results.total = len(found)
        stems, phrases = _highlight_terms(query, searcher)
        reader = searcher.reader()
        # With facets Whoosh collects every match; only the first ``limit`` become hits.
        for hit in found if limit is None else found[:limit]:
            fields = hit.fields()
            text = fields.get("text", "")
            spans = _vector_spans(reader, hit.docnum, stems) + phrase_spans(text, phrases)
            results.hits.append(Hit(
                symbol=fields["sym"], block=fields["block"], number=fields.get("number", ""),
                kind=fields["kind"], score=_relevance(hit),
                snippet=snippet(text, spans), date=fields.get("date", ""),
                body=fields.get("body_name", ""), verb=fields.get("verb", ""),
                heading=fields.get("heading", ""),
            ))
        counts = {name: found.groups(name) for name in FACETS}
        results.facets = {
            name: sorted(((str(value), count) for value, count in values.items() if value != ""),
                         key=lambda item: (-item[1], item[0]))
            for name, values in counts.items()
        }
        per_document = dict(results.facets["document"])
        order: list[str] = []
        grouped: dict[str, list[Hit]] = {}
        for hit in results.hits:
            if hit.symbol not in grouped:
                order.append(hit.symbol)
                grouped[hit.symbol] = []
            grouped[hit.symbol].append(hit)
        results.groups = [DocumentGroup(s, grouped[s], per_document.get(s, len(grouped[s])))
                          for s in order]


def _relevance(hit) -> float:
    """The hit's relevance score; sorted searches do not compute one (their "score" is the
    sort key), so they report 0."""
    return round(float(hit.score), 4) if isinstance(hit.score, int | float) else 0.0


def _filter(filters: dict[str, str] | None):
    if not filters:
        return None
    terms = []
    for name, value in filters.items():
        column = FACETS.get(name)
        if column is None:
            raise ValueError(f"unknown filter {name!r}; one of {', '.join(FACETS)}")
        if column == "year":
            terms.append(q.NumericRange("year", int(value), int(value)))
        else:
            terms.append(q.Term(column, value))
    return q.And(terms)


def _highlight_terms(query, searcher) -> tuple[set[str], list[list[str]]]:
    """Stemmed terms to find in the term vectors, and phrases to find in the text."""
    stems: set[str] = set()
    phrases: list[list[str]] = []
    reader = searcher.reader()
    for leaf in query.leaves():
        # Leaf by leaf: Query.existing_terms() skips every field after the first one it meets
        # (its loop variable shadows its ``fieldname`` argument).
        if leaf.field() in ("text", "exact"):
            for fieldname, term in leaf.existing_terms(reader, expand=True):
                term = term.decode("utf-8") if isinstance(term, bytes) else term
                if fieldname == "text":
                    stems.add(term)
                else:
                    phrases.append([term])
        if isinstance(leaf, q.Phrase) and leaf.fieldname == "pairs":
            words = [leaf.words[0].split(PairFilter.SEPARATOR)[0]]
            words += [pair.split(PairFilter.SEPARATOR)[1] for pair in leaf.words]
            phrases.append(words)
        elif isinstance(leaf, q.Term) and leaf.fieldname == "pairs":
            phrases.append(str(leaf.text).split(PairFilter.SEPARATOR))
    return stems, phrases


def _vector_spans(reader, docnum: int, stems: set[str]) -> list[tuple[int, int]]:
    """Character spans of ``stems`` in a paragraph, read from its stored term vector.

    Decoded with the vector's own format: ``reader.vector_as`` decodes with the field's
    posting format instead, which fails for a Characters vector on a Frequency field.
    """
    if not stems or not reader.has_vector(docnum, "text"):
        return []
    decode = reader.schema["text"].vector.decoder("characters")
    spans = []
    vector = reader.vector(docnum, "text")
    while vector.is_active():
        term = vector.id()
        if (term.decode("utf-8") if isinstance(term, bytes) else term) in stems:
            spans.extend((start, end) for _, start, end in decode(vector.value()))
        vector.next()
    return spans


_NOT_WORDS = re.compile(r'\w+:(?:"[^"]*"|\[[^\]]*\]|\{[^}]*\}|\S+)|\S*[*?~]\S*')


def _suggest(searcher, text: str) -> str | None:
    """The query with each word unknown to the library replaced by the closest known word.

    Field clauses (``kind:operative``), wildcards and fuzzy terms are left alone: they are
    not misspellings.
    """
    words_only = _NOT_WORDS.sub(lambda m: " " * len(m.group()), text)
    corrected = text
    changed = False
    reader = searcher.reader()
    # Whoosh reuses one Token object while iterating: copy what is needed first.
    tokens = [(t.text, t.startchar, t.endchar) for t in _EXACT(words_only, chars=True)]
    for word, start, end in reversed(tokens):
        if word in _OPERATORS or word.isdigit() or reader.doc_frequency("exact", word):
            continue
        if len(word) < 3:
            continue
        options = searcher.suggest("exact", word, limit=1, maxdist=1 if len(word) <= 5 else 2)
        if options and options[0] != word:
            corrected = corrected[:start] + options[0] + corrected[end:]
            changed = True
    return corrected if changed else None
