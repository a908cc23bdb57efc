"""How fast the search layer is on a big library, next to SQLite FTS5 as the peer baseline.

    python benchmarks/search_bench.py --paragraphs N [--rounds R] [--seed S] [--keep DIR] [--json]

A library of N paragraphs is made deterministically from the bundled documents: the bundled
resolutions themselves, then synthetic resolutions whose paragraphs are real clauses recombined
to real lengths, opened with real preambular and operative phrases, and citing many distinct
resolutions and years (so the term statistics, and the size of the lexicon that fuzzy queries
walk, look like a real library's). The corpus goes through the real index code: ``open_index``
builds it, ``SearchIndex.update`` adds one more resolution, ``Searcher.search`` answers a fixed
mix of queries (terms, common terms, phrases, boolean, fuzzy, filtered) with highlighted
snippets for the top 20. The same paragraphs and the same logical queries then go to an FTS5
table (porter tokenizer, bm25, ``snippet()``), the baseline the targets are stated against.

Prints JSON (progress goes to stderr); times are milliseconds unless named ``_s``. Not a test:
shared machines are noisy, and the targets are for the 2-core reference machine at N = 100,000.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus.library import load_library
from corpus.model import PARAGRAPH_KINDS, Block, BlockKind, Document, DocumentKind
from index.building import build_processes
from index.progress import TerminalProgress
from index.search import Searcher
from index.store import SearchIndex, open_index

TARGETS = {
    "query_p95_ms": 50,
    "p95_ratio": 5,
    "class_p95_ratio": 5,
    "build_s": 45,
    "build_ratio": 20,
    "incremental_add_s": 1,
    "rss_mb": 300,
}
CLASSES = ("term", "common", "phrase", "boolean", "fuzzy", "filtered")
LIMIT = 20
ADDED_PARAGRAPHS = 85  # the incremental add: one resolution of this many paragraphs


# --- the query mix ----------------------------------------------------------------------------

_SYMBOL_TOKENS = "(' ' || replace(replace(replace(symbol, '/', ' '), '(', ' '), ')', ' ') || ' ')"


@dataclass(frozen=True)
class BenchQuery:
    """One logical query, as the reader's search box takes it and as FTS5 takes it."""

    cls: str
    whoosh: str
    fts5: str  # the MATCH expression
    where: str = ""  # an extra SQL condition on the unindexed columns (filtered queries)


QUERIES = (
    BenchQuery("term", "PNR", "PNR"),
    BenchQuery("term", "extradition", "extradition"),
    BenchQuery("term", "biometric", "biometric"),
    BenchQuery("term", "INTERPOL", "INTERPOL"),
    BenchQuery("common", "terrorism", "terrorism"),
    BenchQuery("common", "Member States", "Member States"),
    BenchQuery("common", "international", "international"),
    BenchQuery("phrase", '"soft targets"', '"soft targets"'),
    BenchQuery("phrase", '"Member States shall"', '"Member States shall"'),
    BenchQuery("phrase", '"in all its forms and manifestations"',
               '"in all its forms and manifestations"'),
    BenchQuery("phrase", '"international peace and security"',
               '"international peace and security"'),
    BenchQuery("boolean", "extradition OR prosecution", "extradition OR prosecution"),
    BenchQuery("boolean", "terrorism NOT financing", "terrorism NOT financing"),
    BenchQuery("boolean", "(PNR OR API) AND data", "(PNR OR API) AND data"),
    BenchQuery("fuzzy", "biometrc~", "biometr*"),
    BenchQuery("fuzzy", "extradtion~", "extradit*"),
    BenchQuery("fuzzy", "terorism~", "terror*"),
    # The verb opens the paragraph's text, so matching it in the text only narrows the rows
    # the exact condition on the verb column is checked on; the result set is the same.
    BenchQuery("filtered", "kind:operative verb:decides", "decides",
               "kind = 'operative' AND (' ' || lower(verb) || ' ') LIKE '% decides %'"),
    BenchQuery("filtered", "year:[2015 TO 2017] extradition", "extradition",
               "year BETWEEN 2015 AND 2017"),
    BenchQuery("filtered", 'body:"general assembly" victims', "victims",
               "body = 'General Assembly'"),
    BenchQuery("filtered", "symbol:2396 biometric", "biometric",
               f"{_SYMBOL_TOKENS} LIKE '% 2396 %'"),
)

