"""Opening the annotations file: an interrupted restore settled first, the file checked before
anything is written, a damaged one salvaged (what can be read copied into a fresh file, the
original kept aside), an empty or missing one reported when backups exist, an old one migrated
after a backup, and read-only (with the reason for the user) whenever it must not or cannot
be written.

Apart from the store because every way a file can fail to open is decided here, once, for the
first open and for reopening after a restore alike.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annotations.backups import list_backups, take_daily_backup, take_migration_backup
from annotations.files import move_aside
from annotations.restoring import MENU, recover
from annotations.salvage import Salvage, salvage
from annotations.schema import (
    SCHEMA_VERSION,
    count_annotations,
    migrate,
    unreadable_rows,
    user_version,
)

#: How the reader brings back a backup, in the window and on the command line.
RESTORE_HINT = f"with {MENU} (or the command `plenary annotations restore latest`)"


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
        lines = [line for row in rows[:3] for line in str(row[0]).splitlines()
                 if line.strip() and not line.startswith("*** in database")]
        more = f" and {len(lines) - 2} more problems" if len(lines) > 2 else ""
        raise _Damaged("; ".join(lines[:2]) + more)


def _newer(path: Path, version: int) -> str:
    return (f"The annotations file {path} was written by a newer version of Plenary (schema "
            f"{version}; this one reads up to {SCHEMA_VERSION}): your annotations are shown "
            f"but changes cannot be saved until Plenary is updated.")


def _connect(path: Path, timeout: float) -> sqlite3.Connection:
    """A checked read-write connection; the file is not written before it is known to be
    sound and not newer than this version (journal_mode=WAL writes its header)."""
    # Used from one thread at a time (the store's lock), not always the one that opened it:
    # an import of annotations merges on a worker thread.
    conn = sqlite3.connect(path, timeout=timeout, isolation_level=None,
                           check_same_thread=False)
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


def _newest(path: Path) -> str:
    newest = list_backups(path)
    return f" (the newest is {newest[0].name})" if newest else ""


def _damaged(path: Path, aside: Path, reason: str) -> str:
    return (f"The annotations file was damaged ({reason}) and nothing in it could be read. It "
            f"was kept as {aside} and a new, empty one started; you can bring back your "
            f"annotations from a backup{_newest(path)} {RESTORE_HINT}.")


def _salvaged(path: Path, found: Salvage, reason: str) -> str:
    if found.repaired:
        return (f"The annotations file was damaged ({reason}) and has been repaired (its "
                f"indexes and search table rebuilt): all {found.annotations} annotations are "
                f"kept. The damaged file was kept as {found.aside}.")
    lost = found.lost.get("annotations", 0)
    text = (f"The annotations file was damaged ({reason}). {found.annotations} annotation"
            f"{'s were' if found.annotations != 1 else ' was'} saved into a fresh file")
    if lost:
        ids = ", ".join(found.lost_ids[:5]) + (" …" if len(found.lost_ids) > 5 else "")
        text += (f"; {lost} could not be read and {'are' if lost != 1 else 'is'} lost"
                 + (f" (ids {ids})" if ids else ""))
    elif "annotations" not in found.unreadable:
        text += "; no annotation was lost"
    tags_lost = found.lost.get("tags", 0)
    if tags_lost:
        text += f"; {tags_lost} tag{'s' if tags_lost != 1 else ''} could not be saved"
    if found.unreadable:
        text += "; parts of the file could not be read at all, so others may be missing"
    return (text + f". The damaged file was kept as {found.aside}; a backup{_newest(path)} "
            f"can be restored {RESTORE_HINT}.")


def _recover_damaged(path: Path, reason: str) -> str:
    """Salvage the damaged file (see annotations.salvage); if even that fails, move it aside
    and start empty, as before."""
    try:
        found = salvage(path)
    except (OSError, sqlite3.Error):
        return _damaged(path, move_aside(path, "damaged"), reason)
    if not found.annotations and not found.repaired and found.unreadable:
        return _damaged(path, found.aside, reason)
    return _salvaged(path, found, reason)


def _before_open(path: Path) -> str | None:
    """What the reader must hear about the file before it is opened: an interrupted restore
    settled, or a file that is empty or missing although backups exist."""
    settled = recover(path)
    if settled:
        return settled
    if path.exists() and path.stat().st_size == 0 and not _has_log(path):
        return (f"The annotations file {path} was empty (0 bytes), so it holds no annotations "
                f"and was started afresh. If you had annotations, bring them back from a "
                f"backup{_newest(path) or ' (there is none yet)'} {RESTORE_HINT}.")
    if not path.exists() and list_backups(path):
        return (f"No annotations file was found at {path}, so a new, empty one was started; "
                f"backups exist{_newest(path)} and can be restored {RESTORE_HINT}.")
    return None


def _has_log(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def unreadable_problem(conn: sqlite3.Connection, path: Path) -> str | None:
    """A sentence about rows that cannot be annotations (they are skipped, and kept)."""
    try:
        rows = unreadable_rows(conn)
    except sqlite3.Error:
        return None
    if not rows:
        return None
    listed = "; ".join(f"{name}: {fault}" for name, fault in rows[:3])
    more = f" and {len(rows) - 3} more" if len(rows) > 3 else ""
    one = len(rows) == 1
    it = "it is" if one else "they are"
    return (f"{len(rows)} annotation{'' if one else 's'} in {path} could not be read and "
            f"{'is' if one else 'are'} not shown ({listed}{more}); {it} kept in the file as "
            f"{it}.")


def open_writable(path: Path, timeout: float) -> tuple[sqlite3.Connection, str | None]:
    """The connection and a problem for the user (an interrupted restore settled, a damaged
    file salvaged, an empty one replaced, no backup today, unreadable rows), or OpenReadOnly
    when the file must not or cannot be written."""
    problems: list[str | None] = []
    try:
        problems.append(_before_open(path))
        try:
            conn = _connect(path, timeout)
        except _Damaged as damage:
            problems.append(_recover_damaged(path, str(damage)))
            conn = _connect(path, timeout)
        try:
            _upgrade(conn, path)
            problems.append(take_daily_backup(conn, path))
            problems.append(unreadable_problem(conn, path))
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
    return conn, "\n\n".join(p for p in problems if p) or None


def connect_read_only(path: Path, timeout: float) -> sqlite3.Connection | None:
    """The existing file opened read-only, or None. ``immutable=1`` is the fallback for a WAL
    file whose -shm cannot be created in a read-only directory; a damaged file gives None."""
    if not path.exists():
        return None
    for options in ("mode=ro", "mode=ro&immutable=1"):
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True,
                                   timeout=timeout, isolation_level=None,
                                   check_same_thread=False)
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
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    migrate(conn)
    return conn
