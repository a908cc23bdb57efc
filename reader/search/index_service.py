"""The search index as the window sees it: opened or built in the background, announced when
ready.

The first build takes long enough that the library must be readable meanwhile, so opening the
index is a task on the TaskRunner and the window only listens to signals: progress for the
status bar, ``ready`` to hand the index to the search panel, ``failed`` to say search is
unavailable. Nothing here knows about widgets.

An index found damaged by a query (index.store moves it aside; the query's results say so) is
rebuilt here at once, from the documents of the last start: ``message`` says why, progress and
``ready`` follow as for any build.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from corpus.model import Document
from reader.common.tasks import CancelledFn, ProgressFn, Task, TaskRunner

if TYPE_CHECKING:  # Whoosh is imported by the worker, not at start-up
    from index.store import IndexStatus, SearchIndex

log = logging.getLogger(__name__)

Opener = Callable[..., "tuple[SearchIndex, IndexStatus]"]


class IndexService(QObject):
    """Opens (building or updating as needed) the index of a data directory off the UI thread.

    Signals:
        progress(int, int): documents indexed so far, and how many there are to index.
        ready(object): the SearchIndex, open and up to date.
        failed(str): why there is no index, in words for the user.
        message(str): something the user should know about the index (e.g. it was damaged and
            is being rebuilt); emitted before ``ready``.
    """

    progress = Signal(int, int)
    ready = Signal(object)
    failed = Signal(str)
    message = Signal(str)
    #: Emitted on the search's worker thread, delivered (queued) on this object's thread.
    _damage_found = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None, *,
                 opener: Opener | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._open = opener
        self._task: Task[tuple[SearchIndex, IndexStatus]] | None = None
        self._stop = threading.Event()
        self._index: SearchIndex | None = None
        self._last: tuple[Path, list[Document]] | None = None
        self._damage_found.connect(self._rebuild_damaged)

    @property
    def index(self) -> SearchIndex | None:
        """The index once ``ready`` has been emitted; None before."""
        return self._index

    @property
    def busy(self) -> bool:
        """Whether a start is under way (neither ready, failed nor cancelled yet)."""
        return self._task is not None and not self._task.is_finished()

    def start(self, data_dir: Path, documents: list[Document]) -> None:
        """Open the index of ``data_dir`` for ``documents``; a start still running is
        cancelled first (its result would describe a library that is no longer wanted)."""
        self.cancel()
        self._last = (data_dir, documents)
        # A flag of this start's own, not just the Task: with a synchronous runner the work
        # runs (and may be cancelled from a progress slot) before submit() returns the Task.
        stop = self._stop = threading.Event()
        opener = self._open

        def work(progress: ProgressFn, cancelled: CancelledFn) -> tuple[SearchIndex, IndexStatus]:
            if opener is None:
                from index.store import open_index as opener_
            else:
                opener_ = opener
            return opener_(data_dir, documents, progress=progress,
                          cancelled=lambda: stop.is_set() or cancelled())

        self._task = self._runner.submit(
            work, done=partial(self._opened, stop), failed=partial(self._failed, stop),
            progress=partial(self._progress, stop), context=self,
            discard=lambda outcome: outcome[0].close())  # opened, then cancelled: close it

    def cancel(self) -> None:
        """Abandon a build under way; the index on disk stays as it was before it."""
        self._stop.set()
        if self._task is not None:
            self._task.cancel()

    def close(self) -> None:
        """The window is closing: abandon a build under way and close the index (its files
        and lock released); a build that still ends is closed by its discard."""
        self.cancel()
        index, self._index = self._index, None
        if index is not None:
            index.close()

    def _progress(self, stop: threading.Event, done: int, total: int) -> None:
        if not stop.is_set():
            self.progress.emit(done, total)

    def _opened(self, stop: threading.Event, outcome: tuple[SearchIndex, IndexStatus]) -> None:
        index, status = outcome
        if stop.is_set():  # cancelled after the work had finished: not wanted any more
            index.close()
            return
        self._index = index
        index.on_damaged.append(self._damage_found.emit)
        for text in status.messages:
            self.message.emit(text)
        self.ready.emit(index)

    def _rebuild_damaged(self, text: str) -> None:
        """A query found the index damaged (and it was moved aside): build it again."""
        if self.busy or self._last is None:
            return
        self.message.emit(text)
        self._index = None
        self.start(*self._last)

    def _failed(self, stop: threading.Event, error: BaseException) -> None:
        if stop.is_set():
            return
        from index.store import IndexUnavailable

        if isinstance(error, IndexUnavailable):
            self.failed.emit(str(error))
            return
        # Not the user's doing and not foreseen: keep the traceback for a bug report, and keep
        # the application running without search.
        log.error("the search index could not be opened", exc_info=error)
        self.failed.emit(f"The search index could not be opened ({type(error).__name__}: "
                         f"{error}).")
