"""Start the GUI. The caller has already made sure a display exists (reader.display)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from reader.library_window import LibraryWindow

if TYPE_CHECKING:
    from corpus.library import Library

APP_NAME = "Plenary"


def run_gui(library: Library, argv: list[str]) -> int:
    """Show the library window and run the event loop; returns the exit status."""
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    window = LibraryWindow(library)
    window.resize(1280, 800)
    window.show()
    return app.exec()
