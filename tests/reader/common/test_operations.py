"""Operations: progress and Cancel shown only for slow work, failures told one way, one writer."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QMainWindow

from corpus.errors import CorpusError
from reader.common.operations import SHOW_AFTER_MS, Operations
from reader.common.tasks import TaskRunner


@pytest.fixture
def window(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def operations(window, thread_pool):
    ops = Operations(TaskRunner(pool=thread_pool), window, window.statusBar().showMessage)
    window.statusBar().addPermanentWidget(ops.view)
    yield ops
    ops.cancel_all()
    thread_pool.waitForDone(5000)


def slow(seconds: float, result: object = "done"):
    def work(progress, cancelled):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if cancelled():
                return "cancelled"
            progress(1, 4)
            time.sleep(0.01)
        return result
    return work


def test_quick_work_never_shows_a_bar(qtbot, operations):
    results = []
    operations.run("Saving…", slow(0.01), done=results.append)
    qtbot.waitUntil(lambda: results == ["done"])
    qtbot.wait(SHOW_AFTER_MS + 100)
    assert not operations.view.isVisible()


def test_slow_work_shows_its_label_progress_and_cancel(qtbot, operations):
    results = []
    operations.run("Exporting 40 annotations…", slow(3), done=results.append)
    qtbot.waitUntil(operations.view.isVisible, timeout=2000)
    assert operations.view.label.text() == "Exporting 40 annotations…"
    assert operations.view.cancel_button.isVisible()
    qtbot.waitUntil(lambda: operations.view.bar.maximum() == 4)
    assert operations.view.bar.value() == 1
    operations.view.cancel_button.click()
    assert not operations.view.isVisible()
    assert operations.view.window().statusBar().currentMessage() == (
        "Cancelled: Exporting 40 annotations")
    qtbot.wait(200)
    assert results == []  # a cancelled operation's result is not delivered


def test_a_failure_is_told_in_a_box_with_the_sentence_given(qtbot, operations):
    def work(_progress, _cancelled):
        raise CorpusError("S/RES/9999 is not in the library")

    operations.run("Removing…", work, done=lambda _r: None,
                   failed="S/RES/9999 was not removed")
    qtbot.waitUntil(lambda: operations.last_message is not None)
    box = operations.last_message
    assert box.windowTitle() == "S/RES/9999 was not removed"
    assert box.text() == "S/RES/9999 was not removed: S/RES/9999 is not in the library"


def test_a_file_error_names_the_file(qtbot, operations, tmp_path):
    def work(_progress, _cancelled):
        return (tmp_path / "missing" / "x.html").read_text()

    operations.run("Saving the comparison…", work, done=lambda _r: None)
    qtbot.waitUntil(lambda: operations.last_message is not None)
    text = operations.last_message.text()
    assert text.startswith("Saving the comparison: a file could not be used: No such file")
    assert str(tmp_path / "missing" / "x.html") in text


def test_writers_take_turns(qtbot, operations):
    """Two writes submitted together never run at the same time; reads are not held up."""
    inside, overlaps, order = [0], [], []
    lock = threading.Lock()

    def write(name):
        def work(_progress, _cancelled):
            with lock:
                inside[0] += 1
                overlaps.append(inside[0])
            time.sleep(0.15)
            with lock:
                inside[0] -= 1
            return name
        return work

    operations.run("First…", write("first"), done=order.append, writes=True)
    operations.run("Second…", write("second"), done=order.append, writes=True)
    operations.run("Reading…", slow(0.01, "read"), done=order.append)
    qtbot.waitUntil(lambda: len(order) == 3, timeout=3000)
    assert max(overlaps) == 1
    assert order[0] == "read"  # did not wait behind the writers


def test_a_write_cancelled_while_waiting_for_its_turn_does_nothing(qtbot, operations):
    done, ran = [], []

    def write(name):
        def work(_progress, _cancelled):
            ran.append(name)
            time.sleep(0.1)
            return name
        return work

    operations.run("First…", write("first"), done=done.append, writes=True)
    waiting = operations.run("Second…", write("second"), done=done.append, writes=True)
    operations.run("Third…", write("third"), done=done.append, writes=True)
    waiting.cancel()
    qtbot.waitUntil(lambda: done == ["first", "third"], timeout=3000)
    assert ran == ["first", "third"]
    assert operations.last_message is None and not operations.writing
