"""The annotations database as files on disk: the file with its SQLite companions, moved aside
(never deleted) and put back, checked for writing, and the lock that keeps a second window out.

Apart from the store because these are file-system steps, with their own ways of failing, that
the store, the opening and the backups all take.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from datetime import datetime
from pathlib import Path

from corpus.files import fsync_dir, fsync_file

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


def aside_name(path: Path, kind: str) -> Path:
    """``<name>.<kind>-<stamp>`` beside ``path``, with a number added if any file of that set
    exists: a name nothing is ever written over."""
    base = f"{path.name}.{kind}-{_stamp()}"
    target, n = path.with_name(base), 2
    while any(p.exists() for p in database_files(target)):
        target, n = path.with_name(f"{base}-{n}"), n + 1
    return target


def move_aside(path: Path, kind: str) -> Path:
    """Rename the database and its -wal/-shm to ``<name>.<kind>-<stamp>`` (same suffixes), never
    over an existing file: nothing is lost, and SQLite can open the set where it now lies."""
    target = aside_name(path, kind)
    for source, destination in zip(database_files(path), database_files(target), strict=True):
        if source.exists():
            os.rename(source, destination)
    return target


def keep_copy(source: Path, target: Path) -> None:
    """``target`` as a second name of ``source`` (a hard link: instant, and after ``source``
    is replaced by a rename it still holds the old file), or a durable copy where the file
    system has no links."""
    try:
        os.link(source, target)
    except OSError:
        partial = target.with_name(target.name + ".partial")
        shutil.copyfile(source, partial)
        fsync_file(partial)
        os.replace(partial, target)
    fsync_dir(target.parent)


def copy_set(path: Path, target: Path) -> None:
    """Copy the database and its -wal (not the -shm, which SQLite rebuilds) to ``target``,
    durably: the copy opens as the original would."""
    for source, destination in zip(database_files(path), database_files(target), strict=True):
        if source.exists() and not source.name.endswith("-shm"):
            shutil.copyfile(source, destination)
            fsync_file(destination)
    fsync_dir(target.parent)


def remove_sidecars(path: Path) -> None:
    """Delete the -wal/-shm/-journal of ``path``: before another file is renamed to ``path``,
    so SQLite never applies one file's log to another."""
    for sidecar in database_files(path)[1:]:
        sidecar.unlink(missing_ok=True)


def write_json_atomically(path: Path, data: object) -> None:
    """``data`` as JSON at ``path`` through a durable temporary file and one rename."""
    partial = path.with_name(path.name + ".partial")
    with open(partial, "w", encoding="utf-8") as file:
        json.dump(data, file, ensure_ascii=False, indent=1)
        file.flush()
        os.fsync(file.fileno())
    os.replace(partial, path)
    fsync_dir(path.parent)


def can_write(path: Path) -> bool:
    """Checked beforehand, because SQLite opens a file it cannot write read-only without a word
    and fails only at the first write."""
    existing = [p for p in database_files(path) if p.exists()]
    return os.access(path.parent, os.W_OK) and all(os.access(p, os.W_OK) for p in existing)


#: The holders a lock file names.
WINDOW = "window"
COMMAND_LINE = "command line"


def lock_holder(data_dir: Path) -> dict:
    """Who holds (or last held) the lock, as its holder wrote it: ``{"holder", "pid"}``;
    empty when unknown (an old Plenary, or a holder that has not written yet)."""
    try:
        data = json.loads((data_dir / LOCK_NAME).read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def describe_holder(holder: dict) -> str:
    """"a Plenary window (process 1234)": who has the annotations, for a message."""
    pid = holder.get("pid")
    who = {WINDOW: "a Plenary window", COMMAND_LINE: "another Plenary command"}.get(
        holder.get("holder", ""), "another Plenary")
    return f"{who} (process {pid})" if isinstance(pid, int) else who


def _try_lock(data_dir: Path) -> tuple[int | None, bool]:
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


def take_lock(data_dir: Path, holder: str = WINDOW,
              wait: float = 0.0) -> tuple[int | None, bool]:
    """The advisory lock of a data directory: (file descriptor, held by someone else). flock
    locks belong to an open file, so a second store in the same process conflicts too. A lock
    file that cannot be created is no lock: the writability check deals with that directory.

    The holder writes who it is (``holder``, its pid) into the lock file. A caller that may
    ``wait`` (the command line) does so, up to ``wait`` seconds in small sleeps, while the lock
    is held by another command (which holds it for a moment), never for a window (which holds
    it until it is closed)."""
    if fcntl is None:
        return None, False
    deadline = time.monotonic() + wait
    pause = 0.01
    while True:
        fd, held = _try_lock(data_dir)
        if fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
                os.pwrite(fd, json.dumps({"holder": holder, "pid": os.getpid()}).encode(), 0)
            return fd, False
        if not held or time.monotonic() >= deadline:
            return None, held
        if lock_holder(data_dir).get("holder") == WINDOW:
            return None, True
        time.sleep(min(pause, max(0.0, deadline - time.monotonic())))
        pause = min(pause * 1.5, 0.1)


def unlock(fd: int | None) -> None:
    if fd is not None:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)  # no holder named once released
        os.close(fd)  # closing the descriptor releases the flock
