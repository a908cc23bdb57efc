"""How many annotations a data directory holds, and whether its file is sound: for soak tests
and benchmarks that kill Plenary at random and must show that nothing was lost.

``verify(data_dir)`` opens the annotations as the window would (so an interrupted restore is
settled and a damaged file salvaged, as a reader would see them), then reads the file
read-only: every annotation id, the count, SQLite's full integrity check, rows that cannot be
annotations, and whatever is left lying about (a restore journal, temporary files).

Qt-free and quick: 10,000 annotations are read and checked in well under a second.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from annotations.files import COMMAND_LINE
from annotations.restoring import journal_path, temp_path
from annotations.schema import unreadable_rows
from annotations.store import DB_NAME, AnnotationStore


@dataclass
class Verification:
    """What ``verify`` found. ``ok`` when the file is sound and nothing is left half done."""

    path: Path
    exists: bool = False
    integrity: str = "not checked"
    ids: set[str] = field(default_factory=set)
    unreadable: int = 0
    leftovers: list[str] = field(default_factory=list)
    problem: str | None = None  # what opening said (a restore settled, a salvage…)
    read_only: bool = False

    @property
    def annotations(self) -> int:
        return len(self.ids)

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and not self.leftovers

    def lost(self, reported: set[str] | list[str]) -> list[str]:
        """The ids in ``reported`` (e.g. what a killed writer said it saved) not found."""
        return sorted(set(reported) - self.ids)

    def to_dict(self) -> dict:
        return {"path": str(self.path), "exists": self.exists, "integrity": self.integrity,
                "annotations": self.annotations, "unreadable": self.unreadable,
                "leftovers": self.leftovers, "problem": self.problem,
                "read_only": self.read_only, "ok": self.ok}


def verify(data_dir: Path, *, settle: bool = True, wait: float = 5.0) -> Verification:
    """Count and check the annotations of ``data_dir``. With ``settle`` the store is opened
    first (writable unless a window holds it: waiting up to ``wait`` seconds for another
    command), so what a reader would be shown is what is counted; without it nothing is
    written at all."""
    data_dir = Path(data_dir)
    path = data_dir / DB_NAME
    found = Verification(path)
    if settle:
        with AnnotationStore.open(data_dir, exclusive=True, holder=COMMAND_LINE,
                                  wait=wait) as store:
            found.problem, found.read_only = store.problem, store.read_only
    found.exists = path.exists()
    found.leftovers = [p.name for p in (journal_path(path), temp_path(path)) if p.exists()]
    if not found.exists:
        found.integrity = "no file"
        return found
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                               isolation_level=None, timeout=wait)
    except sqlite3.Error as exc:
        found.integrity = f"cannot be opened: {exc}"
        return found
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        found.integrity = "ok" if rows == [("ok",)] else "; ".join(str(r[0]) for r in rows[:3])
        found.ids = {row[0] for row in conn.execute("SELECT id FROM annotations")}
        found.unreadable = len(unreadable_rows(conn))
    except sqlite3.Error as exc:
        found.integrity = f"cannot be read: {exc}"
    finally:
        conn.close()
    return found
