"""Issue 14's annotation faults, each reproduced: a restore killed at every step (a real child
process dies by SIGKILL at an injected crash point), a damaged index or full-text page, an
empty file, a row of the wrong type, and 20 commands writing at once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotations.backups import backup_to
from annotations.files import LOCK_NAME
from annotations.model import Annotation
from annotations.store import DB_NAME, AnnotationStore

ROOT = Path(__file__).resolve().parents[2]
BACKUP = "annotations-2020-01-01.sqlite3"
#: A symbol no library holds: re-anchoring leaves these annotations as they are.
SYMBOL = "X/TEST/1"

needs_kill = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL here")


def _note(name: str, n: int) -> Annotation:
    return Annotation(symbol=SYMBOL, block=f"op{n}", start=0, end=5, quote="Notes",
                      note=f"{name} note {n}", tags=(name,), id=f"{name}-{n}")


@pytest.fixture
def data_dir(warm_data_dir: Path) -> Path:
    """A data directory after a first run (the library's parse cache filled; a copy of the
    session's), so each child process only loads the library."""
    return warm_data_dir


def _cli(data_dir: Path, *args: str, crash: str | None = None,
         timeout: float = 60) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PLENARY_CRASH_AT", None)
    if crash:
        env["PLENARY_CRASH_AT"] = crash
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir),
                           "annotations", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + ".restore.json")


def temp_path(path: Path) -> Path:
    return path.with_name(path.name + ".restoring")


def _sound(data_dir: Path) -> bool:
    """The file passes SQLite's full integrity check and no restore is left half done."""
    with sqlite3.connect(f"{(data_dir / DB_NAME).as_uri()}?mode=ro", uri=True) as conn:
        ok = conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    path = data_dir / DB_NAME
    return ok and not journal_path(path).exists() and not temp_path(path).exists()


def _ids(data_dir: Path) -> set[str]:
    with sqlite3.connect(f"{(data_dir / DB_NAME).as_uri()}?mode=ro", uri=True) as conn:
        found = {row[0] for row in conn.execute("SELECT id FROM annotations")}
    conn.close()
    return found


@pytest.fixture
def two_states(data_dir: Path, tmp_path: Path) -> tuple[set[str], set[str]]:
    """The current annotations (old: 3) and a backup of different ones (restored: 2)."""
    other = tmp_path / "other"
    with AnnotationStore.open(other) as store:
        store.save_many([_note("restored", n) for n in range(2)])
        (data_dir / "backups").mkdir(parents=True, exist_ok=True)
        backup_to(store._conn, data_dir / "backups" / BACKUP)
    with AnnotationStore.open(data_dir) as store:
        store.save_many([_note("old", n) for n in range(3)])
    return {f"old-{n}" for n in range(3)}, {f"restored-{n}" for n in range(2)}


# --- 1. a restore killed at each step ------------------------------------------------------


