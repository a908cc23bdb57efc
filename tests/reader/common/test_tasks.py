"""The TaskRunner: outcomes on the UI thread, progress, failures, and stale work dropped."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication

from reader.common.tasks import TaskRunner


@pytest.fixture
def threaded(qtbot, thread_pool):
    """A runner on its own pool, so no worker outlives the test."""
    runner = TaskRunner(pool=thread_pool)
    yield runner
    runner.cancel_all()
    assert runner.wait_for_done(5000)


class Receiver(QObject):
    """Records what it is told, and on which thread."""

    def __init__(self) -> None:
        super().__init__()
        self.results: list[object] = []
        self.errors: list[BaseException] = []
        self.progress: list[tuple[int, int]] = []
        self.on_ui_thread: list[bool] = []

    def done(self, result: object) -> None:
        self.on_ui_thread.append(QThread.currentThread() == QApplication.instance().thread())
        self.results.append(result)

    def failed(self, error: BaseException) -> None:
        self.on_ui_thread.append(QThread.currentThread() == QApplication.instance().thread())
        self.errors.append(error)

    def progressed(self, done: int, total: int) -> None:
        self.on_ui_thread.append(QThread.currentThread() == QApplication.instance().thread())
        self.progress.append((done, total))


def count_to(n: int):
    def work(progress, cancelled):
        for i in range(1, n + 1):
            progress(i, n)
        return f"counted to {n} on {threading.current_thread().name}"
    return work


def test_synchronous_runs_inline_before_submit_returns(qapp):
    runner, receiver = TaskRunner(synchronous=True), Receiver()
    task = runner.submit(count_to(3), done=receiver.done, progress=receiver.progressed)
    assert receiver.progress == [(1, 3), (2, 3), (3, 3)]
    assert receiver.results == [f"counted to 3 on {threading.current_thread().name}"]
    assert task.is_finished() and all(receiver.on_ui_thread)


def test_synchronous_failure_goes_to_failed(qapp):
    runner, receiver = TaskRunner(synchronous=True), Receiver()

    def broken(progress, cancelled):
        raise ValueError("no such paragraph")

    runner.submit(broken, done=receiver.done, failed=receiver.failed)
    assert receiver.results == [] and [str(e) for e in receiver.errors] == ["no such paragraph"]


def test_synchronous_failure_without_handler_is_raised(qapp):
    def broken(progress, cancelled):
        raise ValueError("nobody listens")

    with pytest.raises(ValueError, match="nobody listens"):
        TaskRunner(synchronous=True).submit(broken, done=print)


def test_synchronous_cancel_during_work_drops_the_result(qapp):
    runner, receiver = TaskRunner(synchronous=True), Receiver()

    def work(progress, cancelled):
        progress(1, 2)  # the window closes meanwhile: see below
        return "stale" if cancelled() else "fresh"

    task = runner.submit(work, done=receiver.done,
                         progress=lambda done, total: runner.cancel_all())
    assert task.is_cancelled() and task.is_finished()
    assert receiver.results == []


def test_threaded_done_and_progress_arrive_on_the_ui_thread(qtbot, threaded):
    receiver = Receiver()
    task = threaded.submit(count_to(5), done=receiver.done, progress=receiver.progressed)
    qtbot.waitUntil(task.is_finished, timeout=5000)
    assert len(receiver.results) == 1
    assert "counted to 5" in receiver.results[0]
    assert threading.current_thread().name not in receiver.results[0]  # it ran in a worker
    assert receiver.progress[0] == (1, 5) and receiver.progress[-1] == (5, 5)
    assert receiver.on_ui_thread and all(receiver.on_ui_thread)


def test_threaded_failure_arrives_on_the_ui_thread(qtbot, threaded):
    receiver = Receiver()

    def broken(progress, cancelled):
        raise OSError("disk full")

    task = threaded.submit(broken, done=receiver.done, failed=receiver.failed)
    qtbot.waitUntil(task.is_finished, timeout=5000)
    assert receiver.results == [] and isinstance(receiver.errors[0], OSError)
    assert receiver.on_ui_thread == [True]


def test_threaded_cancel_drops_the_result_and_stops_the_work(qtbot, threaded):
    receiver, started, release = Receiver(), threading.Event(), threading.Event()
    saw_cancel = []

    def slow(progress, cancelled):
        started.set()
        release.wait(5)
        saw_cancel.append(cancelled())
        return "stale"

    task = threaded.submit(slow, done=receiver.done, failed=receiver.failed)
    assert started.wait(5)
    task.cancel()
    release.set()
    qtbot.waitUntil(task.is_finished, timeout=5000)
    assert saw_cancel == [True]
    assert receiver.results == [] and receiver.errors == []


def test_a_receiver_deleted_before_the_end_is_not_called(qtbot, threaded):
    receiver, release = Receiver(), threading.Event()
    called = []
    receiver.done = lambda result: called.append(result)  # type: ignore[method-assign]

    def slow(progress, cancelled):
        release.wait(5)
        return "late"

    task = threaded.submit(slow, done=receiver.done, context=receiver)
    with qtbot.waitSignal(receiver.destroyed, timeout=5000):
        receiver.deleteLater()
    release.set()
    qtbot.waitUntil(task.is_finished, timeout=5000)
    assert called == []


def test_a_bound_method_of_a_deleted_widget_is_not_called(qtbot, threaded):
    from PySide6.QtWidgets import QLabel

    label, release = QLabel(), threading.Event()

    def slow(progress, cancelled):
        release.wait(5)
        return "late"

    task = threaded.submit(slow, done=label.setText)  # its owner is the context by default
    with qtbot.waitSignal(label.destroyed, timeout=5000):
        label.deleteLater()
    release.set()
    qtbot.waitUntil(task.is_finished, timeout=5000)  # no RuntimeError from a dead QLabel


class Resource:
    """Something a task opens (an index, a file) that must be closed by someone."""

    def __init__(self) -> None:
        self.closed = False

    def close(self) -> None:
        self.closed = True


def test_a_result_dropped_after_a_late_cancel_is_discarded_not_leaked(qtbot, threaded):
    """The work ends after the window gave up on it (a build cancelled late): its result is
    handed to ``discard`` so an opened index is closed, never left open with nobody holding it."""
    receiver, started, release = Receiver(), threading.Event(), threading.Event()
    opened = Resource()

    def opening(progress, cancelled):
        started.set()
        release.wait(5)
        return opened  # it finished opening before it saw the cancel

    task = threaded.submit(opening, done=receiver.done, discard=lambda r: r.close())
    assert started.wait(5)
    task.cancel()
    release.set()
    qtbot.waitUntil(task.is_finished, timeout=5000)
    assert receiver.results == [] and opened.closed


def test_a_delivered_result_is_not_discarded(qapp):
    runner, receiver, opened = TaskRunner(synchronous=True), Receiver(), Resource()
    runner.submit(lambda progress, cancelled: opened, done=receiver.done,
                  discard=lambda r: r.close())
    assert receiver.results == [opened] and not opened.closed