NOTES = [
    "fuzzy: FTS5 has no fuzzy matching; its counterpart is a prefix query "
    "(biometrc~ -> biometr*, extradtion~ -> extradit*, terorism~ -> terror*).",
    "filtered: FTS5 matches the text words and filters on UNINDEXED columns in WHERE; "
    "kind:operative verb:decides matches 'decides' in the text (where the verb opens every "
    "paragraph) and checks the verb column exactly.",
    "Whoosh times are Searcher.search(q, limit=20, facets=False): parse, the top 20 with "
    "highlighted snippets and the (estimated) total, what the search box runs as the user "
    "types; FTS5 times are the top 20 rows with snippet() fetched. whoosh_with_facets_* adds "
    "the facet counts over every match, which the reader asks for once typing pauses.",
    "rss_mb is the peak of the whole run, FTS5 included; rss_mb_after_whoosh is the peak before "
    "FTS5 ran; rss_mb_corpus the peak before indexing (the library and the synthetic corpus in "
    "memory); rss_mb_stages the peak after each Whoosh stage; rss_children_mb is the peak of "
    "the index builder processes (index.building: one per share of the library).",
    "agreed_language_*: index.similar.find_similar(limit=15) for 60 paragraphs spread over "
    "the library, each leaving itself out (the Agreed language tab).",
    "build_ratio is build_s / fts5_build_s, both timed in this run. build_cpu_s is the CPU "
    "time of the Whoosh build, this process and its builder processes together: on a shared "
    "machine the wall time depends on what else runs (load_average, before and after), the "
    "CPU time much less. incremental_add_s is SearchIndex.update() adding one resolution of "
    "85 paragraphs to this library (incremental_add_library_documents resolutions).",
]


# --- the synthetic corpus ---------------------------------------------------------------------

_PIECES = re.compile(r"(?<=[,;])\s+")
_SC_CITATION = re.compile(r"\b\d{3,4} \(\d{4}\)")
_GA_CITATION = re.compile(r"\b\d{2}/\d{1,3}\b")
#: Security Council resolution numbers at the start of some years, for plausible symbol years.
_SC_YEARS = ((1990, 645), (1995, 983), (2000, 1284), (2005, 1580), (2010, 1903), (2015, 2196),
             (2017, 2336), (2018, 2397), (2020, 2505), (2023, 2672), (2026, 2800), (2027, 2900))


def sc_year(number: int) -> int:
    """The year a Security Council resolution of this number was (or would be) adopted."""
    for (year, first), (next_year, following) in zip(_SC_YEARS, _SC_YEARS[1:], strict=False):
        if number < following:
            return year + max(0, number - first) * (next_year - year) // (following - first)
    return _SC_YEARS[-1][0]


def _clean(piece: str) -> str:
    return piece.strip().rstrip(",;:.").strip()


@dataclass
class Material:
    """What synthetic paragraphs are assembled from, all taken from the bundled documents."""

    preambular_openings: list[str]  # one per real preambular paragraph: frequencies kept
    operative_openings: list[str]
    heads: list[str]  # what follows the opening phrase up to the first comma
    clauses: list[str]  # every later clause of every paragraph
    subparagraph_heads: list[str]
    footnotes: list[str]
    headings: list[str]
    titles: list[str]
    lengths: list[int]  # words per real paragraph

    @classmethod
    def of(cls, documents: list[Document]) -> Material:
        m = cls([], [], [], [], [], [], [], [], [])
        for doc in documents:
            m.titles.append(doc.title)
            for block in doc.blocks:
                if block.kind == BlockKind.HEADING:
                    m.headings.append(block.text)
                if block.kind not in PARAGRAPH_KINDS:
                    continue
                m.lengths.append(len(block.text.split()))
                if block.kind == BlockKind.FOOTNOTE:
                    m.footnotes.append(block.text)
                    continue
                pieces = [_clean(p) for p in _PIECES.split(block.text)]
                pieces = [p for p in pieces if p]
                if not pieces:
                    continue
                m.clauses.extend(pieces[1:])
                if block.kind == BlockKind.SUBPARAGRAPH:
                    m.subparagraph_heads.append(pieces[0])
                elif block.verb and pieces[0].startswith(block.verb):
                    openings = (m.preambular_openings if block.kind == BlockKind.PREAMBULAR
                                else m.operative_openings)
                    openings.append(block.verb)
                    head = pieces[0][len(block.verb):].strip()
                    if head:
                        m.heads.append(head)
        return m


