"""Messages the reader must see: a box that does not block the window, and errors in words.

Plain text always, since a message may quote a file name or a line of an imported document;
opened rather than executed, so the window (and a test) goes on while it is shown.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from annotations.store import StoreError
from corpus.errors import CorpusError

log = logging.getLogger(__name__)


def tell(parent: QWidget, title: str, text: str,
         icon: QMessageBox.Icon = QMessageBox.Icon.Information) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.open()
    return box


def in_words(error: BaseException, *, writing: str | None = None) -> str:
    """An error in the reader's words: the lower layers' messages (written for the reader) as
    they are; a failure to read or write a file named with its file (and with what was being
    written, ``writing``, when the caller knows); anything else (a bug) logged and named for
    a report."""
    if isinstance(error, CorpusError | StoreError | ValueError) and str(error):
        return str(error)
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        what = f"{writing} could not be written" if writing else "a file could not be used"
        return f"{what}: {error.strerror or error}{where}"
    log.error("operation failed", exc_info=error)
    return f"something went wrong ({type(error).__name__}: {error})"
