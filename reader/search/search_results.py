"""How search results look: one rich-text row per paragraph, grouped under its document.

Snippets arrive from index.search already escaped, with <b> around the matches; every other text
painted as rich text here (symbols, verbs, labels) is escaped before it is.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QKeyEvent,
    QPainter,
    QPalette,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
)

from corpus.citing import short_label
from reader.window.actions import is_context_key

if TYPE_CHECKING:
    from index.search import Hit

HIT_ROLE = Qt.ItemDataRole.UserRole  # the Hit of a result, or the symbol of a group
HTML_ROLE = Qt.ItemDataRole.UserRole + 1  # what the delegate paints; DisplayRole stays plain
_TAGS = re.compile(r"</?b>")


def paragraph_label(hit: Hit) -> str:
    """How a diplomat names the paragraph: OP 12, OP 9 (a), PP 3, Footnote 4."""
    return short_label(hit.block)


def plain_snippet(snippet: str) -> str:
    """The snippet as plain text, for screen readers and copying."""
    return html.unescape(_TAGS.sub("", snippet))


def blend(front: QColor, back: QColor, amount: float) -> QColor:
    """``amount`` of ``front`` over ``back``: a secondary text colour for any theme, opaque
    (rich text drops the alpha of the palette's own placeholder colour)."""
    return QColor(*(round(f * amount + b * (1 - amount)) for f, b in
                    zip(front.getRgb()[:3], back.getRgb()[:3], strict=True)))


def draw_item_ground(opt: QStyleOptionViewItem, painter: QPainter) -> tuple[QColor, QColor]:
    """Draw an item's background (selection, focus) the platform's way, without its text;
    returns the colours of its text and of what is behind it, as the item's state has them."""
    opt.text = ""
    widget = opt.widget
    style = widget.style() if widget is not None else QApplication.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
    selected = bool(opt.state & QStyle.StateFlag.State_Selected)
    group = QPalette.ColorGroup.Active if opt.state & QStyle.StateFlag.State_Active \
        else QPalette.ColorGroup.Inactive
    role = QPalette.ColorRole
    return (opt.palette.color(group, role.HighlightedText if selected else role.Text),
            opt.palette.color(group, role.Highlight if selected else role.Base))


def draw_document(painter: QPainter, doc: QTextDocument, rect: QRect, text: QColor) -> None:
    """Draw rich text laid out for ``rect``, clipped to it, in the item's text colour."""
    context = QAbstractTextDocumentLayout.PaintContext()
    context.palette.setColor(QPalette.ColorRole.Text, text)
    painter.save()
    painter.translate(rect.topLeft())
    painter.setClipRect(rect.translated(-rect.topLeft()))
    doc.documentLayout().draw(painter, context)
    painter.restore()


class HtmlDelegate(QStyledItemDelegate):
    """Paints an item's HTML_ROLE as rich text, wrapped to the column width.

    Spans of class ``dim`` take a colour between the text and its background, computed from
    the palette at paint time, so the same markup reads well in light, dark and selected rows.
    """

    MARGIN = 4

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        markup = index.data(HTML_ROLE)
        if not markup:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, ground = draw_item_ground(opt, painter)
        rect = opt.rect.adjusted(self.MARGIN, self.MARGIN, -self.MARGIN, -self.MARGIN)
        doc = self._document(markup, rect.width(), blend(text, ground, 0.6).name(), opt)
        draw_document(painter, doc, rect, text)

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        markup = index.data(HTML_ROLE)
        if not markup:
            return super().sizeHint(option, index)
        width = self._available_width(option, index)
        doc = self._document(markup, width, "#000", option)
        return QSize(width + 2 * self.MARGIN, int(doc.size().height()) + 2 * self.MARGIN)

    def _available_width(self, option: QStyleOptionViewItem,
                         index: QModelIndex | QPersistentModelIndex) -> int:
        """The width paint() will get: the column minus the tree's indentation."""
        view = option.widget
        if not isinstance(view, QTreeWidget):
            return max(100, option.rect.width() - 2 * self.MARGIN)
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        indent = view.indentation() * (depth + (1 if view.rootIsDecorated() else 0))
        return max(100, view.columnWidth(0) - indent - 2 * self.MARGIN)

    @staticmethod
    def _document(markup: str, width: int, dim: str,
                  option: QStyleOptionViewItem) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(option.font)
        doc.setDefaultStyleSheet(f".dim {{ color: {dim}; }}")
        doc.setHtml(markup)
        doc.setTextWidth(width)
        return doc


class ResultTree(QTreeWidget):
    """The results: one top-level item per document, its matching paragraphs below.

    Enter activates the current item on every platform (Qt leaves that to the style), and Up
    on the first item hands the focus back to the search box.

    Signals:
        leftAtTop(): Up was pressed on the first item.
    """

    leftAtTop = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if is_context_key(event.key(), "search_open") and item is not None:
            self.itemActivated.emit(item, 0)
            return
        if event.key() == Qt.Key.Key_Up and (item is None or self.itemAbove(item) is None):
            self.leftAtTop.emit()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # wrapped rows change height with the width
