"""The on-disk index: opened, checked, built, brought up to date, and rebuilt when damaged.

The index lives in ``<data dir>/index``, next to ``index.json`` that records the schema version
and, per document, the content hash it was indexed with. Opening compares that with the library:
a new schema means a full rebuild, changed or new documents are re-indexed, vanished ones are
deleted — all in one Whoosh writer that commits at the end, so a crash or a cancel mid-way leaves
the previous index as it was. ``index.json`` is written after the commit; if it is lost, the next
update simply re-indexes documents it cannot vouch for (deleting their old records first).

A damaged index (unreadable table of contents, missing segment, garbage) is moved aside with a
timestamp and rebuilt, and the reason is reported in ``IndexStatus.messages`` for the user.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import Index, LockError
from whoosh.searching import Searcher

from corpus.model import Document
from index.records import content_hash, paragraph_records
from index.schema import SCHEMA_VERSION, build_schema
from index.weighting import ParagraphBM25

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
INDEX_NAME = "paragraphs"


class IndexCancelled(Exception):
    """The build was cancelled; the index on disk is the one from before."""


class IndexUnavailable(Exception):
    """No usable index could be opened or built (e.g. a read-only data directory)."""


@dataclass
class IndexStatus:
    """What opening the index did, in words a user can be shown."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    rebuilt: bool = False
    messages: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.rebuilt)


class SearchIndex:
    """The paragraph index of one data directory. Create with :func:`open_index`."""

    def __init__(self, directory: Path, ix: Index) -> None:
        self.directory = directory
        self._ix = ix
        self._searcher: Searcher | None = None
        #: Held around every use of the searcher by callers on more than one thread: Whoosh
        #: reads through shared file handles (seek, then read) that two threads would mix up.
        self.lock = threading.RLock()

    @property
    def whoosh(self) -> Index:
        return self._ix

    def searcher(self) -> Searcher:
        """A searcher kept open between queries (opening one costs more than most queries);
        refreshed when a writer has committed since."""
        if self._searcher is not None and not self._searcher.up_to_date():
            # Not Searcher.refresh(): it reuses segment readers and misses deletions made in
            # them since, so a changed document would be found in both its versions.
            self._searcher.close()
            self._searcher = None
        if self._searcher is None:
            self._searcher = self._ix.searcher(weighting=ParagraphBM25())
        return self._searcher

    def doc_count(self) -> int:
        return self.searcher().doc_count()

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        self._ix.close()

    def update(self, documents: list[Document], *, progress: Progress | None = None,
               cancelled: Cancelled | None = None) -> IndexStatus:
        """Bring the index in line with ``documents``: only what changed is (re)indexed."""
        status = IndexStatus()
        meta = _read_meta(self.directory)
        known: dict[str, str] = meta.get("documents", {}) if meta else {}
        wanted = {doc.symbol: doc for doc in documents}
        hashes = {symbol: content_hash(doc) for symbol, doc in wanted.items()}
        stale = [s for s in wanted if known.get(s) != hashes[s]]
        gone = [s for s in known if s not in wanted]
        if not stale and not gone:
            return status
        writer = _writer(self._ix)
        for symbol in gone:
            writer.delete_by_term("sym", symbol)
        _add(writer, [wanted[symbol] for symbol in stale], progress, cancelled, replace=True)
        writer.commit(merge=len(stale) > 1)
        for symbol in stale:
            (status.updated if symbol in known else status.added).append(symbol)
        status.removed = gone
        _write_meta(self.directory, {symbol: hashes[symbol] for symbol in wanted})
        return status


def open_index(data_dir: Path, documents: list[Document], *, rebuild: bool = False,
               progress: Progress | None = None,
               cancelled: Cancelled | None = None) -> tuple[SearchIndex, IndexStatus]:
    """Open the index of ``data_dir`` and bring it up to date with ``documents``.

    Builds it on first use, rebuilds it when the schema changed or ``rebuild`` is asked, and
    recovers from a damaged index by moving it aside. Raises IndexCancelled (the previous
    index untouched) or IndexUnavailable (with a message for the user).
    """
    directory = data_dir / "index"
    messages: list[str] = []
    ix = None
    meta = _read_meta(directory)
    if rebuild:
        pass
    elif meta is not None and meta.get("schema") != SCHEMA_VERSION:
        messages.append("The search index was made by another version of Plenary; "
                        "it is being rebuilt.")
    else:
        try:
            ix = _open_checked(directory)
        except _Damaged as exc:
            aside = _move_aside(directory)
            messages.append(f"The search index was damaged ({exc}); it was moved to "
                            f"{aside.name} and is being rebuilt.")
    if ix is None:
        ix = _build(directory, documents, progress, cancelled)
        index = SearchIndex(directory, ix)
        status = IndexStatus(added=[d.symbol for d in documents], rebuilt=True)
    else:
        index = SearchIndex(directory, ix)
        status = index.update(documents, progress=progress, cancelled=cancelled)
    status.messages = messages + status.messages
    return index, status


