"""Shared fixtures. Every test gets throw-away data directories, never the user's."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from support import ROOT, write_seed_sources

# pytest-qt does not choose a platform; "minimal" draws no text, so grabs would be blank.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
SOURCES_ENV = "PLENARY_SOURCES"  # corpus.manifest.SOURCES_ENV
_SEEDS = pytest.StashKey[Path]()


def pytest_configure(config: pytest.Config) -> None:
    """The suite's bundled library is the five seed texts, not the 907 Plenary bundles: what
    the tests check of a library (links, counts, search results, windows) is written for
    them, and a test that parsed or indexed 907 documents would take a minute, not a second.
    The folder is made once (xdist's workers inherit it from the controller, as child
    processes of the command-line tests do). Tests of the full bundle name it:
    ``load_library(…, sources=BUNDLED_SOURCES)``."""
    if os.environ.get(SOURCES_ENV):
        return
    folder = Path(tempfile.mkdtemp(prefix="plenary-seeds-"))
    write_seed_sources(folder)
    os.environ[SOURCES_ENV] = str(folder)
    config.stash[_SEEDS] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(_SEEDS, None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop(SOURCES_ENV, None)



@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture(scope="session")
def warm_data_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory as ``main.py index`` leaves it on a first run: the suite's bundled
    library (the five seed texts, see pytest_configure) loaded, its library index and parse
    cache filled, the search index built. Built once per session (per xdist worker); never
    used directly (tests get a copy from ``warm_data_dir``)."""
    from corpus.library import load_library
    from index.store import open_index

    path = tmp_path_factory.mktemp("warm-data") / "data"
    path.mkdir()
    index, _ = open_index(path, load_library(path).documents)
    index.close()
    return path


@pytest.fixture
def warm_data_dir(warm_data_template: Path, tmp_path: Path) -> Path:
    """A throw-away copy of the warm data directory (parse cache and index, file times kept,
    so the index's record still vouches for its files): a command run on it parses and builds
    nothing. A test about a first start (nothing parsed, no index) takes ``data_dir``."""
    path = tmp_path / "data"
    shutil.copytree(warm_data_template, path)
    return path


@pytest.fixture(scope="session")
def library(warm_data_template: Path):
    """The suite's bundled library (the five seed texts), loaded once per test session from
    the warm data directory (its library index and parse cache, which the same loader
    filled)."""
    from corpus.library import load_library

    return load_library(warm_data_template)


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
def search_index(library, warm_data_template: Path, tmp_path_factory: pytest.TempPathFactory):
    """The bundled library's search index, built once per session; tests must not change it."""
    from index.store import open_index

    path = tmp_path_factory.mktemp("index-data") / "data"
    shutil.copytree(warm_data_template, path)  # the warm data directory's, opened as built
    index, _ = open_index(path, library.documents)
    yield index
    index.close()


@pytest.fixture(scope="session")
def searcher(search_index):
    from index.search import Searcher

    return Searcher(search_index)


# Markers (registered in pyproject.toml) set by a test's place and fixtures, so a new test is
# marked without anyone remembering to: `pytest -m "not slow"` is the quick run.
CLI_FILES = {
    "test_cli.py", "test_import_cli.py", "test_import_formats.py", "test_offline.py",
    "test_terminal_output.py", "test_wheel.py", "annotations/test_annotations_cli.py",
    "faults/test_annotation_faults.py", "faults/test_import_bounds.py",
    "faults/test_index_faults.py", "faults/test_text_bounds.py", "test_print_cli.py",
    "test_record_cli.py", "smoke/test_real_window.py",
}
SLOW_FILES = {"corpus/test_real_resolutions.py", "annotations/test_crash.py", "test_wheel.py",
              "corpus/test_pack.py", "smoke/test_real_window.py"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    tests = ROOT / "tests"
    for item in items:
        place = item.path.relative_to(tests).as_posix()
        if {"qtbot", "qapp"} & set(item.fixturenames):
            item.add_marker(pytest.mark.gui)
        if place in CLI_FILES:
            item.add_marker(pytest.mark.cli)
        if place in SLOW_FILES or place.startswith("faults/"):
            item.add_marker(pytest.mark.slow)
