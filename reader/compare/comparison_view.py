"""The comparison tab: two documents aligned row by row, with the controls a redline needs.

The engine (corpus/compare) and the renderer load with the first comparison, not at start-up.

The text is a DocumentView showing reader/compare_render.py's table (side by side) or
redline_render.py's single column (the redline, as Word's Compare shows it), so links, hover
previews, find in page, zoom and the paragraph menu work exactly as in a document tab. Above
it, one strip: the summary, "Side by side" / "Redline", the legend, "Mark differences",
"Changed only", previous/next change, swap. Each tab keeps its own choice. Stepping through
the changes (F7, Shift+F7) says where the reader is ("Change 3 of 7") and tints the row of
that change until the next step, as Word's Compare does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextCursor, QTextTable, QTextTableCell
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.document.document_view import MAX_COLUMN, SCROLL_MARGIN, DocumentView

if TYPE_CHECKING:
    from corpus.compare import Comparison
    from corpus.compare.redline import Redline
    from corpus.model import Block, Document

LEGEND = ('<span style="background-color:#d6e8ff; color:#1a1a1a; text-decoration:underline">'
          '&nbsp;inserted&nbsp;</span>&nbsp; '
          '<span style="background-color:#ffdcbc; color:#1a1a1a; '
          'text-decoration:line-through">&nbsp;deleted&nbsp;</span>&nbsp; '
          '<span style="background-color:#ecf4ff; color:#1a1a1a">&nbsp;minor: case, spelling, '
          'punctuation&nbsp;</span>')
REDLINE_LEGEND = ('<span style="background-color:#d6e8ff; color:#1a1a1a; '
                  'text-decoration:underline">&nbsp;inserted&nbsp;</span>&nbsp; '
                  '<span style="background-color:#ffdcbc; color:#1a1a1a; '
                  'text-decoration:line-through">&nbsp;deleted&nbsp;</span>&nbsp; '
                  '<span style="background-color:#d9f0dd; color:#1a1a1a">&nbsp;moved&nbsp;'
                  '</span>&nbsp; <span style="background-color:#ecf4ff; color:#1a1a1a">'
                  '&nbsp;paler: case, spelling, punctuation, numbering&nbsp;</span>')
#: The two ways a comparison is shown.
SIDE_BY_SIDE, REDLINE = "side-by-side", "redline"

#: (background, text) of the top line of the change stepped to, light and dark: strong
#: enough to find at a glance.
CURRENT_ROW = {False: (QColor("#ffd666"), QColor("#1a1a1a")),
               True: (QColor("#8a6514"), QColor("#ffffff"))}
#: The view's highlight layer (highlight_layers.py) that tints the current change.
CURRENT_LAYER = "current-change"


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
        self._current: int | None = None  # the row of the change stepped to last
        self._shown: list[int] = []  # the rows the table shows (row 1 + n is the n-th)
        self._redline: tuple[Comparison, Redline] | None = None  # built when first shown
        self.browser = browser
        self.browser.setAccessibleName(self.title)
        self.marks = QCheckBox("&Mark differences")
        self.marks.setChecked(True)
        self.changes_only = QCheckBox("C&hanged only")
        self.position = QLabel()
        self.position.setAccessibleName("Current change")
        self.position.setTextFormat(Qt.TextFormat.PlainText)
        bold = self.position.font()
        bold.setBold(True)
        self.position.setFont(bold)
        self.summary = QLabel()
        self.summary.setWordWrap(True)  # the strip must not force the window wider
        self.summary.setAccessibleName("Comparison summary")
        self.legend = QLabel(LEGEND)
        # Wraps rather than widening the tab: on a laptop's 1024 pixels, with the library and
        # the side panel open, the strip must not force the window wider than the screen.
        self.legend.setWordWrap(True)
        self.legend.setAccessibleName("Legend")
        self.previous_button = self._button("◀", "Previous change (Shift+F7)", self.previous_change)
        self.next_button = self._button("▶", "Next change (F7)", self.next_change)
        self.swap_button = self._button("⇄ Swap", "Swap the two sides", self.swap)
        self.side_by_side_button = self._mode_button(
            "Side by si&de", "The two texts in aligned columns")
        self.redline_button = self._mode_button(
            "Red&line", "One text, insertions underlined and deletions struck through, as "
            "Word's Compare shows them")
        self.side_by_side_button.setChecked(True)
        self._modes = QButtonGroup(self)
        self._modes.setExclusive(True)
        for button in (self.side_by_side_button, self.redline_button):
            self._modes.addButton(button)

        # Short lines rather than one long one, so the strip never forces the tab wider than
        # a laptop's window: how to move and what the marks mean; how to show it; then what
        # changed, in a line of its own that wraps.
        moving = QHBoxLayout()
        moving.addWidget(self.previous_button)
        moving.addWidget(self.next_button)
        moving.addWidget(self.position)
        moving.addWidget(self.legend, 1)
        moving.addWidget(self.swap_button)
        showing = QHBoxLayout()
        showing.addWidget(self.side_by_side_button)
        showing.addWidget(self.redline_button)
        showing.addStretch(1)
        showing.addWidget(self.marks)
        showing.addWidget(self.changes_only)
        summing = QHBoxLayout()
        summing.addWidget(self.summary, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        for line in (moving, showing, summing):
            line.setContentsMargins(8, 2, 8, 2)
            column.addLayout(line)
        column.addWidget(self.browser, 1)
        self.marks.toggled.connect(lambda _on: self.refresh())
        self.changes_only.toggled.connect(lambda _on: self.refresh())
        self.redline_button.toggled.connect(lambda _on: self.refresh())
        self.refresh()

    # --- public -------------------------------------------------------------------------------

    @property
    def title(self) -> str:
        return f"{self.comparison.left.symbol} ⇄ {self.comparison.right.symbol}"

    @property
    def mode(self) -> str:
        """``SIDE_BY_SIDE`` or ``REDLINE``: how this tab shows its comparison."""
        return REDLINE if self.redline_button.isChecked() else SIDE_BY_SIDE

    def set_mode(self, mode: str) -> None:
        """Show the comparison side by side or as a redline, at the paragraph being read."""
        button = self.redline_button if mode == REDLINE else self.side_by_side_button
        button.setChecked(True)  # toggled: drawn again by refresh()

    @property
    def redline(self) -> Redline:
        """The comparison as one marked text (corpus.compare.redline), made when first
        asked for and again after a swap."""
        if self._redline is None or self._redline[0] is not self.comparison:
            from corpus.compare.redline import build_redline

            self._redline = (self.comparison, build_redline(self.comparison))
        return self._redline[1]

    def refresh(self) -> None:
        """Render again (theme, marks or filter changed), keeping the row being read on top:
        the change stepped to while it is in sight, else the row at the top (or, when the
        filter hides it, the next row shown)."""
        self._render(self._row_read())

    def swap(self) -> None:
        """Ask for the two sides the other way round: the alignment is redone off the UI
        thread (comparison_commands), then shown with ``show_comparison``."""
        self.swapRequested.emit()

    def show_comparison(self, comparison: Comparison) -> None:
        """Show another alignment of the two texts (the sides swapped), at the paragraphs
        being read."""
        read = self._row_read()
        old = self.comparison.rows[read] if read is not None else None
        self.comparison = comparison
        self._current = None  # other rows: the place among the changes starts again
        self.browser.setAccessibleName(self.title)
        keep = None
        if old is not None:  # the same paragraphs, their sides swapped; else either of them
            rows = list(enumerate(comparison.rows))
            keep = next((n for n, row in rows if (row.left, row.right) == (old.right, old.left)),
                        None)
            if keep is None:
                keep = next((n for n, row in rows if (row.right and row.right == old.left)
                             or (row.left and row.left == old.right)), None)
        self._render(keep)
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

    @property
    def current_change(self) -> int | None:
        """The row of the change stepped to last, None before the first step."""
        return self._current

    # --- private ------------------------------------------------------------------------------

    def _row_read(self) -> int | None:
        """The row the reader is at: the change stepped to while in sight, else the top one."""
        if self._current is not None and self._in_sight(self._current):
            return self._current
        return self._top_row()

    def _render(self, keep: int | None) -> None:
        """Draw the table and bring row ``keep`` (or the next one shown) to the top."""
        from reader.compare.compare_render import render_comparison, shown_rows

        changes_only = self.changes_only.isChecked()
        redline = self.mode == REDLINE
        self.marks.setEnabled(not redline)  # a redline is its marks
        self.legend.setText(REDLINE_LEGEND if redline else LEGEND)
        if redline:
            from reader.compare.redline_render import MARGIN_WIDTH, render_redline

            self.browser.max_column = MAX_COLUMN + MARGIN_WIDTH  # one column and its margin
            page = render_redline(self.comparison, self.redline, dark=self.browser.dark,
                                  changes_only=changes_only)
        else:
            self.browser.max_column = 2 * MAX_COLUMN + 80  # two readable columns, the gutter
            page = render_comparison(self.comparison, dark=self.browser.dark,
                                     marks=self.marks.isChecked(), changes_only=changes_only)
        self.browser.show_html(page)
        self._shown = shown = shown_rows(self.comparison, changes_only)
        self.summary.setText(self.comparison.summary_line())
        self.summary.setToolTip("Ignored: " + "; ".join(self.comparison.summary()["ignored"]))
        self._show_position()
        if keep is not None and shown:
            row = next((n for n in shown if n >= keep), shown[-1])
            self.browser.scroll_to_block(f"row-{row}", flash=False)

    def _step_change(self, step: int) -> int | None:
        """Bring the next (or previous) changed row to the top; its number, None at the end."""
        # Near the end the view cannot scroll a change to the top, so the row on top is not
        # the one last stepped to: while that one is in sight, continue from it.
        if self._current is not None and self._in_sight(self._current):
            current: int | None = self._current
        else:
            current = self._top_row()
        rows = self.change_rows() if step > 0 else list(reversed(self.change_rows()))
        target = next((n for n in rows if current is None or (n - current) * step > 0), None)
        if target is None:
            self.message.emit("No further change" if rows else "The two texts are the same")
            return None
        self.browser.scroll_to_block(f"row-{target}")
        self._current = target
        self._show_position()
        return target

    def _show_position(self) -> None:
        """"Change 3 of 7" beside the arrows, and the row of that change tinted."""
        rows = self.change_rows()
        if self._current not in rows:
            self._current = None
        if self._current is not None:
            self.position.setText(f"Change {rows.index(self._current) + 1} of {len(rows)}  ·")
        else:  # before the first step: how many there are to step through
            self.position.setText(f"{len(rows)} change{'' if len(rows) == 1 else 's'}  ·"
                                  if rows else "No changes  ·")
        # Its room kept from the start, so the first step does not rewrap the summary.
        widest = f"Change {len(rows)} of {len(rows)}  ·" if rows else ""
        self.position.setMinimumWidth(self.position.fontMetrics().horizontalAdvance(widest))
        self._tint(self._current)

    def _tint(self, row: int | None) -> None:
        """Mark the top line of ``row`` (None: none) on all three columns (the status and
        both paragraphs' labels), or in a redline on its margin, replacing the last row's
        mark. Only that line: a tint on the paragraphs would cover their inserted and
        deleted marks (a selection's background replaces the text's) and any find match in
        them. Extra selections, not cell formats: a format change lays the whole table out
        again, a fifth of a second per step on a short resolution."""
        background, foreground = CURRENT_ROW[self.browser.dark]
        selections = []
        cells = self._cells(row)
        for cell in cells[:1] if self.mode == REDLINE else cells:
            block = cell.firstCursorPosition().block()  # the status, or the paragraph's label
            if not block.text().strip():
                continue  # a gap: nothing to mark
            selection = QTextEdit.ExtraSelection()
            selection.cursor = QTextCursor(block)
            selection.cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                                          QTextCursor.MoveMode.KeepAnchor)
            selection.format.setBackground(background)
            selection.format.setForeground(foreground)
            selections.append(selection)
        self.browser.set_selections(CURRENT_LAYER, selections)

    def _in_sight(self, row: int) -> bool:
        """Whether any of ``row`` shows in the view."""
        layout = self.browser.document().documentLayout()
        rects = [layout.blockBoundingRect(position.block()) for cell in self._cells(row)
                 for position in (cell.firstCursorPosition(), cell.lastCursorPosition())]
        if not rects:
            return False
        top = self.browser.verticalScrollBar().value()
        bottom = top + self.browser.viewport().height()
        return min(r.top() for r in rects) < bottom and max(r.bottom() for r in rects) > top

    def _top_row(self) -> int | None:
        """The row at the top of the view, as a jump to it leaves it (None above the first).
        Read off the table, not the paragraphs: a row begins with its labels, above the
        paragraph's anchor."""
        shown, table = self._shown_table()
        if table is None:
            return None
        layout = self.browser.document().documentLayout()
        line = self.browser.verticalScrollBar().value() + SCROLL_MARGIN + 1
        found = None
        for index, row in enumerate(shown):
            block = table.cellAt(1 + index, 1).firstCursorPosition().block()
            if layout.blockBoundingRect(block).top() > line:
                break
            found = row
        return found

    def _cells(self, row: int | None) -> list[QTextTableCell]:
        """The table's cells of comparison row ``row`` (none if the table does not show it)."""
        shown, table = self._shown_table()
        if table is None or row is None or row not in shown:
            return []
        return [table.cellAt(1 + shown.index(row), column) for column in range(table.columns())]

    def _shown_table(self) -> tuple[list[int], QTextTable | None]:
        """The rows the table shows, and the table (None before it is drawn)."""
        shown = self._shown
        frames = self.browser.document().rootFrame().childFrames()
        if not frames:
            return shown, None
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(frames[0].firstPosition())  # the page's one frame: the table
        table = cursor.currentTable()
        return shown, table if table is not None and table.rows() == len(shown) + 1 else None

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

    def _mode_button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", ""))
        button.setCheckable(True)  # framed, not raised on hover: a pair, one of them down
        return button

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button
