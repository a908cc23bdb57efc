"""The index service: builds in the background with progress, reuses what is on disk, and says
what went wrong in words for the status bar."""

from __future__ import annotations

import pytest

from index.store import IndexUnavailable
from reader.common.tasks import TaskRunner
from reader.search.index_service import IndexService


@pytest.fixture
def runner(qtbot, thread_pool):
    runner = TaskRunner(pool=thread_pool)
    yield runner
    runner.cancel_all()
    assert runner.wait_for_done(10000)


class Recorder:
    """Everything a service said, in order."""

    def __init__(self, service: IndexService) -> None:
        self.events: list[tuple[str, object]] = []
        service.progress.connect(lambda *done_total: self.events.append(("progress", done_total)))
        service.ready.connect(lambda index: self.events.append(("ready", index)))
        service.failed.connect(lambda text: self.events.append(("failed", text)))
        service.message.connect(lambda text: self.events.append(("message", text)))

    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.events]

    def of(self, kind: str) -> list[object]:
        return [value for k, value in self.events if k == kind]


def start(qtbot, runner, data_dir, documents) -> tuple[IndexService, Recorder]:
    service = IndexService(runner)
    recorder = Recorder(service)
    with qtbot.waitSignal(service.ready, timeout=30000):
        service.start(data_dir, documents)
    return service, recorder


def test_first_start_builds_with_progress_then_ready(qtbot, runner, data_dir, library):
    service, recorder = start(qtbot, runner, data_dir, library.documents)
    progress = recorder.of("progress")
    assert progress and progress[-1] == (len(library.documents), len(library.documents))
    assert recorder.kinds()[-1] == "ready" and set(recorder.kinds()) == {"progress", "ready"}
    assert service.index is recorder.of("ready")[0]
    assert service.index.doc_count() == 432 and not service.busy
    service.index.close()


def test_a_second_start_reuses_the_index_on_disk(qtbot, runner, warm_data_dir, library):
    """The index a first run built (the warm data directory's) is opened as it is."""
    second, recorder = start(qtbot, runner, warm_data_dir, library.documents)
    assert recorder.kinds() == ["ready"]  # nothing to (re)index: no progress, no message
    assert second.index.doc_count() == 432
    second.index.close()


def test_a_damaged_index_is_rebuilt_and_said_so(qtbot, runner, warm_data_dir, library):
    tocs = list((warm_data_dir / "index").glob("*.toc"))  # a first run's index, damaged
    assert tocs
    for path in tocs:
        path.unlink()
    second, recorder = start(qtbot, runner, warm_data_dir, library.documents)
    messages = recorder.of("message")
    assert len(messages) == 1 and "damaged" in messages[0]
    assert recorder.kinds().index("message") < recorder.kinds().index("ready")
    assert second.index.doc_count() == 432
    second.index.close()


def test_an_unavailable_index_fails_with_its_reason(qtbot, library, tmp_path):
    def unavailable(data_dir, documents, **kwargs):
        raise IndexUnavailable("cannot write the search index in /read-only (Permission denied)")

    service = IndexService(TaskRunner(synchronous=True), opener=unavailable)
    with qtbot.waitSignal(service.failed) as blocker:
        service.start(tmp_path, library.documents)
    assert blocker.args == ["cannot write the search index in /read-only (Permission denied)"]
    assert service.index is None and not service.busy


def test_a_real_unwritable_data_directory_fails(qtbot, library, tmp_path):
    blocker_file = tmp_path / "not-a-directory"
    blocker_file.write_text("a file where the data directory should be")
    service = IndexService(TaskRunner(synchronous=True))
    with qtbot.waitSignal(service.failed) as blocker:
        service.start(blocker_file, library.documents)
    assert "cannot write the search index" in blocker.args[0]


def test_cancel_drops_the_build_and_keeps_nothing(qtbot, library, data_dir):
    runner = TaskRunner(synchronous=True)
    service = IndexService(runner)
    recorder = Recorder(service)
    # Cancel as soon as the first document is indexed, as the window closing would.
    service.progress.connect(lambda done, total: service.cancel())
    service.start(data_dir, library.documents)
    assert recorder.kinds() == ["progress"] and service.index is None and not service.busy
    assert not (data_dir / "index").exists()


def test_closing_the_window_cancels_its_work_and_closes_the_index(qtbot, library,
                                                                  warm_data_dir, monkeypatch):
    """Nothing left running or open at quit: the window cancels its tasks and the index
    service closes the index it opened (its files and writer lock released)."""
    from index.store import SearchIndex
    from reader.window.main_window import MainWindow
    from reader.window.settings import Settings

    closed: list[SearchIndex] = []
    real_close = SearchIndex.close
    monkeypatch.setattr(SearchIndex, "close", lambda self: (closed.append(self),
                                                            real_close(self))[1])
    runner = TaskRunner(synchronous=True)
    service = IndexService(runner)
    window = MainWindow(library, Settings(warm_data_dir), runner, index_service=service)
    qtbot.addWidget(window)
    service.start(warm_data_dir, library.documents)
    index = service.index
    assert index is not None and closed == []
    window.close()
    assert closed == [index] and service.index is None