class _Damaged(Exception):
    pass


def _open_checked(directory: Path) -> Index | None:
    """The existing index, None if there is none, or _Damaged if it cannot be trusted."""
    if not whoosh_index.exists_in(str(directory), indexname=INDEX_NAME):
        if directory.exists() and any(directory.iterdir()):
            raise _Damaged("its table of contents is missing")
        return None
    try:
        ix = _open(directory)
        with ix.searcher() as searcher:
            reader = searcher.reader()
            # Touch every segment's files: a truncated or missing segment fails here, not
            # in the middle of the user's first query.
            for fieldname in ("sym", "text", "words"):
                next(iter(reader.lexicon(fieldname)), None)
            if reader.doc_count_all():
                reader.stored_fields(0)
        return ix
    except Exception as exc:  # any failure to read the index means it is damaged
        raise _Damaged(type(exc).__name__) from exc


def _build(directory: Path, documents: list[Document], progress: Progress | None,
           cancelled: Cancelled | None) -> Index:
    """Build a fresh index next to the old one and swap it in only when complete."""
    try:
        directory.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix="index-building-", dir=directory.parent))
    except OSError as exc:
        raise IndexUnavailable(f"cannot write the search index in {directory.parent} "
                               f"({exc.strerror})") from exc
    try:
        storage = FileStorage(str(staging), supports_mmap=False)
        ix = storage.create_index(build_schema(), indexname=INDEX_NAME)
        writer = _writer(ix, procs=_build_processes(len(documents)))
        _add(writer, documents, progress, cancelled, replace=False)
        writer.commit()
        ix.close()
        _write_meta(staging, {doc.symbol: content_hash(doc) for doc in documents})
        if directory.exists():
            old = directory.with_name(f"{directory.name}.old-{os.getpid()}")
            os.replace(directory, old)
            os.replace(staging, directory)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, directory)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return _open(directory)


def _open(directory: Path) -> Index:
    """Open without mmap: Whoosh's mmap path copies each segment's postings into memory
    (BytesIO over the mapping), which cost 470 MB per open reader at 100,000 paragraphs;
    plain file reads keep a searcher under 100 MB at about the same speed."""
    return FileStorage(str(directory), supports_mmap=False).open_index(INDEX_NAME)


def _add(writer, documents: list[Document], progress: Progress | None,
         cancelled: Cancelled | None, *, replace: bool) -> None:
    """Add the paragraphs of ``documents``; on cancel or error nothing of the writer is kept."""
    try:
        for done, doc in enumerate(documents, start=1):
            if cancelled and cancelled():
                raise IndexCancelled()
            if replace:
                writer.delete_by_term("sym", doc.symbol)
            for record in paragraph_records(doc):
                writer.add_document(**record)
            if progress:
                progress(done, len(documents))
    except BaseException:
        writer.cancel()
        raise


def _build_processes(documents: int) -> int:
    # Whoosh's multi-process writer pays off only for big builds; it forks, so keep it modest.
    return min(2, os.cpu_count() or 1) if documents >= 200 else 1


def _writer(ix: Index, procs: int = 1):
    """A writer, waiting a little for another process (another Plenary) to finish its update."""
    deadline = time.monotonic() + 10
    while True:
        try:
            if procs > 1:
                # One segment per process, not merged: merging would rewrite the whole index
                # once more. Queries do not suffer from two segments (fuzzy look-ups go through
                # index.vocabulary, not Whoosh's per-segment automata).
                return ix.writer(procs=procs, limitmb=192, multisegment=True)
            return ix.writer(limitmb=128)
        except LockError:
            if time.monotonic() > deadline:
                raise IndexUnavailable("the search index is being updated by another Plenary "
                                       "window; try again when it has finished") from None
            time.sleep(0.2)


def _move_aside(directory: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = directory.with_name(f"{directory.name}.damaged-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = directory.with_name(f"{directory.name}.damaged-{stamp}-{n}")
    os.replace(directory, aside)
    return aside


META_NAME = "plenary-index.json"


def _read_meta(directory: Path) -> dict | None:
    try:
        meta = json.loads((directory / META_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def _write_meta(directory: Path, documents: dict[str, str]) -> None:
    data = json.dumps({"schema": SCHEMA_VERSION, "documents": documents}, indent=1)
    fd, tmp = tempfile.mkstemp(dir=directory, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(data)
    os.replace(tmp, directory / META_NAME)
