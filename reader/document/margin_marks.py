"""The marks beside annotated paragraphs (a note, a bookmark) and the notes their tooltips show.

A note or bookmark has no text of its own on the page, so the reader sees it as a small mark
in the margin left of the paragraph's first line, and reads it by resting the pointer there or
on the highlighted words. Where a mark goes follows the text's layout and the scroll position,
so marks are placed afresh each time they are drawn or hit-tested, never stored as pixels.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRectF
from PySide6.QtGui import QColor, QPaintDevice, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QTextEdit

#: Size of a margin mark (note, bookmark) and its distance from the text, in pixels.
MARK_SIZE = 11
MARK_GAP = 6
#: Room left between two marks beside one paragraph, and how far outside a mark a click
#: still hits it (it is small).
MARK_SPACING = 3
MARK_SLACK = 2

#: Makes a tooltip's rich text when it is shown: a document with hundreds of notes renders
#: only the one the pointer rests on, not all of them each time it is drawn.
Tip = Callable[[], str]


@dataclass(frozen=True)
class MarginMark:
    """A mark beside a paragraph's first line: ``"note"`` (filled with ``colour``) or
    ``"bookmark"`` (a ribbon), and the tooltip it shows."""

    position: int  # a position inside the paragraph
    kind: str
    colour: QColor
    tip: Tip
    key: str = ""  # what the mark stands for (an annotation's id), for its menu


@dataclass(frozen=True)
class TextTip:
    """A stretch of text ``[start, end)`` that shows a tooltip when the pointer rests on it."""

    start: int
    end: int
    tip: Tip


class MarginMarks:
    """The margin marks and text tips shown on ``view``: where each mark is, drawing them, and
    which mark or note is under the pointer."""

    def __init__(self, view: QTextEdit) -> None:
        self._view = view
        self._marks: list[MarginMark] = []
        self._tips: list[TextTip] = []

    def set(self, marks: Sequence[MarginMark], tips: Sequence[TextTip]) -> None:
        self._marks, self._tips = list(marks), list(tips)

    def clear(self) -> None:
        self.set([], [])

    def marks(self) -> list[MarginMark]:
        return list(self._marks)

    def placed(self) -> list[tuple[QRectF, MarginMark]]:
        """Each mark with its rect in viewport coordinates; a paragraph's second mark goes
        left of its first."""
        document = self._view.document()
        slots: dict[int, int] = {}
        placed = []
        for mark in self._marks:
            start = document.findBlock(mark.position).position()
            slot = slots.get(start, 0)
            slots[start] = slot + 1
            placed.append((self._rect(mark, slot), mark))
        return placed

    def paint(self, device: QPaintDevice) -> None:
        """Draw the marks that fall on ``device`` (the viewport, or an image of its size)."""
        if not self._marks:
            return
        painter = QPainter(device)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        visible = QRectF(0, 0, device.width(), device.height())
        for rect, mark in self.placed():
            if rect.intersects(visible):
                paint_mark(painter, rect, mark)
        painter.end()

    def mark_at(self, point: QPoint) -> MarginMark | None:
        """The margin mark at a viewport point (a little larger than drawn: it is small)."""
        s = MARK_SLACK
        for rect, mark in self.placed():
            if rect.adjusted(-s, -s, s, s).contains(QPointF(point)):
                return mark
        return None

    def tip_at(self, point: QPoint) -> str | None:
        """The note of the margin mark or the annotated text at a viewport point."""
        mark = self.mark_at(point)
        if mark is not None:
            return mark.tip()
        position = self._view.cursorForPosition(point).position()
        for tip in self._tips:
            if tip.start <= position < tip.end:
                return tip.tip()
        return None

    def _rect(self, mark: MarginMark, slot: int) -> QRectF:
        """Left of the paragraph's first line, centred on it; ``slot`` marks further left."""
        view = self._view
        text_block = view.document().findBlock(mark.position)
        rect = view.document().documentLayout().blockBoundingRect(text_block)
        line = text_block.layout().lineAt(0) if text_block.layout().lineCount() else None
        height = line.height() if line is not None else rect.height()
        x = rect.left() - MARK_GAP - (slot + 1) * (MARK_SIZE + MARK_SPACING)
        y = rect.top() + (height - MARK_SIZE) / 2 - view.verticalScrollBar().value()
        return QRectF(x - view.horizontalScrollBar().value(), y, MARK_SIZE, MARK_SIZE)


def paint_mark(painter: QPainter, rect: QRectF, mark: MarginMark) -> None:
    """A note is a small filled speech square in its highlight colour; a bookmark a ribbon."""
    outline = QPen(QColor("#6b5a2a"))
    outline.setWidthF(1.0)
    painter.setPen(outline)
    painter.setBrush(mark.colour)
    if mark.kind == "bookmark":
        x, y, w, h = rect.x() + 1, rect.y() - 1, rect.width() - 2, rect.height() + 2
        painter.drawPolygon(QPolygonF([QPointF(x, y), QPointF(x + w, y), QPointF(x + w, y + h),
                                       QPointF(x + w / 2, y + h * 0.7), QPointF(x, y + h)]))
        return
    body = QRectF(rect.x(), rect.y(), rect.width(), rect.height() * 0.8)
    painter.drawRoundedRect(body, 2, 2)
    painter.drawLine(QPointF(body.left() + 3, body.bottom()),
                     QPointF(body.left() + 2, rect.bottom()))
    for i in (1, 2):
        y = body.top() + body.height() * i / 3
        painter.drawLine(QPointF(body.left() + 2.5, y), QPointF(body.right() - 2.5, y))
