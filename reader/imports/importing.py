"""What File → Import…, a file dropped on the window and Remove from Library do.

The corpus layer does the work (corpus.importing: prepare, commit, remove); this module holds
the steps between it and the reader: which files, a dialog to confirm each one's metadata,
the work as operations (the data directory's one writer), a message when a file is refused,
and the announcement that the library changed (the window, annotations and index follow it).
Files are taken one after the other, each confirmed; one that fails says why and the others
go on. Nothing is written before the reader confirms a file that prepared
without error, so a bad file leaves the library, the index and the annotations as they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, QTimer
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

from corpus.errors import CorpusError
from corpus.importing import IMPORT_SUFFIXES
from reader.common.messages import in_words, tell

if TYPE_CHECKING:
    from corpus.importing import Prepared
    from corpus.importing.detect import Metadata
    from corpus.importing.extract import Extracted
    from corpus.library import Library
    from corpus.manifest import SourceEntry
    from reader.common.context import CommandContext
    from reader.common.tasks import Task
    from reader.imports.import_dialog import ImportDialog

#: What an import writes, in the words a failure to write it is told with.
LIBRARY = "Plenary's library"
FILE_FILTER = f"Resolutions ({' '.join('*' + s for s in IMPORT_SUFFIXES)});;All files (*)"


@dataclass(frozen=True)
class Reading:
    """A file read and its metadata detected: what the import dialog starts from."""

    extracted: Extracted
    metadata: Metadata


def read_file(path: Path) -> Reading:
    """Read ``path`` and what it says about itself; a CorpusError if it is no document."""
    from corpus.importing.detect import detect_metadata
    from corpus.importing.extract import extract

    extracted = extract(path)
    return Reading(extracted, detect_metadata(extracted.text, extracted.format))


def importable(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """(files Plenary can import, the others) by their suffix."""
    chosen = [p for p in paths if p.suffix.lower() in IMPORT_SUFFIXES]
    return chosen, [p for p in paths if p.suffix.lower() not in IMPORT_SUFFIXES]


class ImportCommands(QObject):
    """Importing into and removing from the library, for one window. Files dropped on
    ``drop_target`` (the window) are imported."""

    def __init__(self, context: CommandContext, drop_target: QObject) -> None:
        super().__init__(context.parent)
        self.context = context
        self.last_task: Task | None = None
        self.last_dialog: ImportDialog | None = None
        self.last_message: QMessageBox | None = None
        self._queue: list[Path] = []
        self._busy = False  # a file is being read, confirmed or kept: the next one waits
        self._check: Task | None = None
        self._drop_target = drop_target
        drop_target.setAcceptDrops(True)
        drop_target.installEventFilter(self)

    # --- importing ----------------------------------------------------------------------------

    def import_files(self, paths: list[str | Path] | None = None) -> None:
        """Import ``paths`` (asked for when None), one after the other."""
        if paths is None:
            chosen, _ = QFileDialog.getOpenFileNames(self.context.parent, "Import Documents", "",
                                                     FILE_FILTER)
            paths = chosen
        self._queue += [Path(p) for p in paths]
        if not self._busy:
            self._next()

    def _next(self) -> None:
        if not self._queue:
            self._busy = False
            return
        self._busy = True
        path = self._queue.pop(0)
        self.last_task = self.context.operations.run(
            f"Reading {path.name}…", lambda _progress, _cancelled: read_file(path),
            done=lambda reading: self._confirm(path, reading),
            failed=lambda error: self._refused(path, error), context=self)

    def _confirm(self, path: Path, reading: Reading) -> None:
        """Show what was read; on Import, keep it with the fields as the reader left them."""
        from corpus.importing import version_symbol
        from reader.imports.import_dialog import ImportDialog, describe_file

        extracted, library = reading.extracted, self.context.library
        dialog = ImportDialog(path, describe_file(extracted.origin, extracted.format,
                                                  extracted.encoding), reading.metadata,
                              version_name=lambda symbol: version_symbol(symbol, library),
                              parent=self.context.parent)
        self.last_dialog = dialog
        dialog.fieldsChanged.connect(
            lambda fields: self._check_fields(dialog, path, fields, extracted))
        dialog.check_now()
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        fields, duplicate = dialog.fields(), dialog.duplicate()
        if self._check is not None:
            self._check.cancel()
        dialog.deleteLater()
        if not accepted:
            self._status(f"{path.name} was not imported", 4000)
            self._next()
            return
        self._keep(path, fields, duplicate)

    def _check_fields(self, dialog: ImportDialog, path: Path, fields: dict[str, str],
                      extracted: Extracted) -> None:
        """Parse the file as read with the dialog's fields, off the UI thread; an answer to
        fields changed since is dropped by the dialog."""
        from corpus.importing import prepare

        if self._check is not None:
            self._check.cancel()
        library = self.context.library
        self._check = self.context.operations.run(
            f"Checking {path.name}…",
            lambda _progress, _cancelled: prepare(path, library, fields, extracted=extracted),
            done=lambda prepared: dialog.show_check(prepared, fields),
            failed=lambda error: dialog.show_check(in_words(error), fields),
            cancellable=False, context=dialog)

    def _keep(self, path: Path, fields: dict[str, str], duplicate: str | None) -> None:
        """Prepare once more (the file may have changed while the dialog was open), keep it,
        and load the library again; all off the UI thread."""
        from corpus.importing import commit, prepare
        from corpus.library import load_library

        library, data_dir = self.context.library, self.context.data_dir

        def work(_progress, _cancelled) -> tuple[Prepared, SourceEntry, Library]:
            prepared = prepare(path, library, fields)
            entry = commit(prepared, data_dir, library, duplicate)
            return prepared, entry, load_library(data_dir)

        self.last_task = self.context.operations.run(
            f"Importing {path.name}…", work, done=lambda outcome: self._imported(*outcome),
            failed=lambda error: self._refused(path, error), writes=True, cancellable=False,
            context=self)

    def _imported(self, prepared: Prepared, entry: SourceEntry, fresh: Library) -> None:
        try:
            self._show_imported(prepared, entry, fresh)
        finally:
            self._next()  # whatever happened, the files after this one are not stuck

    def _show_imported(self, prepared: Prepared, entry: SourceEntry, fresh: Library) -> None:
        self.follow(fresh)
        library = self.context.library
        if library.get(entry.symbol) is None:  # kept, but the reload could not parse it
            problems = [str(e) for e in library.errors
                        if getattr(e, "path", None) == entry.path] or ["it could not be loaded"]
            self._inform("Import", f"{entry.symbol} was kept but is not shown: "
                         + "; ".join(problems), QMessageBox.Icon.Warning)
        else:
            self.context.open_document(entry.symbol, new_tab=True)
            places = len(library.cited_by(entry.symbol))
            cited = (f"cited in {places} place{'s' if places != 1 else ''}" if places
                     else "not cited elsewhere in the library")
            self._status(f"Imported {entry.symbol}: {prepared.summary()}; {cited}", 15000)

    def _refused(self, path: Path, error: BaseException) -> None:
        """Say why ``path`` was not imported, without stopping the files after it."""
        self._inform("Import", f"{path.name} was not imported.\n\n"
                     f"{in_words(error, writing=LIBRARY)}",
                     QMessageBox.Icon.Warning)
        self._next()

    # --- dropping files -----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Files dragged over the window are offered for import; dropped, they are imported
        (after the drop has returned: a dialog must not open inside the drag)."""
        kind = event.type()
        if watched is self._drop_target and kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if _local_files(event.mimeData()):
                event.acceptProposedAction()
                return True
        elif watched is self._drop_target and kind == QEvent.Type.Drop:
            paths = _local_files(event.mimeData())
            if paths:
                event.acceptProposedAction()
                QTimer.singleShot(0, lambda: self.drop(paths))
                return True
        return False

    def drop(self, paths: list[Path]) -> None:
        """Import the dropped files Plenary reads; say which others were left alone."""
        chosen, others = importable(paths)
        if others:
            names = ", ".join(p.name for p in others[:3]) + (" …" if len(others) > 3 else "")
            self._status(f"Not imported: {names} (Plenary imports "
                         f"{', '.join(IMPORT_SUFFIXES)} files)", 10000)
        if chosen:
            self.import_files(chosen)

    # --- removing -----------------------------------------------------------------------------

    def remove(self, symbol: str | None = None) -> Task | None:
        """Take ``symbol`` (else the current document) out of the library, once confirmed:
        an imported one is deleted, a bundled one hidden; annotations on it are kept."""
        from corpus.importing import plan_removal, remove
        from corpus.library import load_library

        symbol = symbol or self.context.current_symbol()
        library, data_dir = self.context.library, self.context.data_dir
        if not symbol or library.get(symbol) is None:
            self._status("Open a document of the library to remove it", 4000)
            return None
        try:
            removal = plan_removal(data_dir, library, symbol)
        except CorpusError as exc:
            self._inform("Remove from Library", str(exc), QMessageBox.Icon.Warning)
            return None
        if not self._ask("Remove from Library", removal.question(), removal.verb):
            return None

        def work(_progress, _cancelled) -> tuple[str, Library]:
            return remove(data_dir, library, symbol), load_library(data_dir)

        def removed(outcome: tuple[str, Library]) -> None:
            self.follow(outcome[1])
            self._status(outcome[0][:1].upper() + outcome[0][1:], 15000)

        self.last_task = self.context.operations.run(
            f"Removing {symbol}…", work, done=removed, failed=f"{symbol} was not removed",
            writes=True, cancellable=False, context=self)
        return self.last_task

    def show_hidden(self, symbol: str | None = None) -> Task | None:
        """Bring back a hidden bundled document (``symbol``, else chosen from a list)."""
        from corpus.importing import restore
        from corpus.library import load_library
        from corpus.userlib import UserLibrary

        data_dir = self.context.data_dir
        try:
            hidden = sorted(UserLibrary(data_dir).hidden())
        except CorpusError as exc:
            self._inform("Show Hidden Documents", str(exc), QMessageBox.Icon.Warning)
            return None
        if not hidden:
            self._status("No document is hidden", 4000)
            return None
        if symbol is None:
            symbol, ok = QInputDialog.getItem(self.context.parent, "Show Hidden Documents",
                                              "Bring back to the library:", hidden, 0, False)
            if not ok:
                return None

        def work(_progress, _cancelled) -> tuple[str, Library]:
            return restore(data_dir, symbol), load_library(data_dir)

        def restored(outcome: tuple[str, Library]) -> None:
            self.follow(outcome[1])
            self.context.open_document(symbol, new_tab=True)
            self._status(outcome[0], 10000)

        self.last_task = self.context.operations.run(
            f"Bringing back {symbol}…", work, done=restored,
            failed=f"{symbol} was not brought back", writes=True, cancellable=False,
            context=self)
        return self.last_task

    # --- the library changed -----------------------------------------------------------------

    def follow(self, fresh: Library) -> None:
        """Take a fresh load of the library in place and say so: the window, the annotations
        and the search index each bring themselves up to date."""
        self.context.library.update_from(fresh)
        self.context.changes.libraryChanged.emit()

    # --- talking to the reader ----------------------------------------------------------------

    def _status(self, text: str, timeout: int) -> None:
        self.context.status(text, timeout)

    def _inform(self, title: str, text: str,
                icon: QMessageBox.Icon = QMessageBox.Icon.Information) -> QMessageBox:
        """A message the reader must see, without blocking the window (tests read it)."""
        self.last_message = tell(self.context.parent, title, text, icon)
        return self.last_message

    def _ask(self, title: str, text: str, button: str) -> bool:
        """Yes or no, with the texts as plain text (a symbol comes from an imported file)."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self.context.parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.button(QMessageBox.StandardButton.Yes).setText(button)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.last_message = box
        return box.exec() == QMessageBox.StandardButton.Yes


def _local_files(mime: QMimeData | None) -> list[Path]:
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
