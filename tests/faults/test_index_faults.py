"""Issue 14, items 4 and 5: every damaged, lost or half-built state of the search index is
found (at open, or by the first query that fails), set aside and rebuilt, with the user told;
and the next open after a build killed at any step gives the results of a fresh build."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import index.store as store
from index.search import Searcher
from index.store import IndexUnavailable, check_usable, open_index

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ("extradition", '"member states"', "biomet*", "terrorism NOT council",
           "kind:operative PNR")


def _answers(index) -> dict[str, list[str]]:
    searcher = Searcher(index)
    answers = {}
    for text in QUERIES:
        results = searcher.search(text, limit=None, time_limit=30)
        assert not results.damaged, results.message
        answers[text] = sorted(hit.key for hit in results.hits)
    return answers


@pytest.fixture(scope="module")
def fresh(library, warm_data_template, tmp_path_factory):
    """The answers of a freshly built index (a copy of the session's warm data directory's),
    and that data directory: a warm parse cache for the child processes, a built index."""
    copy = tmp_path_factory.mktemp("index-faults-fresh") / "data"
    shutil.copytree(warm_data_template, copy)
    index, status = open_index(copy, library.documents)
    assert not status.changed  # opened as built, not built again
    try:
        yield _answers(index), warm_data_template
    finally:
        index.close()


@pytest.fixture
def built(data_dir, fresh):
    """A data directory with a warm parse cache and a complete index, as a first run leaves
    it (a copy of the session's)."""
    shutil.copytree(fresh[1], data_dir, dirs_exist_ok=True)
    return data_dir / "index"


def _segment(directory: Path) -> Path:
    segments = sorted((p for p in directory.iterdir() if p.suffix == ".seg"),
                      key=lambda p: p.stat().st_size)
    assert segments, "the index has no segment file"
    return segments[-1]


def _toc(directory: Path) -> Path:
    return next(directory.glob("_*.toc"))


def _garble(path: Path, keep_time: bool = False) -> None:
    stat = path.stat()
    size = stat.st_size
    with open(path, "r+b") as f:
        f.seek(size // 10)
        f.write(os.urandom(size * 8 // 10) if size > 100 else b"\xff" * size)
    if keep_time:
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def _zero_toc(directory: Path) -> None:
    _toc(directory).write_bytes(b"")


def _truncated_toc(directory: Path) -> None:
    toc = _toc(directory)
    toc.write_bytes(toc.read_bytes()[: toc.stat().st_size // 2])


def _garbage_toc(directory: Path) -> None:
    toc = _toc(directory)
    toc.write_bytes(os.urandom(toc.stat().st_size))


def _garbage_segment(directory: Path) -> None:
    """4 KB of garbage in the middle of the biggest segment: the opening touch of each field's
    first term and of the first and last stored documents reads none of it."""
    segment = _segment(directory)
    with open(segment, "r+b") as f:
        f.seek(segment.stat().st_size // 2)
        f.write(os.urandom(4096))


def _missing_segment(directory: Path) -> None:
    _segment(directory).unlink()


def _index_is_a_file(directory: Path) -> None:
    shutil.rmtree(directory)
    directory.write_text("not an index")


def _unreadable(directory: Path) -> None:
    directory.chmod(0)


@pytest.mark.parametrize("damage", [_zero_toc, _truncated_toc, _garbage_toc, _garbage_segment,
                                    _missing_segment, _index_is_a_file, _unreadable])
def test_a_damaged_index_is_found_at_open_moved_aside_and_rebuilt(built, library, fresh,
                                                                  monkeypatch, damage):
    data_dir = built.parent
    damage(built)
    if damage is _unreadable and os.access(built, os.R_OK):  # root reads any folder
        real, refused = os.listdir, []

        def listdir(path="."):
            if Path(path) == built and not refused:  # the first look, as chmod 0 would
                refused.append(path)
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(store.os, "listdir", listdir)
    try:
        index, status = open_index(data_dir, library.documents)
    finally:
        monkeypatch.undo()
        for aside in data_dir.glob("index.damaged-*"):
            aside.chmod(0o755)
    try:
        assert status.rebuilt
        assert "damaged" in status.messages[0] and "rebuilt" in status.messages[0]
        aside = [p.name for p in data_dir.iterdir() if p.name.startswith("index.damaged-")]
        assert len(aside) == 1 and aside[0] in status.messages[0]
        assert index.notices == status.messages  # what the search panel shows
        assert _answers(index) == fresh[0]
    finally:
        index.close()


def test_damage_the_open_cannot_see_is_found_by_the_first_failing_query(built, library, fresh):
    """A segment garbled with its size and time intact passes the opening check; the first
    query that fails finds it, the index is set aside, and the rebuilt one answers as new."""
    data_dir = built.parent
    index, status = open_index(data_dir, library.documents)
    assert not status.changed
    told = []
    index.on_damaged.append(told.append)
    _garble(_segment(built), keep_time=True)
    searcher = Searcher(index)
    for text in ("extradition", "terrorism", "member states", "council", "decides"):
        results = searcher.search(text)
        if results.damaged:
            break
    assert results.damaged and "damaged" in results.message and "rebuilt" in results.message
    assert told == [results.message]
    assert searcher.search("extradition").damaged  # no more queries on it
    index.close()
    assert [p for p in data_dir.iterdir() if p.name.startswith("index.damaged-")]
    index, status = open_index(data_dir, library.documents)
    try:
        assert status.rebuilt and _answers(index) == fresh[0]
    finally:
        index.close()


def test_the_command_line_rebuilds_an_index_a_query_finds_damaged(built):
    data_dir = built.parent
    for path in built.iterdir():
        if path.suffix == ".seg":
            _garble(path, keep_time=True)
    done = _cli(data_dir, "search", "extradition")
    assert done.returncode == 0, done.stderr
    assert "damaged" in done.stderr
    assert "22 paragraphs" in done.stdout


def test_a_lost_or_damaged_record_rebuilds_so_removed_documents_are_gone(built, library):
    data_dir = built.parent
    removed = library.documents[-1]
    word = "zxqvj"  # a word of no document: the check is the removed document's symbol
    assert word
    for spoil in (lambda p: p.unlink(), lambda p: p.write_text("{not json")):
        spoil(built / store.META_NAME)
        kept = [d for d in library.documents if d.symbol != removed.symbol]
        index, status = open_index(data_dir, kept)
        try:
            assert status.rebuilt and "rebuilt" in status.messages[0]
            reader = index.searcher().reader()
            assert reader.doc_frequency("sym", removed.symbol) == 0
        finally:
            index.close()
        open_index(data_dir, library.documents)[0].close()


def _cli(data_dir: Path, *args: str, crash: str | None = None,
         timeout: float = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("PLENARY_CRASH_AT", None)
    if crash:
        env["PLENARY_CRASH_AT"] = crash
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir),
                           *args], capture_output=True, text=True, env=env, timeout=timeout,
                          cwd=ROOT)


STEPS = ("index:staging", "index:committed", "index:sealed", "index:old-moved",
         "index:swapped")


@pytest.mark.parametrize("step", STEPS)
def test_a_rebuild_killed_at_each_step_leaves_a_usable_identical_index(built, library, fresh,
                                                                      step):
    data_dir = built.parent
    killed = _cli(data_dir, "index", "--rebuild", crash=step)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    index, status = open_index(data_dir, library.documents)
    try:
        assert _answers(index) == fresh[0]
    finally:
        index.close()
    leftovers = [p.name for p in data_dir.iterdir()
                 if p.name.startswith(("index-building-", "index.old-"))]
    assert leftovers == []


def test_an_update_killed_after_its_commit_is_rebuilt_not_trusted(data_dir, library, fresh):
    shutil.copytree(fresh[1] / "cache", data_dir / "cache")
    open_index(data_dir, library.documents[:-1])[0].close()  # the CLI adds the last one
    killed = _cli(data_dir, "index", crash="index:update-committed")
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    index, status = open_index(data_dir, library.documents)
    try:
        assert status.rebuilt and "interrupted" in status.messages[0]
        assert _answers(index) == fresh[0]
    finally:
        index.close()


def test_staging_folders_of_killed_builders_are_removed_at_open(built, library):
    data_dir = built.parent
    for _ in range(3):
        killed = _cli(data_dir, "index", "--rebuild", crash="index:committed")
        assert killed.returncode == -signal.SIGKILL
    for n in range(3):  # as Whoosh and tempfile leave them, with files inside
        (data_dir / f"index-building-stale{n}").mkdir()
        (data_dir / f"index-building-stale{n}" / "x.seg").write_bytes(b"x" * 1000)
    assert len(list(data_dir.glob("index-building-*"))) >= 3
    assert check_usable(data_dir, library.documents)
    assert list(data_dir.glob("index-building-*")) == []


HOLDER = """
import sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from index.store import index_lock
with index_lock(Path({data!r}), wait=0):
    print("holding", flush=True)
    time.sleep(60)
"""


def test_a_rebuild_waits_for_the_lock_and_names_its_holder(built, library, monkeypatch):
    data_dir = built.parent
    holder = subprocess.Popen([sys.executable, "-c", HOLDER.format(root=str(ROOT),
                                                                   data=str(data_dir))],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        building = data_dir / "index-building-live"
        building.mkdir()  # a live builder's folder: not touched while its lock is held
        monkeypatch.setattr(store, "LOCK_WAIT_S", 0.3)
        with pytest.raises(IndexUnavailable, match=f"process {holder.pid}"):
            open_index(data_dir, library.documents, rebuild=True)
        index = store.SearchIndex(built, store._open(built))
        with pytest.raises(IndexUnavailable, match="another Plenary"):
            index.update(library.documents[:-1])
        index.close()
        assert building.exists()
    finally:
        holder.kill()
        holder.wait()
    index, status = open_index(data_dir, library.documents)
    index.close()
    assert not status.changed
    assert not building.exists()  # its builder is gone: stale now


def test_an_index_recorded_by_an_older_plenary_is_kept_and_recorded(built, library):
    data_dir = built.parent
    meta = json.loads((built / store.META_NAME).read_text())
    del meta["files"]
    (built / store.META_NAME).write_text(json.dumps(meta))
    index, status = open_index(data_dir, library.documents)
    index.close()
    assert not status.changed
    assert "files" in json.loads((built / store.META_NAME).read_text())
