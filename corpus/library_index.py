"""The library index: what a start needs to know of every document without reading any of them.

One SQLite file, ``<data dir>/cache/library.sqlite3``, kept up to date document by document by
``load_library``:

* ``documents``: per document, the signature of what it was loaded from (its manifest entry,
  the size and time of its source, the parser's versions) and the key of its parsed form in the
  parse cache (or the bundled pack). A start compares signatures only: nothing is read or
  parsed for a document whose signature is unchanged.
* ``places``: every citation of another document, by what it cites (a full symbol, or the
  partial "S/RES/2388" of a bare number), as found in the text; ``Library.cited_by`` resolves the
  few that name a document when it is asked, against the library as it is then. So adding or
  removing a document changes the rows of that document only.
* ``manifests``: manifests already read (corpus/manifest.py), by the hash of their bytes.
* ``snapshot``: the library as the last load left it (every document's summary, key and
  source), with the hashes of the manifests and the size and time of every source it came
  from: a start that finds them unchanged takes the library from here, in one read.

Like the parse cache it can always be rebuilt, so it never gets to raise: a file that is
damaged, of another version, or cannot be written is set aside and rebuilt, or replaced by one
in memory for this run (every document is then read once, as before the index existed).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

#: Bump when the tables change: an index of another version is rebuilt.
INDEX_VERSION = 2
INDEX_NAME = "library.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    symbol TEXT PRIMARY KEY, signature TEXT NOT NULL, key TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS places (
    target TEXT NOT NULL, citing TEXT NOT NULL, block TEXT NOT NULL, ordinal INTEGER NOT NULL,
    annex TEXT, citation TEXT NOT NULL, year TEXT);
CREATE INDEX IF NOT EXISTS places_target ON places (target);
CREATE INDEX IF NOT EXISTS places_citing ON places (citing);
CREATE TABLE IF NOT EXISTS manifests (
    path TEXT PRIMARY KEY, length INTEGER NOT NULL, digest TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS snapshot (
    id INTEGER PRIMARY KEY CHECK (id = 0), signature TEXT NOT NULL, data TEXT NOT NULL);
"""

#: (target, citing symbol, block id, block's place in the document, its annex, the citation as
#: corpus.citations.Citation's fields, the year the citing document gives its number)
Place = tuple[str, str, str, int, str | None, dict, str | None]


