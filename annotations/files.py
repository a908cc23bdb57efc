"""The annotations database as files on disk: the file with its SQLite companions, moved aside
(never deleted) and put back, checked for writing, and the lock that keeps a second window out.

Apart from the store because these are file-system steps, with their own ways of failing, that
the store, the opening and the backups all take.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

try:  # advisory locking is POSIX; without it (Windows) the exclusive lock is skipped
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = "annotations.lock"
#: SQLite's companion files (WAL, shared memory, a rollback journal left by a crash): they
#: belong to the database and move with it; left behind, SQLite would apply them to a new file.
SIDECARS = ("-wal", "-shm", "-journal")


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def database_files(path: Path) -> list[Path]:
    """The database and its companions, existing or not."""
    return [path, *(path.with_name(path.name + suffix) for suffix in SIDECARS)]


def move_aside(path: Path, kind: str) -> Path:
    """Rename the database and its -wal/-shm to ``<name>.<kind>-<stamp>`` (same suffixes), never
    over an existing file: nothing is lost, and SQLite can open the set where it now lies."""
    base = f"{path.name}.{kind}-{_stamp()}"
    target, n = path.with_name(base), 2
    while any(p.exists() for p in database_files(target)):
        target, n = path.with_name(f"{base}-{n}"), n + 1
    for source, destination in zip(database_files(path), database_files(target), strict=True):
        if source.exists():
            os.rename(source, destination)
    return target


def put_back(aside: Path, path: Path) -> None:
    """Undo :func:`move_aside`, dropping whatever was put at ``path`` since (only a copy)."""
    for leftover in database_files(path):
        leftover.unlink(missing_ok=True)
    for source, destination in zip(database_files(aside), database_files(path), strict=True):
        if source.exists():
            os.rename(source, destination)


def can_write(path: Path) -> bool:
    """Checked beforehand, because SQLite opens a file it cannot write read-only without a word
    and fails only at the first write."""
    existing = [p for p in database_files(path) if p.exists()]
    return os.access(path.parent, os.W_OK) and all(os.access(p, os.W_OK) for p in existing)


def take_lock(data_dir: Path) -> tuple[int | None, bool]:
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


def unlock(fd: int | None) -> None:
    if fd is not None:
        os.close(fd)  # closing the descriptor releases the flock
