"""The one way a command runs long work: off the UI thread, with progress and Cancel where it
takes a while, failures told one way, and one writer at a time for the data directory.

Anki's ``CollectionOp(...).success(...).failure(...).with_progress(...)`` is the model. A command
hands ``Operations.run`` a plain function of (report progress, ask whether cancelled) and what
to do with its result; the operation

* runs on the task runner (inline in tests, whose runner is synchronous);
* shows itself in the status bar (what it is doing, a bar, Cancel) only if it is still running
  after ``SHOW_AFTER_MS``: a quick export never flickers a bar, a slow one always has a Cancel;
* reports a failure in one way, a message box in plain words (``failed`` as a sentence), unless
  the command takes the error itself (``failed`` as a function);
* with ``writes=True`` waits its turn as the data directory's one writer: imports, removals,
  annotation merges and restored backups run one after the other, in the order asked, each
  whole; a write waiting holds no thread, so searches go on meanwhile.

Nothing here knows which command is running; the window gives the status bar a place for the
``ProgressView``.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QWidget,
)

from reader.common.messages import in_words, tell
from reader.common.tasks import CancelledFn, ProgressFn, Task, TaskRunner, Work

T = TypeVar("T")
log = logging.getLogger(__name__)

#: Work that ends sooner than this never shows progress: a bar that flashes for a moment is
#: noise. Longer work shows what it is doing and can be cancelled.
SHOW_AFTER_MS = 500
Failed = str | Callable[[BaseException], None]


class ProgressView(QWidget):
    """What the status bar shows of the operation running longest: its label, a bar (busy
    until the work reports how far it is) and Cancel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(140)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel the operation")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.setVisible(False)

    def show_progress(self, label: str, done: int, total: int) -> None:
        self.label.setText(label)
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)  # busy: the work does not say how far it is
        self.setVisible(True)


class _Running:
    """One operation under way: its task, label and the progress it last reported."""

    def __init__(self, label: str, cancellable: bool) -> None:
        self.label = label
        self.cancellable = cancellable
        self.task: Task[Any] | None = None
        self.done, self.total = 0, 0
        self.shown = False


class Operations(QObject):
    """Runs the window's long work; work run with ``writes=True`` is the data directory's
    one writer while it runs, the others waiting in line."""

    def __init__(self, runner: TaskRunner, parent: QWidget,
                 status: Callable[[str, int], None]) -> None:
        super().__init__(parent)
        self.runner = runner
        self._parent = parent
        self._status = status
        self._writes: deque[Task[Any]] = deque()  # waiting for the writer, in order
        self._writing: Task[Any] | None = None
        self.view = ProgressView()
        self.view.cancel_button.clicked.connect(self.cancel_shown)
        self._running: list[_Running] = []
        #: The last message box shown for a failure (tests read it).
        self.last_message: QMessageBox | None = None

    def run(self, label: str, work: Work[T], *, done: Callable[[T], None],
            failed: Failed | None = None, writes: bool = False, cancellable: bool = True,
            context: QObject | None = None,
            discard: Callable[[T], None] | None = None) -> Task[T]:
        """Run ``work(progress, cancelled)`` off the UI thread, then ``done(result)``.

        ``label`` says what is happening ("Importing S_RES_2178.pdf…"). ``failed`` is the
        sentence a failure is told with ("The comparison could not be saved"), or a function
        that takes the error; without it, the label is the sentence. ``context`` and
        ``discard`` are the runner's: callbacks are dropped once ``context`` is deleted, and
        a result nobody takes goes to ``discard``."""
        running = _Running(label, cancellable)
        self._running.append(running)

        def guarded(progress: ProgressFn, cancelled: CancelledFn) -> T:
            if cancelled():  # while it waited for its turn
                raise _Cancelled

            def report(step: int, total: int) -> None:
                running.done, running.total = step, total
                progress(step, total)

            return work(report, cancelled)

        def finish() -> None:
            if running in self._running:
                self._running.remove(running)
            if writes and self._writing is running.task:
                self._writing = None
                self._next_write()
            self._refresh_view()

        def errored(error: BaseException) -> None:
            if isinstance(error, _Cancelled):
                return
            if callable(failed):
                failed(error)
            else:
                self.tell_failure(failed or label.rstrip("…"), error)

        # ``finish`` hears every end, also of work nobody wants any more (cancelled, its
        # receiver gone): the next write must not wait for it forever.
        task = self.runner.submit(
            guarded, done=done, failed=errored, context=context or self,
            progress=lambda _done, _total: self._refresh_view(), discard=discard,
            ended=finish, deferred=True)
        running.task = task
        if writes:
            self._writes.append(task)
            self._next_write()
        else:
            task.start()
        if not task.is_finished():
            QTimer.singleShot(SHOW_AFTER_MS, lambda: self._reveal(running))
        return task

    @property
    def writing(self) -> bool:
        """Whether a write is running or waiting."""
        return self._writing is not None or bool(self._writes)

    def _next_write(self) -> None:
        """Start the next write in line, when none is running."""
        if self._writing is None and self._writes:
            self._writing = self._writes.popleft()
            self._writing.start()

    def tell_failure(self, what: str, error: BaseException) -> QMessageBox:
        """The one way a failure reaches the reader: a box, in plain words, not blocking."""
        self.last_message = tell(self._parent, what, f"{what}: {in_words(error)}",
                                 QMessageBox.Icon.Warning)
        return self.last_message

    def status(self, text: str, timeout: int = 4000) -> None:
        self._status(text, timeout)

    def cancel_shown(self) -> None:
        """Cancel, as the status bar's button does: the operation shown there."""
        shown = self._shown()
        if shown is not None and shown.task is not None:
            shown.task.cancel()
            self._running.remove(shown)
            self._refresh_view()
            self.status(f"Cancelled: {shown.label.rstrip('…')}", 4000)

    def cancel_all(self) -> None:
        """Cancel everything under way (the window is closing)."""
        for running in list(self._running):
            if running.task is not None:
                running.task.cancel()
        self._running.clear()
        self._refresh_view()

    def _reveal(self, running: _Running) -> None:
        if running in self._running:
            running.shown = True
            self._refresh_view()

    def _shown(self) -> _Running | None:
        """The operation the status bar shows: the oldest one that has been running long
        enough to be shown."""
        return next((r for r in self._running if r.shown), None)

    def _refresh_view(self) -> None:
        # Work whose outcome was dropped (its receiver deleted) ends without a callback.
        self._running = [r for r in self._running if r.task is None or not r.task.is_finished()]
        shown = self._shown()
        if shown is None:
            self.view.setVisible(False)
            return
        more = sum(1 for r in self._running if r.shown) - 1
        label = shown.label + (f" (and {more} more)" if more > 0 else "")
        self.view.cancel_button.setVisible(shown.cancellable)
        self.view.show_progress(label, shown.done, shown.total)


class _Cancelled(Exception):
    """Work cancelled while it waited for the writer: nothing was done, nothing to tell."""
