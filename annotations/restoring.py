"""Putting a backup back, atomically, and finishing or undoing one a crash interrupted.

The current file is never missing, not for a moment: the backup is copied to a temporary file
beside it (``annotations.sqlite3.restoring``), checked (integrity, schema) and made durable;
the current file gets a second name (``annotations.sqlite3.replaced-*``, a hard link, or a
copy where links are not possible) after its WAL is folded in; its -wal/-shm are removed, so no
log of the old file is ever applied to the new one; and one ``os.replace`` puts the new file
in place. A small journal (``annotations.sqlite3.restore.json``, written atomically before
the first step and removed after the last) records how far it got, so the next open
(:func:`recover`) either completes a restore whose copy was whole or undoes one whose copy was
not, and says which. Every step is a crash point (``restore:<step>``) for the fault tests.

Qt-free: the store, the window and the command line use it.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from annotations.backups import BackupRefused, backup_to, open_backup
from annotations.files import (
    aside_name,
    database_files,
    keep_copy,
    remove_sidecars,
    write_json_atomically,
)
from corpus.faults import crash_point
from corpus.files import fsync_dir, fsync_file

JOURNAL_FORMAT = "plenary-restore"
MENU = "Annotate → Restore a Backup…"


class RestoreFailed(Exception):
    """The restore did not happen; the annotations are as they were. A plain sentence."""


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + ".restore.json")


def temp_path(path: Path) -> Path:
    return path.with_name(path.name + ".restoring")


def _remove(path: Path) -> None:
    """The temporary copy, its sidecars, and the partial file ``backup_to`` writes first."""
    for file in [*database_files(path), path.with_name(path.name + ".partial")]:
        file.unlink(missing_ok=True)


def restore(path: Path, backup: Path, release: Callable[[], None]) -> Path:
    """Replace the database at ``path`` by ``backup``; returns where the replaced file was
    kept. ``release`` folds the open connection's WAL into the file and closes it (raising
    RestoreFailed if it cannot); BackupRefused for a backup unfit to restore, RestoreFailed
    or OSError if the restore could not be done (then nothing was changed)."""
    source = open_backup(backup)
    journal, temp = journal_path(path), temp_path(path)
    entry: dict = {"format": JOURNAL_FORMAT, "backup": str(backup), "temp": temp.name,
                   "state": "copying", "started": datetime.now().isoformat(timespec="seconds")}
    try:
        _remove(temp)
        write_json_atomically(journal, entry)
        crash_point("restore:journal")
        backup_to(source, temp)
        open_backup(temp).close()  # the copy, checked as the backup was
        fsync_file(temp)
        fsync_dir(path.parent)
    except BaseException:
        _undo(path, entry)
        raise
    finally:
        source.close()
    stat = os.stat(temp)
    entry.update(state="copied", inode=stat.st_ino, size=stat.st_size)
    try:
        write_json_atomically(journal, entry)
        crash_point("restore:copied")
        release()
        return _finish(path, entry)
    except BaseException:
        if temp.exists():  # not yet in place: the current file is untouched
            _undo(path, entry)
        raise


def _fold_wal(path: Path) -> None:
    """Bring everything the WAL holds into the file itself (a no-op in rollback mode)."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=5.0)
    try:
        busy, log, done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        conn.close()
    if busy or log != done:
        raise RestoreFailed(f"{path} is in use by another program")


def _finish(path: Path, entry: dict) -> Path:
    """The steps after the copy: the current file kept aside, its sidecars removed, the copy
    renamed into place, the journal removed. Safe to run again after a crash in any of them."""
    journal, temp = journal_path(path), path.with_name(entry["temp"])
    aside = path.with_name(entry["aside"]) if entry.get("aside") else None
    if aside is None or not aside.exists():
        if path.exists():
            _fold_wal(path)
            aside = aside_name(path, "replaced")
            keep_copy(path, aside)
        else:  # nothing to keep (no annotations file at all)
            aside = aside_name(path, "replaced")
        entry.update(state="aside", aside=aside.name)
        write_json_atomically(journal, entry)
        crash_point("restore:aside")
    remove_sidecars(path)
    crash_point("restore:sidecars")
    os.replace(temp, path)
    fsync_dir(path.parent)
    crash_point("restore:replaced")
    with contextlib.suppress(OSError):  # in place: a journal left over is settled at next open
        journal.unlink()
        fsync_dir(path.parent)
    return aside


def _undo(path: Path, entry: dict) -> None:
    """Forget a restore that did not replace the file: the copy and the journal removed, and
    a second name of the current file (not a copy of an old one) too."""
    _remove(path.with_name(entry.get("temp") or temp_path(path).name))
    aside = path.with_name(entry["aside"]) if entry.get("aside") else None
    if aside is not None and aside.exists() and path.exists():
        with contextlib.suppress(OSError):
            if os.path.samefile(aside, path):
                aside.unlink()
    journal_path(path).unlink(missing_ok=True)
    fsync_dir(path.parent)


def _read_journal(journal: Path) -> dict | None:
    try:
        entry = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("format") != JOURNAL_FORMAT:
        return None
    if not isinstance(entry.get("temp"), str) or "/" in entry["temp"] or "\\" in entry["temp"]:
        return None
    if entry.get("aside") is not None and (not isinstance(entry["aside"], str)
                                           or "/" in entry["aside"] or "\\" in entry["aside"]):
        return None
    return entry


def _sound(temp: Path) -> bool:
    try:
        open_backup(temp).close()
    except BackupRefused:
        return False
    return True


def recover(path: Path) -> str | None:
    """Settle a restore that was interrupted (the journal is there): complete it if its copy
    is whole, undo it if not. Returns what happened, for the reader; None if nothing was
    pending. Stray temporary files of a restore are removed either way."""
    journal, temp = journal_path(path), temp_path(path)
    if not journal.exists():
        _remove(temp)
        return None
    entry = _read_journal(journal)
    if entry is None:
        _undo(path, {"temp": temp.name})
        return ("An unfinished restore of a backup was found, but its record could not be "
                "read, so it was abandoned: your annotations are as they were before it.")
    name = Path(str(entry.get("backup", "?"))).name
    state = entry.get("state")
    temp = path.with_name(entry["temp"])
    if state in ("copied", "aside") and temp.exists() and _sound(temp):
        try:
            aside = _finish(path, entry)
        except (OSError, sqlite3.Error, RestoreFailed) as exc:
            _undo(path, entry)
            return (f"A restore of the backup {name} was interrupted, and could not be "
                    f"completed now ({exc}), so it was undone: your annotations are as they "
                    f"were before it. Restore it again with {MENU} if you still want it.")
        return (f"A restore of the backup {name} was interrupted; it has now been completed: "
                f"your annotations are those of the backup, and the ones it replaced were "
                f"kept as {aside}.")
    if state in ("copied", "aside") and not temp.exists() and _is(path, entry):
        with contextlib.suppress(OSError):
            journal.unlink()
        aside = path.with_name(entry["aside"]) if entry.get("aside") else None
        kept = f", and the ones it replaced were kept as {aside}" if aside else ""
        return (f"A restore of the backup {name} was interrupted after the backup was in "
                f"place; it is now completed: your annotations are those of the backup{kept}.")
    _undo(path, entry)
    return (f"A restore of the backup {name} was interrupted before it was complete, so it "
            f"was undone: your annotations are as they were before it. Restore it again with "
            f"{MENU} if you still want it.")


def _is(path: Path, entry: dict) -> bool:
    """Whether ``path`` is the restored copy (the file the journal recorded)."""
    try:
        return os.stat(path).st_ino == entry.get("inode")
    except OSError:
        return False