class CorpusMaker:
    """Synthetic resolutions, the same ones for the same seed."""

    def __init__(self, material: Material, seed: int, taken: set[str]) -> None:
        self.m = material
        self.rng = random.Random(seed)
        self._symbols = self._symbol_stream(taken)

    def documents(self, paragraphs: int) -> Iterator[Document]:
        """Resolutions of 60–120 paragraphs, ``paragraphs`` in all (the last one may be short)."""
        left = paragraphs
        while left > 0:
            size = min(left, self.rng.randint(60, 120))
            yield self.document(size)
            left -= size

    def document(self, paragraphs: int) -> Document:
        symbol, body, year = next(self._symbols)
        rng = self.rng
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        preambular = min(paragraphs - 1, round(paragraphs * rng.uniform(0.25, 0.45)))
        blocks = [Block("t1", BlockKind.TITLE, f"Resolution {symbol.split('RES/')[-1]}"),
                  Block("intro", BlockKind.INTRO, f"The {body},")]
        blocks += [self._preambular(n) for n in range(1, preambular + 1)]
        blocks += self._operative_part(paragraphs - preambular)
        return Document(
            symbol=symbol, body=body, date=f"{year}-{month:02d}-{day:02d}",
            title=rng.choice(self.m.titles), kind=DocumentKind.RESOLUTION, blocks=blocks,
            meeting=f"{rng.randint(2000, 9999)}th meeting", source="synthetic", format="markdown",
        )

    def _preambular(self, n: int) -> Block:
        verb = self.rng.choice(self.m.preambular_openings)
        return Block(f"pp{n}", BlockKind.PREAMBULAR, self._text(verb, ","), verb=verb)

    def _operative_part(self, paragraphs: int) -> list[Block]:
        """Operative paragraphs, some with sub-paragraphs, some under headings, a few notes."""
        rng = self.rng
        blocks: list[Block] = []
        footnotes = rng.choice((0, 0, 0, 1, 2, 3)) if paragraphs > 10 else 0
        left = paragraphs - footnotes
        headed = rng.random() < 0.3
        number = heading_number = 0
        heading: str | None = None
        while left > 0:
            if headed and number % 12 == 0:
                heading_number += 1
                heading = f"h{heading_number}"
                blocks.append(Block(heading, BlockKind.HEADING, rng.choice(self.m.headings)))
            number += 1
            verb = rng.choice(self.m.operative_openings)
            op_id = f"op{number}"
            blocks.append(Block(op_id, BlockKind.OPERATIVE, self._text(verb, ";"),
                                number=str(number), heading=heading, verb=verb))
            left -= 1
            if left > 1 and rng.random() < 0.08:
                subs = min(left, rng.randint(2, 5))
                for letter in "abcde"[:subs]:
                    text = self._text(None, ";", head=rng.choice(self.m.subparagraph_heads))
                    blocks.append(Block(f"{op_id}.{letter}", BlockKind.SUBPARAGRAPH, text,
                                        number=letter, parent=op_id, heading=heading))
                left -= subs
        blocks[-1].text = blocks[-1].text[:-1] + "."
        for n in range(1, footnotes + 1):
            text = self._cite(rng.choice(self.m.footnotes))
            blocks.append(Block(f"fn{n}", BlockKind.FOOTNOTE, text, number=str(n)))
        return blocks

    def _text(self, verb: str | None, end: str, head: str | None = None) -> str:
        """A paragraph of a realistic length: opening phrase, then real clauses."""
        rng = self.rng
        words = min(320, max(6, round(rng.choice(self.m.lengths) * rng.uniform(0.7, 1.3))))
        parts = [verb] if verb else []
        first = head if head is not None else rng.choice(self.m.heads)
        parts.append(self._cite(first))
        text = " ".join(parts)
        count = len(text.split())
        while count < words:
            clause = self._cite(rng.choice(self.m.clauses))
            text += ", " + clause
            count += len(clause.split())
        return text + end

    def _cite(self, text: str) -> str:
        """Most citations replaced by other resolutions of their kind: many symbols and years."""
        rng = self.rng

        def security_council(match: re.Match) -> str:
            if rng.random() < 0.3:
                return match.group()
            number = rng.randint(645, 2799)
            return f"{number} ({sc_year(number)})"

        def general_assembly(match: re.Match) -> str:
            if rng.random() < 0.3:
                return match.group()
            return f"{rng.randint(45, 80)}/{rng.randint(1, 330)}"

        text = _SC_CITATION.sub(security_council, text)
        return _GA_CITATION.sub(general_assembly, text)

    def _symbol_stream(self, taken: set[str]) -> Iterator[tuple[str, str, int]]:
        """Distinct symbols, about half Security Council, with their body and a year."""
        rng = random.Random(self.rng.random())
        council = rng.sample(range(645, 2800), 2800 - 645)
        assembly = rng.sample([(s, n) for s in range(45, 82) for n in range(1, 331)],
                              (82 - 45) * 330)
        while council or assembly:
            if council and (not assembly or rng.random() < 0.5):
                number = council.pop()
                year = sc_year(number)
                symbol, body = f"S/RES/{number} ({year})", "Security Council"
            else:
                session, number = assembly.pop()
                year = min(2026, 1945 + session + (rng.random() < 0.2))
                symbol, body = f"A/RES/{session}/{number}", "General Assembly"
            if _without_year(symbol) not in taken:
                taken.add(_without_year(symbol))
                yield symbol, body, year
        raise RuntimeError("more documents asked for than there are plausible symbols")


