"""Fixtures of the reader's tests: a main window on a throw-away data directory."""

from __future__ import annotations

import pytest

from reader.common.tasks import TaskRunner
from reader.window.main_window import MainWindow
from reader.window.settings import Settings


@pytest.fixture
def make_window(qtbot, library, data_dir):
    """Makes a shown main window on the bundled library; ``restore`` reads the last run's
    state (tabs, panels) from the data directory as the app does at start-up."""
    def make(*, size: tuple[int, int] = (1280, 800), restore: bool = True) -> MainWindow:
        window = MainWindow(library, Settings(data_dir), TaskRunner(synchronous=True))
        qtbot.addWidget(window)
        window.resize(*size)
        if restore:
            window.restore_state()
        window.show()
        qtbot.waitExposed(window)
        return window

    return make
