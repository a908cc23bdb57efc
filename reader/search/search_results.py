"""How search results look: one rich-text row per paragraph, grouped under its document, and
below them the entries of the Security Council's record that the query names.

Snippets arrive from index.search already escaped, with <b> around the matches; every other text
painted as rich text here (symbols, verbs, labels, the record's topics) is escaped before it is.
"""

from __future__ import annotations

import html
import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QKeyEvent,
    QMouseEvent,
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
    QTreeWidgetItem,
)

from corpus.citing import format_date, short_label
from corpus.record import Record, RecordEntry
from corpus.record import words as topic_words
from reader.document.render import plain_tooltip
from reader.window.actions import is_context_key

if TYPE_CHECKING:
    from index.search import Hit

HIT_ROLE = Qt.ItemDataRole.UserRole  # the Hit of a result, or the symbol of a group
HTML_ROLE = Qt.ItemDataRole.UserRole + 1  # what the delegate paints; DisplayRole stays plain
#: The RecordEntry a row of the record's group stands for (UserRole + 2 is the panel's notes).
RECORD_ROLE = Qt.ItemDataRole.UserRole + 3
#: Record entries listed per query: enough to see a topic's recent run, few enough that the
#: paragraphs above stay in sight; the rest are counted ("and 146 more").
RECORD_LIMIT = 20
_TAGS = re.compile(r"</?b>")
_YEAR = re.compile(r"\b\d{4}\b")
_KIND_NAMES = {"statement": "presidential statement", "veto": "vetoed draft"}


def paragraph_label(hit: Hit) -> str:
    """How a diplomat names the paragraph: OP 12, OP 9 (a), PP 3, Footnote 4."""
    return short_label(hit.block)


def plain_snippet(snippet: str) -> str:
    """The snippet as plain text, for screen readers and copying."""
    return html.unescape(_TAGS.sub("", snippet))


@dataclass(frozen=True)
class RecordMatches:
    """The record's entries for a query: the first RECORD_LIMIT (those the library holds first,
    since they open the text, then the rest; each part in date order), how many matched in
    all, and which of those shown the library holds (None: the panel was not told)."""

    query: str
    entries: tuple[RecordEntry, ...]
    total: int
    held: frozenset[str] | None
    next_year: int | None = None  # the year of the first entry not shown

    @property
    def hidden(self) -> int:
        return self.total - len(self.entries)


def find_in_record(record: Record, query: str, words: str, excluded: set[str],
                   holds: Callable[[str], bool] | None) -> RecordMatches:
    """The record's entries for a library query, reduced by the panel to ``words`` (its
    operators and field filters dropped) and the ``excluded`` words after NOT. A query with no
    word finds nothing: the record would answer an empty one with everything."""
    if not re.search(r"\w", words):
        return RecordMatches(query, (), 0, None if holds is None else frozenset())
    found = record.search(words)
    if excluded:
        found = [e for e in found
                 if not any(w.startswith(tuple(excluded)) for w in topic_words(e.topic))]
    held = {e.symbol for e in found if holds(e.symbol)} if holds is not None else set()
    ordered = [e for e in found if e.symbol in held] + [e for e in found if e.symbol not in held]
    shown = tuple(ordered[:RECORD_LIMIT])
    held_shown = None if holds is None else frozenset(e.symbol for e in shown if e.symbol in held)
    next_year = ordered[RECORD_LIMIT].year if len(ordered) > RECORD_LIMIT else None
    return RecordMatches(query, shown, len(found), held_shown, next_year)


def record_outcome(entry: RecordEntry) -> str:
    """What the Council did, as a reader says it: "adopted 15-0-0", "presidential
    statement", "vetoed by China, Russian Federation (13-0-2)"."""
    if entry.kind == "veto":
        who = ", ".join(entry.vetoed_by) or "a permanent member"
        return f"vetoed by {who}" + (f" ({entry.vote})" if entry.vote else "")
    if entry.kind == "statement":
        return _KIND_NAMES["statement"]
    if not entry.vote:
        return "adopted"
    return entry.vote if entry.vote.startswith("adopted") else f"adopted {entry.vote}"


def _where(entry: RecordEntry, held: frozenset[str] | None) -> str:
    if held is None:
        return "in the record"
    return "in your library" if entry.symbol in held else "in the record, not in your library"


