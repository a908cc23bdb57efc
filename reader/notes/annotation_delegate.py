"""How a row of the Annotations tab is painted: its colour swatch (a ribbon for a bookmark)
in a gutter, then its markup, each paragraph clamped to its lines with an ellipsis.

A row's height is known without laying out its text: a row is one line of citation, one or
two lines of quote (two only when the quote is wider than the list) and one line of note and
tags, so ten thousand rows are laid out by their shape alone.

Apart from annotation_rows, which says what a row holds, so the model is readable without
the painting, and the painting without the model.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QPointF, QSize
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPalette,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from annotations.model import Annotation
from reader.notes.annotation_rows import (
    AnnotationListModel,
    GroupHeader,
    header_markup,
    quote_excerpt,
    row_markup,
)
from reader.notes.palette import colour_of
from reader.search.search_results import HTML_ROLE, blend, draw_document, draw_item_ground

SERIF_FAMILIES = ("Times New Roman", "Liberation Serif", "DejaVu Serif")
SERIF_CSS = ", ".join(f'"{family}"' for family in SERIF_FAMILIES) + ", serif"


def _clamp(doc: QTextDocument, budgets: Sequence[int]) -> None:
    """Cut each paragraph of ``doc`` to its budget of lines, ending it with "…"."""
    block = doc.begin()
    for budget in budgets:
        if not block.isValid():
            return
        for _ in range(6):  # an ellipsis can push the last word down: cut again
            doc.size()  # lays the document out
            layout = block.layout()
            if layout.lineCount() <= budget:
                break
            line = layout.lineAt(budget - 1)
            cut = block.position() + line.textStart() + line.textLength()
            while cut > block.position() + 1 and doc.characterAt(cut - 1).isspace():
                cut -= 1
            cursor = QTextCursor(doc)
            cursor.setPosition(cut)
            cursor.setPosition(block.position() + block.length() - 1,
                               QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText("…")
        block = block.next()


class AnnotationDelegate(QStyledItemDelegate):
    """Paints a row: its colour swatch (a ribbon for a bookmark) in a gutter, then its
    markup, each paragraph clamped to its lines. Heights come from the row's shape (how many
    lines of quote, whether a note line), measured once per font, so that ten thousand rows
    are laid out without laying out their text."""

    MARGIN = 4
    GUTTER = 18
    SWATCH = 10

    def __init__(self, model: AnnotationListModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._heights: dict[tuple[str, tuple[int, ...]], int] = {}
        self._advances: dict[str, float] = {}
        self._advance_font = ""

    # shapes: header (1,), annotation (1, quote lines) or (1, quote lines, 1)
    def _budgets(self, item: Annotation | GroupHeader, width: int, font: QFont,
                 key: str) -> tuple[int, ...]:
        if isinstance(item, GroupHeader):
            return (1,)
        quote = 1 if self._advance(quote_excerpt(item), font, key) <= width else 2
        return (1, quote, 1) if item.note.strip() or item.tags else (1, quote)

    def _advance(self, text: str, font: QFont, key: str) -> float:
        """A quote's width in the serif face, measured once per font: a list of 10,000 rows
        asks for every row's size when it is first shown."""
        if key != self._advance_font:
            self._advances, self._advance_font = {}, key
            self._metrics = QFontMetricsF(_serif(font))
        if text not in self._advances:
            self._advances[text] = self._metrics.horizontalAdvance(text)
        return self._advances[text]

    def _height(self, budgets: tuple[int, ...], font: QFont, key: str) -> int:
        if (key, budgets) not in self._heights:
            if budgets == (1,):
                markup = header_markup("X", 1)
            else:
                markup = row_markup("X", "X", "X" + "<br>X" * (budgets[1] - 1), detached=True,
                                    note="X" if len(budgets) > 2 else "")
                markup = markup.replace("&lt;br&gt;", "<br>")
            doc = _document(markup, 1000, "#000", font)
            self._heights[key, budgets] = int(doc.size().height() + 0.999) + 2 * self.MARGIN
        return self._heights[key, budgets]

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        view = option.widget
        width = view.viewport().width() if isinstance(view, QListView) else option.rect.width()
        return max(80, width - self.GUTTER - 2 * self.MARGIN)

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        item = self._model.row_of(index)
        if item is None:
            return super().sizeHint(option, index)
        width = self._text_width(option)
        font, key = option.font, option.font.key()
        return QSize(width + self.GUTTER + 2 * self.MARGIN,
                     self._height(self._budgets(item, width, font, key), font, key))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        item = self._model.row_of(index)
        if item is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        header = isinstance(item, GroupHeader)
        if header:  # drawn as enabled text on a faint band, not as a disabled item
            opt.state |= QStyle.StateFlag.State_Enabled
            opt.palette.setCurrentColorGroup(QPalette.ColorGroup.Active)
        text, ground = draw_item_ground(opt, painter)
        if header:
            painter.fillRect(opt.rect, blend(text, ground, 0.08))
        rect = opt.rect.adjusted(self.MARGIN, self.MARGIN, -self.MARGIN, -self.MARGIN)
        if isinstance(item, Annotation):
            self._paint_mark(painter, item, rect.left(), rect.top(), opt)
            rect.setLeft(rect.left() + self.GUTTER)
        markup = index.data(HTML_ROLE)
        doc = _document(markup, rect.width(), blend(text, ground, 0.6).name(), opt.font)
        _clamp(doc, self._budgets(item, self._text_width(option), opt.font, opt.font.key()))
        draw_document(painter, doc, rect, text)

    def _paint_mark(self, painter: QPainter, annotation: Annotation, left: int, top: int,
                    option: QStyleOptionViewItem) -> None:
        """A square of the highlight's colour, or a ribbon of it for a bookmark, centred on
        the first line."""
        colour = colour_of(annotation.color)
        size = self.SWATCH
        line = QFontMetricsF(option.font).height()
        y = top + max(0.0, (line - size) / 2)
        x = left + 2
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(colour.darker(160))
        painter.setBrush(colour)
        if annotation.is_bookmark:
            height = size * 1.4
            path = QPainterPath(QPointF(x + 1, y - 1))
            path.lineTo(x + size - 1, y - 1)
            path.lineTo(x + size - 1, y + height - 1)
            path.lineTo(x + size / 2, y + height - size / 2.5 - 1)
            path.lineTo(x + 1, y + height - 1)
            path.closeSubpath()
            painter.drawPath(path)
        else:
            painter.drawRoundedRect(x, y, size, size, 2, 2)
        painter.restore()


def _serif(font: QFont) -> QFont:
    serif = QFont(font)
    serif.setFamilies(list(SERIF_FAMILIES))
    serif.setStyleHint(QFont.StyleHint.Serif)
    return serif


def _document(markup: str, width: int, dim: str, font: QFont) -> QTextDocument:
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(f"p {{ margin-top: 0; margin-bottom: 1px; }} "
                             f".dim {{ color: {dim}; }} .quote {{ font-family: {SERIF_CSS}; }}")
    doc.setHtml(markup)
    doc.setTextWidth(width)
    return doc