@needs_kill
@pytest.mark.parametrize(("step", "outcome"), [
    ("restore:journal", "old"),       # journal written, copy not begun: undone
    ("restore:copied", "restored"),   # copy whole and checked: completed
    ("restore:aside", "restored"),    # current file kept aside
    ("restore:sidecars", "restored"),  # its -wal/-shm removed
    ("restore:replaced", "restored"),  # renamed into place, journal not yet removed
])
def test_a_restore_killed_at_any_step_loses_nothing_and_says_what_happened(
        data_dir, two_states, step, outcome):
    old, restored = two_states
    killed = _cli(data_dir, "restore", BACKUP, crash=step)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert journal_path(data_dir / DB_NAME).exists()
    assert _ids(data_dir) in (old, restored)  # the file in place is always one whole state

    # The next start (here the command line) settles it, and says so.
    listed = _cli(data_dir, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert "restore of the backup" in listed.stderr and BACKUP in listed.stderr
    assert ("undone" if outcome == "old" else "completed") in listed.stderr
    assert _sound(data_dir)
    assert _ids(data_dir) == (old if outcome == "old" else restored)
    assert not journal_path(data_dir / DB_NAME).exists()
    assert not temp_path(data_dir / DB_NAME).exists()
    aside = sorted(data_dir.glob(f"{DB_NAME}.replaced-*"))
    if outcome == "restored":  # the annotations it replaced are kept, whole
        assert len(aside) == 1 and _ids_of(aside[0]) == old
        assert str(aside[0]) in listed.stderr
    else:
        assert aside == []
    with AnnotationStore.open(data_dir) as store:  # and it is said only once
        assert store.problem is None


def _ids_of(path: Path) -> set[str]:
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
        found = {row[0] for row in conn.execute("SELECT id FROM annotations")}
    conn.close()
    return found


@needs_kill
def test_a_stale_wal_is_never_applied_to_the_restored_file(data_dir, two_states):
    """Killed after the restored file is in place: the old file's log must not be replayed
    over it (SQLite would apply any -wal it finds beside the file)."""
    old, restored = two_states
    assert _cli(data_dir, "restore", BACKUP, crash="restore:replaced").returncode < 0
    for suffix in ("-wal", "-shm"):
        assert not (data_dir / f"{DB_NAME}{suffix}").exists()
    with AnnotationStore.open(data_dir) as store:
        assert {a.id for a in store.all()} == restored
        assert {a.id for a in store.search("note", limit=10)} == restored


def test_backups_are_listed_and_one_restored_from_the_command_line(data_dir, two_states):
    old, restored = two_states
    listed = _cli(data_dir, "backups", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = {row["name"]: row for row in __import__("json").loads(listed.stdout)}
    assert rows[BACKUP]["annotations"] == 2 and rows[BACKUP]["date"] == "2020-01-01"
    assert rows[BACKUP]["size"] > 0
    done = _cli(data_dir, "restore", BACKUP)
    assert done.returncode == 0 and f"restored {BACKUP}: 2 annotations" in done.stdout
    assert _ids(data_dir) == restored
    assert _cli(data_dir, "restore", "no-such-backup").returncode == 2


# --- 2. salvage instead of starting empty --------------------------------------------------


def _damage_page_of(path: Path, table: str, kind: str = "leaf") -> int:
    """Write garbage over a page (``kind``: leaf or internal) of ``table`` (an index, a table),
    found through ``dbstat``."""
    conn = sqlite3.connect(path)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = [row[0] for row in conn.execute(
        "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = ? ORDER BY pageno",
        (table, kind))]
    conn.close()
    assert pages, f"no leaf page of {table}"
    page = pages[len(pages) // 2]
    with open(path, "r+b") as file:
        file.seek((page - 1) * size)
        file.write(b"\xa5" * size)
    return page


@pytest.mark.parametrize("damaged", ["annotations_symbol", "sqlite_autoindex_annotations_1",
                                     "annotation_search_data", "annotation_search_content",
                                     "tags_tag"])
def test_a_damaged_index_or_search_page_costs_no_annotation(data_dir, damaged):
    notes = [_note("kept", n) for n in range(600)]
    with AnnotationStore.open(data_dir) as store:
        store.save_many(notes)
    path = data_dir / DB_NAME
    _damage_page_of(path, damaged)
    before = path.read_bytes()

    with AnnotationStore.open(data_dir) as store:
        assert not store.read_only
        assert store.all() == sorted(notes, key=lambda a: (a.created, a.id))
        assert len(store.search("kept", limit=1000)) == 600
        assert "damaged" in store.problem and "600 annotations were saved" in store.problem
        assert "could not be read" not in store.problem
        aside = [p for p in data_dir.iterdir() if ".damaged-" in p.name]
        assert len(aside) == 1 and str(aside[0]) in store.problem
        assert aside[0].read_bytes() == before  # the damaged original, kept as it was
    assert _sound(data_dir)


def test_a_damaged_interior_page_of_the_table_costs_no_annotation(data_dir):
    """SQL cannot reach the leaves under a damaged interior page; reading the pages can."""
    notes = [_note("kept", n) for n in range(600)]
    with AnnotationStore.open(data_dir) as store:
        store.save_many(notes)
    _damage_page_of(data_dir / DB_NAME, "annotations", "internal")
    with AnnotationStore.open(data_dir) as store:
        assert {a.id for a in store.all()} == {a.id for a in notes}
        assert store.get("kept-7").tags == ("kept",)
        assert "600 annotations were saved" in store.problem and "no annotation was lost" in (
            store.problem)
    assert _sound(data_dir)


def test_a_damaged_table_page_loses_only_its_rows_and_says_which(data_dir):
    notes = [_note("kept", n) for n in range(600)]
    with AnnotationStore.open(data_dir) as store:
        store.save_many(notes)
    _damage_page_of(data_dir / DB_NAME, "annotations")
    with AnnotationStore.open(data_dir) as store:
        saved = {a.id for a in store.all()}
        lost = 600 - len(saved)
        assert 0 < lost < 100  # one page of rows, not the file
        assert f"{len(saved)} annotations were saved" in store.problem
        assert f"{lost} could not be read and are lost" in store.problem
        missing = sorted({a.id for a in notes} - saved)
        assert missing[0] in store.problem  # named by the index that still lists them
    assert _sound(data_dir)


# --- 3. an empty file, a row of the wrong type, the menu's name ----------------------------


def test_an_empty_file_is_reported_with_the_backups(data_dir, two_states):
    (data_dir / DB_NAME).write_bytes(b"")
    with AnnotationStore.open(data_dir) as store:
        assert store.problem and "empty (0 bytes)" in store.problem
        assert BACKUP in store.problem or "annotations-" in store.problem
        assert "Annotate → Restore a Backup…" in store.problem
        assert not store.read_only and store.count() == 0


def test_a_missing_file_with_backups_is_reported(data_dir, two_states):
    (data_dir / DB_NAME).unlink()
    with AnnotationStore.open(data_dir) as store:
        assert "No annotations file was found" in store.problem and "restored" in store.problem


def _break_one_row(data_dir: Path) -> None:
    with sqlite3.connect(data_dir / DB_NAME) as conn:
        conn.execute("""UPDATE annotations SET start = 'abc', "end" = 'abd' WHERE id = 'old-1'""")
    conn.close()


def test_a_row_of_the_wrong_type_is_skipped_reported_and_kept(data_dir, two_states):
    _break_one_row(data_dir)
    listed = _cli(data_dir, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    ids = {a["id"] for a in __import__("json").loads(listed.stdout)["annotations"]}
    assert ids == {"old-0", "old-2"}
    assert "old-1" in listed.stderr and "start is text ('abc'), not a whole number" in (
        listed.stderr)
    assert "kept in the file" in listed.stderr
    assert _cli(data_dir, "add", "S/RES/2396 (2017)#op3").returncode == 0
    with sqlite3.connect(data_dir / DB_NAME) as conn:  # untouched
        assert conn.execute("SELECT start FROM annotations WHERE id = 'old-1'").fetchone() == (
            "abc",)
    conn.close()


def test_no_message_names_a_menu_that_does_not_exist():
    wrong = []
    for folder in ("annotations", "reader", "corpus", "index"):
        for path in (ROOT / folder).rglob("*.py"):
            if "Annotations → Restore" in path.read_text(encoding="utf-8"):
                wrong.append(path.name)
    assert "Annotations → Restore" not in (ROOT / "main.py").read_text(encoding="utf-8")
    assert wrong == []


# --- 4. commands at once ---------------------------------------------------------------------


def test_twenty_commands_at_once_all_write_without_blaming_a_window(data_dir):
    with AnnotationStore.open(data_dir):  # create the file (and today's backup) first
        pass
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PLENARY_CRASH_AT", None)
    children = [subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir), "annotations",
         "add", f"S/RES/2396 (2017)#op{n % 9 + 1}", "--note", f"parallel {n}"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n in range(20)]
    results = [(child.wait(60), *child.communicate()) for child in children]
    failed = [err for status, _out, err in results if status != 0]
    assert not any("another window" in err for err in failed), failed
    assert failed == [], failed
    with AnnotationStore.open(data_dir) as store:
        assert sorted(a.note for a in store.all()) == sorted(f"parallel {n}" for n in range(20))


def test_the_lock_names_its_holder_and_a_window_is_not_waited_for(data_dir):
    import time

    with AnnotationStore.open(data_dir, exclusive=True):  # a window
        assert f'"pid": {os.getpid()}' in (data_dir / LOCK_NAME).read_text()
        started = time.monotonic()
        second = AnnotationStore.open(data_dir, exclusive=True, holder="command line", wait=5)
        assert time.monotonic() - started < 1
        assert second.read_only and f"a Plenary window, process {os.getpid()}" in (
            second.problem)
        second.close()
    with AnnotationStore.open(data_dir, exclusive=True, holder="command line"):
        started = time.monotonic()
        third = AnnotationStore.open(data_dir, exclusive=True, holder="command line",
                                     wait=0.3)
        assert 0.25 < time.monotonic() - started < 2
        assert third.read_only and "another Plenary command" in third.problem
        assert "window" not in third.problem
        third.close()


# --- the window says it too ------------------------------------------------------------------


@needs_kill
def test_the_window_starts_and_says_what_became_of_an_interrupted_restore_and_a_bad_row(
        qtbot, library, data_dir, two_states):
    from reader.common.tasks import TaskRunner
    from reader.window.main_window import MainWindow
    from reader.window.settings import Settings

    old, restored = two_states
    _break_one_row(data_dir)  # in the file the restore replaces
    assert _cli(data_dir, "restore", BACKUP, crash="restore:aside").returncode < 0
    _break_one_row_of(data_dir, "restored-1")
    window = MainWindow(library, Settings(data_dir), TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: getattr(window.annotating, "last_message", None) is not None)
    text = window.annotating.last_message.text()
    assert "restore of the backup" in text and "completed" in text
    assert "restored-1" in text and "could not be read" in text
    assert {a.id for a in window.annotator.store.all()} == {"restored-0"}


def _break_one_row_of(data_dir: Path, annotation_id: str) -> None:
    """Break a row of the file in place, or (mid-restore) of the copy waiting to replace it."""
    path = temp_path(data_dir / DB_NAME)
    with sqlite3.connect(path if path.exists() else data_dir / DB_NAME) as conn:
        conn.execute("""UPDATE annotations SET start = 'x', "end" = 'y' WHERE id = ?""",
                     (annotation_id,))
    conn.close()
