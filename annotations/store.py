"""The annotations database: the one file in the data directory a user cannot rebuild.

The document cache and the search index can be thrown away and made again from the sources;
highlights, notes and bookmarks cannot. So this store is built not to lose them:

* every write is one SQLite transaction (BEGIN IMMEDIATE … COMMIT) in WAL mode with
  ``synchronous=FULL``: a write that returned survives a crash or a kill, a failed one changes
  nothing;
* the file is checked when opened; from a damaged one every readable row is saved into a fresh
  file, the original kept aside (never deleted or overwritten), and the user is told what was
  saved, what was not and where the original went; a row that cannot be an annotation (a
  value of the wrong type) is skipped and reported, and left in the file;
* a backup is taken on the first open of each day and before every schema migration, the newest
  few are kept, and one can be put back with :meth:`AnnotationStore.restore_backup`, atomically
  (``annotations.restoring``: a restore a crash interrupted is completed or undone at the next
  open, and the user told);
* a file that cannot be written (a read-only directory, a schema from a newer Plenary, another
  window holding it) is opened read-only rather than failing, and ``problem`` says why.

This module is the store's API (reads, writes, imports, restoring a backup); the steps behind
it have their own modules: the SQL in ``annotations.schema``, opening the file in
``annotations.opening``, moving files and the lock in ``annotations.files``, the backups in
``annotations.backups``, restoring one in ``annotations.restoring``, saving what a damaged file
still holds in ``annotations.salvage``.

Qt-free: the window and the command line share it.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from annotations.anchors import Reanchoring, reanchor_document
from annotations.backups import BackupRefused, list_backups
from annotations.files import (
    WINDOW,
    can_write,
    describe_holder,
    lock_holder,
    take_lock,
    unlock,
)
from annotations.model import Annotation, citation_of
from annotations.opening import (
    OpenReadOnly,
    connect_read_only,
    empty_database,
    is_busy,
    is_full,
    open_writable,
    unreadable_problem,
)
from annotations.restoring import RestoreFailed, restore
from annotations.schema import (
    chunks,
    count_annotations,
    find,
    load,
    placeholders,
    reindex,
    save,
    search_query,
    transaction,
)
from corpus.model import Document

DB_NAME = "annotations.sqlite3"


class Documents(Protocol):
    """Where the store finds a document by symbol: a Library, or any mapping-like lookup."""

    def get(self, symbol: str) -> Document | None: ...


ALREADY_RUNNING = ("Plenary is already running with this data directory (another window has "
                   "the annotations open): they are read-only here until it is closed.")


def _held_by(data_dir: Path, waited: float) -> str:
    """Why the annotations are read-only here: the lock's real holder, by its own record."""
    holder = lock_holder(data_dir)
    pid = holder.get("pid")
    if holder.get("holder", WINDOW) == WINDOW:
        if not isinstance(pid, int):
            return ALREADY_RUNNING
        return ALREADY_RUNNING.replace("another window has",
                                       f"a Plenary window, process {pid}, has")
    waited_for = f" (waited {waited:g} s for it)" if waited else ""
    return (f"The annotations of this data directory are in use by {describe_holder(holder)}"
            f"{waited_for}: they are read-only here until it is done. Try again in a moment.")


class StoreError(Exception):
    """Something the user must be told; ``str(exc)`` is a plain sentence."""


class ReadOnlyStore(StoreError):
    """A write on a store opened read-only (``problem`` says why it is)."""


