"""The view of one rendered document (or card): links, paragraph jumps, flash, hover previews.

What a click on a citation *means* (scroll here, open another document, show the "not in your
library" card, record history) depends on the library and the window, so the view only reports
``plenary:`` links as ``LinkTarget``s and offers the moves the window composes: scroll to a
paragraph and flash it, tell which paragraph is at the top, layer highlights from several
owners (the flash, find in page) without one erasing another.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QElapsedTimer, QEvent, QPoint, QPointF, QRectF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
    QShowEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QToolTip, QWidget

from corpus.citing import excerpt
from corpus.model import Block, Document
from reader.document.links import SCHEME, LinkTarget, parse_link
from reader.document.offsets import TextMap, map_block
from reader.document.render import render_document

#: Widest text column the view lays out, in pixels; wider windows get white margins instead.
MAX_COLUMN = 760
MIN_MARGIN = 24
TOP_MARGIN = 14
#: Space left above a paragraph scrolled to: inside the gap between paragraphs, so the line
#: before it is not cut in half at the edge.
SCROLL_MARGIN = 6
#: How long a paragraph jumped to stays highlighted, fading out, in milliseconds.
FLASH_MS = 1200
#: Part of the flash spent at full strength before fading, and the time between fade steps.
FLASH_HOLD = 0.4
FLASH_FRAME_MS = 60
FLASH_COLOUR = QColor(255, 205, 80)
FLASH_ALPHA = 150
#: Kinds of highlight drawn bottom to top; kinds not listed are drawn above these. The reader's
#: own highlights lie lowest: a search hit or find match inside one must still show.
SELECTION_ORDER = ("annotations", "search", "flash", "find", "find-current")
#: Size of a margin mark (note, bookmark) and its distance from the text, in pixels.
MARK_SIZE = 11
MARK_GAP = 6
#: A hover preview is cut to this many characters, wrapped to this width.
PREVIEW_CHARS = 700
#: Behind the words of the search that opened the document.
SEARCH_HIT_COLOUR = "#fff0a8"
#: Text on a light mark (search hit, find match) in either theme: the dark theme's pale text
#: would vanish on yellow.
MARK_TEXT = QColor("#1a1a1a")
_WORDS = re.compile(r"\w+")
PREVIEW_WIDTH = 80

Preview = Callable[[LinkTarget], "str | None"]


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


class DocumentView(QTextBrowser):
    """A read-only view of one rendered document that never opens a browser or loads anything.

    Fragment links (footnote markers and back) scroll within the document; ``plenary:`` links
    are reported through ``linkActivated``; any other URL is ignored. The text keeps a readable
    line length, and its reading position survives a resize or a font change.

    Signals:
        linkActivated(LinkTarget): a citation link was clicked or activated from the keyboard.
        backRequested(): the mouse's back button (or Alt+Left reaching the view).
        forwardRequested(): the mouse's forward button (or Alt+Right reaching the view).
        paragraphMenuRequested(QPoint): the context menu was asked for at this viewport point
            (right click; from the keyboard, at the focused link or the paragraph being read).
        pageShown(): a new page (document, card, comparison) replaced the previous one, and
            with it every highlight: owners of lasting ones (annotations) draw them again.
    """

    linkActivated = Signal(object)
    backRequested = Signal()
    forwardRequested = Signal()
    paragraphMenuRequested = Signal(QPoint)
    pageShown = Signal()

    def __init__(self, parent: QWidget | None = None, *, preview: Preview | None = None,
                 flash_ms: int = FLASH_MS) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._follow)
        self.dark = False  # render documents in the dark theme's colours
        #: Widest the text column may grow (pixels); a comparison's two columns need more.
        self.max_column = MAX_COLUMN
        self._preview = preview
        self._document: Document | None = None
        #: anchor name -> position of the text block holding it, for jumps and reading position
        self._anchors: dict[str, int] = {}
        #: (position, block id) of every paragraph, in reading order
        self._paragraphs: list[tuple[int, str]] = []
        self._selections: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self._margin_marks: list[MarginMark] = []
        self._tips: list[TextTip] = []
        self._maps: dict[str, TextMap | None] = {}  # anchor -> its paragraph's offsets
        #: A paragraph jumped to while the view was hidden (a tab restored in the background):
        #: laid out at no real width yet, so it is scrolled to again once the view is shown.
        self._hidden_jump: str | None = None
        #: How long a flash lasts, in milliseconds.
        self.flash_ms = flash_ms
        self._flash_cursor: QTextCursor | None = None
        self._flash_clock = QElapsedTimer()
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(FLASH_FRAME_MS)
        self._flash_timer.timeout.connect(self._fade_flash)

    # --- content ------------------------------------------------------------------------------

    @property
    def document_shown(self) -> Document | None:
        """The Document on display; None for a card or other page."""
        return self._document

    def show_document(self, doc: Document) -> None:
        self._show(render_document(doc, dark=self.dark), doc)

    def show_html(self, html_text: str) -> None:
        """Show a page that is not a library document (the "not in your library" card)."""
        self._show(html_text, None)

    def _show(self, html_text: str, doc: Document | None) -> None:
        self._stop_flash()
        self._selections.clear()
        self.setExtraSelections([])
        self._margin_marks, self._tips = [], []
        self._maps.clear()
        self._document = doc
        self._hidden_jump = None
        self.setHtml(html_text)
        self._index_anchors(doc)
        self._fit_column()
        self.pageShown.emit()

    def loadResource(self, kind: int, name: QUrl) -> object:
        """Nothing is ever fetched: no images, no files, no network."""
        return None

    # --- paragraphs ---------------------------------------------------------------------------

    def scroll_to_block(self, block_id: str, flash: bool = True) -> bool:
        """Bring paragraph ``block_id`` near the top and (by default) flash it.

        False, with the view unchanged, when the page has no such paragraph.
        """
        position = self._anchors.get(block_id)
        if position is None:
            return False
        block = self.document().findBlock(position)
        self.setTextCursor(QTextCursor(block))  # keyboard and find continue from here
        top = self.document().documentLayout().blockBoundingRect(block).top()
        self.verticalScrollBar().setValue(max(0, int(top) - SCROLL_MARGIN))
        self._hidden_jump = None if self.isVisible() else block_id
        if flash:
            self.flash_block(block_id)
        return True

    def flash_block(self, block_id: str) -> bool:
        """Highlight a paragraph for a moment, so the eye finds where a jump landed."""
        position = self._anchors.get(block_id)
        if position is None:
            return False
        cursor = QTextCursor(self.document().findBlock(position))
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                            QTextCursor.MoveMode.KeepAnchor)
        self._flash_cursor = cursor
        self._flash_clock.start()
        self._paint_flash(1.0)
        self._flash_timer.start()
        return True

    def current_block(self) -> str | None:
        """The paragraph at the top of the view (where a jump puts one): the reading position.

        None above the first paragraph (the title block) or on a page without paragraphs.
        """
        if self._hidden_jump is not None:  # not shown since the jump: the layout is not real
            return self._hidden_jump
        layout = self.document().documentLayout()
        line = self.verticalScrollBar().value() + SCROLL_MARGIN + 1
        found = None
        for position, block_id in self._paragraphs:
            top = layout.blockBoundingRect(self.document().findBlock(position)).top()
            if top > line:
                break
            found = block_id
        return found

    def block_at(self, point: QPoint) -> str | None:
        """The paragraph under ``point`` (viewport coordinates): what a context menu acts on."""
        position = self.cursorForPosition(point).position()
        found = None
        for start, block_id in self._paragraphs:
            if start > position:
                break
            found = block_id
        return found

    def _index_anchors(self, doc: Document | None) -> None:
        """Where each anchor is. Qt keeps ``<a name>`` on the format of the following text."""
        ids = {b.id for b in doc.blocks} if doc is not None else None
        self._anchors.clear()
        self._paragraphs.clear()
        block = self.document().begin()
        while block.isValid():
            for fragment in (it.fragment() for it in block):
                for name in fragment.charFormat().anchorNames():
                    if name in self._anchors:
                        continue
                    self._anchors[name] = block.position()
                    if ids is None or name in ids:
                        self._paragraphs.append((block.position(), name))
            block = block.next()

    # --- highlights ---------------------------------------------------------------------------

    def highlight_words(self, wanted: Callable[[str], bool]) -> int:
        """Underlay every word for which ``wanted(word)`` is true (the terms of the search that
        opened the document); returns how many were marked. An empty result clears them."""
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(SEARCH_HIT_COLOUR))
        fmt.setForeground(MARK_TEXT)
        selections = []
        text = self.document().toPlainText()
        for match in _WORDS.finditer(text):
            if wanted(match.group()):
                cursor = QTextCursor(self.document())
                cursor.setPosition(match.start())
                cursor.setPosition(match.end(), QTextCursor.MoveMode.KeepAnchor)
                selection = QTextEdit.ExtraSelection()
                selection.cursor, selection.format = cursor, fmt
                selections.append(selection)
        self.set_selections("search", selections)
        return len(selections)

    def set_selections(self, kind: str, selections: Sequence[QTextEdit.ExtraSelection]) -> None:
        """Replace the highlights of one owner (``"flash"``, ``"find"``, …), keeping the rest."""
        if selections:
            self._selections[kind] = list(selections)
        else:
            self._selections.pop(kind, None)
        rank = {name: i for i, name in enumerate(SELECTION_ORDER)}
        ordered = sorted(self._selections, key=lambda k: rank.get(k, len(rank)))
        self.setExtraSelections([s for k in ordered for s in self._selections[k]])

    def selections(self, kind: str) -> list[QTextEdit.ExtraSelection]:
        return list(self._selections.get(kind, ()))

    # --- the reader's annotations -----------------------------------------------------------

    def range_cursor(self, anchor: str, block: Block, start: int | None = None,
                     end: int | None = None) -> QTextCursor | None:
        """A cursor over ``block.text[start:end]`` where paragraph ``anchor`` is shown (the
        whole text without a range); None if the page does not show it, or not as that text."""
        mapping = self._text_map(anchor, block)
        if mapping is None:
            return None
        span = mapping.to_rendered(0 if start is None else start,
                                   len(block.text) if end is None else end)
        if span is None:
            return None
        base = self.document().findBlock(self._anchors[anchor]).position()
        cursor = QTextCursor(self.document())
        cursor.setPosition(base + span[0])
        cursor.setPosition(base + span[1], QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def selected_ranges(self, resolve: Callable[[str], Block | None]
                        ) -> list[tuple[str, int, int]]:
        """The selection as ``(anchor, start, end)`` text ranges, one per paragraph it touches;
        ``resolve`` names the paragraph an anchor stands for (None: not a paragraph). Numbers,
        markers and anything outside paragraphs are left out."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return []
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        by_position: dict[int, list[str]] = {}
        for name, position in self._anchors.items():
            by_position.setdefault(position, []).append(name)
        ranges = []
        text_block = self.document().findBlock(start)
        while text_block.isValid() and text_block.position() < end:
            base = text_block.position()
            for name in by_position.get(base, ()):
                block = resolve(name)
                mapping = self._text_map(name, block) if block is not None else None
                span = mapping.to_text(start - base, end - base) if mapping else None
                if span is not None:
                    ranges.append((name, *span))
                    break
            text_block = text_block.next()
        return ranges

    def set_annotation_marks(self, selections: Sequence[QTextEdit.ExtraSelection],
                             marks: Sequence[MarginMark], tips: Sequence[TextTip]) -> None:
        """Show the reader's highlights, the marks beside annotated paragraphs and the notes
        their tooltips show, replacing the previous ones."""
        self._margin_marks, self._tips = list(marks), list(tips)
        self.set_selections("annotations", selections)
        self.viewport().update()

    def margin_marks(self) -> list[MarginMark]:
        return list(self._margin_marks)

    def _text_map(self, anchor: str, block: Block) -> TextMap | None:
        if anchor not in self._maps:
            position = self._anchors.get(anchor)
            self._maps[anchor] = (None if position is None else
                                  map_block(self.document().findBlock(position).text(), block))
        return self._maps[anchor]

    def _mark_rect(self, mark: MarginMark, slot: int) -> QRectF:
        """Where a margin mark is drawn, in viewport coordinates: left of the paragraph's
        first line, further left for a second mark on the same paragraph."""
        text_block = self.document().findBlock(mark.position)
        rect = self.document().documentLayout().blockBoundingRect(text_block)
        line = text_block.layout().lineAt(0) if text_block.layout().lineCount() else None
        height = line.height() if line is not None else rect.height()
        x = rect.left() - MARK_GAP - (slot + 1) * (MARK_SIZE + 3)
        y = rect.top() + (height - MARK_SIZE) / 2 - self.verticalScrollBar().value()
        return QRectF(x - self.horizontalScrollBar().value(), y, MARK_SIZE, MARK_SIZE)

    def _placed_marks(self) -> list[tuple[QRectF, MarginMark]]:
        slots: dict[int, int] = {}
        placed = []
        for mark in self._margin_marks:
            start = self.document().findBlock(mark.position).position()
            slot = slots.get(start, 0)
            slots[start] = slot + 1
            placed.append((self._mark_rect(mark, slot), mark))
        return placed

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._margin_marks:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        visible = QRectF(self.viewport().rect())
        for rect, mark in self._placed_marks():
            if rect.intersects(visible):
                _paint_mark(painter, rect, mark)
        painter.end()

    def mark_at(self, point: QPoint) -> MarginMark | None:
        """The margin mark at a viewport point (a little larger than drawn: it is small)."""
        for rect, mark in self._placed_marks():
            if rect.adjusted(-2, -2, 2, 2).contains(QPointF(point)):
                return mark
        return None

    def annotation_tip_at(self, point: QPoint) -> str | None:
        """The note of the margin mark or the annotated text at a viewport point."""
        mark = self.mark_at(point)
        if mark is not None:
            return mark.tip()
        position = self.cursorForPosition(point).position()
        for tip in self._tips:
            if tip.start <= position < tip.end:
                return tip.tip()
        return None

    def _fade_flash(self) -> None:
        """Stay bright for a while, then fade: the eye finds the paragraph before it goes."""
        done = self._flash_clock.elapsed() / max(1, self.flash_ms)
        if done >= 1:
            self._stop_flash()
        else:
            hold = FLASH_HOLD
            self._paint_flash(1.0 if done < hold else 1.0 - (done - hold) / (1.0 - hold))

    def _stop_flash(self) -> None:
        self._flash_timer.stop()
        self._flash_cursor = None
        self.set_selections("flash", [])

    def _paint_flash(self, strength: float) -> None:
        if self._flash_cursor is None:
            return
        colour = QColor(FLASH_COLOUR)
        colour.setAlpha(int(FLASH_ALPHA * strength))
        fmt = QTextCharFormat()
        fmt.setBackground(colour)
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = self._flash_cursor
        selection.format = fmt
        self.set_selections("flash", [selection])

    # --- links --------------------------------------------------------------------------------

    def _follow(self, url: QUrl) -> None:
        if url.scheme() == SCHEME:
            link = parse_link(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))
            if link is not None:
                self.linkActivated.emit(link)
        elif not url.scheme() and url.hasFragment():
            fragment = url.fragment()
            if not self.scroll_to_block(fragment):
                self.scrollToAnchor(fragment)
        # Anything else (http, https, file, mailto…) is ignored: the reader stays offline.

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.preview_at(event.pos())
            tip = preview_html(text) if text else self.annotation_tip_at(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
                return True
        return super().viewportEvent(event)

    def preview_at(self, point: QPoint) -> str | None:
        """The preview of the citation link at a viewport point, if it has one."""
        if self._preview is None:
            return None
        link = parse_link(self.anchorAt(point))
        return self._preview(link) if link is not None else None

    # --- navigation input ---------------------------------------------------------------------

    def focusNextPrevChild(self, forward: bool) -> bool:
        """Tab to the next link from where the reader is, not from the top of the document
        (Qt's default when no link has the focus yet), as a browser does."""
        cursor = self.textCursor()
        if cursor.hasSelection() or not forward:
            return super().focusNextPrevChild(forward)
        start = QTextCursor(self.document())
        start.setPosition(reading_origin(self))
        # Qt starts after a selection, and from the very top without one.
        start.movePosition(QTextCursor.MoveOperation.NextCharacter,
                           QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(start)
        if super().focusNextPrevChild(forward):
            return True
        self.setTextCursor(cursor)
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.BackButton:
            self.backRequested.emit()
        elif event.button() == Qt.MouseButton.ForwardButton:
            self.forwardRequested.emit()
        else:
            super().mousePressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        point = event.pos()
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            point = self._keyboard_menu_point()
        self.paragraphMenuRequested.emit(point)

    def _keyboard_menu_point(self) -> QPoint:
        """Where the context-menu key points: the link Tab has reached if it is on screen,
        else the paragraph at the top of the view (the one Copy with Citation would take)."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            rect = self.cursorRect(cursor)
            if self.viewport().rect().contains(rect.center()):
                return rect.center()
        block_id = self.current_block()
        if block_id is not None:
            block = self.document().findBlock(self._anchors[block_id])
            rect = self.cursorRect(QTextCursor(block))
            return QPoint(rect.right() + 1, rect.center().y())
        return QPoint(self.viewport().width() // 2, 0)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # QTextBrowser would move through its own (unused) history and swallow the keys.
        if event.matches(QKeySequence.StandardKey.Back):
            self.backRequested.emit()
        elif event.matches(QKeySequence.StandardKey.Forward):
            self.forwardRequested.emit()
        else:
            super().keyPressEvent(event)

    # --- layout -------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        keep = self._hidden_jump or self._reading_position()
        super().resizeEvent(event)
        self._fit_column()
        self._restore(keep)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._hidden_jump is not None:
            block_id, self._hidden_jump = self._hidden_jump, None
            self._restore(block_id)

    def changeEvent(self, event: QEvent) -> None:
        keep = self._reading_position() if event.type() == QEvent.Type.FontChange else None
        super().changeEvent(event)
        self._restore(keep)

    def _reading_position(self) -> str | None:
        return self.current_block() if self.verticalScrollBar().value() > 0 else None

    def _restore(self, block_id: str | None) -> None:
        """Re-wrapping moves every paragraph: put the one being read back at the top."""
        if block_id is not None:
            position = self._anchors[block_id]
            block = self.document().findBlock(position)
            top = self.document().documentLayout().blockBoundingRect(block).top()
            self.verticalScrollBar().setValue(max(0, int(top) - SCROLL_MARGIN))

    def _fit_column(self) -> None:
        side = max(MIN_MARGIN, (self.viewport().width() - self.max_column) // 2)
        frame = self.document().rootFrame()
        fmt = frame.frameFormat()
        if (fmt.leftMargin(), fmt.topMargin()) != (side, TOP_MARGIN):
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            fmt.setTopMargin(TOP_MARGIN)
            fmt.setBottomMargin(TOP_MARGIN)
            frame.setFrameFormat(fmt)


def reading_origin(view: QTextEdit) -> int:
    """Where the reader is, for anything that starts from there (find, Tab to the next link):
    the cursor if it is in sight (a jump to a paragraph puts it there), else the start of the
    text at the top of the view.

    The top is found from block geometry: hit-testing the corner of the view lands in a margin
    or a table (the title block) and can return a position far down the document.
    """
    cursor = view.textCursor()
    if view.viewport().rect().contains(view.cursorRect(cursor).center()):
        return cursor.selectionStart()
    top = view.verticalScrollBar().value()
    if top <= 0:
        return 0
    layout = view.document().documentLayout()
    block = view.document().begin()
    while block.isValid():
        if layout.blockBoundingRect(block).bottom() > top:
            return block.position()
        block = block.next()
    return 0


def _paint_mark(painter: QPainter, rect: QRectF, mark: MarginMark) -> None:
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


def preview_html(text: str) -> str:
    """A preview as tooltip rich text: escaped (document text is never markup), wrapped to a
    readable width, cut when long."""
    lines = [wrapped for paragraph in excerpt(text, PREVIEW_CHARS).splitlines()
             for wrapped in (textwrap.wrap(paragraph, PREVIEW_WIDTH) or [""])]
    return "<qt>" + "<br/>".join(html.escape(line, quote=False) for line in lines) + "</qt>"
