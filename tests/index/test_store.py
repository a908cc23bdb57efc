"""The index on disk: built once, updated incrementally, never trusted when damaged."""

from __future__ import annotations

import dataclasses
import json

import pytest
from whoosh.index import LockError

import index.store as store
from corpus.model import Block, BlockKind, Document, DocumentKind
from index.search import Searcher
from index.store import IndexCancelled, IndexUnavailable, open_index


def _new_resolution(symbol: str = "S/RES/2178 (2014)", word: str = "zanzibarite") -> Document:
    blocks = [Block("intro", BlockKind.INTRO, "The Security Council,")]
    blocks += [Block(f"pp{i}", BlockKind.PREAMBULAR, f"Recalling the {word} question {i},",
                     verb="Recalling") for i in range(1, 4)]
    blocks += [Block(f"op{i}", BlockKind.OPERATIVE, f"Decides that States shall act {i};",
                     number=str(i), verb="Decides") for i in range(1, 6)]
    return Document(symbol=symbol, body="Security Council", date="2014-09-24",
                    title="Threats", kind=DocumentKind.RESOLUTION, blocks=blocks)


def _count(index, query: str) -> int:
    return Searcher(index).search(query, limit=None).total


@pytest.fixture
def built_dir(warm_data_dir):
    """A data directory whose index is built and complete (a copy of the session's)."""
    return warm_data_dir


def test_first_open_builds_with_progress_and_a_second_changes_nothing(data_dir, library):
    calls = []
    index, status = open_index(data_dir, library.documents,
                               progress=lambda done, total: calls.append((done, total)))
    assert status.rebuilt and len(status.added) == 5
    assert calls[-1] == (5, 5) and len(calls) == 5
    assert index.doc_count() == 432
    index.close()
    index, status = open_index(data_dir, library.documents)
    assert not status.changed and index.doc_count() == 432
    index.close()


def test_adding_changing_and_removing_one_document_is_incremental(built_dir, library, monkeypatch):
    index, _ = open_index(built_dir, library.documents)
    monkeypatch.setattr(store, "_build", lambda *a, **k: pytest.fail("no full rebuild"))
    added = _new_resolution()
    status = index.update([*library.documents, added])
    assert status.added == ["S/RES/2178 (2014)"] and not status.updated
    assert _count(index, "zanzibarite") == 3
    assert index.doc_count() == 432 + 8

    changed = dataclasses.replace(added, blocks=[
        dataclasses.replace(b, text=b.text.replace("zanzibarite", "kilimanjarite"))
        for b in added.blocks])
    status = index.update([*library.documents, changed])
    assert status.updated == ["S/RES/2178 (2014)"]
    assert _count(index, "zanzibarite") == 0 and _count(index, "kilimanjarite") == 3

    status = index.update(library.documents)
    assert status.removed == ["S/RES/2178 (2014)"]
    assert _count(index, "kilimanjarite") == 0 and index.doc_count() == 432
    index.close()
    # Reopening with the same library finds nothing to do.
    index, status = open_index(built_dir, library.documents)
    assert not status.changed
    index.close()


def test_a_new_schema_version_rebuilds(built_dir, library, monkeypatch):
    monkeypatch.setattr(store, "SCHEMA_VERSION", store.SCHEMA_VERSION + 1)
    index, status = open_index(built_dir, library.documents)
    assert status.rebuilt and "rebuilt" in status.messages[0]
    assert json.loads((built_dir / "index" / store.META_NAME).read_text())["schema"] == \
        store.SCHEMA_VERSION
    index.close()


def _damage_segments(directory):
    for path in directory.iterdir():
        if path.suffix in (".seg", ".trm", ".pst"):
            path.write_bytes(b"\x00garbage" * 3)


def _remove_toc(directory):
    for path in directory.glob("_*.toc"):
        path.unlink()


def _truncate_segments(directory):
    for path in directory.iterdir():
        if path.suffix in (".seg", ".trm", ".pst", ".dcz"):
            path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])


@pytest.mark.parametrize("damage", [_damage_segments, _remove_toc, _truncate_segments])
def test_a_damaged_index_is_moved_aside_rebuilt_and_reported(built_dir, library, damage):
    damage(built_dir / "index")
    index, status = open_index(built_dir, library.documents)
    assert status.rebuilt
    assert "damaged" in status.messages[0]
    aside = [p for p in built_dir.iterdir() if p.name.startswith("index.damaged-")]
    assert len(aside) == 1 and aside[0].name in status.messages[0]
    assert _count(index, "extradition") == 22
    index.close()


def test_cancelling_a_build_keeps_the_previous_index(built_dir, library):
    with pytest.raises(IndexCancelled):
        open_index(built_dir, library.documents, rebuild=True, cancelled=lambda: True)
    index, status = open_index(built_dir, library.documents)
    assert not status.changed and index.doc_count() == 432
    index.close()
    assert not [p for p in built_dir.iterdir() if p.name.startswith("index-building-")]


def test_cancelling_an_update_keeps_the_previous_index(built_dir, library):
    index, _ = open_index(built_dir, library.documents)
    with pytest.raises(IndexCancelled):
        index.update([*library.documents, _new_resolution()], cancelled=lambda: True)
    assert _count(index, "zanzibarite") == 0 and index.doc_count() == 432
    index.close()


def test_a_crash_mid_update_leaves_the_previous_index_usable(built_dir, library, monkeypatch):
    index, _ = open_index(built_dir, library.documents)

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store, "paragraph_records", crash)
    with pytest.raises(OSError):
        index.update([*library.documents, _new_resolution()])
    monkeypatch.undo()
    index.close()
    index, status = open_index(built_dir, library.documents)
    assert not status.rebuilt and index.doc_count() == 432
    index.close()


def test_an_index_locked_by_another_writer_is_a_clear_message(built_dir, library, monkeypatch):
    index, _ = open_index(built_dir, library.documents)
    monkeypatch.setattr(store.time, "monotonic", iter([0.0, 100.0, 200.0]).__next__)

    def locked(*args, **kwargs):
        raise LockError()

    monkeypatch.setattr(store, "ParagraphWriter", locked)  # what index.whoosh.writer() makes
    with pytest.raises(IndexUnavailable, match="another Plenary"):
        index.update([*library.documents, _new_resolution()])
    assert index.doc_count() == 432  # still searchable
    index.close()


def test_a_data_directory_that_cannot_be_written_is_a_clear_message(tmp_path, library):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the data directory should be")
    with pytest.raises(IndexUnavailable, match="cannot write the search index"):
        open_index(blocker / "data", library.documents)
