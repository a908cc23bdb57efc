"""The Annotations tab: every highlight, note and bookmark of the reader, filtered and sorted.

The list may hold tens of thousands of annotations, so it is a list model whose rows are
described lazily: the markup of a row is built when the view first asks for it (only the rows
on screen), and a row's height is known without laying out its text: a row is one line of
citation, one or two lines of quote (two only when the quote is wider than the list) and one
line of note and tags, each clamped to its lines with an ellipsis when painted.

Every text painted as rich text here (citations, quotes, notes, tags, symbols) is escaped
before it is; a note's tooltip is annotations.notes.render_note's safe HTML.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QAction,
    QColor,
    QFont,
    QFontMetricsF,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPalette,
    QPixmap,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from annotations.model import PALETTE, Annotation, by_document, citation_of
from corpus.citing import excerpt
from reader.search_results import HTML_ROLE, _blend

if TYPE_CHECKING:
    from corpus.library import Library

ANNOTATION_ROLE = Qt.ItemDataRole.UserRole  # the Annotation of a row; None for a group header
QUOTE_CHARS = 160
NOTE_CHARS = 160
SERIF_FAMILIES = ("Times New Roman", "Liberation Serif", "DejaVu Serif")
SERIF_CSS = ", ".join(f'"{family}"' for family in SERIF_FAMILIES) + ", serif"
#: The "detached" badge: fixed colours, legible on light, dark and selected rows alike.
BADGE_STYLE = "background-color: #f6d7a7; color: #5c3900;"
DETACHED_TIP = ("Detached: its text is no longer in the document. The annotation is kept, "
                "listed here and exported; it finds its place again if the text returns.")
EMPTY = ("No annotations yet: select text in a document and press Ctrl+H to highlight it, "
         "Ctrl+Shift+N to add a note.")
#: The "This document" choice of the document filter (no symbol starts with a colon).
THIS_DOCUMENT = ":current:"
SORTS = (("Document order", "document"), ("Newest first", "newest"),
         ("Oldest first", "oldest"))
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def short_date(iso: str) -> str:
    """"24 Nov 2026": when an annotation was last changed, in the reader's time zone."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso[:10]
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}"


def colour_of(name: str) -> QColor:
    """A palette colour by name; a colour the palette lacks (an import) as CSS reads it."""
    colour = QColor(PALETTE.get(name, name))
    return colour if colour.isValid() else QColor(PALETTE["yellow"])


def swatch_icon(name: str, size: int = 12) -> QIcon:
    """A small square of the colour, for the colour drop-downs."""
    pixmap = QPixmap(size, size)
    pixmap.fill(colour_of(name))
    painter = QPainter(pixmap)
    painter.setPen(colour_of(name).darker(150))
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.end()
    return QIcon(pixmap)


def quote_excerpt(annotation: Annotation) -> str:
    """The quote on one line, cut near QUOTE_CHARS; a highlight's in quotation marks (a
    bookmark's "quote" is its whole paragraph)."""
    text = excerpt(" ".join(annotation.quote.split()), QUOTE_CHARS)
    return text if annotation.is_bookmark else f"“{text}”"


def note_excerpt(note: str) -> str:
    if not note.strip():
        return ""
    from annotations.notes import note_text

    return excerpt(" ".join(note_text(note).split()), NOTE_CHARS)


def copy_text(annotation: Annotation, citation: str) -> str:
    """What "Copy with Citation" puts on the clipboard for one annotation."""
    text = f"{citation}: “{' '.join(annotation.quote.split())}”"
    if annotation.note.strip():
        from annotations.notes import note_text

        text += "\n" + note_text(annotation.note)
    return text


# --- rows ----------------------------------------------------------------------------------

class _Header:
    """A document's header row in document order."""

    __slots__ = ("count", "symbol")

    def __init__(self, symbol: str, count: int) -> None:
        self.symbol = symbol
        self.count = count


