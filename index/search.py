"""Keyword search: hits with snippets, grouped by document, sorted, with facet counts.

``search`` is what the CLI's ``search`` command and the reader's search box call. It never
raises for what the user typed: a malformed query is searched literally and says so in
``SearchResults.message``; a query Whoosh fails on is retried literally.

Every query is bounded in time (``TIME_LIMIT``, checked by the collector, in the loops that
expand wildcard and fuzzy terms, count facets and suggest spellings): what was found by then is
shown with a message, and the index's lock is never held much past the limit, so a later
search does not wait behind a slow one. Query size is capped in index.query. A failure that is
the index's (damaged files) is recognised (``SearchIndex.check_failure``) and reported as
``SearchResults.damaged``, for the caller to rebuild the index.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from whoosh import query as q
from whoosh import sorting
from whoosh.collectors import FilterCollector, TimeLimit, WrappingCollector

from index.analysis import PairFilter
from index.query import MAX_WORD_CHARS, ParsedQuery, literal, make_parser, parse, plain_words
from index.snippets import phrase_spans, snippet, stem_spans
from index.store import SearchIndex
from index.vocabulary import FuzzyVocabulary, edit_distance

SORTS = ("relevance", "date", "symbol")
#: facet name -> (index field, how a value the user picked becomes a filter)
FACETS = {
    "document": "sym",
    "body": "body_name",
    "year": "year",
    "kind": "kind",
    "verb": "verb_name",
}


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
    total_exact: bool = True  # False: ``total`` is Whoosh's estimate (facets were not counted)
    hits: list[Hit] = field(default_factory=list)
    groups: list[DocumentGroup] = field(default_factory=list)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    suggestion: str | None = None  # "Did you mean …" as a whole corrected query
    literal: bool = False  # the query was malformed and was searched for literally
    message: str | None = None
    elapsed_ms: float = 0.0
    cut_short: bool = False  # the time limit stopped the search: hits and counts may be partial
    damaged: bool = False  # the index was found damaged (and moved aside): rebuild it


#: Seconds one search may work (the snippets of the hits found come after). The target is an
#: answer within 1 s at 100,000 paragraphs.
TIME_LIMIT = 0.6
#: Misspelt words a "did you mean" looks at: a pasted paragraph in another language is not
#: corrected word by word.
MAX_SUGGESTED_WORDS = 6
CUT_SHORT = ("The search took too long and was stopped after {:.1f} s; the results may be "
             "incomplete. A narrower query answers in full.")
BUSY = "The search index is busy with another search; try again in a moment."


class Deadline:
    """The moment a search must stop; ``passed()`` is cheap enough for any loop."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        return max(0.0, self.end - time.monotonic())

    def passed(self) -> bool:
        return time.monotonic() >= self.end


class _Cut(Exception):
    """The deadline passed in one of our own loops."""


class DeadlineCollector(WrappingCollector):
    """Stops collecting at the deadline (TimeLimit), keeping what was collected. Like Whoosh's
    TimeLimitCollector, without a timer thread or SIGALRM (searches run on worker threads)."""

    def __init__(self, child, deadline: Deadline) -> None:
        super().__init__(child)
        self.deadline = deadline

        self._count = 0

    def collect_matches(self):
        for sub_docnum in self.child.matches():
            self.collect(sub_docnum)

    def collect(self, sub_docnum):
        self._count += 1
        if not self._count & 127 and time.monotonic() >= self.deadline.end:
            raise TimeLimit
        return self.child.collect(sub_docnum)


