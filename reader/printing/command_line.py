"""`main.py print SYMBOL -o FILE.pdf [--annotations]`: the PDF Save as PDF writes, from the
command line.

Qt lays the pages out, so the command needs a QGuiApplication (never a window): one is made
here if none runs, on the offscreen platform where Qt could not open a display
(reader/window/display.py), so the command works on a server or over SSH. main.py imports this
module only for the print command: the other commands stay Qt-free.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.printing.print_job import PrintJob, document_job, placed_notes

if TYPE_CHECKING:
    from PySide6.QtGui import QGuiApplication

    from annotations.model import Annotation
    from corpus.model import Document
    from reader.printing.pages import PdfWritten

#: The application the command made, kept for the process's life (Qt needs one alive).
_APP: QGuiApplication | None = None


def gui_application() -> QGuiApplication:
    """The running QGuiApplication, else a new one: offscreen when no display can be
    opened (and the reader has not chosen a platform)."""
    global _APP
    from PySide6.QtGui import QGuiApplication

    running = QGuiApplication.instance()
    if running is not None:
        return running  # type: ignore[return-value]
    from reader.window.display import display_problem

    if not os.environ.get("QT_QPA_PLATFORM") and display_problem() is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _APP = QGuiApplication([sys.argv[0] or "plenary"])
    return _APP


def document_pdf(doc: Document, path: Path,
                 annotations: Iterable[Annotation] = ()) -> tuple[PdfWritten, PrintJob]:
    """Write ``doc`` as Save as PDF does, with ``annotations`` (its own) drawn on it; what
    was written and the job (its counts of highlights and notes)."""
    from reader.printing.pages import write_pdf

    gui_application()
    chosen = list(annotations)
    notes = placed_notes([("", doc)], lambda symbol: [a for a in chosen if a.symbol == symbol])
    job = document_job(doc, notes)
    return write_pdf(job, Path(path)), job