def _without_year(symbol: str) -> str:
    return symbol.split(" (")[0]


def paragraph_count(documents: list[Document]) -> int:
    return sum(1 for doc in documents for b in doc.blocks if b.kind in PARAGRAPH_KINDS)


def make_corpus(library: list[Document], paragraphs: int,
                seed: int) -> tuple[list[Document], Document]:
    """The bundled documents plus synthetic ones, ``paragraphs`` in all; and one more
    resolution of ADDED_PARAGRAPHS paragraphs, kept apart for the incremental add."""
    maker = CorpusMaker(Material.of(library), seed,
                        {_without_year(doc.symbol) for doc in library})
    real = paragraph_count(library)
    documents = list(library) + list(maker.documents(max(0, paragraphs - real)))
    return documents, maker.document(ADDED_PARAGRAPHS)


# --- measuring --------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile, interpolated between the closest ranks."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    rank = (len(ordered) - 1) * p / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def cpu_seconds() -> float:
    """CPU time used so far by this process and its waited-for children (the builders)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def load_average() -> float:
    return round(os.getloadavg()[0], 2)


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)  # Linux reports KiB


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


Timings = dict[BenchQuery, list[float]]
Run = Callable[[BenchQuery], int]  # runs one query, returns how many hits it reports


def time_mix(run: Run, queries: tuple[BenchQuery, ...], rounds: int) -> tuple[Timings, dict]:
    """Every query once untimed (warm-up), then ``rounds`` times timed; and the hit counts."""
    hits = {query: run(query) for query in queries}
    timings: Timings = {query: [] for query in queries}
    for _ in range(rounds):
        for query in queries:
            started = time.perf_counter()
            run(query)
            timings[query].append((time.perf_counter() - started) * 1000)
    return timings, hits


def samples(timings: Timings, cls: str | None = None) -> list[float]:
    return [t for query, times in timings.items() if cls in (None, query.cls) for t in times]


def directory_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20, 1)


@dataclass
class WhooshRun:
    build_s: float
    build_cpu_s: float  # this process and the builder processes
    build_processes: int  # builder processes (1: built in this process)
    timings: Timings
    hits: dict[BenchQuery, int]
    with_facets: Timings  # search(...) with facet counts over every match
    incremental_add_s: float
    after_add: Timings
    first_query_after_add_ms: float
    agreed_language_ms: list[float]  # find_similar of sample paragraphs, as the reader asks
    index_mb: float
    text_terms: int  # the stemmed lexicon a fuzzy query walks
    segments: dict[str, int]  # after the build, after the incremental add
    rss_mb: dict[str, float]  # peak RSS after each stage


def run_whoosh(data_dir: Path, documents: list[Document], added: Document,
               rounds: int) -> WhooshRun:
    rss: dict[str, float] = {}
    progress = TerminalProgress("indexing")
    cpu = cpu_seconds()
    started = time.perf_counter()
    index, _ = open_index(data_dir, documents, progress=progress.update)
    build_s = time.perf_counter() - started
    build_cpu_s = cpu_seconds() - cpu
    progress.finish()
    rss["after_build"] = peak_rss_mb()
    log(f"whoosh: built in {build_s:.1f} s; querying")
    try:
        searcher = Searcher(index)
        segments = {"after_build": _segments(index)}
        text_terms = sum(1 for _ in index.searcher().reader().lexicon("text"))

        # What the search box runs on each keystroke: the top hits with their snippets.
        def run(query: BenchQuery) -> int:
            return searcher.search(query.whoosh, limit=LIMIT, facets=False).total

        timings, hits = time_mix(run, QUERIES, rounds)
        rss["after_queries"] = peak_rss_mb()
        log("whoosh: querying with facet counts")
        # What the facet panel asks for once typing pauses: hits plus counts over every match.
        with_facets, hits = time_mix(
            lambda query: searcher.search(query.whoosh, limit=LIMIT).total, QUERIES, rounds)
        log("whoosh: agreed language")
        agreed_ms = time_agreed_language(index, documents)
        log("whoosh: adding one resolution")
        incremental_add_s = _timed(lambda: index.update([*documents, added]))
        rss["after_add"] = peak_rss_mb()
        first_ms = _timed(lambda: run(QUERIES[0])) * 1000
        after_add, _ = time_mix(run, QUERIES, rounds)
        segments["after_add"] = _segments(index)
        rss["after_queries_after_add"] = peak_rss_mb()
        index_mb = directory_mb(index.directory)
    finally:
        index.close()
    return WhooshRun(round(build_s, 2), round(build_cpu_s, 2), build_processes(documents),
                     timings, hits, with_facets,
                     round(incremental_add_s, 3),
                     after_add, round(first_ms, 1), agreed_ms, index_mb, text_terms, segments,
                     rss)


AGREED_LANGUAGE_SAMPLES = 60


def time_agreed_language(index: SearchIndex, documents: list[Document]) -> list[float]:
    """Milliseconds of index.similar.find_similar for paragraphs spread over the library (what
    the Agreed language tab asks for a paragraph, its own paragraph left out)."""
    from index.similar import find_similar

    paragraphs = [(doc, block) for doc in documents for block in doc.blocks
                  if block.kind in PARAGRAPH_KINDS]
    step = max(1, len(paragraphs) // AGREED_LANGUAGE_SAMPLES)
    times = []
    for doc, block in paragraphs[::step][:AGREED_LANGUAGE_SAMPLES]:
        started = time.perf_counter()
        find_similar(index, block.text, exclude=f"{doc.symbol}#{block.id}", limit=15)
        times.append((time.perf_counter() - started) * 1000)
    return times


def _segments(index: SearchIndex) -> int:
    return sum(1 for _ in index.searcher().reader().leaf_readers())


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


FTS5_SCHEMA = """CREATE VIRTUAL TABLE p USING fts5(
    symbol UNINDEXED, block UNINDEXED, kind UNINDEXED, year UNINDEXED, body UNINDEXED,
    verb UNINDEXED, text, tokenize='porter unicode61 remove_diacritics 2')"""


def fts5_rows(documents: list[Document]) -> Iterator[tuple]:
    for doc in documents:
        for block in doc.blocks:
            if block.kind in PARAGRAPH_KINDS:
                yield (doc.symbol, block.id, block.kind.value, doc.year, doc.body,
                       block.verb or "", block.text)


def fts5_sql(query: BenchQuery) -> str:
    where = f" AND {query.where}" if query.where else ""
    return ("SELECT symbol, block, snippet(p, 6, '<b>', '</b>', '…', 24) FROM p "
            f"WHERE p MATCH ?{where} ORDER BY bm25(p) LIMIT {LIMIT}")


@dataclass
class Fts5Run:
    build_s: float
    timings: Timings
    hits: dict[BenchQuery, int]
    db_mb: float


def run_fts5(db_path: Path, documents: list[Document], rounds: int) -> Fts5Run:
    log("fts5: building")
    started = time.perf_counter()
    connection = sqlite3.connect(db_path)
    try:
        connection.execute(FTS5_SCHEMA)
        connection.executemany("INSERT INTO p VALUES (?, ?, ?, ?, ?, ?, ?)", fts5_rows(documents))
        connection.execute("INSERT INTO p(p) VALUES ('optimize')")  # as Whoosh's optimize=True
        connection.commit()
        build_s = time.perf_counter() - started
        log(f"fts5: built in {build_s:.1f} s; querying")

        def run(query: BenchQuery) -> int:
            return len(connection.execute(fts5_sql(query), (query.fts5,)).fetchall())

        timings, hits = time_mix(run, QUERIES, rounds)
    finally:
        connection.close()
    return Fts5Run(round(build_s, 2), timings, hits, round(db_path.stat().st_size / 2**20, 1))


# --- the report -------------------------------------------------------------------------------


def ms(value: float) -> float:
    return round(value, 2)


def ratio(whoosh: float, fts5: float) -> float:
    return round(whoosh / fts5, 2) if fts5 > 0 else float("inf")


def report(paragraphs: int, documents: int, whoosh: WhooshRun, fts5: Fts5Run,
           corpus_rss: float, load: list[float]) -> dict:
    w_all, f_all = samples(whoosh.timings), samples(fts5.timings)
    per_class = {}
    for cls in CLASSES:
        w, f = samples(whoosh.timings, cls), samples(fts5.timings, cls)
        per_class[cls] = {
            "whoosh_p50_ms": ms(percentile(w, 50)), "whoosh_p95_ms": ms(percentile(w, 95)),
            "fts5_p50_ms": ms(percentile(f, 50)), "fts5_p95_ms": ms(percentile(f, 95)),
            "ratio_p95": ratio(percentile(w, 95), percentile(f, 95)),
            "whoosh_p95_after_add_ms": ms(percentile(samples(whoosh.after_add, cls), 95)),
        }
        per_class[cls]["whoosh_with_facets_p95_ms"] = ms(
            percentile(samples(whoosh.with_facets, cls), 95))
    queries = [{
        "class": query.cls, "whoosh": query.whoosh, "fts5": query.fts5,
        "whoosh_p50_ms": ms(percentile(whoosh.timings[query], 50)),
        "whoosh_p95_ms": ms(percentile(whoosh.timings[query], 95)),
        "fts5_p95_ms": ms(percentile(fts5.timings[query], 95)),
        "whoosh_total": whoosh.hits[query], "fts5_rows": fts5.hits[query],
    } for query in QUERIES]
    result = {
        "paragraphs": paragraphs,
        "documents": documents,
        "build_s": whoosh.build_s,
        "fts5_build_s": fts5.build_s,
        "build_ratio": ratio(whoosh.build_s, fts5.build_s),
        "build_cpu_s": whoosh.build_cpu_s,
        "build_processes": whoosh.build_processes,
        "load_average": load,
        "whoosh_p50_ms": ms(percentile(w_all, 50)),
        "whoosh_p95_ms": ms(percentile(w_all, 95)),
        "whoosh_max_ms": ms(max(w_all)),
        "fts5_p50_ms": ms(percentile(f_all, 50)),
        "fts5_p95_ms": ms(percentile(f_all, 95)),
        "fts5_max_ms": ms(max(f_all)),
        "p95_ratio": ratio(percentile(w_all, 95), percentile(f_all, 95)),
        "whoosh_with_facets_p50_ms": ms(percentile(samples(whoosh.with_facets), 50)),
        "whoosh_with_facets_p95_ms": ms(percentile(samples(whoosh.with_facets), 95)),
        "per_class": per_class,
        "slowest_queries": sorted(queries, key=lambda row: -row["whoosh_p95_ms"])[:5],
        "rss_mb": peak_rss_mb(),
        "rss_mb_after_whoosh": whoosh.rss_mb["after_queries_after_add"],
        "rss_mb_corpus": corpus_rss,
        "rss_mb_stages": whoosh.rss_mb,
        "rss_children_mb": peak_rss_mb(resource.RUSAGE_CHILDREN),
        "incremental_add_s": whoosh.incremental_add_s,
        "incremental_add_library_documents": documents,
        "first_query_after_add_ms": whoosh.first_query_after_add_ms,
        "agreed_language_p50_ms": ms(percentile(whoosh.agreed_language_ms, 50)),
        "agreed_language_p95_ms": ms(percentile(whoosh.agreed_language_ms, 95)),
        "agreed_language_max_ms": ms(max(whoosh.agreed_language_ms, default=0.0)),
        "fuzzy_after_add_p95_ms": per_class["fuzzy"]["whoosh_p95_after_add_ms"],
        "whoosh_p95_after_add_ms": ms(percentile(samples(whoosh.after_add), 95)),
        "index_mb": whoosh.index_mb,
        "segments": whoosh.segments,
        "text_terms": whoosh.text_terms,
        "fts5_db_mb": fts5.db_mb,
        "queries": queries,
        "targets": TARGETS,
    }
    result["within_targets"] = within_targets(result)
    result["notes"] = NOTES
    return result


def within_targets(result: dict) -> dict[str, bool]:
    worst_class = max(row["ratio_p95"] for row in result["per_class"].values())
    return {
        "query_p95_ms": result["whoosh_p95_ms"] <= TARGETS["query_p95_ms"],
        "p95_ratio": result["p95_ratio"] <= TARGETS["p95_ratio"],
        "class_p95_ratio": worst_class <= TARGETS["class_p95_ratio"],
        "build_s": result["build_s"] <= TARGETS["build_s"],
        "build_ratio": result["build_ratio"] <= TARGETS["build_ratio"],
        "incremental_add_s": result["incremental_add_s"] <= TARGETS["incremental_add_s"],
        "rss_mb": result["rss_mb"] <= TARGETS["rss_mb"],
    }


# --- running ----------------------------------------------------------------------------------


def bench(work: Path, paragraphs: int, rounds: int, seed: int) -> dict:
    log("loading the bundled library")
    library = load_library(work / "library").documents
    documents, added = make_corpus(library, paragraphs, seed)
    total = paragraph_count(documents)
    log(f"corpus: {total} paragraphs in {len(documents)} documents")
    corpus_rss = peak_rss_mb()
    load = [load_average()]
    whoosh = run_whoosh(work / "data", documents, added, rounds)
    fts5 = run_fts5(work / "fts5.sqlite3", documents, rounds)
    load.append(load_average())
    return report(total, len(documents), whoosh, fts5, corpus_rss, load)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=10_000,
                        help="paragraphs in the library (the bundled ones included)")
    parser.add_argument("--rounds", type=int, default=5, help="timed repetitions of the mix")
    parser.add_argument("--seed", type=int, default=2396, help="seed of the synthetic corpus")
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it")
    parser.add_argument("--json", action="store_true", help="accepted for symmetry; always JSON")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        if any(args.keep.iterdir()):
            parser.error(f"--keep {args.keep}: the directory is not empty")
        result = bench(args.keep, args.paragraphs, args.rounds, args.seed)
    else:
        work = Path(tempfile.mkdtemp(prefix="plenary-search-bench-"))
        try:
            result = bench(work, args.paragraphs, args.rounds, args.seed)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
