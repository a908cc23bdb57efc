"""The page of one rendered document (or card): its anchors, paragraph jumps, links, layout.

What a click on a citation *means* (scroll here, open another document, show the "not in your
library" card, record history) depends on the library and the window, so the view only reports
``plenary:`` links as ``LinkTarget``s and offers the moves the window composes: scroll to a
paragraph and flash it, tell which paragraph is at the top, layer highlights from several
owners without one erasing another.

The view is the widget; each of its other jobs is a helper it owns, in a module of its own:
highlight_layers.py (highlights by owner, the flash), margin_marks.py (notes and bookmarks
beside paragraphs), text_ranges.py (annotations' text ranges on this page) and link_preview.py
(what a citation shows under the pointer). Their names used elsewhere are re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, QUrl, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
    QTextBlockFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QToolTip, QWidget

from corpus.model import Block, Document
from reader.document.highlight_layers import (
    FLASH_MS,
    MARK_TEXT,
    Flash,
    HighlightLayers,
    word_selections,
)
from reader.document.link_preview import Preview, preview_html, preview_text
from reader.document.links import SCHEME, parse_link
from reader.document.margin_marks import MarginMark, MarginMarks, TextTip
from reader.document.render import render_document
from reader.document.text_ranges import TextRanges
from reader.window.actions import matches_context

__all__ = [
    "MARK_TEXT",
    "MAX_COLUMN",
    "NORMAL_POINTS",
    "DocumentView",
    "MarginMark",
    "TextTip",
    "preview_html",
    "reading_origin",
]

#: Widest text column the view lays out, in pixels; wider windows get white margins instead.
MAX_COLUMN = 760
#: The line spacing resources/reader.css gives paragraphs, per cent of the text size.
BODY_LINE_SPACING = 135
#: The text size ``MAX_COLUMN`` is measured at (the default of View → Zoom).
NORMAL_POINTS = 11.0
MIN_MARGIN = 24
TOP_MARGIN = 14
#: Space left above a paragraph scrolled to: inside the gap between paragraphs, so the line
#: before it is not cut in half at the edge.
SCROLL_MARGIN = 6


@dataclass(frozen=True)
class ReadingPosition:
    """A paragraph and how far into it (0 its top, 1 its bottom) the view's top is; or,
    with the top in the gap above it (where a jump leaves it), how many pixels above."""

    block_id: str
    into: float
    above: float = 0.0


class DocumentView(QTextBrowser):
    """A read-only view of one rendered document that never opens a browser or loads anything.

    Fragment links (footnote markers and back) scroll within the document; ``plenary:`` links
    are reported through ``linkActivated``; any other URL is ignored. The text keeps a readable
    line length, and its reading position survives a resize or a font change.

    Signals:
        linkActivated(LinkTarget): a citation link was clicked or activated from the keyboard.
        linkActivatedInNewTab(LinkTarget): a citation link was Ctrl+clicked or middle-clicked
            (or activated with Ctrl+Enter): follow it in a new tab, this one left as it is.
        backRequested(): the mouse's back button (or Alt+Left reaching the view).
        forwardRequested(): the mouse's forward button (or Alt+Right reaching the view).
        paragraphMenuRequested(QPoint): the context menu was asked for at this viewport point
            (right click; from the keyboard, at the focused link or the paragraph being read).
        pageShown(): a new page (document, card, comparison) replaced the previous one, and
            with it every highlight: owners of lasting ones (annotations) draw them again.
    """

    linkActivated = Signal(object)
    linkActivatedInNewTab = Signal(object)
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
        #: Line spacing of the text's paragraphs, per cent of the text size (Preferences).
        self.line_spacing = BODY_LINE_SPACING
        self._preview = preview
        self._document: Document | None = None
        #: anchor name -> position of the text block holding it, for jumps and reading position
        self._anchors: dict[str, int] = {}
        #: (position, block id) of every paragraph, in reading order
        self._paragraphs: list[tuple[int, str]] = []
        #: A paragraph jumped to while the view was hidden (a tab restored in the background):
        #: laid out at no real width yet, so it is scrolled to again once the view is shown.
        self._hidden_jump: str | None = None
        self._layers = HighlightLayers(self)
        self._flash = Flash(self._layers, self, flash_ms)
        self._marks = MarginMarks(self)
        self._ranges = TextRanges(self.document(), self._anchors)
        #: Ctrl was held by the click or key that activates a link (read in _follow).
        self._new_tab = False
        #: The link under a middle-button press: followed in a new tab if released on it.
        self._middle_anchor = ""

    @property
    def flash_ms(self) -> int:
        """How long a flash lasts, in milliseconds."""
        return self._flash.duration_ms

    @flash_ms.setter
    def flash_ms(self, value: int) -> None:
        self._flash.duration_ms = value

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
        self._flash.stop()
        self._layers.clear()
        self._marks.clear()
        self._document = doc
        self._hidden_jump = None
        self.setHtml(html_text)
        self._space_lines()
        self._index_anchors(doc)
        self._ranges = TextRanges(self.document(), self._anchors)  # offsets of this page only
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
        self._flash.start(cursor)
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
        return self._paragraph_at(self.cursorForPosition(point).position())

    def current_paragraph(self) -> str | None:
        """The paragraph a command about "this paragraph" acts on (Copy with Citation,
        Bookmark, Add Note): the one holding the caret, where the reader last clicked or
        jumped to, while it is in sight; else the one at the top of the view."""
        cursor = self.textCursor()
        if self._hidden_jump is None and self.isVisible() and \
                self.viewport().rect().contains(self.cursorRect(cursor).center()):
            found = self._paragraph_at(cursor.selectionStart())
            if found is not None:
                return found
        return self.current_block()

    def _paragraph_at(self, position: int) -> str | None:
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

    # --- highlights (highlight_layers.py) -----------------------------------------------------

    def highlight_words(self, wanted: Callable[[str], bool]) -> int:
        """Underlay every word for which ``wanted(word)`` is true (the terms of the search that
        opened the document); returns how many were marked. An empty result clears them."""
        selections = word_selections(self.document(), wanted)
        self.set_selections("search", selections)
        return len(selections)

    def set_selections(self, kind: str, selections: Sequence[QTextEdit.ExtraSelection]) -> None:
        """Replace the highlights of one owner (``"flash"``, ``"find"``, …), keeping the rest."""
        self._layers.set(kind, selections)

    def selections(self, kind: str) -> list[QTextEdit.ExtraSelection]:
        return self._layers.get(kind)

    # --- the reader's annotations (text_ranges.py, margin_marks.py) ---------------------------

    def range_cursor(self, anchor: str, block: Block, start: int | None = None,
                     end: int | None = None) -> QTextCursor | None:
        """A cursor over ``block.text[start:end]`` where paragraph ``anchor`` is shown (the
        whole text without a range); None if the page does not show it, or not as that text."""
        return self._ranges.cursor(anchor, block, start, end)

    def selected_ranges(self, resolve: Callable[[str], Block | None]
                        ) -> list[tuple[str, int, int]]:
        """The selection as ``(anchor, start, end)`` text ranges, one per paragraph it touches;
        ``resolve`` names the paragraph an anchor stands for (None: not a paragraph). Numbers,
        markers and anything outside paragraphs are left out."""
        return self._ranges.of_selection(self.textCursor(), resolve)

    def set_annotation_marks(self, selections: Sequence[QTextEdit.ExtraSelection],
                             marks: Sequence[MarginMark], tips: Sequence[TextTip]) -> None:
        """Show the reader's highlights, the marks beside annotated paragraphs and the notes
        their tooltips show, replacing the previous ones."""
        self._marks.set(marks, tips)
        self.set_selections("annotations", selections)
        self.viewport().update()

    def margin_marks(self) -> list[MarginMark]:
        return self._marks.marks()

    def mark_at(self, point: QPoint) -> MarginMark | None:
        """The margin mark at a viewport point (a little larger than drawn: it is small)."""
        return self._marks.mark_at(point)

    def annotation_tip_at(self, point: QPoint) -> str | None:
        """The note of the margin mark or the annotated text at a viewport point."""
        return self._marks.tip_at(point)

    def placed_marks(self) -> list[tuple[QRectF, MarginMark]]:
        """Each margin mark with its viewport rect: where the reader sees it."""
        return self._marks.placed()

    @property
    def highlight_layers(self) -> HighlightLayers:
        """The view's highlights by owner: find in page adds its own layers here."""
        return self._layers

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self._marks.paint(self.viewport())

    # --- links (link_preview.py) --------------------------------------------------------------

    def _follow(self, url: QUrl, *, new_tab: bool = False) -> None:
        if url.scheme() == SCHEME:
            link = parse_link(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))
            if link is not None:
                if new_tab or self._new_tab:
                    self.linkActivatedInNewTab.emit(link)
                else:
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
        return preview_text(self.anchorAt(point), self._preview)

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
        elif event.button() == Qt.MouseButton.MiddleButton:
            # A browser's middle click: the link under it, in a new tab (on release). A
            # read-only page has nothing else to do with it (no paste).
            self._middle_anchor = self.anchorAt(event.position().toPoint())
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            pressed, self._middle_anchor = self._middle_anchor, ""
            if pressed and self.anchorAt(event.position().toPoint()) == pressed:
                self._follow(QUrl(pressed), new_tab=True)
            event.accept()
            return
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        self._new_tab = bool(ctrl)  # a Ctrl+click on a link: anchorClicked comes from here
        try:
            super().mouseReleaseEvent(event)
        finally:
            self._new_tab = False

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
        if matches_context(event, "document_start"):
            self._go_to_end(start=True)
        elif matches_context(event, "document_end"):
            self._go_to_end(start=False)
        elif event.matches(QKeySequence.StandardKey.Back):
            self.backRequested.emit()
        elif event.matches(QKeySequence.StandardKey.Forward):
            self.forwardRequested.emit()
        else:
            # Ctrl+Enter on a link Tab has reached: a new tab, as Ctrl+click.
            self._new_tab = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            try:
                super().keyPressEvent(event)
            finally:
                self._new_tab = False

    def _go_to_end(self, *, start: bool) -> None:
        """Ctrl+Home / Ctrl+End: the start or the end of the text, the caret with it (a
        read-only view has no keyboard caret of its own to move there)."""
        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Start if start
                            else QTextCursor.MoveOperation.End)
        self.setTextCursor(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.minimum() if start else bar.maximum())

    # --- layout -------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        keep = self._reading_position()
        caret_in_sight = self._caret_in_sight()
        super().resizeEvent(event)
        self._fit_column()
        self._restore(keep)
        if caret_in_sight:  # a find match or the paragraph clicked stays in sight
            self.ensureCursorVisible()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._hidden_jump is not None:
            block_id, self._hidden_jump = self._hidden_jump, None
            self._restore(ReadingPosition(block_id, 0.0, SCROLL_MARGIN))

    def changeEvent(self, event: QEvent) -> None:
        font_changed = event.type() == QEvent.Type.FontChange
        keep = self._reading_position() if font_changed else None
        super().changeEvent(event)
        if font_changed:  # zoomed: the column keeps its line length in words
            self._fit_column()
        self._restore(keep)

    def _reading_position(self) -> ReadingPosition | None:
        """Where the reader is, exactly: the paragraph at the top of the view and how far
        into it the view's top is (a fraction of its height, which survives re-wrapping)."""
        if self._hidden_jump is not None:
            return ReadingPosition(self._hidden_jump, 0.0, SCROLL_MARGIN)
        value = self.verticalScrollBar().value()
        block_id = self.current_block() if value > 0 else None
        if block_id is None:
            return None
        rect = self._block_rect(block_id)
        if value < rect.top():
            return ReadingPosition(block_id, 0.0, rect.top() - value)
        return ReadingPosition(block_id, (value - rect.top()) / max(rect.height(), 1.0))

    def _restore(self, position: ReadingPosition | None) -> None:
        """Re-wrapping moves every paragraph: put the one being read back where it was at
        the top. A height-only resize changes nothing, so nothing moves."""
        if position is not None:
            rect = self._block_rect(position.block_id)
            value = rect.top() + position.into * rect.height() - position.above
            self.verticalScrollBar().setValue(max(0, round(value)))

    def _block_rect(self, block_id: str) -> QRectF:
        block = self.document().findBlock(self._anchors[block_id])
        return self.document().documentLayout().blockBoundingRect(block)

    def _caret_in_sight(self) -> bool:
        return self.viewport().rect().contains(self.cursorRect().center())

    def set_reading(self, *, line_spacing: int, column_width: int) -> None:
        """Line spacing (per cent of the text size) and the widest text column (pixels at
        the normal size) of Edit → Preferences; kept for every page shown next."""
        changed = (line_spacing, column_width) != (self.line_spacing, self.max_column)
        self.line_spacing, self.max_column = line_spacing, column_width
        if changed:
            keep = self._reading_position()
            self._space_lines()
            self._fit_column()
            self._restore(keep)

    def _space_lines(self) -> None:
        """The stylesheet's paragraphs at the reader's line spacing: those set at the
        stylesheet's own (BODY_LINE_SPACING); smaller print (footnotes) keeps its tighter one."""
        if self.line_spacing == BODY_LINE_SPACING:
            return
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        block = self.document().begin()
        proportional = QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        while block.isValid():
            fmt = block.blockFormat()
            if fmt.lineHeightType() == proportional and round(fmt.lineHeight()) == \
                    BODY_LINE_SPACING:
                fmt.setLineHeight(self.line_spacing, proportional)
                cursor.setPosition(block.position())
                cursor.setBlockFormat(fmt)
            block = block.next()
        cursor.endEditBlock()

    def _fit_column(self) -> None:
        """Margins that keep the text column at a readable width: ``max_column`` at the
        normal text size, wider in proportion when zoomed, so a line holds as many words."""
        zoom = max(self.font().pointSizeF(), 1.0) / NORMAL_POINTS
        side = max(MIN_MARGIN, (self.viewport().width() - int(self.max_column * zoom)) // 2)
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
