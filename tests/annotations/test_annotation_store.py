"""The annotations database: what is saved stays saved, and every failure is told, not hidden."""

from __future__ import annotations

import os
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

import annotations.backups as backups_module
import annotations.store as store_module
from annotations.model import Annotation
from annotations.schema import SCHEMA_VERSION, migrate
from annotations.store import (
    ALREADY_RUNNING,
    DB_NAME,
    AnnotationStore,
    ReadOnlyStore,
    StoreError,
)

SYMBOL = "S/RES/2396 (2017)"


def _highlight(n: int = 1, **fields: object) -> Annotation:
    values: dict[str, object] = dict(
        symbol=SYMBOL, block=f"op{n}", start=0, end=7, quote="Decides", prefix="",
        suffix=" that Member States", note=f"note {n}", created=f"2024-01-01T00:00:{n:02d}+00:00")
    values.update(fields)
    return Annotation(**values)  # type: ignore[arg-type]


def _bookmark(**fields: object) -> Annotation:
    return Annotation(symbol="A/RES/70/1", block="op3", quote="Goal 3 health",
                      **fields)  # type: ignore[arg-type]


@pytest.fixture
def store(data_dir: Path):
    opened = AnnotationStore.open(data_dir)
    yield opened
    opened.close()


def _raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


# --- saving and reading ----------------------------------------------------------------------


def test_add_edit_delete_and_put_back(store):
    note = store.add(_highlight(note="Key paragraph", tags=("#Terrorism", "finance", "terrorism")))
    mark = store.add(_bookmark(tags=("sdg",)))
    assert store.problem is None and not store.read_only
    assert store.get(note.id) == note and note.tags == ("finance", "Terrorism")
    assert store.get(mark.id) == mark and store.get(mark.id).is_bookmark

    edited = note.edited(note="Changed my mind", tags=("finance",), color="green")
    store.apply([(note, edited)])
    assert store.get(note.id) == edited and edited.updated > note.updated

    store.apply([(edited, None)])
    assert store.get(note.id) is None and store.count() == 1
    store.apply([(None, edited)])  # undo of the delete
    assert store.get(note.id) == edited and store.count() == 2


def test_a_change_to_an_annotation_changed_elsewhere_is_refused(store):
    """The window's undo must not put an old version over one the command line saved."""
    note = store.add(_highlight(note="mine"))
    newer = note.edited(note="from the command line")
    store.apply([(note, newer)])
    with pytest.raises(StoreError, match="changed elsewhere"):
        store.apply([(note, note.edited(note="stale window"))])
    with pytest.raises(StoreError, match="changed elsewhere"):
        store.apply([(None, note)])  # "add" of an id that is already there
    assert store.get(note.id) == newer


def test_annotations_survive_closing_and_reopening(data_dir):
    first = AnnotationStore.open(data_dir)
    saved = [first.add(_highlight(n, tags=(t,))) for n, t in [(3, "beta"), (1, "Alpha"), (2, "b")]]
    saved.append(first.add(_bookmark(detached=True)))
    first.close()

    again = AnnotationStore.open(data_dir)
    assert again.all() == sorted(saved, key=lambda a: a.created)
    assert [a.block for a in again.for_document(SYMBOL)] == ["op1", "op2", "op3"]
    assert again.get(saved[-1].id).detached
    assert again.tags() == ["Alpha", "b", "beta"]
    assert again.count() == 4
    again.close()


def test_database_runs_in_wal_mode_with_foreign_keys_and_full_sync(store):
    store.add(_highlight())
    conn = store._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_deleting_an_annotation_removes_its_tags_and_search_entry(store):
    note = store.add(_highlight(note="zanzibar", tags=("one", "two")))
    store.apply([(note, None)])
    with _raw(store.path) as other:
        assert other.execute("SELECT count(*) FROM tags").fetchone()[0] == 0
    assert store.tags() == [] and store.search("zanzibar") == []


