"""The annotations database: the one file in the data directory a user cannot rebuild.

The document cache and the search index can be thrown away and made again from the sources;
highlights, notes and bookmarks cannot. So this store is built not to lose them:

* every write is one SQLite transaction (BEGIN IMMEDIATE … COMMIT) in WAL mode with
  ``synchronous=FULL``: a write that returned survives a crash or a kill, a failed one changes
  nothing;
* the file is checked when opened; a damaged one is moved aside (never deleted or overwritten)
  and a fresh one started, and the user is told where it went;
* a backup is taken on the first open of each day and before every schema migration, the newest
  few are kept, and one can be put back with :meth:`AnnotationStore.restore_backup`;
* a file that cannot be written (a read-only directory, a schema from a newer Plenary, another
  window holding it) is opened read-only rather than failing, and ``problem`` says why.

Qt-free: the window and the command line share it.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from annotations.anchors import Reanchoring, reanchor_document
from annotations.model import Annotation, citation_of
from corpus.model import Document

try:  # advisory locking is POSIX; without it (Windows) the exclusive lock is skipped
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

DB_NAME = "annotations.sqlite3"
LOCK_NAME = "annotations.lock"
BACKUP_DIR = "backups"
#: Backups kept: a working week of daily copies, enough to go back past a bad day unnoticed.
KEEP_BACKUPS = 5
SCHEMA_VERSION = 2
#: SQLite's companion files (WAL, shared memory, a rollback journal left by a crash): they
#: belong to the database and move with it; left behind, SQLite would apply them to a new file.
SIDECARS = ("-wal", "-shm", "-journal")
#: Ids per ``IN (…)`` list: well under SQLite's oldest limit of 999 parameters.
CHUNK = 500

ALREADY_RUNNING = ("Plenary is already running with this data directory (another window has "
                   "the annotations open): they are read-only here until it is closed.")

_COLUMNS = ("id", "symbol", "block", "start", "end", "quote", "prefix", "suffix", "color",
            "note", "created", "updated", "detached")
_QUOTED = [f'"{name}"' for name in _COLUMNS]  # "end" is an SQL keyword
_SELECT = "SELECT " + ", ".join(f"a.{name}" for name in _QUOTED)
_UPSERT = (f"INSERT INTO annotations ({', '.join(_QUOTED)}) "
           f"VALUES ({', '.join('?' * len(_QUOTED))}) ON CONFLICT (id) DO UPDATE SET "
           + ", ".join(f"{name} = excluded.{name}" for name in _QUOTED[1:]))
#: The search row of each annotation: its quote, note and tags (what a user remembers).
_SEARCH_ROWS = ("SELECT a.id, a.quote, a.note, coalesce((SELECT group_concat(t.tag, ' ') "
                "FROM tags t WHERE t.annotation = a.id), '') FROM annotations a")

#: ``MIGRATIONS[n - 1]`` brings the schema from version n - 1 to n. :func:`migrate` runs each
#: step in one transaction with its ``user_version``, so a crash leaves one version or the next.
MIGRATIONS: list[tuple[str, ...]] = [
    (  # 1: annotations and their tags
        """CREATE TABLE annotations (
            id TEXT PRIMARY KEY NOT NULL,
            symbol TEXT NOT NULL,
            block TEXT NOT NULL,
            start INTEGER,
            "end" INTEGER,
            quote TEXT NOT NULL DEFAULT '',
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            color TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            detached INTEGER NOT NULL DEFAULT 0 CHECK (detached IN (0, 1)),
            CHECK ((start IS NULL) = ("end" IS NULL)),
            CHECK (start IS NULL OR start <= "end"))""",
        "CREATE INDEX annotations_symbol ON annotations (symbol)",
        """CREATE TABLE tags (
            annotation TEXT NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (annotation, tag))""",
        "CREATE INDEX tags_tag ON tags (tag)",
    ),
    (  # 2: full-text search over quote, note and tags
        """CREATE VIRTUAL TABLE annotation_search USING fts5(
            id UNINDEXED, quote, note, tags,
            tokenize = 'porter unicode61 remove_diacritics 2')""",
        f"INSERT INTO annotation_search (id, quote, note, tags) {_SEARCH_ROWS}",
    ),
]


class StoreError(Exception):
    """Something the user must be told; ``str(exc)`` is a plain sentence."""


class ReadOnlyStore(StoreError):
    """A write on a store opened read-only (``problem`` says why it is)."""


class _Damaged(Exception):
    """The file is not a sound SQLite database; the message says what SQLite found."""


class _OpenReadOnly(Exception):
    """The file cannot be opened for writing; the message is the problem for the user."""


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


def today() -> date:
    """The local date, naming the daily backup (a function, so tests can move the clock)."""
    return date.today()


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


# --- schema --------------------------------------------------------------------------------


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error. IMMEDIATE takes the write lock first,
    so a busy database fails before anything is done instead of half-way through."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise


def user_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, upto: int = SCHEMA_VERSION) -> int:
    """Bring the schema forward to version ``upto``, one transaction per version, and return
    the version it had. Never goes backwards: a newer file is left alone."""
    found = user_version(conn)
    for version in range(found + 1, upto + 1):
        with transaction(conn):
            for statement in MIGRATIONS[version - 1]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
    return found


# --- rows ----------------------------------------------------------------------------------


def _to_row(annotation: Annotation) -> tuple:
    return (annotation.id, annotation.symbol, annotation.block, annotation.start, annotation.end,
            annotation.quote, annotation.prefix, annotation.suffix, annotation.color,
            annotation.note, annotation.created, annotation.updated, int(annotation.detached))


def _from_row(row: Sequence, tags: Iterable[str]) -> Annotation:
    """Through the constructor, so tags come back normalised and sorted as the model keeps them."""
    values = dict(zip(_COLUMNS, row, strict=True))
    values["detached"] = bool(values["detached"])
    return Annotation(**values, tags=tuple(tags))


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


def _marks(items: Sequence[str]) -> str:
    return ", ".join("?" * len(items))


def _load(conn: sqlite3.Connection, tail: str, params: Sequence = ()) -> list[Annotation]:
    """Annotations of ``SELECT … FROM annotations a <tail>``, with their tags."""
    rows = conn.execute(f"{_SELECT} {tail}", params).fetchall()
    tags: dict[str, list[str]] = {}
    for ids in _chunks([row[0] for row in rows]):
        for owner, tag in conn.execute(
                f"SELECT annotation, tag FROM tags WHERE annotation IN ({_marks(ids)})", ids):
            tags.setdefault(owner, []).append(tag)
    return [_from_row(row, tags.get(row[0], ())) for row in rows]


def _find(conn: sqlite3.Connection, annotation_id: str) -> Annotation | None:
    found = _load(conn, "FROM annotations a WHERE a.id = ?", (annotation_id,))
    return found[0] if found else None


def _save(conn: sqlite3.Connection, annotations: Sequence[Annotation]) -> None:
    """Insert or replace rows and tags, and their search rows, inside the caller's transaction."""
    for annotation in annotations:
        conn.execute(_UPSERT, _to_row(annotation))
        conn.execute("DELETE FROM tags WHERE annotation = ?", (annotation.id,))
        conn.executemany("INSERT INTO tags (annotation, tag) VALUES (?, ?)",
                         [(annotation.id, tag) for tag in annotation.tags])
    _reindex(conn, [annotation.id for annotation in annotations])


