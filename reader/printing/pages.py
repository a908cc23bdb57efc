"""A print job on pages: laid out in a QTextDocument for the device, annotations drawn on it,
painted page by page with a running header and the page number.

One function, ``paint_pages``, serves every way out: the print preview's printer (and the
printer the reader then prints to) and Save as PDF's QPdfWriter, from the window or the
command line. Nothing here uses a widget, so a PDF can be written off the UI thread:
QTextDocument, QPdfWriter and QPainter on a PDF are usable from any one thread at a time.

The layout is made for the device (``setPaintDevice``), so fonts are measured at its
resolution and the CSS's pixel lengths (margins, indents) scaled to it, and paginated at the
height of the page's body: a line never straddles two pages, and a comparison's table repeats
its row of symbols on every page.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from reader.document.text_ranges import TextRanges
from reader.printing.print_job import NOTE_SCALE, PrintJob, PrintNote, note_heading

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]

#: Page margins in millimetres (left, top, right, bottom): a UN document's, near enough.
MARGINS_MM = (22.0, 16.0, 22.0, 16.0)
#: A comparison's two columns take more of a landscape page.
LANDSCAPE_MARGINS_MM = (14.0, 14.0, 14.0, 14.0)
SERIF = ["Times New Roman", "Liberation Serif", "DejaVu Serif", "Nimbus Roman", "serif"]
SANS = ["Arial", "Liberation Sans", "DejaVu Sans", "Helvetica", "sans-serif"]
#: Header and footer text, in points.
FURNITURE_POINTS = 8.0
#: Dots per inch the text is laid out at: the screen's, where the stylesheet was made.
LAYOUT_DPI = 96
#: Indent of a printed note beyond its paragraph's, and the space under each of its lines,
#: in CSS pixels.
NOTE_INDENT = 36
NOTE_SPACING = 2
#: A block property: the paragraph has its notes under it.
_NOTED = QTextFormat.Property.UserProperty + 1


class PrintCancelled(Exception):
    """The reader cancelled the print job; nothing was written."""


@dataclass(frozen=True)
class PdfWritten:
    path: Path
    pages: int


def page_layout(job: PrintJob, locale: QLocale | None = None) -> QPageLayout:
    """A4, or US Letter where the locale measures in inches; portrait for a document,
    landscape for a comparison."""
    locale = locale or QLocale()
    size = (QPageSize.PageSizeId.Letter
            if locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
            else QPageSize.PageSizeId.A4)
    orientation = (QPageLayout.Orientation.Landscape if job.landscape
                   else QPageLayout.Orientation.Portrait)
    margins = LANDSCAPE_MARGINS_MM if job.landscape else MARGINS_MM
    return QPageLayout(QPageSize(size), orientation, QMarginsF(*margins),
                       QPageLayout.Unit.Millimeter)


def write_pdf(job: PrintJob, path: Path, progress: ProgressFn | None = None,
              cancelled: CancelledFn | None = None) -> PdfWritten:
    """Write ``job`` as a PDF at ``path``: to a file beside it first, which takes its place
    once complete, so a cancelled or failed job leaves no half-written PDF (nor replaces the
    one there). Raises PrintCancelled, OSError."""
    path = Path(path)
    partial = path.with_name(path.name + ".part")
    partial.open("wb").close()  # a folder that is missing or read-only: a clear OSError
    writer = QPdfWriter(str(partial))
    try:
        writer.setTitle(job.title)
        writer.setCreator("Plenary")
        writer.setPageLayout(page_layout(job))
        pages = paint_pages(job, writer, progress, cancelled)
    except BaseException:
        del writer
        partial.unlink(missing_ok=True)
        raise
    del writer  # closes the file (Windows will not replace an open one)
    if not partial.is_file():
        raise OSError(f"{path.parent} could not be written")
    os.replace(partial, path)
    return PdfWritten(path, pages)


def paint_pages(job: PrintJob, device: QPagedPaintDevice, progress: ProgressFn | None = None,
                cancelled: CancelledFn | None = None) -> int:
    """Lay ``job`` out and paint every page on ``device``, in its page layout as set (the
    preview's reader may have turned the page); the number of pages. Raises PrintCancelled.

    The text is laid out at the screen's 96 dots per inch, where the stylesheet's pixel
    lengths (indents, paragraph spacing) mean what they mean on screen, with the fonts'
    design metrics (no hinting, no rounding to pixels), then painted scaled to the device, as
    QTextDocument.print does with a paginated document."""
    dpi = device.logicalDpiY()
    scale = dpi / LAYOUT_DPI
    body = device.pageLayout().paintRectPixels(dpi)
    width, height = float(body.width()), float(body.height())
    furniture = _furniture_font()
    line = QFontMetricsF(furniture, device).height()
    top = bottom = 2.2 * line
    page_height = (height - top - bottom) / scale
    document = layout_document(job, QSizeF(width / scale, page_height))
    pages = document.pageCount()
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the printer or file could not be opened")
    try:
        for number in range(pages):
            if cancelled is not None and cancelled():
                raise PrintCancelled
            if number:
                device.newPage()
            _header(painter, job, number + 1, width, line, dpi)
            painter.save()
            painter.translate(0, top)
            painter.scale(scale, scale)
            painter.translate(0, -number * page_height)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = QRectF(0, number * page_height, width / scale, page_height)
            context.palette.setColor(QPalette.ColorRole.Text, QColor("black"))
            painter.setClipRect(context.clip)
            document.documentLayout().draw(painter, context)
            painter.restore()
            _footer(painter, job, number + 1, pages, width, height, line)
            if progress is not None:
                progress(number + 1, pages)
    finally:
        painter.end()
    return pages


def layout_document(job: PrintJob, page: QSizeF) -> QTextDocument:
    """The job's page as a QTextDocument laid out at LAYOUT_DPI in pages of ``page``, its
    annotations drawn."""
    document = QTextDocument()
    # The layout keeps a pointer to its device, not a reference: the document holds it.
    document.layout_device = _layout_device()
    document.documentLayout().setPaintDevice(document.layout_device)
    document.setUseDesignMetrics(True)
    font = QFont()
    font.setFamilies(SERIF)
    font.setPointSizeF(job.points)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setHtml(job.html)
    edit = QTextCursor(document)
    edit.beginEditBlock()  # one layout for every change below
    try:
        if job.notes:
            draw_notes(document, job.notes, job.points)
        _repeat_table_header(document)
    finally:
        edit.endEditBlock()
    # Last: a new page size lays the whole text out again, at once. (Set before the text, a
    # QApplication's layout would be done lazily, a part at a time, and count too few pages.)
    document.setPageSize(page)
    return document


def _layout_device() -> QImage:
    """A paint device of LAYOUT_DPI to measure fonts on, whatever the screen (or none)."""
    device = QImage(1, 1, QImage.Format.Format_RGB32)
    dots_per_metre = round(LAYOUT_DPI / 0.0254)
    device.setDotsPerMeterX(dots_per_metre)
    device.setDotsPerMeterY(dots_per_metre)
    return device


def anchor_positions(document: QTextDocument) -> dict[str, int]:
    """Where each anchor (a paragraph's id) is: the position of the text block holding it.
    Qt keeps ``<a name>`` on the format of the text that follows it."""
    anchors: dict[str, int] = {}
    block = document.begin()
    while block.isValid():
        for fragment in (it.fragment() for it in block):
            for name in fragment.charFormat().anchorNames():
                anchors.setdefault(name, block.position())
        block = block.next()
    return anchors


def draw_notes(document: QTextDocument, notes: Sequence[PrintNote], points: float) -> int:
    """Highlight each annotation's words in its colour; put each note, numbered in reading
    order, under its paragraph, a "[n]" after the words it is about. The number of
    annotations drawn (one whose paragraph the page does not show, or not as that text,
    is left out: the same mapping as on screen, reader/document/offsets.py)."""
    ranges = TextRanges(document, anchor_positions(document))
    placed: list[tuple[int, int, PrintNote]] = []
    for note in notes:
        cursor = ranges.cursor(note.anchor, note.block, note.start, note.end)
        if cursor is not None:
            placed.append((cursor.selectionStart(), cursor.selectionEnd(), note))
    placed.sort(key=lambda item: (item[0], item[1]))
    for start, end, note in placed:
        if note.is_highlight:
            cursor = QTextCursor(document)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            mark = QTextCharFormat()
            mark.setBackground(QColor(note.colour))
            mark.setForeground(QColor("black"))
            cursor.mergeCharFormat(mark)
    # Inserted from the end of the page backwards, so every position still to use holds;
    # at one place, the notes (after the paragraph) before the markers (in it), the later
    # note first so that the earlier ends up above it.
    insertions: list[tuple[int, int, int, PrintNote]] = []
    numbered = [(start, end, note) for start, end, note in placed if note.note_html]
    for number, (start, end, note) in enumerate(numbered, 1):
        paragraph = document.findBlock(start)
        paragraph_end = paragraph.position() + paragraph.length() - 1
        insertions.append((paragraph_end, 1, number, note))
        insertions.append((end if note.is_highlight else paragraph_end, 0, number, note))
    for position, kind, number, note in sorted(insertions, key=lambda i: i[:3], reverse=True):
        if kind:
            _insert_note(document, position, number, note, points)
        else:
            _insert_marker(document, position, number, points)
    return len(placed)


def _insert_marker(document: QTextDocument, position: int, number: int, points: float) -> None:
    cursor = QTextCursor(document)
    cursor.setPosition(position)
    marker = QTextCharFormat()
    marker.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
    marker.setFontWeight(QFont.Weight.Bold)
    marker.setForeground(QColor("black"))
    marker.setBackground(QColor("transparent"))
    marker.setFontFamilies(SANS)
    marker.setFontPointSize(points * NOTE_SCALE)
    marker.setAnchor(False)
    cursor.insertText(f"[{number}]", marker)


def _insert_note(document: QTextDocument, position: int, number: int, note: PrintNote,
                 points: float) -> None:
    """The note as paragraphs of its own under its paragraph: indented, smaller, sans
    serif, led by its number and the words it is about. Notes sit close under their
    paragraph; the paragraph's own spacing goes after the last of them."""
    cursor = QTextCursor(document)
    cursor.setPosition(position)
    paragraph = cursor.blockFormat()
    last = not paragraph.hasProperty(_NOTED)  # inserted from the last note up
    spacing = paragraph.bottomMargin()
    if last:
        paragraph.setProperty(_NOTED, True)
        paragraph.setBottomMargin(NOTE_SPACING)
        cursor.setBlockFormat(paragraph)
    indent = paragraph.leftMargin() + NOTE_INDENT
    text = QTextCharFormat()
    text.setFontFamilies(SANS)
    text.setFontPointSize(points * NOTE_SCALE)
    text.setForeground(QColor("#1a1a1a"))
    text.setFontItalic(False)
    text.setFontWeight(QFont.Weight.Normal)
    cursor.insertBlock(QTextBlockFormat(), text)
    first = cursor.block().position()
    lead = QTextCharFormat(text)
    lead.setFontWeight(QFont.Weight.Bold)
    cursor.insertText(note_heading(number, note), lead)
    cursor.setCharFormat(text)
    cursor.insertHtml(_note_body(note.note_html))
    end = cursor.position()
    # The note's own paragraphs (a list, a quotation) keep their shape, at the note's size
    # and indent.
    block = document.findBlock(first)
    while block.isValid() and block.position() <= end:
        shape = block.blockFormat()
        shape.setLeftMargin(max(shape.leftMargin(), 0) + indent)
        shape.setRightMargin(paragraph.rightMargin())
        shape.setTextIndent(0)
        shape.setTopMargin(0)
        shape.setBottomMargin(NOTE_SPACING)
        if last and block.next().position() > end:
            shape.setBottomMargin(spacing)
        QTextCursor(block).setBlockFormat(shape)
        block = block.next()
    whole = QTextCursor(document)
    whole.setPosition(first)
    whole.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    size = QTextCharFormat()
    size.setFontPointSize(points * NOTE_SCALE)
    size.setFontFamilies(SANS)
    whole.mergeCharFormat(size)


def _note_body(note_html: str) -> str:
    """The note's first paragraph runs on after its number; the others stay paragraphs."""
    if note_html.startswith("<p>"):
        end = note_html.find("</p>")
        if end != -1:
            return note_html[3:end] + note_html[end + 4:]
    return note_html


def _repeat_table_header(document: QTextDocument) -> None:
    """A comparison's table repeats its first row (the two symbols) on every page."""
    frames = document.rootFrame().childFrames()
    if not frames:
        return
    cursor = QTextCursor(document)
    cursor.setPosition(frames[0].firstPosition())
    table = cursor.currentTable()
    if table is not None and table.rows() > 1:
        table_format = table.format()
        table_format.setHeaderRowCount(1)
        table.setFormat(table_format)


def _furniture_font() -> QFont:
    font = QFont()
    font.setFamilies(SANS)
    font.setPointSizeF(FURNITURE_POINTS)
    return font


def _header(painter: QPainter, job: PrintJob, number: int, width: float, line: float,
            dpi: int) -> None:
    """The running header, a rule under it (drawn first: text read back from the PDF, or by
    a screen reader, starts with it)."""
    if number == 1 and not job.header_first:
        return
    painter.save()
    painter.setFont(_furniture_font())
    painter.setPen(QColor("#333333"))
    painter.drawText(QRectF(0, 0, width, line),
                     int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                     _elided(painter, job.header, width * 0.8))
    painter.fillRect(QRectF(0, line * 1.35, width, max(1.0, dpi / 144)),  # half a point
                     QColor("#888888"))
    painter.restore()


def _footer(painter: QPainter, job: PrintJob, number: int, pages: int, width: float,
            height: float, line: float) -> None:
    """The footer: the document and its date, and "Page n of N"."""
    painter.save()
    painter.setFont(_furniture_font())
    painter.setPen(QColor("#333333"))
    footer = QRectF(0, height - line, width, line)
    middle = Qt.AlignmentFlag.AlignVCenter
    painter.drawText(footer, int(middle | Qt.AlignmentFlag.AlignLeft),
                     _elided(painter, job.footer, width * 0.75))
    painter.drawText(footer, int(middle | Qt.AlignmentFlag.AlignRight),
                     f"Page {number} of {pages}")
    painter.restore()


def _elided(painter: QPainter, text: str, width: float) -> str:
    return painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(width))

