"""What the Compare menu does: choose two texts, align them off the UI thread, show them in a
tab, move from change to change, export the redline.

Aligning two long resolutions takes most of a second (0.8 s at 600 paragraphs), so it is an
operation: the window stays responsive, a bar and Cancel appear if it takes long, and the tab
opens when the alignment is ready.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from reader.compare.comparison_view import ComparisonView

if TYPE_CHECKING:
    from corpus.compare import Comparison
    from corpus.model import Document
    from reader.common.context import CommandContext
    from reader.common.tasks import Task
    from reader.document.document_view import DocumentView

NO_COMPARISON = "Open a comparison first (Compare → Compare With…)"


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

    def open(self, left: str, right: str) -> Task | None:
        """Align ``left`` with ``right`` off the UI thread, then show them side by side in a
        new tab; None if either is unknown."""
        library = self.context.library
        docs = [library.get(left), library.get(right)]
        if None in docs:
            return None
        self.last_task = self._align(*docs, done=self._opened)
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

    def _opened(self, comparison: Comparison) -> None:
        view = ComparisonView(comparison, self._make_view())
        view.message.connect(lambda text: self.context.status(text, 4000))
        view.swapRequested.connect(lambda v=view: self.swap(v))
        self.last_opened = view
        self._show(view)

    def with_counterpart(self) -> Task | None:
        """Compare the current document with its draft (or adopted text): draft on the left."""
        pair = self.context.library.draft_and_adopted(self.context.current_symbol())
        if pair is None:
            self.context.status("This document has no draft or adopted text in the library")
            return None
        return self.open(*pair)

    def choose(self, left: str | None = None) -> Task | None:
        """Ask which document to compare ``left`` (else the current one) with, then open the
        comparison; its draft or adopted text is offered first."""
        from PySide6.QtWidgets import QInputDialog

        library = self.context.library
        left = left or self.context.current_symbol()
        if left is None:
            return None
        others = [doc.symbol for doc in library if doc.symbol != left]
        pair = library.draft_and_adopted(left)
        default = next((s for s in pair if s != left), None) if pair else None
        right, ok = QInputDialog.getItem(self.context.parent, "Compare",
                                         f"Compare {left} with:", others,
                                         others.index(default) if default else 0, False)
        return self.open(left, right) if ok and right else None

    def export(self, path: str | None = None) -> Task | None:
        """Save the current comparison as HTML or Word (by the file's suffix), as an
        operation; asks where when ``path`` is not given."""
        comparison = self._current()
        if comparison is None:
            self.context.status(NO_COMPARISON)
            return None
        from corpus.compare.export import export_comparison

        if path is None:
            from PySide6.QtWidgets import QFileDialog

            suggested = "".join(c if c.isalnum() else "-" for c in comparison.title)
            path, _ = QFileDialog.getSaveFileName(
                self.context.parent, "Export comparison", f"{suggested}.html",
                "Web page (*.html);;Word document (*.docx)")
            if not path:
                return None
        aligned = comparison.comparison
        self.last_task = self.context.operations.run(
            "Saving the comparison…",
            lambda _progress, _cancelled: export_comparison(aligned, Path(path)),
            done=lambda written: self.context.status(f"Comparison saved to {written}", 6000),
            failed="The comparison could not be saved", context=self)
        return self.last_task

    def step(self, move: Callable[[ComparisonView], object]) -> object:
        """Run a move of the current comparison (next change, swap), or say it needs one."""
        comparison = self._current()
        if comparison is None:
            self.context.status(NO_COMPARISON)
            return None
        return move(comparison)