class LibraryIndex:
    """The index of one data directory; every method is safe from any thread, none raises
    for the file's sake (a failure makes the index one in memory)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        #: False once the file could not be used: the index lives in memory for this run.
        self.on_disk = path is not None
        self._open()

    @classmethod
    def of(cls, data_dir: Path) -> LibraryIndex:
        return cls(data_dir / "cache" / INDEX_NAME)

    # --- opening ------------------------------------------------------------------------------

    def _open(self) -> None:
        if self.path is not None:
            for attempt in (1, 2):
                try:
                    self._conn = self._connect(self.path)
                    return
                except sqlite3.OperationalError:  # busy or read-only: not damaged
                    break
                except sqlite3.Error:  # not a database, damaged, another version
                    if attempt == 1:
                        self._set_aside()
                except OSError:
                    break
        self.on_disk = False
        self._conn = self._connect(None)

    @staticmethod
    def _connect(path: Path | None) -> sqlite3.Connection:
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(":memory:" if path is None else str(path), timeout=5.0,
                               check_same_thread=False, isolation_level=None)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, INDEX_VERSION):
                conn.close()
                raise sqlite3.DatabaseError(f"index version {version}")
            # An index is rebuilt from the sources, so durability is not worth an fsync per
            # change: a file cut short by a crash is caught here and set aside.
            conn.execute("PRAGMA synchronous=OFF")
            if version == 0:
                conn.executescript(_SCHEMA)
                conn.execute(f"PRAGMA user_version={INDEX_VERSION}")
            # Reading every page to check it would cost a start time in proportion to the
            # library; damage found later, by any statement, sets the file aside then.
            conn.execute("SELECT * FROM documents LIMIT 1").fetchall()
            conn.execute("SELECT * FROM places LIMIT 1").fetchall()
        except BaseException:
            with contextlib.suppress(Exception):
                conn.close()
            raise
        return conn

    def _close_quietly(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.close()
            self._conn = None

    def _set_aside(self) -> None:
        """A damaged index goes: it holds nothing that cannot be rebuilt."""
        if self.path is None:
            return
        for suffix in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                self.path.with_name(self.path.name + suffix).unlink()

    def _failed(self, error: sqlite3.Error) -> None:
        """A statement failed on the file: go on in memory, empty (the caller loads every
        document again). A damaged file is set aside, to be rebuilt at the next start; one
        that is only busy (another Plenary writing) or read-only is left as it is."""
        with self._lock:
            was_on_disk = self.on_disk
            self._close_quietly()
            if was_on_disk and not isinstance(error, sqlite3.OperationalError):
                self._set_aside()
            self.on_disk = False
            self._conn = self._connect(None)

    def close(self) -> None:
        with self._lock:
            self._close_quietly()

    # --- documents ----------------------------------------------------------------------------

    def documents(self) -> dict[str, tuple[str, str]]:
        """symbol -> (signature, key) of every document indexed."""
        with self._lock:
            try:
                rows = self._conn.execute("SELECT symbol, signature, key FROM documents")
                return {symbol: (signature, key) for symbol, signature, key in rows}
            except sqlite3.Error as exc:
                self._failed(exc)
                return {}

    def update(self, changed: Iterable[tuple[str, str, str, list[Place] | None]],
               removed: Iterable[str] = ()) -> bool:
        """Record documents (symbol, signature, key, places; places None: unchanged, only
        the signature is new) and forget ``removed``, in one transaction. False if the
        changes could not be written: then nothing is, and the index is now in memory and
        empty (the caller records every document again)."""
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    for symbol in removed:
                        conn.execute("DELETE FROM documents WHERE symbol = ?", (symbol,))
                        conn.execute("DELETE FROM places WHERE citing = ?", (symbol,))
                    for symbol, signature, key, places in changed:
                        conn.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?)",
                                     (symbol, signature, key))
                        if places is None:
                            continue
                        conn.execute("DELETE FROM places WHERE citing = ?", (symbol,))
                        conn.executemany(
                            "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?)",
                            [(t, c, b, o, a, json.dumps(cit, separators=(",", ":")), y)
                             for t, c, b, o, a, cit, y in places])
                    conn.execute("COMMIT")
                except BaseException:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                    raise
                return True
            except sqlite3.Error as exc:
                self._failed(exc)
                return False

    def places(self, targets: Iterable[str]) -> list[Place] | None:
        """Every place citing one of ``targets``; None if the index failed (then it is in
        memory and empty, and the caller must look elsewhere)."""
        targets = list(dict.fromkeys(targets))
        with self._lock:
            try:
                rows = self._conn.execute(
                    "SELECT target, citing, block, ordinal, annex, citation, year FROM places "
                    f"WHERE target IN ({', '.join('?' * len(targets))})", targets).fetchall()
            except sqlite3.Error as exc:
                self._failed(exc)
                return None
        found: list[Place] = []
        try:
            for target, citing, block, ordinal, annex, citation, year in rows:
                fields = json.loads(citation)
                if not isinstance(fields, dict):
                    raise ValueError(citation)
                found.append((target, citing, block, ordinal, annex, fields, year))
        except (ValueError, TypeError):  # written by no Plenary: the file is damaged
            self._failed(sqlite3.DatabaseError("a place cannot be read"))
            return None
        return found

    # --- the snapshot of the last load ------------------------------------------------------

    def snapshot(self, signature: str) -> str | None:
        with self._lock:
            try:
                row = self._conn.execute("SELECT signature, data FROM snapshot WHERE id = 0"
                                         ).fetchone()
            except sqlite3.Error as exc:
                self._failed(exc)
                return None
        return row[1] if row is not None and row[0] == signature else None

    def put_snapshot(self, signature: str, data: str | None) -> None:
        """Keep ``data`` as the snapshot (None: forget it)."""
        with self._lock:
            try:
                if data is None:
                    self._conn.execute("DELETE FROM snapshot")
                else:
                    self._conn.execute("INSERT OR REPLACE INTO snapshot VALUES (0, ?, ?)",
                                       (signature, data))
            except sqlite3.Error as exc:
                self._failed(exc)

    # --- manifests (corpus.manifest.TableStore) -----------------------------------------------

    def manifest_tables(self, path: str) -> tuple[int, str, dict, list] | None:
        with self._lock:
            try:
                row = self._conn.execute("SELECT length, digest, data FROM manifests "
                                         "WHERE path = ?", (path,)).fetchone()
            except sqlite3.Error as exc:
                self._failed(exc)
                return None
        if row is None:
            return None
        try:
            data = json.loads(row[2])
            return int(row[0]), str(row[1]), dict(data["header"]), list(data["tables"])
        except (ValueError, KeyError, TypeError):
            return None

    def has_manifest(self, path: str, digest: str) -> bool:
        with self._lock:
            try:
                return self._conn.execute("SELECT 1 FROM manifests WHERE path = ? AND digest = ?",
                                          (path, digest)).fetchone() is not None
            except sqlite3.Error as exc:
                self._failed(exc)
                return False

    def put_manifest_tables(self, path: str, length: int, digest: str, header: dict,
                            tables: list) -> None:
        data = json.dumps({"header": header, "tables": tables}, ensure_ascii=False,
                          separators=(",", ":"))
        with self._lock:
            try:
                self._conn.execute("INSERT OR REPLACE INTO manifests VALUES (?, ?, ?, ?)",
                                   (path, length, digest, data))
            except sqlite3.Error as exc:
                self._failed(exc)
