"""Opening the annotations file: checked before anything is written, a damaged one moved aside
and a fresh one started, an old one migrated after a backup, and read-only (with the reason
for the user) whenever it must not or cannot be written.

Apart from the store because every way a file can fail to open is decided here, once, for the
first open and for reopening after a restore alike.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annotations.backups import list_backups, take_daily_backup, take_migration_backup
from annotations.files import move_aside
from annotations.schema import SCHEMA_VERSION, count_annotations, migrate, user_version


class _Damaged(Exception):
    """The file is not a sound SQLite database; the message says what SQLite found."""


class OpenReadOnly(Exception):
    """The file cannot be opened for writing; the message is the problem for the user."""


def _code(exc: sqlite3.Error) -> str:
    return getattr(exc, "sqlite_errorname", "") or ""


def _is_damage(exc: sqlite3.Error) -> bool:
    """Only SQLite's own verdict counts: an I/O error or a lock must never move a file aside."""
    return _code(exc).startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))


def is_busy(exc: sqlite3.Error) -> bool:
    return _code(exc).startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc)


def is_full(exc: sqlite3.Error) -> bool:
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
            raise OpenReadOnly(_newer(path, version))
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
    if version >= 1 and count_annotations(conn):
        try:
            take_migration_backup(conn, path)
        except (OSError, sqlite3.Error) as exc:
            raise OpenReadOnly(
                f"The annotations in {path} need an upgrade, but no backup could be made "
                f"first ({exc}): they are shown but changes cannot be saved.") from exc
    migrate(conn)


def _damaged(path: Path, aside: Path, reason: str) -> str:
    newest = list_backups(path)
    which = f" (the newest is {newest[0].name})" if newest else ""
    return (f"The annotations file was damaged ({reason}). It was moved to {aside} and a new, "
            f"empty one started; you can bring back your annotations from a backup{which} "
            f"with Annotations → Restore Backup….")


def open_writable(path: Path, timeout: float) -> tuple[sqlite3.Connection, str | None]:
    """The connection and a problem for the user (a damaged file moved aside, no backup
    today), or OpenReadOnly when the file must not or cannot be written."""
    problem = None
    try:
        try:
            conn = _connect(path, timeout)
        except _Damaged as damage:
            problem = _damaged(path, move_aside(path, "damaged"), str(damage))
            conn = _connect(path, timeout)
        try:
            _upgrade(conn, path)
            problem = problem or take_daily_backup(conn, path)
        except BaseException:
            conn.close()
            raise
    except sqlite3.Error as exc:
        why = "it is in use by another program" if is_busy(exc) else str(exc)
        raise OpenReadOnly(f"Plenary cannot write to {path} ({why}): your annotations are "
                           f"shown but changes cannot be saved.") from exc
    except (OSError, _Damaged) as exc:
        raise OpenReadOnly(f"The annotations file {path} is damaged and could not be moved "
                           f"aside ({exc}): changes cannot be saved.") from exc
    return conn, problem


def connect_read_only(path: Path, timeout: float) -> sqlite3.Connection | None:
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


def empty_database() -> sqlite3.Connection:
    """An empty database in memory, for a read-only store with no file to read."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrate(conn)
    return conn
