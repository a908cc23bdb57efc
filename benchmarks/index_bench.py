"""How fast the search index is built, next to SQLite FTS5 building the same paragraphs.

    python benchmarks/index_bench.py (--paragraphs N | --documents D) [--rounds R] [--seed S]
                                     [--before]

The library is search_bench's: the bundled documents, then synthetic resolutions up to N
paragraphs; or, with ``--documents``, the bundled documents and copies of the bundled
Security Council resolutions under new symbols up to D documents (load_bench's library of
thousands: real lengths, about eleven paragraphs a resolution). Each round builds the index
as the reader does (``open_index`` on an empty data directory: builder processes, the record
of every file's CRC, the swap into place), then an FTS5 table of the same paragraphs
(search_bench's), back to back so that both meet the same machine, then adds one resolution
of 85 paragraphs to the index (``SearchIndex.update``). The rounds' medians are reported,
and every round. search_bench.py measures the searches on such an index.

``--before`` also builds the index as Plenary did before 2026-12-08 (schema 3: the key and
eight tiers per number indexed, Whoosh's LFU-cached stemmer and its own multi-process writer,
two processes, postings through its external merge sort), the same number of rounds: what the
build of index.building and index.segment_writer bought, measured on this machine today.

Prints JSON (progress on stderr). Times are seconds. ``build_cpu_s`` counts this process and
its builder processes: on a shared machine the wall time depends on what else runs (see
``load_average``, before and after each round), the CPU time much less.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import os
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from search_bench import (
    FTS5_SCHEMA,
    fts5_rows,
    log,
    make_corpus,
    paragraph_count,
)

from corpus.library import load_library
from corpus.model import Document
from index.building import build_processes
from index.records import paragraph_records
from index.store import open_index

TARGETS = {"build_s": 45, "build_ratio": 20, "incremental_add_s": 1}


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def load_average() -> float:
    return round(os.getloadavg()[0], 2)


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process and its children) of ``action``."""
    cpu, started = cpu_seconds(), time.perf_counter()
    action()
    return time.perf_counter() - started, cpu_seconds() - cpu


def folder_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20, 1)


def fts5_build(path: Path, documents: list[Document]) -> None:
    """search_bench's FTS5 table of the paragraphs, optimized as Whoosh's is complete."""
    connection = sqlite3.connect(path)
    try:
        connection.execute(FTS5_SCHEMA)
        connection.executemany("INSERT INTO p VALUES (?, ?, ?, ?, ?, ?, ?)",
                               fts5_rows(documents))
        connection.execute("INSERT INTO p(p) VALUES ('optimize')")
        connection.commit()
    finally:
        connection.close()


def plenary_round(work: Path, documents: list[Document], added: Document) -> dict:
    """Build as the reader does, then FTS5, then add one resolution."""
    data = work / "data"
    load = [load_average()]
    index = None

    def build() -> None:
        nonlocal index
        index, _ = open_index(data, documents)

    build_s, build_cpu_s = timed(build)
    try:
        segments = sum(1 for _ in index.searcher().reader().leaf_readers())
        fts5_s, _ = timed(lambda: fts5_build(work / "fts5.sqlite3", documents))
        add_s, _ = timed(lambda: index.update([*documents, added]))
        index_mb = folder_mb(index.directory)
    finally:
        index.close()
    load.append(load_average())
    return {"build_s": round(build_s, 2), "build_cpu_s": round(build_cpu_s, 2),
            "fts5_build_s": round(fts5_s, 2), "build_ratio": round(build_s / fts5_s, 1),
            "incremental_add_s": round(add_s, 3), "segments": segments, "index_mb": index_mb,
            "load_average": load}


def before_schema():
    """Schema 3, as index/schema.py had it before 2026-12-08."""
    from whoosh import fields
    from whoosh.analysis import (
        CharsetFilter,
        LowercaseFilter,
        RegexTokenizer,
        StemFilter,
        StopFilter,
    )
    from whoosh.support.charset import accent_map

    from index.analysis import WORD, PairFilter, keyword_analyzer

    exact = RegexTokenizer(WORD) | LowercaseFilter() | CharsetFilter(accent_map)
    stem = exact | StopFilter(minsize=1) | StemFilter(cachesize=200_000)
    keyword = keyword_analyzer()
    return fields.Schema(
        key=fields.ID(unique=True, stored=True), sym=fields.ID(stored=True, sortable=True),
        symbol=fields.TEXT(analyzer=keyword, phrase=False),
        body=fields.TEXT(analyzer=keyword, phrase=False),
        body_name=fields.ID(stored=True, sortable=True),
        year=fields.NUMERIC(int, stored=True, sortable=True),
        date=fields.ID(stored=True, sortable=True), doctype=fields.ID(stored=True),
        block=fields.ID(stored=True), kind=fields.ID(stored=True, sortable=True),
        number=fields.ID(stored=True), order=fields.NUMERIC(int, stored=True, sortable=True),
        verb=fields.TEXT(analyzer=keyword, phrase=False, stored=True),
        verb_name=fields.ID(sortable=True), heading=fields.STORED(),
        text=fields.TEXT(analyzer=stem, stored=True, phrase=False),
        words=fields.TEXT(analyzer=exact | PairFilter(), phrase=True))


