"""What the Annotate menu, the paragraph menu and the Notes tab do.

The window owns the views and knows which paragraph an anchor names; ``Annotator`` owns the
store and the undo stack. This module holds the commands between them: each asks the command
context where the reader is, opens a dialog when the command needs one, and hands the change
to the annotator. Exports and imports are operations (an import holds the data directory's
writer while it merges); an import or a restored backup is announced as annotations replaced,
and the Notes tab follows that and every change of the library.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMenu, QMessageBox

from annotations.model import Annotation, citation_of
from corpus.citing import citation
from reader.common.folders import save_folder
from reader.common.messages import tell
from reader.notes.annotating import Annotator, colour_menu

if TYPE_CHECKING:
    from annotations.store import MergeSummary
    from reader.common.context import CommandContext
    from reader.common.tasks import Task
    from reader.document.document_view import DocumentView
    from reader.notes.notes_panel import NotesPanel

#: The preferences (reader/window/settings.py) that remember the last annotations export.
EXPORT_DIR = "export/annotations_dir"
EXPORT_FORMAT = "export/annotations_format"
EXPORT_BY_TAG = "export/annotations_by_tag"


class AnnotationCommands(QObject):
    """The annotation commands of one window."""

    def __init__(self, context: CommandContext, annotator: Annotator) -> None:
        super().__init__(context.parent)
        self.context = context
        self.annotator = annotator
        self.panel: NotesPanel | None = None
        self.last_task: Task | None = None
        self.last_message: QMessageBox | None = None
        self._stale = True
        self._listed: dict[str, Annotation] = {}  # what the panel lists, by id
        annotator.changed.connect(self._follow_change)
        annotator.message.connect(lambda text: context.status(text, 8000))
        context.changes.libraryChanged.connect(annotator.follow_library)
        context.changes.libraryChanged.connect(self.refresh_panel)
        context.changes.annotationsReplaced.connect(self.refresh_panel)

    def attach_panel(self, panel: NotesPanel) -> None:
        """Serve the Notes tab's panel, made the first time the tab is shown."""
        self.panel = panel
        panel.installEventFilter(self)
        panel.activated.connect(self.go_to)
        panel.editRequested.connect(self.edit)
        panel.deleteRequested.connect(self.annotator.delete)
        panel.exportRequested.connect(self.export)
        panel.importRequested.connect(self.import_file)
        self._stale = True

    def refresh_panel(self) -> None:
        """List the store's annotations in the panel; while the panel is hidden, only note
        that the list is stale: reading 10,000 annotations after every highlight would cost
        the reader a tenth of a second each time for a list nobody sees."""
        if self.panel is not None and self.panel.isVisible():
            self._stale = False
            self._listed = {a.id: a for a in self.annotator.store.all()}
            self.panel.set_annotations(list(self._listed.values()))
        else:
            self._stale = True

    def _follow_change(self, states: list) -> None:
        """A change made in this window: the list follows it without reading the store."""
        if self._stale or self.panel is None or not self.panel.isVisible():
            self._stale = True
            return
        for before, after in states:
            self._listed.pop((before or after).id, None)
            if after is not None:
                self._listed[after.id] = after
        self.panel.set_annotations(list(self._listed.values()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.panel and event.type() == QEvent.Type.Show and self._stale:
            self.refresh_panel()
        return False

    # --- making -----------------------------------------------------------------------------

    def _selection(self):
        view = self.context.current_view()
        if view is None:
            return []
        return self.annotator.selected(view, self.context.place)

    def highlight(self, color: str | None = None) -> list[Annotation]:
        """Highlight the selected words (Ctrl+H) in ``color``, else the current colour."""
        parts = self._selection()
        if color is not None:
            self.annotator.set_color(color)
            self.context.settings.set("annotate/color", self.annotator.color)
            if not parts:
                self.annotator.message.emit(f"New highlights will be {self.annotator.color}")
                return []
        made = self.annotator.highlight(parts, color=color)
        view = self.context.current_view()
        if made and view is not None:  # the selection's colour would hide the highlight
            cursor = view.textCursor()
            cursor.clearSelection()
            view.setTextCursor(cursor)
        return made

    def add_note(self, block_id: str | None = None) -> list[Annotation]:
        """A note on the selected words, or without a selection on the paragraph being read
        (or ``block_id``'s): the note dialog, then one undoable change."""
        from reader.notes.note_dialog import NoteDialog

        parts = self._selection() if block_id is None else []
        if parts:
            doc, block, start, end = parts[0]
            quote = " … ".join(b.text[s:e] for _d, b, s, e in parts)
        else:
            doc, block = self.context.place(block_id)
            if block is None:
                self.annotator.message.emit("Select words, or click in a paragraph, to add "
                                            "a note")
                return []
            quote = block.text
        dialog = NoteDialog(citation_of(Annotation(doc.symbol, block.id), doc), quote,
                            color=self.annotator.color, known_tags=self.annotator.store.tags(),
                            parent=self.context.parent)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.note().strip():
            return []
        if parts:
            made = self.annotator.highlight(parts, color=dialog.color(), note=dialog.note(),
                                            tags=dialog.tags())
        else:
            from annotations.model import bookmark

            note = bookmark(doc, block, note=dialog.note(), tags=dialog.tags(),
                            color=dialog.color())
            made = [note] if self.annotator.change([(None, note)], "Note") else []
        if made:
            self.context.status(f"Note added to {citation(doc, block)}", 6000)
        return made

    def toggle_bookmark(self, block_id: str | None = None) -> Annotation | None:
        """Bookmark the paragraph (``block_id``, else the one the reader is on), or take its
        bookmark away; the status bar says which paragraph."""
        doc, block = self.context.place(block_id)
        if block is None:
            self.annotator.message.emit("Click in a paragraph to bookmark it")
            return None
        had = bool(self.annotator.bookmarks(doc, block))
        mark = self.annotator.toggle_bookmark(doc, block)
        if mark is not None:
            self.context.status(f"Bookmarked {citation(doc, block)}", 6000)
        elif had and not self.annotator.bookmarks(doc, block):
            self.context.status(f"Bookmark removed from {citation(doc, block)}", 6000)
        return mark

    def edit(self, annotation: Annotation) -> bool:
        from reader.notes.note_dialog import NoteDialog

        doc = self.context.library.get(annotation.symbol)
        dialog = NoteDialog(citation_of(annotation, doc), annotation.quote, note=annotation.note,
                            tags=annotation.tags, color=annotation.color,
                            known_tags=self.annotator.store.tags(), title="Edit Annotation",
                            parent=self.context.parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.annotator.edit(annotation, annotation.edited(
            note=dialog.note(), tags=dialog.tags(), color=dialog.color()))

    def go_to(self, annotation: Annotation) -> None:
        """Open the annotation's document at its paragraph; a detached one says why it
        cannot be shown in place."""
        if not self.context.open_document(annotation.symbol, None if annotation.detached
                                          else annotation.block):
            self.annotator.message.emit(f"{annotation.symbol} is not in the library; the "
                                        "annotation is kept")
            return
        if annotation.detached:
            self.annotator.message.emit(f"This annotation's words (“{annotation.quote[:60]}”) "
                                        "are no longer in the document; it is kept as detached")

    # --- the paragraph menu -----------------------------------------------------------------

    def add_to_menu(self, menu: QMenu, view: DocumentView, pos: QPoint,
                    block_id: str | None) -> None:
        """Annotation entries of a paragraph's context menu."""
        menu.addSeparator()
        if view.textCursor().hasSelection():
            menu.addMenu(colour_menu(menu, self.highlight))
            menu.addAction("Add &Note…", self.add_note)
        else:
            menu.addAction("Add &Note to Paragraph…", lambda: self.add_note(block_id))
        for annotation in self.annotator.annotations_at(view, pos):
            label = "Note" if annotation.note.strip() else (
                "Bookmark" if annotation.is_bookmark else "Highlight")
            menu.addAction(f"Edit {label}…", lambda a=annotation: self.edit(a))
            menu.addAction(f"Delete {label}", lambda a=annotation: self.annotator.delete([a]))
        doc, block = self.context.place(block_id)
        if block is not None:
            bookmarked = bool(self.annotator.bookmarks(doc, block))
            menu.addAction("Remove Bookmark" if bookmarked else "&Bookmark Paragraph",
                           lambda: self.toggle_bookmark(block_id))

    # --- export, import, backups ------------------------------------------------------------

    def export(self) -> Task | None:
        """Ask what to export and where (the dialog opening where, in what format and with
        what grouping the last export was made), then write it as an operation."""
        from reader.notes.export_dialog import AnnotationExportDialog

        settings = self.context.settings
        dialog = AnnotationExportDialog(current_symbol=self.context.current_symbol(),
                                        tags=self.annotator.store.tags(),
                                        default_dir=self.export_dir(),
                                        fmt=settings.get(EXPORT_FORMAT),
                                        by_tag=settings.get(EXPORT_BY_TAG),
                                        parent=self.context.parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        settings.set(EXPORT_FORMAT, dialog.fmt())
        settings.set(EXPORT_BY_TAG, dialog.by_tag())
        return self.export_to(dialog.path(), dialog.fmt(), *dialog.scope(),
                              by_tag=dialog.by_tag())

    def export_dir(self) -> Path:
        """The folder the last export was written to, while it exists; else Documents."""
        return save_folder(self.context.settings.get(EXPORT_DIR))

    def export_to(self, path: Path, fmt: str, scope: str = "all",
                  value: str | None = None, *, by_tag: bool = False) -> Task | None:
        """Write the annotations of ``scope`` ("all", "document" or "tag", naming ``value``)
        to ``path`` in ``fmt``, grouped by document or ``by_tag``; the folder is remembered
        once the file is written."""
        from annotations.export import choose_for_export, export_annotations

        choice = choose_for_export(self.annotator.store,
                                   document=value if scope == "document" else None,
                                   tag=value if scope == "tag" else None)
        chosen = choice.annotations
        if not chosen:
            self.annotator.message.emit("No annotations to export")
            return None
        library = self.context.library
        annotated = {a.symbol for a in chosen}

        def work(_progress, _cancelled) -> Path:
            # Only the annotated documents are read, in library order, off the UI thread.
            documents = [library.get(s) for s in library.symbols() if s in annotated]
            return export_annotations(chosen, [d for d in documents if d is not None], path,
                                      fmt, title=choice.title, grouped_by_tag=by_tag)

        def written(file: Path) -> None:
            self.context.settings.set(EXPORT_DIR, str(file.parent))
            self.context.status(f"Exported {len(chosen)} annotations to {file}", 10000)

        self.last_task = self.context.operations.run(
            f"Exporting {len(chosen)} annotations…", work, done=written,
            failed=self._failed("The annotations could not be exported"), context=self)
        return self.last_task

    def import_file(self, path: str | None = None) -> Task | None:
        """Merge a Plenary JSON export into the store (off the UI thread, as the data
        directory's writer), then say what changed."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self.context.parent, "Import Annotations", "",
                                                  "Plenary annotations (*.json)")
            if not path:
                return None
        from annotations.export import read_json

        store = self.annotator.store

        def work(_progress, _cancelled) -> MergeSummary:
            return store.merge(read_json(Path(path)))

        self.last_task = self.context.operations.run(
            f"Importing {Path(path).name}…", work,
            done=lambda summary: self._merged(Path(path), summary),
            failed=self._failed(f"{Path(path).name} was not imported"), writes=True,
            cancellable=False, context=self)
        return self.last_task

    def _merged(self, path: Path, summary: MergeSummary) -> None:
        placed = self.annotator.take_replaced()
        self.context.changes.annotationsReplaced.emit()
        text = f"Imported {path.name}: {summary.line()}."
        if placed:
            text += f"\nPlaced in this library: {placed}."
        if summary.conflicts:
            text += "\n\n" + "\n".join(summary.conflicts[:20])
        self.inform("Annotations imported", text)

    def restore_backup(self) -> Task | None:
        """Choose a backup and bring it back; the current database is kept beside it."""
        store = self.annotator.store
        backups = store.backups()
        if not backups:
            self.inform("No backups", "There is no backup of your annotations yet: one is "
                        "taken on the first start of each day.")
            return None
        names = [b.name for b in backups]
        name, ok = QInputDialog.getItem(self.context.parent, "Restore a Backup",
                                        "Replace your annotations with this backup\n(the "
                                        "current ones are kept in a file beside it):",
                                        names, 0, False)
        if not ok:
            return None
        backup = backups[names.index(name)]

        def restored(moved: Path) -> None:
            self.annotator.take_replaced()  # the backup may predate a change of the library
            self.context.changes.annotationsReplaced.emit()
            self.context.status(f"Restored {name}; the previous annotations were kept as "
                                f"{moved.name}", 15000)
            self.tell_problems()  # reopened read-only, say so

        self.last_task = self.context.operations.run(
            f"Restoring {name}…", lambda _progress, _cancelled: store.restore_backup(backup),
            done=restored, failed=self._failed("The backup was not restored"), writes=True,
            cancellable=False, context=self)
        return self.last_task

    def tell_problems(self) -> None:
        """Say how the store was opened if it is not the normal way (read-only, damaged file
        moved aside), once the window is up."""
        problem = self.annotator.store.problem
        if problem:
            QTimer.singleShot(0, lambda: self.inform("Annotations", problem,
                                                     icon=QMessageBox.Icon.Warning))

    def _failed(self, what: str) -> Callable[[BaseException], None]:
        """How a failure of ``what`` is told: the operations' one way, and kept where the
        tests (and the next command) find the box."""
        def tell_it(error: BaseException) -> None:
            self.last_message = self.context.operations.tell_failure(what, error)

        return tell_it

    def inform(self, title: str, text: str,
               icon: QMessageBox.Icon = QMessageBox.Icon.Information) -> QMessageBox:
        """A message the reader must see, without blocking the window (tests read it)."""
        self.last_message = tell(self.context.parent, title, text, icon)
        return self.last_message