def test_adding_an_existing_id_or_changing_a_missing_one_is_refused(store):
    note = store.add(_highlight())
    with pytest.raises(StoreError, match="already saved"):
        store.add(note.edited(note="twice"))
    missing = _highlight(2)
    with pytest.raises(StoreError, match="changed elsewhere"):
        store.apply([(missing, missing.edited(note="x"))])
    assert store.all() == [note]


def test_a_failed_batch_changes_nothing(store):
    kept = store.add(_highlight())
    bad = _highlight(2, start=9, end=3)  # the database refuses a range that ends before it starts
    with pytest.raises(StoreError, match="not valid"):
        store.save_many([kept.edited(note="changed"), _highlight(3), bad])
    assert store.all() == [kept]


def test_a_full_disk_is_reported_and_changes_nothing(store):
    kept = store.add(_highlight())
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreError, match="is full"):
        store.add(_highlight(2, note="long " * 5000))
    assert store.all() == [kept]


# --- search ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "found"), [
    ("sanctions", ["n"]),           # a word of a note
    ("sanc", ["n"]),                # a prefix
    ("Decides", ["n", "q"]),        # the quote
    ("counter-terrorism", ["t"]),   # a tag (both words)
    ("resolution régime", ["q"]),   # every word required; accents ignored
    ("resolutions", ["q"]),         # stemmed
    ("", []),
    ("   ...  ", []),
    ("absent", []),
])
def test_search_finds_words_of_notes_quotes_and_tags(store, text, found):
    store.add(_highlight(1, note="On sanctions", id="n"))
    store.add(_highlight(2, quote="Decides that the resolution regime", note="", id="q"))
    store.add(_highlight(3, quote="Recalls", note="", tags=("counter-terrorism",), id="t"))
    assert sorted(a.id for a in store.search(text)) == found


@pytest.mark.parametrize("text", ['"unbalanced AND (', "NEAR(", "a OR", "*", "-x", "note:",
                                  "^start", "AND", "{x y}", "'quoted'", "\\", "é\u0301"])
def test_search_never_raises_on_query_syntax(store, text):
    store.add(_highlight(note="near and or not"))
    assert isinstance(store.search(text), list)


def test_search_ranks_the_best_match_first_and_honours_the_limit(store):
    for n in range(1, 6):
        store.add(_highlight(n, note="financing " * n + "other words " * 10))
    results = store.search("financing", limit=3)
    assert len(results) == 3 and results[0].block == "op5"


# --- migration, newer and damaged files -------------------------------------------------------


def _version_1_database(path: Path, annotations: list[Annotation]) -> None:
    with _raw(path) as conn:
        migrate(conn, upto=1)
        for a in annotations:
            conn.execute(
                'INSERT INTO annotations (id, symbol, block, start, "end", quote, prefix, suffix,'
                " color, note, created, updated, detached) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (a.id, a.symbol, a.block, a.start, a.end, a.quote, a.prefix, a.suffix, a.color,
                 a.note, a.created, a.updated, int(a.detached)))
            conn.executemany("INSERT INTO tags VALUES (?, ?)", [(a.id, t) for t in a.tags])
    conn.close()


def test_a_version_1_database_is_backed_up_and_migrated_with_its_data(data_dir):
    old = [_highlight(1, note="peacekeeping mandate", tags=("unmiss",)), _bookmark()]
    _version_1_database(data_dir / DB_NAME, old)

    store = AnnotationStore.open(data_dir)
    assert store.problem is None and not store.read_only
    assert store._conn.execute("PRAGMA user_version").fetchone()[0] == 2
    assert store.all() == sorted(old, key=lambda a: a.created)
    assert [a.id for a in store.search("peacekeep")] == [old[0].id]
    assert [a.id for a in store.search("unmi")] == [old[0].id]
    before = [p for p in store.backups() if p.name.endswith("-before-v2.sqlite3")]
    assert len(before) == 1
    with _raw(before[0]) as copy:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
        assert copy.execute("SELECT count(*) FROM annotations").fetchone()[0] == 2
    copy.close()

    store.apply([(old[0], None)])
    store.restore_backup(before[0])  # an old-schema backup is migrated again when put back
    assert [a.id for a in store.search("peacekeeping")] == [old[0].id]
    assert len([p for p in store.backups() if "-before-v2" in p.name]) == 2  # none overwritten
    store.close()


