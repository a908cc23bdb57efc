"""Backups of the annotations database: taken on the first open of each day and before every
schema migration, the newest few kept, and checked before one is put back.

Apart from the store because when a backup is taken, what it is named, how many are kept and
what makes one fit to restore are decisions of their own; the store only asks for them.
"""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import date, datetime
from pathlib import Path

from annotations.files import database_files
from annotations.schema import SCHEMA_VERSION, count_annotations, user_version

BACKUP_DIR = "backups"
#: Backups kept: a working week of daily copies, enough to go back past a bad day unnoticed.
KEEP_BACKUPS = 5


class BackupRefused(Exception):
    """A backup that cannot be restored; ``str(exc)`` is a plain sentence for the user."""


def today() -> date:
    """The local date, naming the daily backup (a function, so tests can move the clock)."""
    return date.today()


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


def list_backups(path: Path) -> list[Path]:
    """The backups of the database at ``path``, newest first: names carry the date, and a
    day's pre-migration copy sorts before its daily one, which is taken after the migration."""
    folder = path.parent / BACKUP_DIR
    if not folder.is_dir():
        return []
    return sorted(folder.glob("annotations-*.sqlite3"), key=lambda p: p.name, reverse=True)


def describe_backup(backup: Path) -> dict:
    """A backup as the command line lists it: name, date (the day it names, else the file's
    time), size in bytes, and how many annotations it holds (None: it cannot be read)."""
    named = re.search(r"\d{4}-\d{2}-\d{2}", backup.name)
    try:
        stat = backup.stat()
    except OSError:
        return {"name": backup.name, "path": str(backup), "date": named[0] if named else None,
                "modified": None, "size": 0, "annotations": None}
    count = None
    try:
        conn = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True,
                               isolation_level=None)
        try:
            count = count_annotations(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        pass
    when = named[0] if named else datetime.fromtimestamp(stat.st_mtime).date().isoformat()
    return {"name": backup.name, "path": str(backup), "date": when,
            "modified": datetime.fromtimestamp(stat.st_mtime).isoformat(timespec="seconds"),
            "size": stat.st_size, "annotations": count}


def _take_backup(conn: sqlite3.Connection, path: Path, name: str) -> None:
    """A backup named ``name`` (``-2``, ``-3``… if that exists: e.g. a second migration the same
    day, after restoring an old backup), then the oldest beyond KEEP_BACKUPS deleted."""
    target = path.parent / BACKUP_DIR / name
    n = 2
    while target.exists():
        target, n = target.with_name(name.replace(".sqlite3", f"-{n}.sqlite3")), n + 1
    backup_to(conn, target)
    for old in list_backups(path)[KEEP_BACKUPS:]:
        for file in database_files(old):
            file.unlink(missing_ok=True)


def take_migration_backup(conn: sqlite3.Connection, path: Path) -> None:
    """A backup before migrating to SCHEMA_VERSION; OSError or sqlite3.Error if it fails."""
    _take_backup(conn, path,
                 f"annotations-{today().isoformat()}-before-v{SCHEMA_VERSION}.sqlite3")


def take_daily_backup(conn: sqlite3.Connection, path: Path) -> str | None:
    """Today's backup unless it exists or there is nothing to keep; a failure is only reported:
    the annotations themselves are fine."""
    name = f"annotations-{today().isoformat()}.sqlite3"
    if (path.parent / BACKUP_DIR / name).exists() or not count_annotations(conn):
        return None
    try:
        _take_backup(conn, path, name)
    except (OSError, sqlite3.Error) as exc:
        return (f"Today's backup of the annotations could not be written to "
                f"{path.parent / BACKUP_DIR} ({exc}); your annotations are safe, but the "
                f"newest backup is older.")
    return None


def open_backup(backup: Path) -> sqlite3.Connection:
    """A read-only connection to ``backup`` once it is known to be a sound annotations
    database this version can read; BackupRefused otherwise."""
    try:
        conn = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True,
                               isolation_level=None)
    except sqlite3.Error as exc:
        raise BackupRefused(f"{backup} cannot be restored: it cannot be opened ({exc}).") from exc
    try:
        reason = _backup_fault(conn)
    except sqlite3.Error as exc:
        reason = f"it is not a readable annotations database ({exc})"
    if reason:
        conn.close()
        raise BackupRefused(f"{backup} cannot be restored: {reason}. Nothing was changed.")
    return conn


def _backup_fault(conn: sqlite3.Connection) -> str | None:
    if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
        return "it is damaged"
    if user_version(conn) > SCHEMA_VERSION:
        return "it was written by a newer version of Plenary"
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'annotations'").fetchone():
        return "it holds no annotations"
    return None
