"""File → Print… and Save as PDF…: what the current tab shows, on paper.

A document prints as its official text (the screen's rendering in black serif type); a
comparison as the tab shows it, the two-column table on landscape pages or the redline on
portrait ones, with "Mark differences" and "Changed only" as set. The reader's annotations go
with it when asked: their words highlighted in their colours, each note numbered and set
under its paragraph.

Print opens a preview (the reader sees every page, can turn them, and has a checkbox for the
annotations and a button to save the same pages as a PDF); painting there is on the UI thread,
as the preview asks for its pages. Save as PDF is an operation: the pages are laid out and
written off the UI thread (QTextDocument and QPdfWriter need no widget), 0.1 s for
S/RES/2396 (2017), 2 s for a comparison of 600 paragraphs, with a bar and Cancel after half a
second. It is offered as "S-RES-2396 (2017).pdf" in the folder last saved to (at first,
Documents).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from reader.common.folders import save_folder
from reader.printing.print_job import (
    PrintJob,
    comparison_job,
    document_job,
    pdf_name,
    placed_notes,
)

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    from annotations.model import Annotation
    from reader.common.context import CommandContext
    from reader.common.tasks import Task
    from reader.compare.comparison_view import ComparisonView
    from reader.printing.pages import PdfWritten

NOTHING_TO_PRINT = "Open a document or a comparison to print it"
#: The comparison view's mode that shows the redline (reader/compare/comparison_view.py).
REDLINE = "redline"

#: Makes the job for the current tab: with the reader's annotations, or without.
JobMaker = Callable[[bool], PrintJob]


#: The preference remembering where the last PDF was saved.
PDF_DIR = "print/pdf_dir"


class PrintCommands(QObject):
    """The print commands of one window. ``annotations_of`` reads a document's annotations
    (the window's store); ``current_comparison`` is the comparison in the current tab."""

    def __init__(self, context: CommandContext, *,
                 annotations_of: Callable[[str], Iterable[Annotation]],
                 current_comparison: Callable[[], ComparisonView | None]) -> None:
        super().__init__(context.parent)
        self.context = context
        self._annotations_of = annotations_of
        self._comparison = current_comparison
        self.preview: QPrintPreviewDialog | None = None
        self.last_task: Task | None = None
        self.last_written: PdfWritten | None = None

    # --- what to print ----------------------------------------------------------------------

    def job_maker(self) -> JobMaker | None:
        """How to make the job of what the current tab shows; None when it shows nothing to
        print (no tab, the "not in your library" card). The page is taken now: a job made
        later prints what the tab showed when the command was given."""
        comparison = self._comparison()
        if comparison is not None:
            left, right = comparison.comparison.left, comparison.comparison.right
            html, landscape = comparison_page(comparison)
            sides = [("L-", left), ("R-", right)]
            return lambda annotations: comparison_job(
                left, right, html, self._notes(sides) if annotations else (),
                landscape=landscape)
        view = self.context.current_view()
        doc = view.document_shown if view is not None else None
        if doc is None:
            return None
        return lambda annotations: document_job(
            doc, self._notes([("", doc)]) if annotations else ())

    def _notes(self, sides):
        from annotations.store import StoreError

        try:
            return placed_notes(sides, self._annotations_of)
        except StoreError as exc:  # locked or unreadable just now: print without them
            self.context.status(f"Printed without annotations: {exc}", 8000)
            return []

    # --- Print… -------------------------------------------------------------------------------

    def print_preview(self) -> QPrintPreviewDialog | None:
        """Show the print preview of the current tab (window-modal, not blocking): the
        reader prints from there, or saves the same pages as a PDF."""
        from PySide6.QtPrintSupport import (
            QPrinter,
            QPrintPreviewDialog,
            QPrintPreviewWidget,
        )
        from PySide6.QtWidgets import QCheckBox, QToolBar

        from reader.printing.pages import page_layout, paint_pages

        make = self.job_maker()
        if make is None:
            self.context.status(NOTHING_TO_PRINT)
            return None
        with_notes = make(True)
        jobs = {True: with_notes, False: make(False) if with_notes.notes else with_notes}
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout(with_notes))
        printer.setDocName(with_notes.title)
        dialog = QPrintPreviewDialog(printer, self.context.parent)
        dialog.printer_kept = printer  # the dialog holds a pointer to it, not a reference
        dialog.setWindowTitle(f"Print {with_notes.title}")
        annotations = QCheckBox("Annotations")
        annotations.setToolTip("Print your highlights and notes with the text")
        annotations.setChecked(bool(with_notes.notes))
        annotations.setEnabled(bool(with_notes.notes))
        toolbar = dialog.findChild(QToolBar)
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addWidget(annotations)
            save = toolbar.addAction("Save as PDF…")
            save.setToolTip("Save these pages as a PDF file")
            save.triggered.connect(
                lambda: self._save_from_preview(dialog, make, annotations.isChecked()))
        pages = dialog.findChild(QPrintPreviewWidget)
        if pages is not None:
            annotations.toggled.connect(lambda _on: pages.updatePreview())
        dialog.annotations = annotations  # tests and the toolbar's action read it
        dialog.paintRequested.connect(
            lambda device: _painting(lambda: paint_pages(jobs[annotations.isChecked()], device)))
        dialog.finished.connect(lambda _result: self._preview_closed(dialog))
        self.preview = dialog
        dialog.open()
        return dialog

    def _save_from_preview(self, dialog: QPrintPreviewDialog, make: JobMaker,
                           annotations: bool) -> None:
        dialog.reject()
        self.save_pdf(annotations=annotations, make=make)

    def _preview_closed(self, dialog: QPrintPreviewDialog) -> None:
        if self.preview is dialog:
            self.preview = None
        dialog.deleteLater()

    # --- Save as PDF… ------------------------------------------------------------------------

    def save_pdf(self, path: str | Path | None = None, *, annotations: bool | None = None,
                 make: JobMaker | None = None) -> Task | None:
        """Save what the current tab shows as a PDF, as an operation. Asks whether to
        include the annotations (when there are any) unless ``annotations`` says, and where
        to save unless ``path`` does."""
        make = make or self.job_maker()
        if make is None:
            self.context.status(NOTHING_TO_PRINT)
            return None
        job = make(annotations is not False)
        if annotations is None and job.notes:
            annotations = self._ask_annotations(job)
            if annotations is None:
                return None
            if not annotations:
                job = make(False)
        if path is None:
            path = self._ask_path(job)
            if path is None:
                return None
        target = Path(path)

        def work(progress, cancelled) -> PdfWritten:
            from reader.printing.pages import write_pdf

            return write_pdf(job, target, progress, cancelled)

        self.last_task = self.context.operations.run(
            f"Saving {job.title} as PDF…", work, done=self._saved,
            failed="The PDF could not be saved", context=self)
        return self.last_task

    def _saved(self, written: PdfWritten) -> None:
        self.last_written = written
        self.context.settings.set(PDF_DIR, str(written.path.parent))
        pages = f"{written.pages} page{'' if written.pages == 1 else 's'}"
        self.context.status(f"Saved {written.path} ({pages})", 8000)

    def suggested_path(self, job: PrintJob) -> Path:
        """"S-RES-2396 (2017).pdf" in the folder saved to last, else Documents (else home)."""
        folder = save_folder(self.context.settings.get(PDF_DIR))
        return folder / pdf_name(*(job.symbols or (job.title,)))

    def _ask_path(self, job: PrintJob) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _filter = QFileDialog.getSaveFileName(
            self.context.parent, f"Save {job.title} as PDF", str(self.suggested_path(job)),
            "PDF document (*.pdf)")
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def _ask_annotations(self, job: PrintJob) -> bool | None:
        """Whether the PDF is to carry the reader's annotations; None if cancelled."""
        from PySide6.QtWidgets import QMessageBox

        parts = []
        if job.highlights:
            parts.append(f"{job.highlights} highlight{'' if job.highlights == 1 else 's'}")
        if job.noted:
            parts.append(f"{job.noted} note{'' if job.noted == 1 else 's'}")
        box = QMessageBox(QMessageBox.Icon.Question, "Save as PDF",
                          f"Include your annotations on {job.title} ({' and '.join(parts)})?",
                          QMessageBox.StandardButton.Cancel, self.context.parent)
        with_them = box.addButton("&With Annotations", QMessageBox.ButtonRole.YesRole)
        without = box.addButton("With&out", QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(with_them)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        return True if clicked is with_them else False if clicked is without else None


def _painting(paint: Callable[[], object]) -> None:
    """Paint the preview's pages under a busy pointer: a long comparison takes a second or
    two, on the UI thread (the preview asks for its pages there)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        paint()
    finally:
        QGuiApplication.restoreOverrideCursor()


def comparison_page(view: ComparisonView) -> tuple[str, bool]:
    """The comparison's page as the tab shows it (redline or table, its marks and filter)
    in the light theme, and whether it prints on landscape pages (the two-column table)."""
    changes_only = view.changes_only.isChecked()
    if getattr(view, "mode", None) == REDLINE:
        from reader.compare.redline_render import render_redline

        return render_redline(view.comparison, view.redline, dark=False,
                              changes_only=changes_only), False
    from reader.compare.compare_render import render_comparison

    return render_comparison(view.comparison, dark=False, marks=view.marks.isChecked(),
                             changes_only=changes_only), True
