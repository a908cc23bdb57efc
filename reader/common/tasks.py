"""The one way Plenary runs long work off the UI thread: with progress, cancel, and a result
handed back on the UI thread.

Building the index or running a query must not freeze the window, but widgets may only be
touched from the UI thread. ``TaskRunner.submit`` runs ``work`` on a thread pool and delivers
``done``/``failed``/``progress`` through queued signals, so callers write ordinary callbacks
that update widgets. Work is a plain function of two callables (report progress, ask whether
cancelled) and never sees Qt, so the same function serves the CLI and the tests.

Tests construct the runner with ``synchronous=True``: the work then runs inline and every
callback has fired before ``submit`` returns, so a test reads like straight-line code.

Two ways a result can become unwanted, and both are dropped rather than delivered:

* the task was cancelled (a newer query superseded it, the window is closing): its outcome is
  stale, so neither ``done`` nor ``failed`` is called;
* the object the callbacks belong to was deleted meanwhile (a panel closed while its search
  ran): calling into it would touch a dead C++ object.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, QThreadPool, Signal, Slot

T = TypeVar("T")
ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]
Work = Callable[[ProgressFn, CancelledFn], T]

log = logging.getLogger(__name__)

#: Least time between two progress reports from a worker thread; a build reporting every
#: paragraph would otherwise flood the UI thread's event queue. First and last always pass.
PROGRESS_INTERVAL_S = 0.03


class Task(Generic[T]):
    """A handle on submitted work: cancel it, or ask whether its outcome has been handled.

    Cancelling is cooperative: the work sees it through its ``cancelled`` callable and may stop
    early; whatever it returns or raises afterwards is dropped.
    """

    def __init__(self, done: Callable[[T], None], failed: Callable[[BaseException], None] | None,
                 progress: ProgressFn | None, context: QObject | None,
                 discard: Callable[[T], None] | None = None,
                 ended: Callable[[], None] | None = None) -> None:
        self._done = done
        self._ended = ended
        self._failed = failed
        self._progress = progress
        self._context = context
        self._discard = discard
        self._cancelled = threading.Event()
        self._finished = False
        self._launch: Callable[[], None] | None = None

    def start(self) -> None:
        """Start work submitted with ``deferred=True`` (once; later calls do nothing)."""
        launch, self._launch = self._launch, None
        if launch is not None:
            launch()

    def cancel(self) -> None:
        """Stop delivering anything for this task; the work is asked to stop."""
        self._cancelled.set()

    def is_cancelled(self) -> bool:
        return self._cancelled.is_set()

    def is_finished(self) -> bool:
        """Whether the work has ended and its outcome was delivered or dropped."""
        return self._finished

    def _end(self) -> None:
        """The work has ended and its outcome was handled or dropped: ``ended`` hears it
        always."""
        if self._ended is not None:
            self._ended()

    def _wanted(self) -> bool:
        """Whether callbacks may still be called: not cancelled, receiver still alive."""
        if self._cancelled.is_set():
            return False
        return self._context is None or shiboken6.isValid(self._context)

    def _deliver_progress(self, done: int, total: int) -> None:
        if self._progress is not None and not self._finished and self._wanted():
            self._progress(done, total)

    def _deliver_result(self, result: T) -> None:
        self._finished = True
        try:
            if self._wanted():
                self._done(result)
            elif self._discard is not None:  # nobody will take it: closed, not leaked
                self._discard(result)
        finally:
            self._end()

    def _deliver_error(self, error: BaseException) -> None:
        self._finished = True
        try:
            if not self._wanted():
                return
            if self._failed is None:
                # Nobody handles it: raise it on the UI thread like any error in a slot, so
                # it is reported (and fails a pytest-qt test) instead of vanishing in a worker.
                raise error
            self._failed(error)
        finally:
            self._end()


class TaskRunner(QObject):
    """Runs work on a thread pool and delivers its outcome on the UI thread.

    Construct with ``synchronous=True`` in tests: work runs inline, callbacks fire before
    ``submit`` returns.

    Signals (private; the runner connects them to itself to cross from worker to UI thread):
        _progressed(object, int, int): a task's progress, emitted on the worker thread.
        _succeeded(object, object): a task and its result, emitted on the worker thread.
        _errored(object, object): a task and its exception, emitted on the worker thread.
    """

    _progressed = Signal(object, int, int)
    _succeeded = Signal(object, object)
    _errored = Signal(object, object)

    def __init__(self, *, synchronous: bool = False, pool: QThreadPool | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        # Not parented to the runner: a pool's destructor waits for its threads, and that
        # must not happen half-way through destroying the runner the workers report to.
        # The application's global pool by default: every runner shares its threads, and Qt
        # waits for them when the application ends.
        self._pool = pool if pool is not None else QThreadPool.globalInstance()
        self._running: set[Task[Any]] = set()
        queued = Qt.ConnectionType.QueuedConnection
        self._progressed.connect(self._on_progress, queued)
        self._succeeded.connect(self._on_success, queued)
        self._errored.connect(self._on_error, queued)

    def submit(self, work: Work[T], *, done: Callable[[T], None],
               failed: Callable[[BaseException], None] | None = None,
               progress: ProgressFn | None = None,
               context: QObject | None = None,
               discard: Callable[[T], None] | None = None,
               ended: Callable[[], None] | None = None,
               deferred: bool = False) -> Task[T]:
        """Run ``work(progress, cancelled)``; then ``done(result)`` or ``failed(error)``.
        ``ended`` is called once the outcome was delivered, or dropped because nobody wants
        it (cancelled, receiver gone): what waits for the work to end (a queue of writes)
        always moves on. With ``deferred``, the work waits for
        ``Task.start()``: a queue of writes holds it without holding a thread of the pool.

        A result that arrives when nobody wants it any more (the task was cancelled after the
        work had opened something, or its receiver is gone) goes to ``discard``, which should
        close what it holds (an index, a file).

        Callbacks run on the UI thread. ``context`` is the object they belong to: if it is
        deleted before the work ends, nothing is delivered. It defaults to the object
        ``done`` is a bound method of, when that is a QObject. Without ``failed``, an error is
        raised on the UI thread as an unhandled exception.
        """
        if context is None:
            owner = getattr(done, "__self__", None)
            context = owner if isinstance(owner, QObject) else None
        task: Task[T] = Task(done, failed, progress, context, discard, ended)
        task._launch = lambda: self._launch(task, work)
        self._running.add(task)
        if not deferred:
            task.start()
        return task

    def _launch(self, task: Task[T], work: Work[T]) -> None:
        if self.synchronous:
            self._run_inline(task, work)
        else:
            runner = weakref.ref(self)
            self._pool.start(lambda: _run_in_worker(runner, task, work))

    def cancel_all(self) -> None:
        """Cancel every task still running (the window is closing)."""
        for task in list(self._running):
            task.cancel()

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until every worker has returned (not until outcomes are delivered: that
        needs the event loop); False if ``msecs`` ran out first."""
        return self._pool.waitForDone(msecs)

    @property
    def active_count(self) -> int:
        """Tasks submitted whose outcome has not been handled yet."""
        return len(self._running)

    def _run_inline(self, task: Task[T], work: Work[T]) -> None:
        try:
            result = work(task._deliver_progress, task.is_cancelled)
        except Exception as exc:
            self._running.discard(task)
            task._deliver_error(exc)
        else:
            self._running.discard(task)
            task._deliver_result(result)

    @Slot(object, int, int)
    def _on_progress(self, task: Task[Any], done: int, total: int) -> None:
        task._deliver_progress(done, total)

    @Slot(object, object)
    def _on_success(self, task: Task[Any], result: object) -> None:
        self._running.discard(task)
        task._deliver_result(result)

    @Slot(object, object)
    def _on_error(self, task: Task[Any], error: BaseException) -> None:
        self._running.discard(task)
        task._deliver_error(error)


def _run_in_worker(runner_ref: weakref.ref[TaskRunner], task: Task[T], work: Work[T]) -> None:
    """The worker-thread side: run, then hand the outcome to the runner's queued signals.

    Only a weak reference to the runner is held, so a worker never keeps it alive (and never
    becomes the thread that deletes it); a runner gone by the end means nobody is listening.
    """
    last_report = 0.0

    def report(done: int, total: int) -> None:
        nonlocal last_report
        now = time.monotonic()
        if done not in (1, total) and now - last_report < PROGRESS_INTERVAL_S:
            return
        last_report = now
        _emit(runner_ref, "_progressed", task, done, total)

    try:
        result = work(report, task.is_cancelled)
    except Exception as exc:
        _emit(runner_ref, "_errored", task, exc)
    else:
        _emit(runner_ref, "_succeeded", task, result)


def _emit(runner_ref: weakref.ref[TaskRunner], signal: str, *args: object) -> None:
    runner = runner_ref()
    if runner is None:
        return
    try:
        getattr(runner, signal).emit(*args)
    except RuntimeError:  # the runner's C++ object was deleted: nobody is listening
        log.debug("task outcome dropped: its runner was deleted")
