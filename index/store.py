"""The on-disk index: opened, checked, built, brought up to date, and rebuilt when damaged.

The index lives in ``<data dir>/index``, with ``plenary-index.json`` beside Whoosh's files: the
schema version, per document the content hash it was indexed with, and per file of the index its
size, modification time and CRC-32, written (durably, after the index files are synced) at the
end of every build and update. Opening compares that record with the library and with the files:

* a new schema, a lost or unreadable record, or files that are not the recorded ones because an
  update was interrupted after Whoosh's commit: the index cannot vouch for its documents (a
  removed document could still be found), so it is rebuilt;
* a file whose size or time differs from the record has its CRC checked; a recorded file missing
  or changed, a table of contents that cannot be read, ``index`` being a file, a folder that
  cannot be read: the index is damaged, moved aside with a timestamp and rebuilt;
* changed or new documents are re-indexed, vanished ones deleted, in one Whoosh writer that
  commits at the end, so a crash or a cancel mid-way leaves the previous index as it was.

A build writes into the staging folder through index.building: a big library in builder
processes, each writing one segment, committed together by this process once all are written
(index.segment_writer's writer, for builds and updates: postings gathered in memory). Killed
builders leave only files of the staging folder, removed as any other.

Damage the opening check cannot see (a segment garbled with its size and time intact) shows as
a query that fails: :meth:`SearchIndex.check_failure` then checks every file's CRC and, if the
index is damaged, moves it aside and says so (the caller rebuilds it; see reader/index_service
and main.py). Every message is in ``IndexStatus.messages`` / ``SearchIndex.damaged`` for the user.

One lock, ``<data dir>/index.lock`` (an advisory lock that dies with its process, naming its
holder), is held by whoever builds, updates, checks or moves the index: a rebuild from the
command line and a window's update wait for each other (bounded) instead of failing midway, and
``index-building-*`` folders of builders that were killed are recognised (nobody holds the
lock) and removed at the next open. A build swapped in half-way is finished or undone there too.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import Index, LockError
from whoosh.searching import Searcher

from corpus.faults import crash_point
from corpus.files import fsync_dir, fsync_file
from corpus.model import Document
from index.building import add_documents, build, build_processes
from index.records import content_hash, paragraph_records
from index.schema import SCHEMA_VERSION, build_schema
from index.segment_writer import ParagraphWriter
from index.weighting import ParagraphBM25

try:  # advisory locking is POSIX; without it (Windows) only Whoosh's own writer lock holds
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
INDEX_NAME = "paragraphs"
LOCK_NAME = "index.lock"
#: How long opening or updating waits for another Plenary to finish with the index.
LOCK_WAIT_S = 10.0
STAGING_PREFIX = "index-building-"


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


# --- the lock ----------------------------------------------------------------------------------

_held: dict[str, tuple[int, int]] = {}  # lock path -> (thread id, depth): re-entry in a thread
_held_guard = threading.Lock()


@contextlib.contextmanager
def index_lock(data_dir: Path, wait: float | None = None, *,
               doing: str = "updated") -> Iterator[None]:
    """Hold the index lock of ``data_dir``, waiting up to ``wait`` seconds for another holder.

    Re-entrant within a thread. Raises IndexUnavailable naming the holder when it stays taken.
    A lock file that cannot be created is no lock (a read-only data directory: nothing will
    be written either)."""
    path = data_dir / LOCK_NAME
    key = str(path)
    me = threading.get_ident()
    with _held_guard:
        owner = _held.get(key)
        if owner and owner[0] == me:
            _held[key] = (me, owner[1] + 1)
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield
        finally:
            with _held_guard:
                _held[key] = (me, _held[key][1] - 1)
        return
    fd = _acquire(path, LOCK_WAIT_S if wait is None else wait, doing)
    with _held_guard:
        _held[key] = (me, 1)
    try:
        yield
    finally:
        with _held_guard:
            _held.pop(key, None)
        if fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            os.close(fd)  # closing the descriptor releases the flock


def _acquire(path: Path, wait: float, doing: str) -> int | None:
    if fcntl is None:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return None
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = _holder(fd)
                os.close(fd)
                raise IndexUnavailable(
                    f"the search index is being {doing} by another Plenary ({holder}); try "
                    "again when it has finished") from None
            time.sleep(0.05)
        except OSError:  # no locking on this file system
            return fd
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {_command()}".encode(), 0)
    return fd


def _holder(fd: int) -> str:
    try:
        pid, _, command = os.pread(fd, 400, 0).decode("utf-8", "replace").partition(" ")
    except OSError:
        return "another process"
    return f"process {pid}: {command}" if pid.isdigit() else "another process"


def _command() -> str:
    argv = [Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python", *sys.argv[1:]]
    return " ".join(argv)[:200]


def holds_lock(data_dir: Path) -> bool:
    """Whether a live process (this one included) holds the index lock of ``data_dir``."""
    try:
        with index_lock(data_dir, wait=0):
            return False
    except IndexUnavailable:
        return True


# --- the index ---------------------------------------------------------------------------------


class SearchIndex:
    """The paragraph index of one data directory. Create with :func:`open_index`."""

    def __init__(self, directory: Path, ix: Index) -> None:
        self.directory = directory
        self._ix = ix
        self._searcher: Searcher | None = None
        #: Held around every use of the searcher by callers on more than one thread: Whoosh
        #: reads through shared file handles (seek, then read) that two threads would mix up.
        self.lock = threading.RLock()
        #: Set when the index was found damaged while in use (and moved aside): what to tell
        #: the user. The index answers no more queries; open a new one (it is rebuilt).
        self.damaged: str | None = None
        #: Called (on the thread that found the damage) with that message.
        self.on_damaged: list[Callable[[str], None]] = []
        #: What opening this index had to say (damage found and repaired, a rebuild): the
        #: search panel shows it.
        self.notices: list[str] = []

    @property
    def data_dir(self) -> Path:
        return self.directory.parent

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
            with contextlib.suppress(Exception):
                self._searcher.close()
            self._searcher = None
        with contextlib.suppress(Exception):
            self._ix.close()

    def update(self, documents: list[Document], *, progress: Progress | None = None,
               cancelled: Cancelled | None = None) -> IndexStatus:
        """Bring the index in line with ``documents``: only what changed is (re)indexed."""
        with index_lock(self.data_dir):
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
            try:
                for symbol in gone:
                    writer.delete_by_term("sym", symbol)
                add_documents(writer, [wanted[symbol] for symbol in stale], progress,
                              _stop(cancelled), replace=True, records=paragraph_records)
            except BaseException:
                writer.cancel()
                raise
            writer.commit(merge=len(stale) > 1)
            crash_point("index:update-committed")
            for symbol in stale:
                (status.updated if symbol in known else status.added).append(symbol)
            status.removed = gone
            _seal(self.directory, {symbol: hashes[symbol] for symbol in wanted}, meta)
            return status

    def check_failure(self, error: BaseException) -> str | None:
        """A query failed with ``error``: is the index damaged? If so it is moved aside, every
        ``on_damaged`` callback is told, and the message for the user is returned; None when
        the index is sound (the query itself was at fault) or cannot be checked now."""
        if self.damaged:
            return self.damaged
        try:
            with index_lock(self.data_dir, wait=2.0, doing="checked"):
                reason = _verify(self.directory, _read_meta(self.directory), full=True)
                if reason is None:
                    return None
                self.close()
                try:
                    aside = _move_aside(self.directory)
                    where = f"it was moved to {aside.name} and"
                except OSError:
                    where = "it"
        except IndexUnavailable:
            return None
        self.damaged = (f"The search index was damaged ({reason}); {where} is being rebuilt. "
                        "Search again when it is ready.")
        for callback in list(self.on_damaged):
            callback(self.damaged)
        return self.damaged


def open_index(data_dir: Path, documents: list[Document], *, rebuild: bool = False,
               progress: Progress | None = None,
               cancelled: Cancelled | None = None) -> tuple[SearchIndex, IndexStatus]:
    """Open the index of ``data_dir`` and bring it up to date with ``documents``.

    Builds it on first use, rebuilds it when the schema changed, its record is lost or
    ``rebuild`` is asked, and recovers from a damaged index by moving it aside. Raises
    IndexCancelled (the previous index untouched) or IndexUnavailable (with a message for the
    user)."""
    directory = data_dir / "index"
    messages: list[str] = []
    ix = None
    with index_lock(data_dir, doing="rebuilt" if rebuild else "updated"):
        _tidy(data_dir, directory)
        if not rebuild:
            ix, reason, damaged = _open_verified(directory)
            if damaged:
                try:
                    aside = _move_aside(directory)
                except OSError as exc:
                    raise IndexUnavailable(f"the search index is damaged ({reason}) and cannot "
                                           f"be moved aside ({exc.strerror})") from exc
                messages.append(f"The search index was damaged ({reason}); it was moved to "
                                f"{aside.name} and is being rebuilt.")
            elif reason:
                messages.append(f"The search index {reason}; it is being rebuilt.")
        if ix is None:
            ix = _build(directory, documents, progress, cancelled)
            index = SearchIndex(directory, ix)
            status = IndexStatus(added=[d.symbol for d in documents], rebuilt=True)
        else:
            index = SearchIndex(directory, ix)
            try:
                status = index.update(documents, progress=progress, cancelled=cancelled)
            except BaseException:
                index.close()
                raise
    status.messages = messages + status.messages
    index.notices = list(status.messages)
    return index, status


class _Damaged(Exception):
    pass


def _open_verified(directory: Path) -> tuple[Index | None, str | None, bool]:
    """(the index, None, False) when it can be used as it is; (None, why, damaged?) when it
    must be rebuilt: damaged means moved aside first; (None, None, False): there is none."""
    if not os.path.lexists(directory):
        return None, None, False
    if not directory.is_dir() or directory.is_symlink():
        return None, "“index” is a file, not a folder", True
    try:
        names = os.listdir(directory)
    except OSError as exc:
        return None, f"its folder cannot be read: {exc.strerror}", True
    if not names:
        return None, None, False
    meta = _read_meta(directory)
    if meta is None:
        if not _has_toc(directory, names):
            return None, "its table of contents is missing", True
        return None, "had lost its record of what it holds", False
    if meta.get("schema") != SCHEMA_VERSION:
        return None, "was made by another version of Plenary", False
    reason = _verify(directory, meta, full=False)
    if reason == _OUT_OF_STEP:
        return None, "was not recorded completely (an update was interrupted)", False
    if reason:
        return None, reason, True
    try:
        ix = _open_checked(directory)
    except _Damaged as exc:
        return None, str(exc), True
    if "files" not in meta:  # recorded by an older Plenary: record the files now
        _seal(directory, meta.get("documents", {}), meta)
    return ix, None, False


_OUT_OF_STEP = "out of step with its record"


def _verify(directory: Path, meta: dict | None, *, full: bool) -> str | None:
    """What is wrong with the files of the index against ``meta``'s record, or None.

    ``full``: the CRC of every file; otherwise only of files whose size or time changed."""
    if meta is None:
        return "its record of what it holds is missing"
    recorded = meta.get("files")
    if not isinstance(recorded, dict):
        return None  # an older record: nothing to compare with
    try:
        present = {p.name: p for p in directory.iterdir()}
    except OSError as exc:
        return f"its folder cannot be read: {exc.strerror}"
    tocs = [name for name in recorded if name.endswith(".toc")]
    if tocs and not all(t in present for t in tocs):
        newer = [n for n in present if n.endswith(".toc") and n not in recorded]
        if newer:
            return _OUT_OF_STEP  # committed after the record was written (a killed update)
    for name, entry in recorded.items():
        path = present.get(name)
        if path is None:
            return f"its file {name} is missing"
        try:
            size, mtime, crc = entry
            stat = path.stat()
            if not full and stat.st_size == size and stat.st_mtime_ns == mtime:
                continue
            if stat.st_size != size:
                return f"its file {name} has the wrong size"
            if _crc(path) != crc:
                return f"its file {name} is garbled"
        except (OSError, ValueError, TypeError) as exc:
            return f"its file {name} cannot be read ({type(exc).__name__})"
    return None


def _has_toc(directory: Path, names: list[str]) -> bool:
    return any(name.endswith(".toc") for name in names)


def _open_checked(directory: Path) -> Index:
    """The existing index, or _Damaged if it cannot be trusted."""
    try:
        if not whoosh_index.exists_in(str(directory), indexname=INDEX_NAME):
            raise _Damaged("its table of contents is missing")
        ix = _open(directory)
        with ix.searcher() as searcher:
            reader = searcher.reader()
            # Touch every segment's files: a truncated or missing segment fails here, not
            # in the middle of the user's first query.
            for fieldname in ("sym", "text", "words"):
                next(iter(reader.lexicon(fieldname)), None)
            if reader.doc_count_all():
                reader.stored_fields(0)
                reader.stored_fields(reader.doc_count_all() - 1)
        return ix
    except _Damaged:
        raise
    except Exception as exc:  # any failure to read the index means it is damaged
        raise _Damaged(f"its files cannot be read: {type(exc).__name__}") from exc


def _tidy(data_dir: Path, directory: Path) -> None:
    """With the lock held, nobody is building: finish or undo a swap that was cut short, and
    remove what killed builders left (staging folders, the previous index of a swap)."""
    try:
        leftovers = [p for p in data_dir.iterdir()
                     if p.name.startswith((STAGING_PREFIX, f"{directory.name}.old-"))]
    except OSError:
        return
    if not leftovers:
        return
    if not os.path.lexists(directory):
        sealed = [p for p in leftovers if p.name.startswith(STAGING_PREFIX)
                  and (p / META_NAME).exists()]
        previous = [p for p in leftovers if p.name.startswith(f"{directory.name}.old-")]
        # A complete new index wins over the previous one; either beats building again.
        for candidate in sorted(sealed, key=_mtime, reverse=True) + \
                sorted(previous, key=_mtime, reverse=True):
            with contextlib.suppress(OSError):
                os.replace(candidate, directory)
                break
    for path in leftovers:
        if path.exists():
            shutil.rmtree(path, ignore_errors=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _build(directory: Path, documents: list[Document], progress: Progress | None,
           cancelled: Cancelled | None) -> Index:
    """Build a fresh index next to the old one and swap it in only when complete (the caller
    holds the index lock)."""
    try:
        directory.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=directory.parent))
    except OSError as exc:
        raise IndexUnavailable(f"cannot write the search index in {directory.parent} "
                               f"({exc.strerror})") from exc
    try:
        crash_point("index:staging")
        storage = FileStorage(str(staging), supports_mmap=False)
        ix = storage.create_index(build_schema(), indexname=INDEX_NAME)
        build(ix, _writer(ix), documents, processes=build_processes(documents),
              progress=progress, stop=_stop(cancelled))
        ix.close()
        crash_point("index:committed")
        _seal(staging, {doc.symbol: content_hash(doc) for doc in documents}, None)
        crash_point("index:sealed")
        if os.path.lexists(directory):
            old = directory.with_name(f"{directory.name}.old-{os.getpid()}")
            if os.path.lexists(old):
                _remove(old)
            os.replace(directory, old)
            crash_point("index:old-moved")
            os.replace(staging, directory)
            fsync_dir(directory.parent)
            crash_point("index:swapped")
            _remove(old)
        else:
            os.replace(staging, directory)
            fsync_dir(directory.parent)
            crash_point("index:swapped")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return _open(directory)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


def _open(directory: Path) -> Index:
    """Open without mmap: Whoosh's mmap path copies each segment's postings into memory
    (BytesIO over the mapping), which cost 470 MB per open reader at 100,000 paragraphs;
    plain file reads keep a searcher under 100 MB at about the same speed."""
    return FileStorage(str(directory), supports_mmap=False).open_index(INDEX_NAME)


def _stop(cancelled: Cancelled | None) -> Callable[[], None]:
    """What the builders ask between documents: raise IndexCancelled once ``cancelled``."""

    def stop() -> None:
        if cancelled and cancelled():
            raise IndexCancelled()

    return stop


def _writer(ix: Index) -> ParagraphWriter:
    """A writer (index.segment_writer's: postings in memory, written by blocks), waiting a
    little for Whoosh's own lock (held by a Plenary that predates the index lock, or by this
    process's other thread)."""
    deadline = time.monotonic() + 10
    while True:
        try:
            return ParagraphWriter(ix)
        except LockError:
            if time.monotonic() > deadline:
                raise IndexUnavailable("the search index is being updated by another Plenary "
                                       "window; try again when it has finished") from None
            time.sleep(0.2)


def _move_aside(directory: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = directory.with_name(f"{directory.name}.damaged-{stamp}")
    n = 1
    while os.path.lexists(aside):
        n += 1
        aside = directory.with_name(f"{directory.name}.damaged-{stamp}-{n}")
    os.replace(directory, aside)
    return aside


# --- the record --------------------------------------------------------------------------------

META_NAME = "plenary-index.json"
_NOT_INDEX = (META_NAME, LOCK_NAME)


def _read_meta(directory: Path) -> dict | None:
    try:
        meta = json.loads((directory / META_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or not isinstance(meta.get("documents"), dict):
        return None
    return meta


def _index_files(directory: Path) -> list[Path]:
    return [p for p in directory.iterdir()
            if p.is_file() and p.name not in _NOT_INDEX and not p.name.endswith(
                ("_WRITELOCK", ".tmp", "_LOCK"))]


def _crc(path: Path) -> int:
    crc = 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc


def _seal(directory: Path, documents: dict[str, str], previous: dict | None) -> None:
    """Make the index files durable, then record them and ``documents`` (atomically, durably).

    A file whose size and time match ``previous``'s record keeps its CRC (Whoosh never
    rewrites a segment file in place), so an update checksums only what it wrote."""
    known = previous.get("files", {}) if previous else {}
    files: dict[str, list[int]] = {}
    for path in _index_files(directory):
        stat = path.stat()
        entry = known.get(path.name) if isinstance(known, dict) else None
        if (isinstance(entry, list) and len(entry) == 3 and entry[0] == stat.st_size
                and entry[1] == stat.st_mtime_ns):
            files[path.name] = entry
            continue
        with contextlib.suppress(OSError):
            fsync_file(path)
        files[path.name] = [stat.st_size, stat.st_mtime_ns, _crc(path)]
    fsync_dir(directory)
    data = json.dumps({"schema": SCHEMA_VERSION, "documents": documents, "files": files},
                      indent=1)
    fd, tmp = tempfile.mkstemp(dir=directory, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, directory / META_NAME)
    fsync_dir(directory)


# --- for soak tests ----------------------------------------------------------------------------


@dataclass
class Usability:
    """Whether an index state is usable without the user's intervention, and if not why."""

    usable: bool
    reason: str = ""
    messages: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.usable


CHECK_QUERIES = ("terrorism", '"member states"', "extradit*", "States NOT council")


def check_usable(data_dir: Path, documents: list[Document], *,
                 queries: tuple[str, ...] = CHECK_QUERIES) -> Usability:
    """Open the index of ``data_dir`` as the app does (its own repairs included), then check
    that it holds exactly ``documents``' paragraphs and answers ``queries`` without error.

    For soak tests that kill Plenary at random and ask whether what it left needs a human."""
    from index.search import Searcher  # search imports this module

    try:
        index, status = open_index(data_dir, documents)
    except Exception as exc:  # any failure to open is the answer
        return Usability(False, f"open failed: {type(exc).__name__}: {exc}")
    try:
        with index.lock:
            reader = index.searcher().reader()
            expected = {doc.symbol: sum(1 for _ in paragraph_records(doc)) for doc in documents}
            found = {}
            for symbol in {*expected, *(_terms(reader, "sym"))}:
                found[symbol] = reader.doc_frequency("sym", symbol)
            found = {s: n for s, n in found.items() if n}
            if index.doc_count() != sum(expected.values()) or found != {
                    s: n for s, n in expected.items() if n}:
                return Usability(False, "the index does not hold the library's paragraphs",
                                 status.messages)
            searcher = Searcher(index)
            for text in queries:
                results = searcher.search(text, limit=10)
                if results.damaged:
                    return Usability(False, f"query {text!r}: {results.message}",
                                     status.messages)
        return Usability(True, "", status.messages)
    except Exception as exc:
        return Usability(False, f"{type(exc).__name__}: {exc}", status.messages)
    finally:
        index.close()


def _terms(reader, fieldname: str) -> list[str]:
    return [t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.lexicon(fieldname)]