def _reindex(conn: sqlite3.Connection, ids: Sequence[str]) -> None:
    """Make the search rows of ``ids`` match their annotations (none for a deleted one). By
    lists of ids, because finding a row by the unindexed id scans the search table."""
    for chunk in _chunks(list(dict.fromkeys(ids))):
        conn.execute(f"DELETE FROM annotation_search WHERE id IN ({_marks(chunk)})", chunk)
        conn.execute(f"INSERT INTO annotation_search (id, quote, note, tags) {_SEARCH_ROWS} "
                     f"WHERE a.id IN ({_marks(chunk)})", chunk)


def search_query(text: str) -> str:
    """The user's words as an FTS5 query: each word a quoted prefix term, all required. Quoting
    every word means no input (quotes, brackets, AND, NEAR) can be read as query syntax."""
    return " AND ".join(f'"{word}"*' for word in re.findall(r"\w+", text))


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
    summary.conflicts.append(_conflict(stored, incoming, imported=False))
    return False


# --- files ---------------------------------------------------------------------------------


def _files(path: Path) -> list[Path]:
    return [path, *(path.with_name(path.name + suffix) for suffix in SIDECARS)]


def _move_aside(path: Path, kind: str) -> Path:
    """Rename the database and its -wal/-shm to ``<name>.<kind>-<stamp>`` (same suffixes), never
    over an existing file: nothing is lost, and SQLite can open the set where it now lies."""
    base = f"{path.name}.{kind}-{_stamp()}"
    target, n = path.with_name(base), 2
    while any(p.exists() for p in _files(target)):
        target, n = path.with_name(f"{base}-{n}"), n + 1
    for source, destination in zip(_files(path), _files(target), strict=True):
        if source.exists():
            os.rename(source, destination)
    return target


