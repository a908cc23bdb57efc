"""The comparison tab: two documents aligned row by row, with the controls a redline needs.

The engine (corpus/compare) and the renderer load with the first comparison, not at start-up.

The text is a DocumentView showing reader/compare_render.py's table, so links, hover previews,
find in page, zoom and the paragraph menu work exactly as in a document tab. Above it, one
strip: the summary, the legend, "Mark differences", "Changed only", previous/next change, swap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.document.document_view import MAX_COLUMN, DocumentView

if TYPE_CHECKING:
    from corpus.compare import Comparison
    from corpus.model import Block, Document

LEGEND = ('<span style="background-color:#d6e8ff; color:#1a1a1a; text-decoration:underline">'
          '&nbsp;inserted&nbsp;</span>&nbsp; '
          '<span style="background-color:#ffdcbc; color:#1a1a1a; '
          'text-decoration:line-through">&nbsp;deleted&nbsp;</span>&nbsp; '
          '<span style="background-color:#ecf4ff; color:#1a1a1a">&nbsp;minor: case, spelling, '
          'punctuation&nbsp;</span>')


class ComparisonView(QWidget):
    """Signals:
        changed(): the comparison shown changed (swapped): titles may need updating.
        message(str): something to tell the reader in the status bar.
        swapRequested(): the reader asked for the sides the other way round.
    """

    changed = Signal()
    message = Signal(str)
    swapRequested = Signal()

    def __init__(self, comparison: Comparison, browser: DocumentView,
                 parent: QWidget | None = None) -> None:
        """Show ``comparison`` (aligned beforehand, off the UI thread: see
        comparison_commands) in ``browser``."""
        super().__init__(parent)
        self.comparison = comparison
        self._stepped: tuple[int, int] | None = None  # (row, scroll value) of the last step
        self.browser = browser
        self.browser.max_column = 2 * MAX_COLUMN + 80  # two readable columns and the gutter
        self.browser.setAccessibleName(self.title)
        self.marks = QCheckBox("&Mark differences")
        self.marks.setChecked(True)
        self.changes_only = QCheckBox("C&hanged only")
        self.summary = QLabel()
        self.summary.setWordWrap(True)  # the strip must not force the window wider
        self.summary.setAccessibleName("Comparison summary")
        self.legend = QLabel(LEGEND)
        self.legend.setAccessibleName("Legend")
        self.previous_button = self._button("◀", "Previous change (Shift+F7)", self.previous_change)
        self.next_button = self._button("▶", "Next change (F7)", self.next_change)
        self.swap_button = self._button("⇄ Swap", "Swap the two sides", self.swap)

        # Two short lines rather than one long one, so the strip never forces the tab wider
        # than the window: what happened and how to move, then how to show it.
        moving = QHBoxLayout()
        moving.addWidget(self.previous_button)
        moving.addWidget(self.next_button)
        moving.addWidget(self.summary, 1)
        moving.addWidget(self.swap_button)
        showing = QHBoxLayout()
        showing.addWidget(self.legend)
        showing.addStretch(1)
        showing.addWidget(self.marks)
        showing.addWidget(self.changes_only)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        for line in (moving, showing):
            line.setContentsMargins(8, 2, 8, 2)
            column.addLayout(line)
        column.addWidget(self.browser, 1)
        self.marks.toggled.connect(lambda _on: self.refresh())
        self.changes_only.toggled.connect(lambda _on: self.refresh())
        self.refresh()

    # --- public -------------------------------------------------------------------------------

    @property
    def title(self) -> str:
        return f"{self.comparison.left.symbol} ⇄ {self.comparison.right.symbol}"

    def refresh(self) -> None:
        """Render again (theme, marks or filter changed), keeping the row being read on top."""
        keep = self.browser.current_block()
        self._stepped = None
        from reader.compare.compare_render import render_comparison

        self.browser.show_html(render_comparison(
            self.comparison, dark=self.browser.dark, marks=self.marks.isChecked(),
            changes_only=self.changes_only.isChecked()))
        self.summary.setText(self.comparison.summary_line())
        self.summary.setToolTip("Ignored: " + "; ".join(self.comparison.summary()["ignored"]))
        if keep:
            self.browser.scroll_to_block(keep, flash=False)

    def swap(self) -> None:
        """Ask for the two sides the other way round: the alignment is redone off the UI
        thread (comparison_commands), then shown with ``show_comparison``."""
        self.swapRequested.emit()

    def show_comparison(self, comparison: Comparison) -> None:
        """Show another alignment of the two texts (the sides swapped)."""
        self.comparison = comparison
        self.browser.setAccessibleName(self.title)
        self.refresh()
        self.changed.emit()

    def place(self, anchor: str | None) -> tuple[Document, Block] | None:
        """The document and paragraph behind an anchor of the table (``L-op12``, ``R-pp3``)."""
        side, _, block_id = (anchor or "").partition("-")
        if side not in ("L", "R"):
            return None
        doc = self.comparison.left if side == "L" else self.comparison.right
        block = doc.block(block_id)
        return (doc, block) if block else None

    def show_block(self, symbol: str, block_id: str | None) -> bool:
        """Scroll to (and flash) a paragraph of one of the two documents; False if it is not
        one of theirs or not shown (a filtered row)."""
        for side, doc in (("L", self.comparison.left), ("R", self.comparison.right)):
            if block_id and doc.symbol == symbol:
                return self.browser.scroll_to_block(f"{side}-{block_id}")
        return False

    def change_rows(self) -> list[int]:
        return [n for n, row in enumerate(self.comparison.rows) if row.is_change]

    def next_change(self) -> int | None:
        return self._step_change(+1)

    def previous_change(self) -> int | None:
        return self._step_change(-1)

    # --- private ------------------------------------------------------------------------------

    def _step_change(self, step: int) -> int | None:
        """Bring the next (or previous) changed row to the top; its number, None at the end."""
        # Near the end the view cannot scroll a change to the top, so the row on top is not
        # the one last stepped to: while the view has not moved, continue from that one.
        scrolled = self.browser.verticalScrollBar().value()
        if self._stepped is not None and self._stepped[1] == scrolled:
            current: int | None = self._stepped[0]
        else:
            current = self._row_at(self.browser.current_block())
        rows = self.change_rows() if step > 0 else list(reversed(self.change_rows()))
        target = next((n for n in rows if current is None or (n - current) * step > 0), None)
        if target is None:
            self.message.emit("No further change" if rows else "The two texts are the same")
            return None
        self.browser.scroll_to_block(f"row-{target}")
        self._stepped = (target, self.browser.verticalScrollBar().value())
        return target

    def _row_at(self, anchor: str | None) -> int | None:
        """The row of the anchor at the top of the view."""
        if anchor is None:
            return None
        if anchor.startswith("row-"):
            return int(anchor[4:])
        side, _, block_id = anchor.partition("-")
        key = "left" if side == "L" else "right"
        return next((n for n, row in enumerate(self.comparison.rows)
                     if getattr(row, key) == block_id), None)

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button
