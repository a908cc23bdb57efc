"""Writing the files a reader keeps or shares (exports), so that a failure never costs the
previous copy, and making writes durable before a rename depends on them (the annotations
database and the search index both do). Qt-free: the exporters, the stores and the command
line use it."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable
from pathlib import Path


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write`` on a temporary file beside ``path`` and rename it into place, so a
    failed export never leaves a half-written file where the previous one was. The temporary
    file is created like any new file (mode 0666 less the umask), not private as mkstemp's
    are: an export is meant to be shared."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def fsync_file(path: Path) -> None:
    """Make what was written to ``path`` durable before a rename depends on it."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make renames and deletions in ``folder`` durable (POSIX; a no-op where a directory
    cannot be opened, as on Windows)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