def _put_back(aside: Path, path: Path) -> None:
    """Undo :func:`_move_aside`, dropping whatever was put at ``path`` since (only a copy)."""
    for leftover in _files(path):
        leftover.unlink(missing_ok=True)
    for source, destination in zip(_files(aside), _files(path), strict=True):
        if source.exists():
            os.rename(source, destination)


def _can_write(path: Path) -> bool:
    """Checked beforehand, because SQLite opens a file it cannot write read-only without a word
    and fails only at the first write."""
    existing = [p for p in _files(path) if p.exists()]
    return os.access(path.parent, os.W_OK) and all(os.access(p, os.W_OK) for p in existing)


def _take_lock(data_dir: Path) -> tuple[int | None, bool]:
    """The advisory lock of a data directory: (file descriptor, held by someone else). flock
    locks belong to an open file, so a second store in the same process conflicts too. A lock
    file that cannot be created is no lock: the writability check deals with that directory."""
    if fcntl is None:
        return None, False
    try:
        fd = os.open(data_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return None, False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None, True
    except OSError:  # no locking on this file system: rely on SQLite's own
        os.close(fd)
        return None, False
    return fd, False


def _unlock(fd: int | None) -> None:
    if fd is not None:
        os.close(fd)  # closing the descriptor releases the flock


# --- backups -------------------------------------------------------------------------------


def backup_to(conn: sqlite3.Connection, target: Path) -> None:
    """A consistent copy through SQLite's backup API (safe while others write), written under a
    temporary name and renamed at the end, so a crash never leaves half a backup under a real
    backup's name. The copy uses a rollback journal: one self-contained file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")  # not a backup by name: never listed
    partial.unlink(missing_ok=True)
    copy = sqlite3.connect(partial, isolation_level=None)
    try:
        conn.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")
    finally:
        copy.close()
    os.replace(partial, target)


def _backups(path: Path) -> list[Path]:
    """Newest first: names carry the date, and a day's pre-migration copy sorts before its
    daily one, which is taken after the migration."""
    folder = path.parent / BACKUP_DIR
    if not folder.is_dir():
        return []
    return sorted(folder.glob("annotations-*.sqlite3"), key=lambda p: p.name, reverse=True)


def _take_backup(conn: sqlite3.Connection, path: Path, name: str) -> None:
    """A backup named ``name`` (``-2``, ``-3``… if that exists: e.g. a second migration the same
    day, after restoring an old backup), then the oldest beyond KEEP_BACKUPS deleted."""
    target = path.parent / BACKUP_DIR / name
    n = 2
    while target.exists():
        target, n = target.with_name(name.replace(".sqlite3", f"-{n}.sqlite3")), n + 1
    backup_to(conn, target)
    for old in _backups(path)[KEEP_BACKUPS:]:
        for file in _files(old):
            file.unlink(missing_ok=True)


def _count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM annotations").fetchone()[0]


def _daily_backup(conn: sqlite3.Connection, path: Path) -> str | None:
    """Today's backup unless it exists or there is nothing to keep; a failure is only reported:
    the annotations themselves are fine."""
    name = f"annotations-{today().isoformat()}.sqlite3"
    if (path.parent / BACKUP_DIR / name).exists() or not _count(conn):
        return None
    try:
        _take_backup(conn, path, name)
    except (OSError, sqlite3.Error) as exc:
        return (f"Today's backup of the annotations could not be written to "
                f"{path.parent / BACKUP_DIR} ({exc}); your annotations are safe, but the "
                f"newest backup is older.")
    return None


def _open_backup(backup: Path) -> sqlite3.Connection:
    """A read-only connection to ``backup`` once it is known to be a sound annotations
    database this version can read; StoreError otherwise."""
    try:
        conn = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True,
                               isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(f"{backup} cannot be restored: it cannot be opened ({exc}).") from exc
    try:
        reason = _backup_fault(conn)
    except sqlite3.Error as exc:
        reason = f"it is not a readable annotations database ({exc})"
    if reason:
        conn.close()
        raise StoreError(f"{backup} cannot be restored: {reason}. Nothing was changed.")
    return conn


def _backup_fault(conn: sqlite3.Connection) -> str | None:
    if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
        return "it is damaged"
    if user_version(conn) > SCHEMA_VERSION:
        return "it was written by a newer version of Plenary"
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'annotations'").fetchone():
        return "it holds no annotations"
    return None


# --- opening -------------------------------------------------------------------------------


def _code(exc: sqlite3.Error) -> str:
    return getattr(exc, "sqlite_errorname", "") or ""


def _is_damage(exc: sqlite3.Error) -> bool:
    """Only SQLite's own verdict counts: an I/O error or a lock must never move a file aside."""
    return _code(exc).startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))