class Searcher:
    """Searches one index; keeps the parser and the Whoosh searcher between queries."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self._parser = make_parser(index.whoosh.schema)
        self._columns: FacetColumns | None = None
        self._vocabulary: tuple[object, FuzzyVocabulary] | None = None

    def search(self, text: str, *, limit: int | None = 50, sort: str = "relevance",
               filters: dict[str, str] | None = None, facets: bool = True,
               time_limit: float | None = None) -> SearchResults:
        """Hits for ``text``; with ``facets`` also the facet counts over every match.

        Facets need every matching paragraph, hits only the best ``limit``: a search box that
        updates as the user types asks for hits first and facets in a second call. Never takes
        much longer than ``time_limit`` (default ``TIME_LIMIT``), waiting for the index's lock
        included.
        """
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r}; one of {', '.join(SORTS)}")
        started = time.perf_counter()
        deadline = Deadline(TIME_LIMIT if time_limit is None else time_limit)
        results = SearchResults(query=text)
        if self.index.damaged:
            results.message, results.damaged = self.index.damaged, True
            return results
        if not self.index.lock.acquire(timeout=max(deadline.remaining(), 0.01)):
            results.message = BUSY
            return results
        try:
            parsed = parse(self._parser, text)
            try:
                results = self._run(parsed, text, limit, sort, filters, facets, deadline)
            except Exception as exc:  # not the user's doing: the index's, or Whoosh's
                damage = self.index.check_failure(exc)
                if damage:
                    results = SearchResults(query=text, message=damage, damaged=True)
                elif not parsed.literal:
                    results = self._retry_literally(parsed, text, limit, sort, filters, facets,
                                                    deadline, exc)
                else:
                    results = SearchResults(query=text, message=_failed(exc))
        finally:
            self.index.lock.release()
        results.elapsed_ms = (time.perf_counter() - started) * 1000
        return results

    def _retry_literally(self, parsed: ParsedQuery, text: str, limit, sort, filters, facets,
                         deadline: Deadline, error: Exception) -> SearchResults:
        try:
            results = self._run(literal(self._parser, parsed.text, parsed.notes), text, limit,
                                sort, filters, facets, deadline)
        except Exception:
            return SearchResults(query=text, message=_failed(error))
        results.message = " ".join(filter(None, [
            "The query could not be searched as written; its words were searched for instead.",
            *parsed.notes, CUT_SHORT.format(deadline.seconds) if results.cut_short else None]))
        return results

    def _run(self, parsed: ParsedQuery, text: str, limit, sort, filters, facets,
             deadline: Deadline) -> SearchResults:
        results = SearchResults(query=text, literal=parsed.literal)
        notes = list(parsed.notes)
        if parsed.literal:
            notes.insert(0, "The query could not be read as written (an unbalanced quote or "
                            "bracket, or a field that cannot be searched?); its words were "
                            "searched for instead.")
        searcher = self.index.searcher()
        try:
            if parsed.query is not q.NullQuery:
                query = expand_terms(parsed.query, searcher.reader(), self._fuzzy(searcher),
                                     deadline=deadline)
                filter_query = _filter(filters)
                self._hits(searcher, query, filter_query, results, limit, sort, deadline)
                if facets:
                    self._facets(searcher, query, filter_query, results, deadline)
            if results.total == 0 and text.strip():
                results.suggestion = _suggest(searcher, parsed.text, deadline)
        except _Cut:
            results.cut_short = True
        results.groups = _groups(results)
        if results.cut_short:
            notes.append(CUT_SHORT.format(deadline.seconds))
        results.message = " ".join(notes) or None
        return results

    def _fuzzy(self, searcher) -> FuzzyVocabulary:
        if self._vocabulary is None or self._vocabulary[0] is not searcher:
            terms = (t.decode("utf-8") if isinstance(t, bytes) else t
                     for t in searcher.reader().lexicon("text"))
            self._vocabulary = (searcher, FuzzyVocabulary(terms))
        return self._vocabulary[1]

    def _hits(self, searcher, query, filter_query, results: SearchResults, limit: int | None,
              sort: str, deadline: Deadline) -> None:
        sortedby = {
            "relevance": None,
            "date": [sorting.FieldFacet("date", reverse=True), sorting.FieldFacet("sym"),
                     sorting.FieldFacet("order")],
            "symbol": [sorting.FieldFacet("sym"), sorting.FieldFacet("order")],
        }[sort]
        hits = None
        if sort == "relevance" and limit:
            hits = self._phrases_verified(searcher, query, filter_query, results, limit, deadline)
        if hits is None:
            found = _collect(searcher, query, deadline, results, limit=limit, sortedby=sortedby,
                             filter=filter_query)
            if results.cut_short:
                results.total, results.total_exact = found.scored_length(), False
            else:
                results.total = (len(found) if found.has_exact_length()
                                 else found.estimated_length())
                results.total_exact = found.has_exact_length()
            # Not list(found): list() asks len() first, and Results.__len__ runs the whole
            # query again to count every match exactly (doubling a common word's cost).
            hits = [hit for hit in found]
        stems, phrases = _highlight_terms(query, searcher)
        for hit in hits:
            fields = hit.fields()
            text = fields.get("text", "")
            spans = stem_spans(text, stems) + phrase_spans(text, phrases)
            results.hits.append(Hit(
                symbol=fields["sym"], block=fields["block"], number=fields.get("number", ""),
                kind=fields["kind"], score=_relevance(hit),
                snippet=snippet(text, spans), date=fields.get("date", ""),
                body=fields.get("body_name", ""), verb=fields.get("verb", ""),
                heading=fields.get("heading", ""),
            ))

    def _phrases_verified(self, searcher, query, filter_query, results: SearchResults,
                          limit: int, deadline: Deadline) -> list | None:
        """The best hits of a query whose phrases must all hold, found without positions.

        A phrase of n words is n-1 word-pair terms at consecutive positions; checking the
        positions of every candidate is the slowest part of a phrase of common words. The pairs
        alone (AND, no positions) rank the candidates; the best are then checked against their
        stored text, which only lets through the rare paragraph that has all the pairs but not
        in a row. None (search exactly instead) when the query's shape or the candidates do not
        allow that shortcut.
        """
        loose, phrases = _loosened(query)
        if loose is None:
            return None
        found = _collect(searcher, loose, deadline, results, limit=limit * 2,
                         filter=filter_query)
        verified = [hit for hit in found
                    if all(phrase_spans(hit.get("text", ""), [words]) for words in phrases)]
        if (len(verified) < limit and found.scored_length() == limit * 2
                and not results.cut_short):
            return None  # too many false candidates to trust the shortcut
        results.total = found.scored_length() if results.cut_short else found.estimated_length()
        results.total_exact = False
        return verified[:limit]

    def _facets(self, searcher, query, filter_query, results: SearchResults,
                deadline: Deadline) -> None:
        if self._columns is None or self._columns.searcher is not searcher:
            self._columns = FacetColumns(searcher)
        matching = query if filter_query is None else q.And([query, filter_query])
        docnums = []
        end = deadline.end
        for n, docnum in enumerate(searcher.docs_for_query(matching)):
            docnums.append(docnum)
            if not n & 1023 and time.monotonic() >= end:
                results.cut_short = True
                break
        results.facets = self._columns.count(docnums)
        if not results.cut_short:
            results.total, results.total_exact = len(docnums), True


class FacetColumns:
    """The facet columns of one index generation, read once into memory.

    Counting facets is then a pass over the matching document numbers: Whoosh's own grouping
    reads the columns through its collectors for every query, several times slower.
    """

    def __init__(self, searcher) -> None:
        self.searcher = searcher
        reader = searcher.reader()
        self._values = {name: list(reader.column_reader(column))
                        for name, column in FACETS.items()}

    def count(self, docnums: list[int]) -> dict[str, list[tuple[str, int]]]:
        facets = {}
        for name, values in self._values.items():
            counts = Counter(values[n] for n in docnums)
            counts.pop("", None)
            facets[name] = sorted(((str(v), c) for v, c in counts.items()),
                                  key=lambda item: (-item[1], item[0]))
        return facets


def _collect(searcher, query, deadline: Deadline, results: SearchResults, **kwargs):
    """Whoosh's Results for ``query``, stopped at the deadline (``results.cut_short``)."""
    filter_query = kwargs.pop("filter", None)
    collector = DeadlineCollector(searcher.collector(**kwargs), deadline)
    if filter_query is not None:  # outermost, as Whoosh puts it: it sees the matches first
        collector = FilterCollector(collector, filter_query)
    try:
        searcher.search_with_collector(query, collector)
    except TimeLimit:
        results.cut_short = True
    return collector.results()


