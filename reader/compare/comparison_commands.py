"""What the Compare menu does: choose two texts, align them off the UI thread, show them in a
tab, move from change to change, export the comparison: the side-by-side table (a web page or
a Word table) or the redline (a Word document with tracked changes, or a web page).

Aligning two long resolutions takes most of a second (0.8 s at 600 paragraphs), so it is an
operation: the window stays responsive, a bar and Cancel appear if it takes long, and the tab
opens when the alignment is ready.

Which text reads as the original (left) is the earlier one, whichever document the reader
started from: a draft before its resolution, else the older (corpus.compare.original_first);
Compare With… lets the reader choose otherwise. An export is offered as "S-2017-1051 vs
S-RES-2396 (2017).html" in the folder last exported to (at first, Documents); from a tab
showing the redline, as a Word document with tracked changes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from reader.common.folders import save_folder
from reader.compare.comparison_view import REDLINE, ComparisonView

if TYPE_CHECKING:
    from corpus.compare import Comparison
    from corpus.model import Document
    from reader.common.context import CommandContext
    from reader.common.tasks import Task
    from reader.document.document_view import DocumentView

NO_COMPARISON = "Open a comparison first (Compare → Compare With…)"
#: The preference (reader/window/settings.py) that remembers where comparisons were exported.
EXPORT_DIR = "compare/export_dir"
#: The save dialog's filters, each with the suffix it writes and what it writes: the
#: side-by-side ``TABLE`` or the ``REDLINE`` (in Word, as tracked changes).
TABLE = "table"
TRACKED_CHANGES = "Word document, tracked changes (*.docx)"
EXPORT_FILTERS = {"Web page (*.html)": (".html", TABLE),
                  "Word document (*.docx)": (".docx", TABLE),
                  TRACKED_CHANGES: (".docx", REDLINE),
                  "Web page, redline (*.html)": (".html", REDLINE)}


class ComparisonCommands(QObject):
    """The comparison commands of one window. ``current`` is the comparison in the current
    tab; ``make_view`` a view wired like a document tab's; ``show`` puts a new comparison in
    a tab of its own."""

    def __init__(self, context: CommandContext, *,
                 current: Callable[[], ComparisonView | None],
                 make_view: Callable[[], DocumentView],
                 show: Callable[[ComparisonView], None]) -> None:
        super().__init__(context.parent)
        self.context = context
        self._current = current
        self._make_view = make_view
        self._show = show
        self.last_task: Task | None = None
        self.last_opened: ComparisonView | None = None

    def open(self, left: str, right: str, *,
             then: Callable[[ComparisonView], None] | None = None) -> Task | None:
        """Align ``left`` with ``right`` off the UI thread, then show them side by side in a
        new tab, and hand the tab to ``then`` (a restored tab takes its place, mode and
        paragraph); None if either is unknown."""
        library = self.context.library
        docs = [library.get(left), library.get(right)]
        if None in docs:
            return None

        def opened(comparison: Comparison) -> None:
            view = self._opened(comparison)
            if then is not None:
                then(view)

        self.last_task = self._align(*docs, done=opened)
        return self.last_task

    def swap(self, view: ComparisonView) -> Task:
        """The same two texts the other way round, in the same tab."""
        comparison = view.comparison
        self.last_task = self._align(comparison.right, comparison.left,
                                     done=view.show_comparison, context=view)
        return self.last_task

    def _align(self, left: Document, right: Document, *, done: Callable[[Comparison], None],
               context: QObject | None = None) -> Task:
        def work(_progress, _cancelled) -> Comparison:
            from corpus.compare import compare_documents

            return compare_documents(left, right)

        return self.context.operations.run(
            f"Comparing {left.symbol} with {right.symbol}…", work, done=done,
            failed=f"{left.symbol} could not be compared with {right.symbol}",
            context=context or self)

    def _opened(self, comparison: Comparison) -> ComparisonView:
        view = ComparisonView(comparison, self._make_view())
        view.message.connect(lambda text: self.context.status(text, 4000))
        view.swapRequested.connect(lambda v=view: self.swap(v))
        self.last_opened = view
        self._show(view)
        return view

    def with_counterpart(self) -> Task | None:
        """Compare the current document with its draft (or adopted text): draft on the left."""
        pair = self.context.library.draft_and_adopted(self.context.current_symbol())
        if pair is None:
            self.context.status("This document has no draft or adopted text in the library")
            return None
        return self.open(*pair)

    def choose(self, symbol: str | None = None) -> Task | None:
        """Ask which document to compare ``symbol`` (else the current one) with, and which of
        the two is the original (the earlier, by default), then open the comparison; its
        draft or adopted text is offered first."""
        from PySide6.QtWidgets import QDialog

        from reader.compare.compare_dialog import CompareDialog

        symbol = symbol or self.context.current_symbol()
        if symbol is None or symbol not in self.context.library:
            self.context.status("Open a document of the library to compare it with another")
            return None
        dialog = CompareDialog(self.context.library, symbol, self.context.parent)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            chosen = dialog.chosen() if accepted else None
        finally:
            dialog.deleteLater()
        return self.open(*chosen) if chosen else None

    def export(self, path: str | None = None, kind: str = TABLE) -> Task | None:
        """Save the current comparison as HTML or Word (by the file's suffix), the
        side-by-side table or (``kind`` REDLINE) the redline, as an operation; asks where
        and which when ``path`` is not given (a tab showing the redline offers the Word
        document with tracked changes first)."""
        comparison = self._current()
        if comparison is None:
            self.context.status(NO_COMPARISON)
            return None
        if path is None:
            from PySide6.QtWidgets import QFileDialog

            redline = comparison.mode == REDLINE
            suggested = self.suggested_path(
                comparison, " (tracked changes).docx" if redline else ".html")
            path, chosen_filter = QFileDialog.getSaveFileName(
                self.context.parent, "Export comparison", str(suggested),
                ";;".join(EXPORT_FILTERS), TRACKED_CHANGES if redline else "")
            if not path:
                return None
            suffix, kind = EXPORT_FILTERS.get(chosen_filter, (".html", TABLE))
            if Path(path).suffix.lower() not in (".html", ".htm", ".docx"):
                path += suffix  # "table" typed with Word chosen: a Word file, not a web page
        if kind == REDLINE:
            from corpus.compare.redline import export_redline as write
        else:
            from corpus.compare.export import export_comparison as write
        aligned = comparison.comparison

        def saved(written: Path) -> None:
            self.context.settings.set(EXPORT_DIR, str(written.parent))
            self.context.status(f"Comparison saved to {written}", 6000)

        self.last_task = self.context.operations.run(
            "Saving the comparison…",
            lambda _progress, _cancelled: write(aligned, Path(path)),
            done=saved, failed="The comparison could not be saved", context=self)
        return self.last_task

    def suggested_path(self, comparison: ComparisonView, suffix: str = ".html") -> Path:
        """Where the save dialog starts: "S-2017-1051 vs S-RES-2396 (2017).html" in the folder
        of the last export, else the Documents folder (else the home folder)."""
        from corpus.compare.export import file_name

        return self._export_folder() / file_name(comparison.comparison, suffix)

    def _export_folder(self) -> Path:
        return save_folder(self.context.settings.get(EXPORT_DIR))

    def step(self, move: Callable[[ComparisonView], object]) -> object:
        """Run a move of the current comparison (next change, swap), or say it needs one."""
        comparison = self._current()
        if comparison is None:
            self.context.status(NO_COMPARISON)
            return None
        return move(comparison)
