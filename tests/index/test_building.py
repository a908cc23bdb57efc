"""Building the index in builder processes: the same index as one process builds, and a stop,
a failed builder or a killed parent loses nothing."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import index.building as building
import index.store as store
from corpus.model import PARAGRAPH_KINDS
from index.building import paragraph_count, split
from index.search import Searcher
from index.store import IndexCancelled, check_usable, open_index

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ("extradition", '"member states"', "biomet*", "terrorism NOT council",
           "kind:operative PNR", "year:[2016 TO 2017] victims")


def _answers(index) -> dict[str, list[tuple[str, float]]]:
    searcher = Searcher(index)
    return {text: sorted((hit.key, hit.score) for hit in
                         searcher.search(text, limit=None, time_limit=30).hits)
            for text in QUERIES}


def _segments(index) -> int:
    return sum(1 for _ in index.searcher().reader().leaf_readers())


@pytest.fixture
def parallel(monkeypatch):
    """Builds of any size go to two builder processes."""
    monkeypatch.setattr(building, "PARALLEL_MIN_PARAGRAPHS", 1)
    monkeypatch.setattr(store, "build_processes", lambda documents: 2)


@pytest.fixture(scope="module")
def one_process(library, tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("one-process") / "data"
    index, _ = open_index(data_dir, library.documents)
    try:
        assert _segments(index) == 1
        yield _answers(index)
    finally:
        index.close()


def test_shares_are_consecutive_balanced_and_bounded(library, monkeypatch):
    documents = list(library.documents) * 6
    assert split(documents, 1) == [documents]
    monkeypatch.setattr(building, "PARALLEL_MIN_PARAGRAPHS", 1)
    shares = split(documents, 2)
    assert len(shares) == 2 and [d for share in shares for d in share] == documents
    sizes = [paragraph_count(share) for share in shares]
    biggest = max(sum(1 for b in d.blocks if b.kind in PARAGRAPH_KINDS) for d in documents)
    assert abs(sizes[0] - sizes[1]) <= biggest
    monkeypatch.setattr(building, "SEGMENT_PARAGRAPHS", 500)
    shares = split(documents, 2)
    assert len(shares) == -(-paragraph_count(documents) // 500)
    assert all(paragraph_count(share) <= 500 + biggest for share in shares)
    assert [d for share in shares for d in share] == documents


def test_a_small_library_is_built_here(library):
    assert building.build_processes(library.documents) == 1


def test_builder_processes_build_the_same_index(library, data_dir, parallel, one_process):
    calls = []
    index, status = open_index(data_dir, library.documents,
                               progress=lambda done, total: calls.append((done, total)))
    try:
        assert status.rebuilt and _segments(index) == 2
        assert index.doc_count() == paragraph_count(library.documents)
        assert _answers(index) == one_process
        assert calls[-1] == (len(library.documents), len(library.documents))
        assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    finally:
        index.close()
    assert not multiprocessing.active_children()
    assert sorted(p.name for p in data_dir.iterdir()) == ["index", "index.lock"]
    assert all(p.is_file() for p in (data_dir / "index").iterdir())  # no temporary folders


def test_stopping_a_parallel_build_keeps_the_previous_index(library, warm_data_dir, parallel,
                                                            one_process):
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 3

    with pytest.raises(IndexCancelled):
        open_index(warm_data_dir, library.documents, rebuild=True, cancelled=cancelled)
    assert not multiprocessing.active_children()  # the builders were stopped
    assert not list(warm_data_dir.glob("index-building-*"))
    index, status = open_index(warm_data_dir, library.documents)
    try:
        assert not status.changed and _answers(index) == one_process
    finally:
        index.close()


def test_when_the_builders_fail_the_index_is_built_here(library, data_dir, parallel,
                                                        one_process, monkeypatch):
    monkeypatch.setenv("PLENARY_CRASH_AT", "index:builder")  # each builder kills itself
    index, status = open_index(data_dir, library.documents)
    try:
        assert status.rebuilt and _segments(index) == 1
        assert _answers(index) == one_process
    finally:
        index.close()
    assert not list(data_dir.glob("index-building-*"))


BUILDER_PARENT = """
import sys
sys.path.insert(0, {root!r})
from pathlib import Path
import index.building as building
import index.store as store
from corpus.library import load_library
from index.store import open_index

if __name__ == "__main__":
    building.PARALLEL_MIN_PARAGRAPHS = 1
    store.build_processes = lambda documents: 2
    data = Path({data!r})
    open_index(data, load_library(data).documents, rebuild=True)
"""


def test_a_parent_killed_while_its_builders_work_loses_nothing(library, warm_data_dir,
                                                               one_process, tmp_path):
    script = tmp_path / "build.py"
    script.write_text(BUILDER_PARENT.format(root=str(ROOT), data=str(warm_data_dir)))
    env = dict(os.environ, PLENARY_CRASH_AT="index:building")
    killed = subprocess.run([sys.executable, str(script)], env=env, capture_output=True,
                            text=True, timeout=120)
    assert killed.returncode == -9, killed.stderr
    deadline = time.monotonic() + 30  # orphaned builders notice and stop by themselves
    while time.monotonic() < deadline and _builders_alive(warm_data_dir):
        time.sleep(0.2)
    assert not _builders_alive(warm_data_dir)
    assert check_usable(warm_data_dir, library.documents)
    assert not list(warm_data_dir.glob("index-building-*"))
    index, _ = open_index(warm_data_dir, library.documents)
    try:
        assert _answers(index) == one_process
    finally:
        index.close()


def _builders_alive(data_dir: Path) -> bool:
    """Whether a process still has a file open in one of ``data_dir``'s staging folders."""
    staging = [str(p) for p in data_dir.glob("index-building-*")]
    if not staging or not Path("/proc").is_dir():  # no /proc (not Linux): cannot tell
        return False
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                target = os.readlink(f"/proc/{pid}/fd/{fd}")
                if any(target.startswith(folder) for folder in staging):
                    return True
        except OSError:
            continue
    return False