def _failed(error: Exception) -> str:
    return (f"The query could not be searched ({type(error).__name__}); try fewer or simpler "
            "words.")


def _groups(results: SearchResults) -> list[DocumentGroup]:
    """The hits grouped by document, in order of each document's best hit."""
    per_document = dict(results.facets.get("document", []))
    grouped: dict[str, list[Hit]] = {}
    for hit in results.hits:
        grouped.setdefault(hit.symbol, []).append(hit)
    return [DocumentGroup(symbol, hits, per_document.get(symbol, len(hits)))
            for symbol, hits in grouped.items()]


#: A wildcard such as ``a*`` could expand to most of the vocabulary; past this many terms the
#: rarest are dropped (they would hardly move the ranking anyway).
MAX_EXPANSION = 512


def expand_terms(query, reader, fuzzy: FuzzyVocabulary | None = None, *,
                 deadline: Deadline | None = None):
    """Replace fuzzy, wildcard and prefix terms by the terms they match, looked up once.

    Left to Whoosh, a fuzzy term walks the lexicon of every segment for the matcher, again for
    the result count and again for the highlights: three times the slowest part of the query.
    One-edit fuzzy terms on the stemmed text are looked up in ``fuzzy`` instead. Expansion stops
    at ``MAX_EXPANSION`` terms and at the deadline (``_Cut``, once no term was found).
    """

    def expand(node):
        if not isinstance(node, q.MultiTerm):
            return node
        if (fuzzy is not None and isinstance(node, q.FuzzyTerm) and node.fieldname == "text"
                and node.maxdist == 1):
            terms = fuzzy.within_one(node.text, node.prefixlength)
        else:
            terms = set()
            for n, (_, t) in enumerate(node.expanded_terms(reader)):
                terms.add(t.decode("utf-8") if isinstance(t, bytes) else t)
                if len(terms) >= MAX_EXPANSION * 8:
                    break
                if deadline is not None and not n & 63 and deadline.passed():
                    raise _Cut()
        if not terms:
            return q.NullQuery
        if len(terms) > MAX_EXPANSION:
            terms = sorted(terms, key=lambda t: -reader.doc_frequency(node.fieldname, t))
            terms = terms[:MAX_EXPANSION]
        return q.Or([q.Term(node.fieldname, t) for t in sorted(terms)], boost=node.boost)

    return query.accept(expand)