@dataclass
class MergeSummary:
    """What an import did, id by id, and a sentence for every version it had to choose."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    def line(self) -> str:
        """"3 added, 1 updated, 2 skipped (1 conflict)": one line for a status bar or terminal."""
        text = f"{len(self.added)} added, {len(self.updated)} updated, {len(self.skipped)} skipped"
        if self.conflicts:
            plural = "" if len(self.conflicts) == 1 else "s"
            text += f" ({len(self.conflicts)} conflict{plural})"
        return text


# --- merging -------------------------------------------------------------------------------


def _moment(stamp: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return moment.astimezone(UTC) if moment.tzinfo else moment


def _later(one: str, other: str) -> bool:
    """Whether time ``one`` is after ``other``: by time when both parse (an export may write
    "Z" for "+00:00"), else as strings, which for one format is time order."""
    a, b = _moment(one), _moment(other)
    if a is not None and b is not None and (a.tzinfo is None) == (b.tzinfo is None):
        return a > b
    return one > other


def _when(stamp: str) -> str:
    moment = _moment(stamp)
    if moment is None:
        return stamp
    return moment.strftime("%Y-%m-%d %H:%M") + (" UTC" if moment.tzinfo else "")


def _conflict(kept: Annotation, other: Annotation, imported: bool) -> str:
    where = "the imported" if imported else "the"
    source = "" if imported else " already here"
    return (f"{citation_of(kept, None)}: kept {where} newer version{source} from "
            f"{_when(kept.updated)} (the other is from {_when(other.updated)}).")


def _merge_one(stored: Annotation | None, incoming: Annotation, summary: MergeSummary) -> bool:
    """Record what importing ``incoming`` over ``stored`` does; True if it is to be saved."""
    if stored is None:
        summary.added.append(incoming.id)
        return True
    if stored.same_content(incoming):
        summary.skipped.append(incoming.id)
        return False
    if _later(incoming.updated, stored.updated):
        summary.updated.append(incoming.id)
        summary.conflicts.append(_conflict(incoming, stored, imported=True))
        return True
    summary.skipped.append(incoming.id)
    if _later(stored.updated, incoming.updated):
        summary.conflicts.append(_conflict(stored, incoming, imported=False))
    else:
        summary.conflicts.append(f"{citation_of(stored, None)}: kept the version already here; "
                                 f"the imported one differs but is from the same moment "
                                 f"({_when(stored.updated)}).")
    return False


# --- the store -----------------------------------------------------------------------------


class AnnotationStore:
    """The annotations of one data directory. Create with :meth:`open`, which never fails for
    a file that cannot be written: the store is then ``read_only`` and ``problem`` says why."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, read_only: bool = False,
                 problem: str | None = None, lock: int | None = None,
                 busy_timeout: float = 5.0) -> None:
        self.path = path
        self.read_only = read_only
        self.problem = problem
        self._conn = conn
        self._lock = lock
        self._busy_timeout = busy_timeout
        #: One thread at a time on the connection: the window's UI thread, and a worker
        #: merging an import of annotations.
        self._using = threading.RLock()

    @classmethod
    def open(cls, data_dir: Path, *, exclusive: bool = False, busy_timeout: float = 5.0,
             holder: str = WINDOW, wait: float = 0.0) -> AnnotationStore:
        """Open (creating, checking, migrating, backing up) ``data_dir/annotations.sqlite3``.
        ``exclusive`` holds a lock for the store's life, so a second window opens read-only
        instead of two editing the same annotations. ``holder`` is what the lock file says
        holds it ("window" or "command line"); a command line may ``wait`` that many seconds
        for a lock another command holds (never for a window's)."""
        data_dir = Path(data_dir)
        path = data_dir / DB_NAME
        with contextlib.suppress(OSError):
            data_dir.mkdir(parents=True, exist_ok=True)
        lock, held = take_lock(data_dir, holder, wait) if exclusive else (None, False)
        if held:
            return cls._read_only(path, _held_by(data_dir, wait), busy_timeout)
        if not can_write(path):
            unlock(lock)
            return cls._read_only(path, f"Plenary cannot write to {path}: your annotations "
                                        f"are shown but changes cannot be saved.", busy_timeout)
        try:
            conn, problem = open_writable(path, busy_timeout)
        except OpenReadOnly as exc:
            unlock(lock)
            return cls._read_only(path, str(exc), busy_timeout)
        return cls(path, conn, problem=problem, lock=lock, busy_timeout=busy_timeout)

    @classmethod
    def _read_only(cls, path: Path, problem: str, busy_timeout: float) -> AnnotationStore:
        conn = connect_read_only(path, busy_timeout)
        if conn is None and path.exists():
            problem += " The file could not be read either, so no annotations are shown."
        elif conn is not None:
            problem = "\n\n".join(filter(None, [problem, unreadable_problem(conn, path)]))
        return cls(path, conn or empty_database(), read_only=True, problem=problem,
                   busy_timeout=busy_timeout)

    def close(self) -> None:
        """Close the database and release the lock; safe to call twice."""
        with self._using:
            if self._conn is not None:
                self._conn.close()
                self._conn = None  # type: ignore[assignment]
            unlock(self._lock)
            self._lock = None

    def __enter__(self) -> AnnotationStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # reads

    @contextlib.contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        try:
            with self._using:
                yield self._conn
        except sqlite3.Error as exc:
            raise StoreError(f"The annotations could not be read from {self.path} "
                             f"({exc}).") from exc

    def get(self, annotation_id: str) -> Annotation | None:
        with self._reading() as conn:
            return find(conn, annotation_id)

    def all(self) -> list[Annotation]:
        with self._reading() as conn:
            return load(conn, "FROM annotations a ORDER BY a.created, a.id")

    def for_document(self, symbol: str) -> list[Annotation]:
        with self._reading() as conn:
            return load(conn, "FROM annotations a WHERE a.symbol = ? ORDER BY a.created, a.id",
                         (symbol,))

    def count(self) -> int:
        with self._reading() as conn:
            return count_annotations(conn)

    def tags(self) -> list[str]:
        with self._reading() as conn:
            found = [row[0] for row in conn.execute("SELECT DISTINCT tag FROM tags")]
        return sorted(found, key=lambda tag: (tag.casefold(), tag))

    def search(self, text: str, limit: int = 50) -> list[Annotation]:
        """Annotations whose quote, note or tags have words starting with each of the words
        of ``text``, best first (bm25)."""
        query = search_query(text)
        if not query or limit <= 0:
            return []
        with self._reading() as conn:
            # CROSS JOIN keeps the full-text match as the outer loop.
            return load(conn, "FROM annotation_search s CROSS JOIN annotations a ON a.id = s.id "
                               "WHERE annotation_search MATCH ? "
                               "ORDER BY bm25(annotation_search) LIMIT ?",
                         (query, limit))

    # writes

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One transaction, with SQLite's failures turned into sentences for the user."""
        if self.read_only:
            raise ReadOnlyStore(f"The change was not saved: {self.problem}")
        try:
            with self._using, transaction(self._conn) as conn:
                yield conn
        except sqlite3.Error as exc:
            raise self._write_error(exc) from exc
        except (OverflowError, UnicodeEncodeError) as exc:  # a value SQLite cannot hold
            raise StoreError(f"An annotation holds a value that cannot be saved ({exc}), so "
                             "nothing was saved.") from exc

    def _write_error(self, exc: sqlite3.Error) -> StoreError:
        if is_busy(exc):
            return StoreError(f"The annotations database {self.path} is locked by another "
                              f"program, so the change was not saved. Try again in a moment.")
        if is_full(exc):
            return StoreError(f"The disk holding {self.path} is full, so the change was not "
                              f"saved. Free some space and try again.")
        if isinstance(exc, sqlite3.IntegrityError):
            return StoreError(f"The annotation is not valid ({exc}), so it was not saved.")
        return StoreError(f"The change could not be saved to {self.path} ({exc}); nothing "
                          f"was changed.")

    def add(self, annotation: Annotation) -> Annotation:
        with self._writing() as conn:
            if find(conn, annotation.id) is not None:
                raise StoreError(f"An annotation with id {annotation.id} is already saved, "
                                 f"so it was not added again.")
            save(conn, [annotation])
        return annotation

    def save_many(self, annotations: Iterable[Annotation]) -> None:
        """Add or replace all of them, or none (e.g. after re-anchoring a document)."""
        batch = list(annotations)
        with self._writing() as conn:
            save(conn, batch)

    def apply(self, states: Iterable[tuple[Annotation | None, Annotation | None]]) -> None:
        """Take annotations from one state to another, all or none: ``(None, a)`` adds (or puts
        back) ``a``, ``(a, None)`` deletes it, ``(a, b)`` replaces it. The window's changes,
        undo and redo are all this, with the pairs one way or the other.

        Each ``before`` must be what is stored (None: nothing stored under that id): if another
        program changed an annotation meanwhile, nothing is written and the reader is told,
        rather than an undo putting an old version over a newer one."""
        states = list(states)
        doomed = [before.id for before, after in states if after is None and before is not None]
        with self._writing() as conn:
            for before, after in states:
                key = (before or after).id  # type: ignore[union-attr]
                if find(conn, key) != before:
                    raise StoreError("An annotation was changed elsewhere (another Plenary or "
                                     "the command line) since this window read it, so the "
                                     "change was not saved. Reopen the document to see it.")
            for chunk in chunks(doomed):
                conn.execute(f"DELETE FROM annotations WHERE id IN ({placeholders(chunk)})", chunk)
            save(conn, [after for _before, after in states if after is not None])
            reindex(conn, doomed)

    def reanchor(self, library: Documents) -> Reanchoring:
        """Find each annotation's place again in the documents as they are now (after a parser
        change or a re-import) and save what moved; nothing is written when nothing did.
        Only the documents that have annotations are read: a library of thousands is not
        walked for the few a reader annotated."""
        result = Reanchoring()
        for symbol in self.annotated_symbols():
            doc = library.get(symbol)
            if doc is None:
                continue
            found = reanchor_document(self.for_document(symbol), doc)
            result.changed += found.changed
            result.detached += found.detached
            result.reattached += found.reattached
        if result.changed and not self.read_only:
            self.save_many(result.changed)
        return result

    def annotated_symbols(self) -> list[str]:
        """The documents that have annotations, by symbol."""
        with self._reading() as conn:
            return [row[0] for row in conn.execute(
                "SELECT DISTINCT symbol FROM annotations ORDER BY symbol")]

    def merge(self, annotations: Sequence[Annotation]) -> MergeSummary:
        """Import: new ids are added; for an id already here the newer version wins and each
        such choice is reported. All or nothing."""
        summary = MergeSummary()
        with self._writing() as conn:
            chosen: dict[str, Annotation] = {}
            for incoming in annotations:
                stored = chosen.get(incoming.id) or find(conn, incoming.id)
                if _merge_one(stored, incoming, summary):
                    chosen[incoming.id] = incoming
            save(conn, list(chosen.values()))  # at once: search rows are redone by the batch
        return summary

    # backups

    def backups(self) -> list[Path]:
        """Backup files, newest first."""
        return list_backups(self.path)

    def restore_backup(self, backup: Path) -> Path:
        """Replace the annotations with those of ``backup`` (checked first: a bad one changes
        nothing), atomically (``annotations.restoring``). The current database is kept beside
        it, not deleted; returns where it went."""
        if self.read_only:
            raise ReadOnlyStore(f"The backup was not restored: {self.problem}")
        with self._using:
            return self._restore(Path(backup))

    def _restore(self, backup: Path) -> Path:
        try:
            aside = restore(self.path, backup, self._release)
        except BackupRefused as exc:
            self._reconnect_if_closed()
            raise StoreError(str(exc)) from exc
        except (OSError, sqlite3.Error, RestoreFailed) as exc:
            self._reconnect_if_closed()
            raise StoreError(f"The backup could not be restored ({exc}); your annotations "
                             f"are as they were.") from exc
        self._reconnect()
        return aside

    def _release(self) -> None:
        """Fold the WAL into the file and close it, so the file can be kept aside whole."""
        try:
            busy, log, done = self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.Error as exc:
            raise RestoreFailed(f"{self.path} could not be prepared ({exc})") from exc
        if busy or log != done:
            raise RestoreFailed(f"{self.path} is in use by another program")
        self._conn.close()
        self._conn = None  # type: ignore[assignment]

    def _reconnect_if_closed(self) -> None:
        if self._conn is None:
            self._reconnect()

    def _reconnect(self) -> None:
        """Open the file again after a restore or a failed one; read-only if even that fails,
        so the store is never left without a connection."""
        try:
            self._conn, self.problem = open_writable(self.path, self._busy_timeout)
        except OpenReadOnly as exc:
            self._conn = (connect_read_only(self.path, self._busy_timeout)
                          or empty_database())
            self.read_only, self.problem = True, str(exc)
