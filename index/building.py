"""Building an index from documents: in this process, or split between builder processes.

A big library is split into shares of whole documents with about as many paragraphs each; a
builder process per share writes it as one segment (index.segment_writer), and this process
commits the index with all of them, holding Whoosh's writer lock throughout. No segment is
merged afterwards (that would rewrite the index once more); a query reads two segments about
as fast as one, and fuzzy look-ups go through index.vocabulary, not per-segment automata.

Builders are started by ``spawn``: a fresh interpreter that is given its share (pickling a
share of 50,000 paragraphs takes a tenth of a second), never a fork of this process, which in
the reader has Qt's threads (Whoosh's own multi-process writer forked). Spawn imports the
caller's main module again in each builder, as ``__mp_main__``: main.py, the ``plenary``
launcher, pytest and the benchmarks keep their work under ``if __name__ == "__main__"``, as
any caller must. Builders report each document done on a queue (the caller's progress callback
runs here, on the caller's thread); the caller's ``stop`` is asked between reports and the
builders are terminated if it raises; a builder whose parent is gone stops by itself. If a
builder fails for any reason, the whole build is done again in this process.

Measured at 100,000 paragraphs on a shared two-core machine (benchmarks/index_bench.py,
benchmarks/results/index_100k_2026-12-08.json): 13–18 s and 24–28 s of CPU, FTS5 building the
same paragraphs in 1.0–1.2 s; Whoosh's own writer took 83–164 s and 170 s of CPU.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import queue
from collections.abc import Callable, Sequence

from corpus.faults import crash_point
from corpus.model import PARAGRAPH_KINDS, Document
from index.records import paragraph_records
from index.segment_writer import ParagraphWriter

Progress = Callable[[int, int], None]
#: Raises (IndexCancelled, in index.store) when the build is to stop.
Stop = Callable[[], None]

#: Builds of fewer paragraphs stay in this process: starting a builder costs about 0.3 s.
PARALLEL_MIN_PARAGRAPHS = 5_000
#: At most this many builders at once (the target machine has two cores)...
MAX_PROCESSES = 2
#: ...and at most this many paragraphs in one segment: a builder holds its segment's postings
#: in memory (some 350 MB for 75,000 paragraphs), so a bigger library is more shares.
SEGMENT_PARAGRAPHS = 75_000


class BuildFailed(Exception):
    """A builder process failed; the message says how."""


def build_processes(documents: Sequence[Document]) -> int:
    """How many builder processes a build of ``documents`` is worth (1: none, build here)."""
    if paragraph_count(documents) < PARALLEL_MIN_PARAGRAPHS:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(MAX_PROCESSES, cores))


def paragraph_count(documents: Sequence[Document]) -> int:
    return sum(1 for doc in documents for block in doc.blocks if block.kind in PARAGRAPH_KINDS)


def add_documents(writer, documents: Sequence[Document], progress: Progress | None = None,
                  stop: Stop | None = None, *, replace: bool = False,
                  records: Callable[[Document], list[dict]] = paragraph_records) -> None:
    """Add the paragraphs of ``documents`` (``records`` of each) to ``writer``, reporting
    each document done; with ``replace`` a document's earlier paragraphs are deleted first."""
    for done, doc in enumerate(documents, start=1):
        if stop:
            stop()
        if replace:
            writer.delete_by_term("sym", doc.symbol)
        for record in records(doc):
            writer.add_document(**record)
        if progress:
            progress(done, len(documents))


def build(ix, writer: ParagraphWriter, documents: Sequence[Document], *, processes: int,
          progress: Progress | None = None, stop: Stop | None = None) -> None:
    """Add ``documents`` to the empty index ``ix`` and commit it, through ``writer`` (holding
    the index's writer lock); with ``processes`` > 1 in builder processes. On an exception
    (a stop, a failure) nothing is committed and the writer is cancelled. If a builder fails
    (it could not be started, its main module could not be imported again, it was killed),
    the build is done again in this process: the failure, if it is the build's own, recurs
    here with its real message."""
    try:
        shares = split(documents, processes)
        if len(shares) > 1:
            try:
                writer.commit_segments(_run_builders(ix, shares, processes, progress, stop))
                return
            except BuildFailed:
                pass  # build here instead: slower, but a builder's trouble is no lost index
        add_documents(writer, documents, progress, stop)
        writer.commit(merge=False)
    except BaseException:
        with contextlib.suppress(Exception):
            writer.cancel()
        raise