def row_markup(citation: str, date: str, quote: str, *, detached: bool = False,
               note: str = "", tags: Sequence[str] = ()) -> str:
    """One annotation's rich text, every text escaped: citation, badge and date; the quote
    in the documents' serif; the note in italics and the tags, dimmed."""
    head = f"<b>{html.escape(citation)}</b>"
    if detached:
        head += f' <span style="{BADGE_STYLE}">&nbsp;detached&nbsp;</span>'
    head += f' <span class="dim">· {html.escape(date)}</span>'
    lines = [f"<p>{head}</p>", f'<p class="quote">{html.escape(quote)}</p>']
    extra = []
    if note:
        extra.append(f'<i class="dim">{html.escape(note)}</i>')
    if tags:
        extra.append(f'<span class="dim">{html.escape(" ".join("#" + t for t in tags))}</span>')
    if extra:
        lines.append(f"<p>{' '.join(extra)}</p>")
    return "".join(lines)


def header_markup(symbol: str, count: int) -> str:
    return (f'<p><b>{html.escape(symbol)}</b> '
            f'<span class="dim">· {_plural(count, "annotation")}</span></p>')


class AnnotationListModel(QAbstractListModel):
    """The rows shown: annotations, with a header row before each document's in document
    order. A row's markup, plain text and tooltip are made when first asked for."""

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self.rows: list[Annotation | _Header] = []
        self._markup: dict[int, str] = {}
        self._citations: dict[tuple[str, str, bool], str] = {}

    def set_rows(self, rows: list[Annotation | _Header]) -> None:
        self.beginResetModel()
        self.rows = rows
        self._markup = {}
        self.endResetModel()

    def citation(self, annotation: Annotation) -> str:
        """citation_of, kept per paragraph: thousands of rows share a few hundred."""
        key = (annotation.symbol, annotation.block, annotation.detached)
        if key not in self._citations:
            self._citations[key] = citation_of(annotation, self._library.get(annotation.symbol))
        return self._citations[key]

    def row_of(self, index: QModelIndex | QPersistentModelIndex) -> Annotation | _Header | None:
        row = index.row()
        return self.rows[row] if index.isValid() and 0 <= row < len(self.rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        item = self.row_of(index)
        if isinstance(item, Annotation):
            return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemNeverHasChildren)
        return Qt.ItemFlag.ItemNeverHasChildren  # headers: skipped by keys and selection

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        item = self.row_of(index)
        if item is None:
            return None
        if role == ANNOTATION_ROLE:
            return item if isinstance(item, Annotation) else None
        if role == HTML_ROLE:
            row = index.row()
            if row not in self._markup:
                self._markup[row] = self._make_markup(item)
            return self._markup[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._plain(item)
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(item, Annotation):
            return self._tooltip(item)
        return None

    def _make_markup(self, item: Annotation | _Header) -> str:
        if isinstance(item, _Header):
            return header_markup(item.symbol, item.count)
        return row_markup(self.citation(item), short_date(item.updated), quote_excerpt(item),
                          detached=item.detached, note=note_excerpt(item.note), tags=item.tags)

    def _plain(self, item: Annotation | _Header) -> str:
        """The row as a screen reader says it."""
        if isinstance(item, _Header):
            return f"{item.symbol}: {_plural(item.count, 'annotation')}"
        kind = "Bookmark" if item.is_bookmark else "Highlight"
        parts = [f"{kind}, {item.color}: {self.citation(item)}"]
        if item.detached:
            parts.append("detached")
        parts.append(quote_excerpt(item))
        if note := note_excerpt(item.note):
            parts.append(f"Note: {note}")
        if item.tags:
            parts.append("Tags: " + ", ".join(item.tags))
        parts.append(short_date(item.updated))
        return ". ".join(parts)

    def _tooltip(self, annotation: Annotation) -> str | None:
        parts = []
        if annotation.detached:
            parts.append(f"<p><i>{html.escape(DETACHED_TIP)}</i></p>")
        if annotation.note.strip():
            from annotations.notes import render_note

            parts.append(f"<p><b>{html.escape(self.citation(annotation))}</b></p>"
                         + render_note(annotation.note))
        return "<qt>" + "".join(parts) + "</qt>" if parts else None


# --- painting ------------------------------------------------------------------------------

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
    def _budgets(self, item: Annotation | _Header, width: int, font: QFont) -> tuple[int, ...]:
        if isinstance(item, _Header):
            return (1,)
        quote = 1 if self._advance(quote_excerpt(item), font) <= width else 2
        return (1, quote, 1) if item.note.strip() or item.tags else (1, quote)

    def _advance(self, text: str, font: QFont) -> float:
        key = font.key()
        if key != self._advance_font:
            self._advances, self._advance_font = {}, key
        if text not in self._advances:
            self._advances[text] = QFontMetricsF(_serif(font)).horizontalAdvance(text)
        return self._advances[text]

    def _height(self, budgets: tuple[int, ...], font: QFont) -> int:
        key = (font.key(), budgets)
        if key not in self._heights:
            if budgets == (1,):
                markup = header_markup("X", 1)
            else:
                markup = row_markup("X", "X", "X" + "<br>X" * (budgets[1] - 1), detached=True,
                                    note="X" if len(budgets) > 2 else "")
                markup = markup.replace("&lt;br&gt;", "<br>")
            doc = _document(markup, 1000, "#000", font)
            self._heights[key] = int(doc.size().height() + 0.999) + 2 * self.MARGIN
        return self._heights[key]

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
        return QSize(width + self.GUTTER + 2 * self.MARGIN,
                     self._height(self._budgets(item, width, option.font), option.font))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        item = self._model.row_of(index)
        if item is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        header = isinstance(item, _Header)
        if header:  # drawn as enabled text on a faint band, not as a disabled item
            opt.state |= QStyle.StateFlag.State_Enabled
            opt.palette.setCurrentColorGroup(QPalette.ColorGroup.Active)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active if opt.state & QStyle.StateFlag.State_Active \
            else QPalette.ColorGroup.Inactive
        role = QPalette.ColorRole
        text = opt.palette.color(group, role.HighlightedText if selected else role.Text)
        ground = opt.palette.color(group, role.Highlight if selected else role.Base)
        if header:
            painter.fillRect(opt.rect, _blend(text, ground, 0.08))
        rect = opt.rect.adjusted(self.MARGIN, self.MARGIN, -self.MARGIN, -self.MARGIN)
        if isinstance(item, Annotation):
            self._paint_mark(painter, item, rect.left(), rect.top(), opt)
            rect.setLeft(rect.left() + self.GUTTER)
        markup = index.data(HTML_ROLE)
        doc = _document(markup, rect.width(), _blend(text, ground, 0.6).name(), opt.font)
        _clamp(doc, self._budgets(item, self._text_width(option), opt.font))
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(role.Text, text)
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(rect.translated(-rect.topLeft()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

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


# --- the panel -----------------------------------------------------------------------------

class AnnotationsPanel(QWidget):
    """The reader's annotations: filter, sort, go to one, edit, delete, export, import.

    The panel only shows; the window owns the store and answers its signals.

    Signals:
        activated(Annotation): go to the annotation's place (Enter, double-click, Go To).
        editRequested(Annotation): edit its note, tags and colour (F2, Edit…).
        deleteRequested(list[Annotation]): delete the selected ones (Delete, Backspace).
        exportRequested(), importRequested(): the Export… and Import… buttons.
    """

    activated = Signal(object)
    editRequested = Signal(object)
    deleteRequested = Signal(list)
    exportRequested = Signal()
    importRequested = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._all: list[Annotation] = []
        self._shown: list[Annotation] = []
        self._current: str | None = None
        self._haystacks: dict[Annotation, str] = {}

        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText("Filter annotations")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName("Filter annotations")
        self.filter_box.setToolTip("Words to find in the quotes, notes, tags and citations")
        self.filter_box.installEventFilter(self)
        self.document_box = self._combo("Filter by document", "All documents")
        self.tag_box = self._combo("Filter by tag", "All tags")
        self.colour_box = self._combo("Filter by colour", "All colours")
        self.sort_box = self._combo("Sort annotations", None)
        for label, key in SORTS:
            self.sort_box.addItem(label, key)

        self.model = AnnotationListModel(library, self)
        self.list = QListView()
        self.list.setAccessibleName("Annotations")
        self.list.setModel(self.model)
        self.delegate = AnnotationDelegate(self.model, self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.installEventFilter(self)
        self.list.doubleClicked.connect(self._on_double_clicked)
        self.list.customContextMenuRequested.connect(self._on_context_menu)
        self.list.selectionModel().selectionChanged.connect(self._update_buttons)

        self.go_to_action = self._action("Go To", "Return", self._go_to_current)
        self.edit_action = self._action("Edit…", "F2", self._edit_current)
        self.delete_action = self._action("Delete", "Delete", self._delete_selected)
        self.copy_action = self._action("Copy with Citation", None, self.copy_with_citation)
        self.menu = QMenu(self)
        self.menu.setAccessibleName("Annotation actions")
        self.menu.addActions([self.go_to_action, self.edit_action])
        self.menu.addSeparator()
        self.menu.addActions([self.copy_action])
        self.menu.addSeparator()
        self.menu.addActions([self.delete_action])

        self.count_label = QLabel()
        self.count_label.setAccessibleName("Annotation count")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setWordWrap(True)
        self.edit_button = self._button("Edit…", "Edit the selected annotation's note",
                                        self._edit_current)
        self.delete_button = self._button("Delete", "Delete the selected annotations",
                                          self._delete_selected)
        self.export_button = self._button("Export…", "Export annotations to a file",
                                          self.exportRequested.emit)
        self.import_button = self._button("Import…", "Import annotations from a file",
                                          self.importRequested.emit)

        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.setSpacing(4)
        filters.addWidget(self.document_box, 0, 0)
        filters.addWidget(self.tag_box, 0, 1)
        filters.addWidget(self.colour_box, 1, 0)
        filters.addWidget(self.sort_box, 1, 1)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for button in (self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.export_button, self.import_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.filter_box)
        layout.addLayout(filters)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count_label)
        layout.addLayout(buttons)
        order = (self.filter_box, self.document_box, self.tag_box, self.colour_box,
                 self.sort_box, self.list, self.edit_button, self.delete_button,
                 self.export_button, self.import_button)
        for first, second in zip(order, order[1:], strict=False):
            self.setTabOrder(first, second)
        self.setFocusProxy(self.filter_box)  # the window focuses the panel: type to filter

        self.filter_box.textChanged.connect(self._refresh)
        for combo in (self.document_box, self.tag_box, self.colour_box, self.sort_box):
            combo.currentIndexChanged.connect(self._refresh)
        self._fill_filters()
        self._refresh()

    # --- public ------------------------------------------------------------------------------

    def set_annotations(self, annotations: list[Annotation]) -> None:
        """Show the store's whole content, keeping the filters, the selection and the place
        the list was scrolled to."""
        self._all = list(annotations)
        if len(self._haystacks) > 2 * len(self._all) + 1000:
            self._haystacks = {}
        self._fill_filters()
        self._refresh(keep_scroll=True)

    def set_current_document(self, symbol: str | None) -> None:
        """The document of the current tab: what "This document" filters on."""
        if symbol == self._current:
            return
        self._current = symbol
        self._fill_filters()
        if self.document_box.currentData() == THIS_DOCUMENT or symbol is None:
            self._refresh()

    def set_filter_text(self, text: str) -> None:
        self.filter_box.setText(text)  # textChanged refreshes

    def shown(self) -> list[Annotation]:
        """The annotations the list shows, in its order (group headers aside)."""
        return list(self._shown)

    def selected(self) -> list[Annotation]:
        """The selected annotations, in list order."""
        rows = sorted(index.row() for index in self.list.selectionModel().selectedIndexes())
        return [row for row in (self.model.rows[r] for r in rows) if isinstance(row, Annotation)]

    def current(self) -> Annotation | None:
        """The annotation with the keyboard focus, else the first selected."""
        item = self.model.row_of(self.list.currentIndex())
        if isinstance(item, Annotation) and self.list.selectionModel().isSelected(
                self.list.currentIndex()):
            return item
        chosen = self.selected()
        return chosen[0] if chosen else None

    def copy_with_citation(self) -> None:
        """Put the selected annotations on the clipboard: citation, quote, note."""
        chosen = self.selected()
        if chosen:
            QApplication.clipboard().setText("\n\n".join(
                copy_text(a, self.model.citation(a)) for a in chosen))

    # --- filtering ---------------------------------------------------------------------------

    def _fill_filters(self) -> None:
        """The drop-downs offer what the annotations use; a choice still offered is kept."""
        order = {doc.symbol: i for i, doc in enumerate(self._library)}
        symbols: dict[str, int] = {}
        tags: dict[str, list] = {}  # casefolded -> [spelling, count]
        colours: dict[str, int] = {}
        for annotation in self._all:
            symbols[annotation.symbol] = symbols.get(annotation.symbol, 0) + 1
            colours[annotation.color] = colours.get(annotation.color, 0) + 1
            for tag in annotation.tags:
                entry = tags.setdefault(tag.casefold(), [tag, 0])
                entry[1] += 1
        documents = [(None, f"{symbol} ({count:,})", symbol) for symbol, count in
                     sorted(symbols.items(), key=lambda s: (order.get(s[0], len(order)), s[0]))]
        if self._current is not None:
            documents.insert(0, (None, "This document", THIS_DOCUMENT))
        self._refill(self.document_box, documents)
        if self._current is not None:
            self.document_box.setItemData(1, self._current, Qt.ItemDataRole.ToolTipRole)
        self._refill(self.tag_box, [(None, f"#{spelling} ({count:,})", folded) for
                                    folded, (spelling, count) in sorted(tags.items())])
        rank = {name: i for i, name in enumerate(PALETTE)}
        self._refill(self.colour_box, [
            (swatch_icon(name), f"{name[:1].upper()}{name[1:]} ({count:,})", name)
            for name, count in sorted(colours.items(),
                                      key=lambda c: (rank.get(c[0], len(rank)), c[0]))])

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[QIcon | None, str, str]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for icon, text, value in items:
            if icon is None:
                combo.addItem(text, value)
            else:
                combo.addItem(icon, text, value)
        row = combo.findData(chosen) if chosen is not None else 0
        combo.setCurrentIndex(max(0, row))
        combo.setEnabled(bool(items))
        combo.blockSignals(False)

    def _haystack(self, annotation: Annotation) -> str:
        """What the filter box searches: quote, note, tags and citation, casefolded."""
        text = self._haystacks.get(annotation)
        if text is None:
            text = "\n".join((annotation.quote, annotation.note,
                              " ".join("#" + t for t in annotation.tags),
                              self.model.citation(annotation))).casefold()
            self._haystacks[annotation] = text
        return text

    def _matching(self) -> list[Annotation]:
        kept = self._all
        symbol = self.document_box.currentData()
        if symbol == THIS_DOCUMENT:
            symbol = self._current
        if symbol:
            kept = [a for a in kept if a.symbol == symbol]
        if tag := self.tag_box.currentData():
            kept = [a for a in kept if any(t.casefold() == tag for t in a.tags)]
        if colour := self.colour_box.currentData():
            kept = [a for a in kept if a.color == colour]
        if words := self.filter_box.text().casefold().split():
            kept = [a for a in kept if all(w in self._haystack(a) for w in words)]
        return kept

    def _refresh(self, *_args: object, keep_scroll: bool = False) -> None:
        """Filter, sort and show, keeping the selection (by id) and the scrolled place."""
        chosen = {a.id for a in self.selected()}
        current = self.model.row_of(self.list.currentIndex())
        current_id = current.id if isinstance(current, Annotation) else None
        anchor = self._top_annotation() if keep_scroll else None

        kept = self._matching()
        rows: list[Annotation | _Header] = []
        sort = self.sort_box.currentData()
        if sort == "document":
            self._shown = []
            for group in by_document(kept, self._library):
                rows.append(_Header(group.symbol, len(group.annotations)))
                rows.extend(group.annotations)
                self._shown.extend(group.annotations)
        else:
            rows.extend(sorted(kept, key=lambda a: (a.updated, a.created, a.id),
                               reverse=sort == "newest"))
            self._shown = list(rows)  # type: ignore[arg-type]
        self.model.set_rows(rows)
        self._restore(chosen, current_id, anchor)
        self._update_count()
        self._update_buttons()

    def _top_annotation(self) -> str | None:
        """The annotation at the top of the list, when it is scrolled."""
        if self.list.verticalScrollBar().value() == 0:
            return None
        for y in (1, 24, 48):
            item = self.model.row_of(self.list.indexAt(QPoint(4, y)))
            if isinstance(item, Annotation):
                return item.id
        return None

    def _restore(self, chosen: set[str], current_id: str | None, anchor: str | None) -> None:
        if not (chosen or current_id or anchor):
            return
        rows = {row.id: n for n, row in enumerate(self.model.rows) if isinstance(row, Annotation)}
        selection = QItemSelection()
        for n in sorted(rows[i] for i in chosen if i in rows):
            index = self.model.index(n)
            selection.select(index, index)  # neighbouring rows merge into one range
        model = self.list.selectionModel()
        model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if current_id in rows:
            model.setCurrentIndex(self.model.index(rows[current_id]),
                                  QItemSelectionModel.SelectionFlag.NoUpdate)
        if anchor in rows:
            self.list.scrollTo(self.model.index(rows[anchor]),
                               QAbstractItemView.ScrollHint.PositionAtTop)
        elif current_id in rows:
            self.list.scrollTo(self.model.index(rows[current_id]))

    def _update_count(self) -> None:
        total, shown = len(self._all), len(self._shown)
        if not total:
            text = EMPTY
        elif shown == total:
            text = _plural(total, "annotation")
        else:
            text = f"{shown:,} of {_plural(total, 'annotation')}"
        self.count_label.setText(text)

    def _update_buttons(self, *_args: object) -> None:
        count = len(self.list.selectionModel().selectedIndexes())
        for widget in (self.edit_button, self.edit_action, self.go_to_action):
            widget.setEnabled(count == 1)
        for widget in (self.delete_button, self.delete_action, self.copy_action):
            widget.setEnabled(count > 0)
        self.export_button.setEnabled(bool(self._all))

    # --- user actions ------------------------------------------------------------------------

    def _go_to_current(self) -> None:
        annotation = self.current()
        if annotation is not None:
            self.activated.emit(annotation)

    def _edit_current(self) -> None:
        annotation = self.current()
        if annotation is not None:
            self.editRequested.emit(annotation)

    def _delete_selected(self) -> None:
        chosen = self.selected()
        if chosen:
            self.deleteRequested.emit(chosen)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        item = self.model.row_of(index)
        if isinstance(item, Annotation):
            self.activated.emit(item)

    def _on_context_menu(self, pos: QPoint) -> None:
        self._update_buttons()
        if self.selected():
            self.menu.popup(self.list.viewport().mapToGlobal(pos))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if watched is self.list:
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self._go_to_current()
                    return True
                if key == Qt.Key.Key_F2:
                    self._edit_current()
                    return True
                if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                    self._delete_selected()
                    return True
            elif watched is self.filter_box:
                if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self._shown:
                    self._focus_list()
                    return True
                if key == Qt.Key.Key_Escape and self.filter_box.text():
                    self.filter_box.clear()
                    return True
        return super().eventFilter(watched, event)

    def _focus_list(self) -> None:
        self.list.setFocus(Qt.FocusReason.TabFocusReason)
        if not self.selected():
            first = next(n for n, row in enumerate(self.model.rows)
                         if isinstance(row, Annotation))
            self.list.setCurrentIndex(self.model.index(first))

    # --- building ----------------------------------------------------------------------------

    def _combo(self, accessible: str, everything: str | None) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(accessible)
        combo.setToolTip(accessible)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        if everything is not None:
            combo.addItem(everything, None)
        return combo

    def _button(self, text: str, accessible: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(accessible)
        button.setToolTip(accessible)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: slot())
        return button

    def _action(self, text: str, key: str | None, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        if key is not None:  # shown in the menu; the list's key handling does the work
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.setShortcutVisibleInContextMenu(True)
        action.triggered.connect(lambda: slot())
        return action