def test_a_database_from_a_newer_plenary_is_opened_read_only_and_left_untouched(data_dir):
    path = data_dir / DB_NAME
    first = AnnotationStore.open(data_dir)
    note = first.add(_highlight())
    first.close()
    with _raw(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()

    store = AnnotationStore.open(data_dir)
    assert store.read_only and "written by a newer version of Plenary" in store.problem
    assert store.all() == [note]
    with pytest.raises(ReadOnlyStore):
        store.add(_highlight(2))
    store.close()
    assert path.read_bytes() == before


def _assert_moved_aside(store: AnnotationStore, junk: bytes) -> None:
    aside = [p for p in store.path.parent.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1
    assert aside[0].name.startswith(f"{DB_NAME}.damaged-") and len(aside[0].name) == len(
        f"{DB_NAME}.damaged-20240101-120000")
    assert aside[0].read_bytes() == junk
    assert str(aside[0]) in store.problem and "Annotate → Restore a Backup…" in store.problem
    assert not store.read_only and store.all() == []
    note = store.add(_highlight())
    assert store.get(note.id) == note


def test_a_file_that_is_not_a_database_is_moved_aside_and_a_fresh_one_started(data_dir):
    junk = b"this is not SQLite at all\n" * 400
    (data_dir / DB_NAME).write_bytes(junk)
    store = AnnotationStore.open(data_dir)
    _assert_moved_aside(store, junk)
    store.close()


def test_a_database_with_a_damaged_page_is_salvaged_and_the_original_kept(data_dir):
    first = AnnotationStore.open(data_dir)
    first.save_many([_highlight(n, note=f"paragraph {n} " * 40, id=f"id-{n}")
                     for n in range(1, 200)])
    first.close()
    path = data_dir / DB_NAME
    damaged = bytearray(path.read_bytes())
    page = len(damaged) // 4096 // 2 * 4096
    damaged[page:page + 4096] = b"\xa5" * 4096
    path.write_bytes(bytes(damaged))

    store = AnnotationStore.open(data_dir)
    aside = [p for p in data_dir.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == bytes(damaged)
    assert str(aside[0]) in store.problem and "damaged" in store.problem
    saved = store.count()
    assert saved > 0 and f"{saved} annotations were saved" in store.problem
    assert not store.read_only
    note = store.add(_highlight(300))
    assert store.get(note.id) == note
    store.close()


# --- other programs, other windows, read-only places ------------------------------------------


def test_a_write_while_another_program_holds_the_database_fails_clearly(data_dir):
    store = AnnotationStore.open(data_dir, busy_timeout=0.1)
    mine = store.add(_highlight())
    other = _raw(store.path)
    other.execute("BEGIN EXCLUSIVE")
    other.execute("UPDATE annotations SET note = 'theirs' WHERE id = ?", (mine.id,))
    with pytest.raises(StoreError, match=r"is locked by another program.*not saved"):
        store.add(_highlight(2))
    other.execute("COMMIT")
    other.close()
    assert [a.note for a in store.all()] == ["theirs"]
    store.add(_highlight(2))
    assert store.count() == 2
    store.close()


def test_a_second_exclusive_store_is_read_only_but_shows_the_annotations(data_dir):
    first = AnnotationStore.open(data_dir, exclusive=True)
    note = first.add(_highlight())
    second = AnnotationStore.open(data_dir, exclusive=True)
    assert second.read_only and second.problem == ALREADY_RUNNING.replace(
        "another window has", f"a Plenary window, process {os.getpid()}, has")
    assert second.all() == [note]
    later = first.add(_highlight(2))
    assert second.get(later.id) == later  # sees the other window's changes as they happen
    with pytest.raises(ReadOnlyStore, match="already running"):
        second.apply([(note, None)])
    second.close()
    first.close()

    third = AnnotationStore.open(data_dir, exclusive=True)
    assert not third.read_only and third.problem is None
    third.close()


def test_a_store_opened_without_exclusive_ignores_the_lock(data_dir):
    first = AnnotationStore.open(data_dir, exclusive=True)
    command_line = AnnotationStore.open(data_dir)
    assert not command_line.read_only
    command_line.add(_highlight())
    assert first.count() == 1
    command_line.close()
    first.close()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="needs file permissions, which root ignores")
def test_a_read_only_data_directory_shows_the_annotations(data_dir):
    first = AnnotationStore.open(data_dir)
    note = first.add(_highlight(note="still here"))
    first.close()
    data_dir.chmod(0o555)
    try:
        store = AnnotationStore.open(data_dir, exclusive=True)
        assert store.read_only and "cannot write to" in store.problem
        assert store.all() == [note] and store.search("still") == [note]
        with pytest.raises(ReadOnlyStore):
            store.add(_highlight(2))
        store.close()
    finally:
        data_dir.chmod(0o755)


def test_an_unwritable_file_is_opened_read_only(data_dir, monkeypatch):
    first = AnnotationStore.open(data_dir)
    note = first.add(_highlight())
    first.close()
    monkeypatch.setattr(store_module, "can_write", lambda path: False)
    store = AnnotationStore.open(data_dir)
    assert store.read_only and "changes cannot be saved" in store.problem
    assert store.all() == [note]
    with pytest.raises(ReadOnlyStore):
        store.apply([(note, note.edited(note="x"))])
    store.close()


def test_an_unwritable_place_without_a_file_gives_an_empty_read_only_store(data_dir, monkeypatch):
    monkeypatch.setattr(store_module, "can_write", lambda path: False)
    store = AnnotationStore.open(data_dir)
    assert store.read_only and store.all() == [] and store.search("x") == []
    with pytest.raises(ReadOnlyStore):
        store.add(_highlight())
    store.close()
    assert not (data_dir / DB_NAME).exists()


# --- backups ---------------------------------------------------------------------------------


def _open_on(data_dir: Path, monkeypatch, day: date) -> AnnotationStore:
    monkeypatch.setattr(backups_module, "today", lambda: day)
    return AnnotationStore.open(data_dir)


def test_one_backup_a_day_the_newest_five_kept_and_one_can_be_restored(data_dir, monkeypatch):
    start = date(2024, 3, 1)
    for n in range(7):
        store = _open_on(data_dir, monkeypatch, start + timedelta(days=n))
        store.add(_highlight(n + 1))
        store.close()
    store = _open_on(data_dir, monkeypatch, start + timedelta(days=6))  # same day: no new one
    names = [p.name for p in store.backups()]
    assert names == [f"annotations-2024-03-0{d}.sqlite3" for d in (7, 6, 5, 4, 3)]
    assert sorted(p.name for p in (data_dir / "backups").iterdir()) == sorted(names)

    aside = store.restore_backup(store.backups()[-1])  # 3 March: opened with two annotations
    assert [a.block for a in store.all()] == ["op1", "op2"]
    assert aside.parent == data_dir and aside.name.startswith(f"{DB_NAME}.replaced-")
    with _raw(aside) as replaced:
        assert replaced.execute("SELECT count(*) FROM annotations").fetchone()[0] == 7
    replaced.close()
    store.add(_highlight(9))
    store.close()
    assert AnnotationStore.open(data_dir).count() == 3


def test_an_empty_new_database_is_not_backed_up(data_dir):
    store = AnnotationStore.open(data_dir)
    store.close()
    assert AnnotationStore.open(data_dir).backups() == []


def test_a_damaged_backup_is_refused_and_changes_nothing(store, data_dir):
    note = store.add(_highlight())
    bad = data_dir / "backups" / "annotations-2024-01-01.sqlite3"
    bad.parent.mkdir(exist_ok=True)
    bad.write_bytes(b"garbage" * 100)
    with pytest.raises(StoreError, match="cannot be restored"):
        store.restore_backup(bad)
    with pytest.raises(StoreError, match="cannot be restored"):
        store.restore_backup(data_dir / "no-such-file.sqlite3")
    assert store.all() == [note]
    assert not [p for p in data_dir.iterdir() if ".replaced-" in p.name]


def test_a_read_only_store_refuses_to_restore_a_backup(data_dir):
    first = AnnotationStore.open(data_dir, exclusive=True)
    second = AnnotationStore.open(data_dir, exclusive=True)
    with pytest.raises(ReadOnlyStore):
        second.restore_backup(data_dir / "anything.sqlite3")
    second.close()
    first.close()


# --- merging ---------------------------------------------------------------------------------


def test_merge_adds_new_keeps_the_newer_version_and_says_so(store):
    same = store.add(_highlight(1))
    mine_older = store.add(_highlight(2, note="mine"))
    mine_newer = store.add(_highlight(3, note="mine", updated="2024-06-01T00:00:00+00:00"))
    incoming = [
        same,
        mine_older.edited(note="theirs"),
        _highlight(3, id=mine_newer.id, note="theirs", updated="2024-02-01T00:00:00Z"),
        _highlight(4),
    ]
    summary = store.merge(incoming)
    assert summary.added == [incoming[3].id]
    assert summary.updated == [mine_older.id]
    assert summary.skipped == [same.id, mine_newer.id]
    assert summary.line() == "1 added, 1 updated, 2 skipped (2 conflicts)"
    assert summary.conflicts[0].startswith(f"{SYMBOL}, op2: kept the imported newer version")
    assert "already here from 2024-06-01 00:00 UTC" in summary.conflicts[1]
    assert store.get(mine_older.id).note == "theirs"
    assert store.get(mine_newer.id).note == "mine"
    assert [a.id for a in store.search("theirs")] == [mine_older.id]


def test_a_merge_with_an_invalid_annotation_adds_nothing(store):
    with pytest.raises(StoreError):
        store.merge([_highlight(1), _highlight(2, start=5, end=1)])
    assert store.count() == 0


def test_merge_summary_line_without_conflicts():
    summary = store_module.MergeSummary(added=["a"], skipped=["b", "c"])
    assert summary.line() == "1 added, 0 updated, 2 skipped"


def test_re_anchoring_reads_only_the_annotated_documents(store):
    """After a change of the library the annotations find their places again; a library of
    thousands is not read for the few documents a reader annotated."""
    store.add(_highlight())
    store.add(_bookmark())
    asked: list[str] = []

    class Library:
        def get(self, symbol):
            asked.append(symbol)
            return None  # not in this library: the annotations are left as they are

    assert store.annotated_symbols() == ["A/RES/70/1", SYMBOL]
    assert store.reanchor(Library()).changed == []
    assert sorted(asked) == ["A/RES/70/1", SYMBOL]


def test_the_store_serves_one_thread_at_a_time_from_any_thread(store):
    """An import of annotations merges on a worker thread while the window reads."""
    import threading

    errors: list[BaseException] = []

    def merge(n: int) -> None:
        try:
            store.merge([_highlight(n * 10 + i) for i in range(1, 10)])
        except BaseException as exc:  # reported below
            errors.append(exc)

    workers = [threading.Thread(target=merge, args=(n,)) for n in range(1, 4)]
    for worker in workers:
        worker.start()
    while any(w.is_alive() for w in workers):
        store.all()
    for worker in workers:
        worker.join()
    assert errors == [] and store.count() == 27