def split(documents: Sequence[Document], processes: int) -> list[list[Document]]:
    """Consecutive shares of ``documents`` with about the same number of paragraphs each: at
    least ``processes`` of them (when there are enough documents), none of more than
    ``SEGMENT_PARAGRAPHS`` paragraphs (unless one document has more)."""
    total = paragraph_count(documents)
    if processes <= 1 or total < PARALLEL_MIN_PARAGRAPHS:
        return [list(documents)]
    count = max(processes, -(-total // SEGMENT_PARAGRAPHS))
    target = total / count
    shares: list[list[Document]] = [[]]
    filled = 0
    for doc in documents:
        size = sum(1 for block in doc.blocks if block.kind in PARAGRAPH_KINDS)
        if shares[-1] and filled + size / 2 > target * len(shares) and len(shares) < count:
            shares.append([])
        shares[-1].append(doc)
        filled += size
    return shares


def _run_builders(ix, shares: list[list[Document]], processes: int,
                  progress: Progress | None, stop: Stop | None) -> list:
    """Write each share as a segment in a builder process, ``processes`` at a time; the
    segments in the order of the shares."""
    context = multiprocessing.get_context("spawn")
    events = context.Queue()
    directory = ix.storage.folder
    waiting = list(enumerate(shares))
    running: dict[int, multiprocessing.process.BaseProcess] = {}
    segments: dict[int, object] = {}
    total = sum(len(share) for share in shares)
    done = 0
    try:
        while len(segments) < len(shares):
            while waiting and len(running) < processes:
                number, share = waiting.pop(0)
                running[number] = _start(context, directory, ix.indexname, number, share,
                                         events)
            crash_point("index:building")
            if stop:
                stop()
            event = _next_event(events, running)
            if event is None:
                continue
            kind, number, payload = event
            if kind == "document":
                done += 1
                if progress:
                    progress(done, total)
            elif kind == "segment":
                segments[number] = payload
                running.pop(number).join()
            else:
                raise BuildFailed(f"an index builder process failed: {payload}")
    finally:
        for builder in running.values():
            builder.terminate()
        for builder in running.values():
            builder.join()
        events.close()
    return [segments[number] for number in range(len(shares))]


def _start(context, directory: str, indexname: str, number: int, share: list[Document],
           events) -> multiprocessing.process.BaseProcess:
    builder = context.Process(target=write_share, name=f"plenary-index-builder-{number}",
                              args=(directory, indexname, number, share, events,
                                    os.getpid()), daemon=True)
    try:
        builder.start()
    except Exception as exc:  # no interpreter to start, no pipes left...
        raise BuildFailed(f"an index builder could not be started: {exc}") from exc
    return builder


def _next_event(events, running: dict) -> tuple | None:
    """The next report of a builder, or None after a short wait; a builder that died without
    reporting its segment is a failure."""
    try:
        return events.get(timeout=0.2)
    except queue.Empty:
        pass
    for number, builder in running.items():
        if not builder.is_alive() and builder.exitcode != 0:
            return ("failed", number, f"it ended with exit code {builder.exitcode}")
    return None


def write_share(directory: str, indexname: str, number: int, share: list[Document], events,
                parent: int) -> None:
    """In a builder process: write ``share`` as one segment of the index in ``directory``,
    reporting each document done, then the segment (or the failure)."""
    from whoosh.filedb.filestore import FileStorage

    # This process lives for one share and keeps everything it makes until it writes the
    # segment: the cycle collector would only walk those objects again and again (a tenth of
    # the build); what little cyclic garbage there is goes when the process ends.
    gc.disable()
    try:
        ix = FileStorage(directory, supports_mmap=False).open_index(indexname)
        writer = ParagraphWriter(ix, _lk=False)  # the parent holds the lock

        def orphaned() -> None:
            if os.getppid() != parent:  # the build was abandoned: nobody will commit this
                os._exit(1)

        add_documents(writer, share, lambda done, total: events.put(("document", number, done)),
                      orphaned)
        crash_point("index:builder")
        events.put(("segment", number, writer.finish_segment()))
    except BaseException as exc:  # reported to the parent, which raises BuildFailed
        events.put(("failed", number, f"{type(exc).__name__}: {exc}"))
        raise
