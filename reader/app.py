"""Start the GUI. The caller has already made sure a display exists (reader.window.display)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from annotations.store import AnnotationStore
from reader.common.tasks import TaskRunner
from reader.search.index_service import IndexService
from reader.window.main_window import MainWindow
from reader.window.settings import Settings

if TYPE_CHECKING:
    from corpus.library import Library

APP_NAME = "Plenary"


def run_gui(library: Library, data_dir: Path, argv: list[str], *,
            quit_when_ready: bool = False, started: float | None = None) -> int:
    """Show the main window, build or update the search index in the background, and run the
    event loop; returns the exit status.

    With ``quit_when_ready`` the app quits as soon as the window is shown with the library
    listed, printing the milliseconds since ``started`` (the start-up benchmark uses it).
    """
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    runner = TaskRunner()
    index_service = IndexService(runner)
    # Exclusive: a second window on the same data would show annotations the first one changes
    # under it; it opens them read-only and says so.
    store = AnnotationStore.open(data_dir, exclusive=True)
    window = MainWindow(library, Settings(data_dir), runner, index_service, annotations=store)
    window.resize(1360, 840)
    window.restore_state(welcome=True)  # the welcome page on a first start
    window.show()
    if quit_when_ready:
        def report() -> None:
            elapsed = (time.perf_counter() - (started or time.perf_counter())) * 1000
            print(f"ready in {elapsed:.0f} ms", flush=True)  # the start-up benchmark reads it
            app.quit()

        QTimer.singleShot(0, report)
    else:
        # A sequence that reads each document as it is reached: the index build reads them
        # on its worker thread, the window has read none but the one it shows.
        index_service.start(data_dir, library.documents)
    status = app.exec()
    index_service.cancel()
    store.close()
    return status
