"""Where a save dialog opens: the folder the reader saved to last, while it still exists;
else their Documents folder; else their home. Exports, comparisons and PDFs all open so."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def save_folder(last: str | Path | None) -> Path:
    if last and Path(last).is_dir():
        return Path(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()