def _is_busy(exc: sqlite3.Error) -> bool:
    return _code(exc).startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc)


def _is_full(exc: sqlite3.Error) -> bool:
    return _code(exc).startswith("SQLITE_FULL") or "is full" in str(exc)


def _check(conn: sqlite3.Connection) -> None:
    """Raise _Damaged unless SQLite finds the file sound (quick_check: the structure of every
    page, without the slow cross-check of indexes against rows)."""
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        if _is_damage(exc):
            raise _Damaged(str(exc)) from exc
        raise
    if rows != [("ok",)]:
        raise _Damaged("; ".join(str(row[0]) for row in rows[:3]))


def _newer(path: Path, version: int) -> str:
    return (f"The annotations file {path} was written by a newer version of Plenary (schema "
            f"{version}; this one reads up to {SCHEMA_VERSION}): your annotations are shown "
            f"but changes cannot be saved until Plenary is updated.")


def _connect(path: Path, timeout: float) -> sqlite3.Connection:
    """A checked read-write connection; the file is not written before it is known to be
    sound and not newer than this version (journal_mode=WAL writes its header)."""
    conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        _check(conn)
        version = user_version(conn)
        if version > SCHEMA_VERSION:
            raise _OpenReadOnly(_newer(path, version))
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    return conn


def _upgrade(conn: sqlite3.Connection, path: Path) -> None:
    """Migrate to SCHEMA_VERSION, after a backup of any existing annotations: a migration is
    one transaction, but a bug in one would otherwise reach the only copy."""
    version = user_version(conn)
    if version == SCHEMA_VERSION:
        return
    if version >= 1 and _count(conn):
        try:
            _take_backup(conn, path,
                         f"annotations-{today().isoformat()}-before-v{SCHEMA_VERSION}.sqlite3")
        except (OSError, sqlite3.Error) as exc:
            raise _OpenReadOnly(
                f"The annotations in {path} need an upgrade, but no backup could be made "
                f"first ({exc}): they are shown but changes cannot be saved.") from exc
    migrate(conn)


def _damaged(path: Path, aside: Path, reason: str) -> str:
    newest = _backups(path)
    which = f" (the newest is {newest[0].name})" if newest else ""
    return (f"The annotations file was damaged ({reason}). It was moved to {aside} and a new, "
            f"empty one started; you can bring back your annotations from a backup{which} "
            f"with Annotations → Restore Backup….")


def _open_writable(path: Path, timeout: float) -> tuple[sqlite3.Connection, str | None]:
    """The connection and a problem for the user (a damaged file moved aside, no backup
    today), or _OpenReadOnly when the file must not or cannot be written."""
    problem = None
    try:
        try:
            conn = _connect(path, timeout)
        except _Damaged as damage:
            problem = _damaged(path, _move_aside(path, "damaged"), str(damage))
            conn = _connect(path, timeout)
        try:
            _upgrade(conn, path)
            problem = problem or _daily_backup(conn, path)
        except BaseException:
            conn.close()
            raise
    except sqlite3.Error as exc:
        why = "it is in use by another program" if _is_busy(exc) else str(exc)
        raise _OpenReadOnly(f"Plenary cannot write to {path} ({why}): your annotations are "
                            f"shown but changes cannot be saved.") from exc
    except (OSError, _Damaged) as exc:
        raise _OpenReadOnly(f"The annotations file {path} is damaged and could not be moved "
                            f"aside ({exc}): changes cannot be saved.") from exc
    return conn, problem


