"""Shared fixtures. Every test gets throw-away data directories, never the user's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# pytest-qt does not choose a platform; "minimal" draws no text, so grabs would be blank.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "corpus" / "sources"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture(scope="session")
def library(tmp_path_factory: pytest.TempPathFactory):
    """The bundled library, parsed once per test session into its own data directory."""
    from corpus.library import load_library

    return load_library(tmp_path_factory.mktemp("library-data"))


@pytest.fixture
def thread_pool(qapp):
    """A private thread pool, emptied and destroyed when the test ends, so no worker of one
    test is still running (or reporting) in the next."""
    import shiboken6
    from PySide6.QtCore import QThreadPool

    pool = QThreadPool()
    yield pool
    pool.waitForDone(10000)
    shiboken6.delete(pool)


@pytest.fixture(scope="session")
def search_index(library, tmp_path_factory: pytest.TempPathFactory):
    """The bundled library's search index, built once per session; tests must not change it."""
    from index.store import open_index

    index, _ = open_index(tmp_path_factory.mktemp("index-data"), library.documents)
    yield index
    index.close()


@pytest.fixture(scope="session")
def searcher(search_index):
    from index.search import Searcher

    return Searcher(search_index)