def _loosened(query) -> tuple[object | None, list[list[str]]]:
    """``query`` with each word-pair Phrase replaced by the AND of its pairs, and the phrases'
    words; (None, []) unless every such phrase is required (a Phrase, or one inside an And)."""
    phrases: list[list[str]] = []

    def pairs_to_words(pairs: list[str]) -> list[str]:
        return [pairs[0].split(PairFilter.SEPARATOR)[0]] + [
            pair.split(PairFilter.SEPARATOR)[1] for pair in pairs]

    def loosen(node):
        if isinstance(node, q.Phrase) and node.fieldname == "words":
            phrases.append(pairs_to_words(list(node.words)))
            return q.And([q.Term("words", pair) for pair in node.words], boost=node.boost)
        if isinstance(node, q.And) and all(not isinstance(n, q.Or | q.Not | q.AndNot)
                                           for n in node.subqueries):
            return q.And([loosen(n) for n in node.subqueries], boost=node.boost)
        return node

    loose = loosen(query)
    return (loose, phrases) if phrases else (None, [])


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
        if leaf.field() == "text":
            for _, term in leaf.existing_terms(reader, expand=True):
                stems.add(term.decode("utf-8") if isinstance(term, bytes) else term)
        elif isinstance(leaf, q.Phrase) and leaf.fieldname == "words":
            words = [leaf.words[0].split(PairFilter.SEPARATOR)[0]]
            words += [pair.split(PairFilter.SEPARATOR)[1] for pair in leaf.words]
            phrases.append(words)
        elif isinstance(leaf, q.Term) and leaf.fieldname == "words":
            phrases.append(str(leaf.text).split(PairFilter.SEPARATOR))
    return stems, phrases


def _suggest(searcher, text: str, deadline: Deadline | None = None) -> str | None:
    """The query with each word unknown to the library replaced by the closest known word.

    Field clauses (``kind:operative``), wildcards and fuzzy terms are left alone: they are
    not misspellings. At most ``MAX_SUGGESTED_WORDS`` words are looked at, until the deadline.
    """
    corrected = text
    changed = False
    reader = searcher.reader()
    looked_at = 0
    for word, start, end in reversed(plain_words(text)):
        if (word.isdigit() or len(word) < 3 or len(word) > MAX_WORD_CHARS // 2
                or reader.doc_frequency("words", word)):
            continue
        looked_at += 1
        if looked_at > MAX_SUGGESTED_WORDS or (deadline is not None and deadline.passed()):
            break
        options = _corrections(reader, word, 1 if len(word) <= 5 else 2, deadline)
        if options and options[0] != word:
            corrected = corrected[:start] + options[0] + corrected[end:]
            changed = True
    return corrected if changed else None


def _corrections(reader, word: str, maxdist: int, deadline: Deadline | None) -> list[str]:
    """Words of the library within ``maxdist`` edits of ``word`` (sharing its first letter, as
    nearly every misspelling does), most frequent first. Whoosh's spelling corrector does the
    same but walks the whole lexicon, word pairs included, without a way to stop it: 5 s for one
    word at 100,000 paragraphs."""
    found = []
    separator = PairFilter.SEPARATOR.encode("utf-8")
    for n, term in enumerate(reader.expand_prefix("words", word[:1])):
        if deadline is not None and not n & 255 and deadline.passed():
            break
        if separator in term or abs(len(term) - len(word)) > maxdist * 2:
            continue
        candidate = term.decode("utf-8")
        if abs(len(candidate) - len(word)) <= maxdist and \
                edit_distance(word, candidate, maxdist) <= maxdist:
            found.append(candidate)
    found.sort(key=lambda t: (-reader.frequency("words", t), t))
    return found[:5]