def _connect_read_only(path: Path, timeout: float) -> sqlite3.Connection | None:
    """The existing file opened read-only, or None. ``immutable=1`` is the fallback for a WAL
    file whose -shm cannot be created in a read-only directory; a damaged file gives None."""
    if not path.exists():
        return None
    for options in ("mode=ro", "mode=ro&immutable=1"):
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True,
                                   timeout=timeout, isolation_level=None)
        except sqlite3.Error:
            continue
        try:
            _check(conn)
            return conn
        except _Damaged:
            conn.close()
            return None
        except sqlite3.Error:
            conn.close()
    return None


def _empty_database() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrate(conn)
    return conn


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

    @classmethod
    def open(cls, data_dir: Path, *, exclusive: bool = False,
             busy_timeout: float = 5.0) -> AnnotationStore:
        """Open (creating, checking, migrating, backing up) ``data_dir/annotations.sqlite3``.
        ``exclusive`` (the window) holds a lock for the store's life, so a second window
        opens read-only instead of two editing the same annotations."""
        data_dir = Path(data_dir)
        path = data_dir / DB_NAME
        with contextlib.suppress(OSError):
            data_dir.mkdir(parents=True, exist_ok=True)
        lock, held = _take_lock(data_dir) if exclusive else (None, False)
        if held:
            return cls._read_only(path, ALREADY_RUNNING, busy_timeout)
        if not _can_write(path):
            _unlock(lock)
            return cls._read_only(path, f"Plenary cannot write to {path}: your annotations "
                                        f"are shown but changes cannot be saved.", busy_timeout)
        try:
            conn, problem = _open_writable(path, busy_timeout)
        except _OpenReadOnly as exc:
            _unlock(lock)
            return cls._read_only(path, str(exc), busy_timeout)
        return cls(path, conn, problem=problem, lock=lock, busy_timeout=busy_timeout)

    @classmethod
    def _read_only(cls, path: Path, problem: str, busy_timeout: float) -> AnnotationStore:
        conn = _connect_read_only(path, busy_timeout)
        if conn is None and path.exists():
            problem += " The file could not be read either, so no annotations are shown."
        return cls(path, conn or _empty_database(), read_only=True, problem=problem,
                   busy_timeout=busy_timeout)

    def close(self) -> None:
        """Close the database and release the lock; safe to call twice."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None  # type: ignore[assignment]
        _unlock(self._lock)
        self._lock = None

    def __enter__(self) -> AnnotationStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # reads

    @contextlib.contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        try:
            yield self._conn
        except sqlite3.Error as exc:
            raise StoreError(f"The annotations could not be read from {self.path} "
                             f"({exc}).") from exc

    def get(self, annotation_id: str) -> Annotation | None:
        with self._reading() as conn:
            return _find(conn, annotation_id)

    def all(self) -> list[Annotation]:
        with self._reading() as conn:
            return _load(conn, "FROM annotations a ORDER BY a.created, a.id")

    def for_document(self, symbol: str) -> list[Annotation]:
        with self._reading() as conn:
            return _load(conn, "FROM annotations a WHERE a.symbol = ? ORDER BY a.created, a.id",
                         (symbol,))

    def count(self) -> int:
        with self._reading() as conn:
            return _count(conn)

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
            return _load(conn, "FROM annotation_search s CROSS JOIN annotations a ON a.id = s.id "
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
            with transaction(self._conn) as conn:
                yield conn
        except sqlite3.Error as exc:
            raise self._write_error(exc) from exc

    def _write_error(self, exc: sqlite3.Error) -> StoreError:
        if _is_busy(exc):
            return StoreError(f"The annotations database {self.path} is locked by another "
                              f"program, so the change was not saved. Try again in a moment.")
        if _is_full(exc):
            return StoreError(f"The disk holding {self.path} is full, so the change was not "
                              f"saved. Free some space and try again.")
        if isinstance(exc, sqlite3.IntegrityError):
            return StoreError(f"The annotation is not valid ({exc}), so it was not saved.")
        return StoreError(f"The change could not be saved to {self.path} ({exc}); nothing "
                          f"was changed.")

    def add(self, annotation: Annotation) -> Annotation:
        with self._writing() as conn:
            if _find(conn, annotation.id) is not None:
                raise StoreError(f"An annotation with id {annotation.id} is already saved, "
                                 f"so it was not added again.")
            _save(conn, [annotation])
        return annotation

    def update(self, annotation: Annotation) -> Annotation:
        """Replace the saved annotation with this id, keeping the given ``updated`` time
        (callers make it with ``Annotation.edited``)."""
        with self._writing() as conn:
            if _find(conn, annotation.id) is None:
                raise StoreError("The annotation is no longer saved (it may have been deleted), "
                                 "so the change was not saved.")
            _save(conn, [annotation])
        return annotation

    def delete(self, annotation_id: str) -> Annotation | None:
        """Remove an annotation (its tags go with it); returns it, for undo."""
        with self._writing() as conn:
            found = _find(conn, annotation_id)
            if found is not None:
                conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))
                _reindex(conn, [annotation_id])
        return found

    def restore(self, annotation: Annotation) -> None:
        """Put back an annotation exactly as it was (undo of delete)."""
        with self._writing() as conn:
            _save(conn, [annotation])

    def save_many(self, annotations: Iterable[Annotation]) -> None:
        """Add or replace all of them, or none (e.g. after re-anchoring a document)."""
        batch = list(annotations)
        with self._writing() as conn:
            _save(conn, batch)

    def apply(self, states: Iterable[tuple[Annotation | None, Annotation | None]]) -> None:
        """Take annotations from one state to another, all or none: ``(None, a)`` adds (or puts
        back) ``a``, ``(a, None)`` deletes it, ``(a, b)`` replaces it. The window's undo and
        redo are this with the pairs one way or the other."""
        states = list(states)
        doomed = [before.id for before, after in states if after is None and before is not None]
        with self._writing() as conn:
            for chunk in _chunks(doomed):
                conn.execute(f"DELETE FROM annotations WHERE id IN ({_marks(chunk)})", chunk)
            _save(conn, [after for _before, after in states if after is not None])
            _reindex(conn, doomed)

    def reanchor(self, documents: Iterable[Document]) -> Reanchoring:
        """Find each annotation's place again in the documents as they are now (after a parser
        change or a re-import) and save what moved; nothing is written when nothing did."""
        result = Reanchoring()
        for doc in documents:
            found = reanchor_document(self.for_document(doc.symbol), doc)
            result.changed += found.changed
            result.detached += found.detached
            result.reattached += found.reattached
        if result.changed and not self.read_only:
            self.save_many(result.changed)
        return result

    def merge(self, annotations: Sequence[Annotation]) -> MergeSummary:
        """Import: new ids are added; for an id already here the newer version wins and each
        such choice is reported. All or nothing."""
        summary = MergeSummary()
        with self._writing() as conn:
            chosen: dict[str, Annotation] = {}
            for incoming in annotations:
                stored = chosen.get(incoming.id) or _find(conn, incoming.id)
                if _merge_one(stored, incoming, summary):
                    chosen[incoming.id] = incoming
            _save(conn, list(chosen.values()))  # at once: search rows are redone by the batch
        return summary

    # backups

    def backups(self) -> list[Path]:
        """Backup files, newest first."""
        return _backups(self.path)

    def restore_backup(self, backup: Path) -> Path:
        """Replace the annotations with those of ``backup`` (checked first: a bad one changes
        nothing). The current file is moved aside, not deleted; returns where it went."""
        if self.read_only:
            raise ReadOnlyStore(f"The backup was not restored: {self.problem}")
        source = _open_backup(Path(backup))
        try:
            return self._replace_with(source)
        finally:
            source.close()

    def _replace_with(self, source: sqlite3.Connection) -> Path:
        with contextlib.suppress(sqlite3.Error):  # fold the WAL into the file that moves
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._conn.close()
        try:
            aside = _move_aside(self.path, "replaced")
        except OSError as exc:
            self._reconnect()
            raise StoreError(f"The backup was not restored: {self.path} could not be moved "
                             f"aside ({exc}).") from exc
        try:
            backup_to(source, self.path)
            self._conn, self.problem = _open_writable(self.path, self._busy_timeout)
        except (OSError, sqlite3.Error, _OpenReadOnly) as exc:
            _put_back(aside, self.path)
            self._reconnect()
            raise StoreError(f"The backup could not be restored ({exc}); your annotations "
                             f"are as they were.") from exc
        return aside

    def _reconnect(self) -> None:
        """Open the file again after a failed restore; read-only if even that fails, so the
        store is never left without a connection."""
        try:
            self._conn, _ = _open_writable(self.path, self._busy_timeout)
        except _OpenReadOnly as exc:
            self._conn = (_connect_read_only(self.path, self._busy_timeout)
                          or _empty_database())
            self.read_only, self.problem = True, str(exc)