def label_record_group(item: QTreeWidgetItem, matches: RecordMatches) -> None:
    """The record's group: a heading unlike a document's, so its rows read as catalogue
    entries rather than paragraphs."""
    noun = "entry" if matches.total == 1 else "entries"
    count = f"{matches.total:,} {noun}" + (f", {len(matches.entries)} shown"
                                           if matches.hidden else "")
    item.setData(0, Qt.ItemDataRole.DisplayRole, f"In the Security Council's record — {count}")
    item.setData(0, HTML_ROLE, f"<b>In the Security Council's record</b>&nbsp; "
                               f'<span class="dim">{count}</span>')
    item.setToolTip(0, "Resolutions, presidential statements and vetoed drafts, 1946-2022, "
                       "whether or not your library holds their text")


def label_record_entry(item: QTreeWidgetItem, entry: RecordEntry,
                       held: frozenset[str] | None) -> None:
    """One entry: its symbol and topic, then its date, what was decided and whether the
    library holds it (a held one opens the text, any other its card)."""
    date, outcome, where = format_date(entry.date), record_outcome(entry), _where(entry, held)
    item.setData(0, RECORD_ROLE, entry)
    item.setData(0, Qt.ItemDataRole.DisplayRole,
                 f"{entry.symbol}, {entry.topic} — {where} · {date} · {outcome}")
    place = f"<b>{html.escape(where)}</b>" if held and entry.symbol in held \
        else html.escape(where)
    item.setData(0, HTML_ROLE,
                 f"<b>{html.escape(entry.symbol)}</b>, <i>{html.escape(entry.topic)}</i><br>"
                 f'<span class="dim">{html.escape(date)} · {html.escape(outcome)} · '
                 f"{place}</span>")
    meeting = f", meeting {entry.meeting}" if entry.meeting else ""
    item.setToolTip(0, plain_tooltip(f"{entry.symbol}: {entry.topic} — {date}{meeting}; "
                                     f"{outcome}"))


def label_record_more(item: QTreeWidgetItem, matches: RecordMatches) -> None:
    """The count of entries not listed, and how to list them: a year narrows a topic to a
    page of entries (the year of the first unlisted one, so the example finds some)."""
    query = " ".join(matches.query.split())
    if _YEAR.search(query) or matches.next_year is None:
        how = "add words to narrow the search"
    else:
        how = f"add a year to see them, as in “{query} {matches.next_year}”"
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    item.setData(0, Qt.ItemDataRole.DisplayRole, f"and {matches.hidden:,} more — {how}")
    item.setData(0, HTML_ROLE, f'<span class="dim"><i>and {matches.hidden:,} more — '
                               f"{html.escape(how)}</i></span>")


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


class NewTabClicks(QObject):
    """A browser's clicks on a list of places: Ctrl+click and a middle click open the row
    under the pointer in a new tab (``open_in_new_tab(item)``) without making it the current
    row, so nothing opens in the current tab. With ``quiet_right`` a right click leaves the
    current row alone too (its menu acts on the row under the pointer): where choosing a row
    opens it, a right click must not.

    Installed on the tree's viewport; the presses it takes never reach the tree.
    """

    def __init__(self, tree: QTreeWidget, open_in_new_tab: Callable[[QTreeWidgetItem], None],
                 *, quiet_right: bool = False) -> None:
        super().__init__(tree)
        self._tree = tree
        # Held weakly: the widget that owns the tree usually passes its own method, and a
        # strong reference from this child back to it is a cycle that Python's collector
        # then tears down in an order Qt does not survive (a crash when the widget is freed).
        self._open = weakref.WeakMethod(open_in_new_tab) \
            if hasattr(open_in_new_tab, "__self__") else lambda: open_in_new_tab
        self._quiet_right = quiet_right
        self._pressed: QTreeWidgetItem | None = None
        tree.viewport().installEventFilter(self)

    @staticmethod
    def new_tab_click(event: QMouseEvent) -> bool:
        """Is this press or release one that opens in a new tab?"""
        return event.button() == Qt.MouseButton.MiddleButton or (
            event.button() == Qt.MouseButton.LeftButton
            and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not isinstance(event, QMouseEvent) or kind not in (
                QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
                QEvent.Type.MouseButtonDblClick):
            return super().eventFilter(watched, event)
        if self._quiet_right and event.button() == Qt.MouseButton.RightButton:
            return kind != QEvent.Type.MouseButtonRelease  # the menu still comes
        if not self.new_tab_click(event):
            return super().eventFilter(watched, event)
        item = self._tree.itemAt(event.position().toPoint())
        if kind == QEvent.Type.MouseButtonRelease:
            pressed, self._pressed = self._pressed, None
            callback = self._open()
            if item is not None and item is pressed and callback is not None:
                callback(item)
        else:
            self._pressed = item
        return True