def before_round(work: Path, documents: list[Document]) -> dict:
    """The build before 2026-12-08 (Whoosh's writer, two processes), then FTS5."""
    from whoosh.filedb.filestore import FileStorage

    folder = work / "before"
    folder.mkdir()
    load = [load_average()]

    def build() -> None:
        ix = FileStorage(str(folder), supports_mmap=False).create_index(
            before_schema(), indexname="paragraphs")
        writer = (ix.writer(procs=2, limitmb=192, multisegment=True) if len(documents) >= 200
                  else ix.writer(limitmb=128))
        for doc in documents:
            for record in paragraph_records(doc):
                writer.add_document(**record)
        writer.commit()
        ix.close()

    build_s, build_cpu_s = timed(build)
    fts5_s, _ = timed(lambda: fts5_build(work / "fts5-before.sqlite3", documents))
    load.append(load_average())
    return {"build_s": round(build_s, 2), "build_cpu_s": round(build_cpu_s, 2),
            "fts5_build_s": round(fts5_s, 2), "build_ratio": round(build_s / fts5_s, 1),
            "index_mb": folder_mb(folder), "load_average": load}


def medians(rounds: list[dict]) -> dict:
    keys = [k for k, v in rounds[0].items() if isinstance(v, int | float)]
    return {k: round(statistics.median(r[k] for r in rounds), 3) for k in keys}


def copied_library(library: list[Document], size: int) -> list[Document]:
    """The bundled documents, then copies of the bundled Security Council resolutions under
    new symbols (from S/RES/3001, each in its original's year) up to ``size`` documents."""
    council = [doc for doc in library if doc.symbol.startswith("S/RES/")]
    copies = [dataclasses.replace(original, symbol=f"S/RES/{3001 + n} ({original.date[:4]})")
              for n, original in zip(range(max(0, size - len(library))),
                                     itertools.cycle(council))]
    return [*library, *copies]


def bench(paragraphs: int, size: int | None, rounds: int, seed: int, before: bool) -> dict:
    with tempfile.TemporaryDirectory(prefix="plenary-index-bench-") as scratch:
        log("loading the bundled library")
        library = list(load_library(Path(scratch) / "library").documents)
    documents, added = make_corpus(library, 0 if size else paragraphs, seed)
    if size:
        documents = copied_library(library, size)
    total = paragraph_count(documents)
    log(f"corpus: {total} paragraphs in {len(documents)} documents")
    corpus_rss = peak_rss_mb()
    after: list[dict] = []
    baseline: list[dict] = []
    for n in range(rounds):
        for kind, run, results in (("plenary", plenary_round, after),
                                   ("before", before_round, baseline)):
            if kind == "before" and not before:
                continue
            work = Path(tempfile.mkdtemp(prefix="plenary-index-bench-"))
            try:
                log(f"round {n + 1}: {kind}")
                results.append(run(work, documents, added) if kind == "plenary"
                               else run(work, documents))
                log(f"round {n + 1}: {kind}: {json.dumps(results[-1])}")
            finally:
                shutil.rmtree(work, ignore_errors=True)
    result = {"paragraphs": total, "documents": len(documents),
              "build_processes": build_processes(documents), **medians(after),
              "rss_mb": peak_rss_mb(), "rss_mb_corpus": corpus_rss,
              "rss_children_mb": peak_rss_mb(resource.RUSAGE_CHILDREN),
              "rounds": after}
    result["within_targets"] = {k: result[k] <= v for k, v in TARGETS.items()}
    if before:
        result["before"] = {**medians(baseline), "rounds": baseline}
        result["speedup"] = {
            "build_s": round(result["before"]["build_s"] / result["build_s"], 1),
            "build_cpu_s": round(result["before"]["build_cpu_s"] / result["build_cpu_s"], 1)}
    result["targets"] = TARGETS
    result["notes"] = [
        "Medians over the rounds; build_ratio is the median of each round's build_s / "
        "fts5_build_s (both timed back to back).",
        "rss_children_mb is the peak of any child process of the run: index builders, and "
        "with --before Whoosh's writer processes too.",
    ]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--paragraphs", type=int, default=100_000,
                      help="paragraphs in the library (the bundled ones included)")
    size.add_argument("--documents", type=int,
                      help="documents in the library: the bundled ones and copies")
    parser.add_argument("--rounds", type=int, default=3, help="builds of each kind")
    parser.add_argument("--seed", type=int, default=2396, help="seed of the synthetic corpus")
    parser.add_argument("--before", action="store_true",
                        help="also build as before 2026-12-08, for comparison")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    print(json.dumps(bench(args.paragraphs, args.documents, args.rounds, args.seed, args.before),
                     indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
