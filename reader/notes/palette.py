"""Highlight colours as Qt draws them: in the document, the Notes list, menus and dialogs.

One place, so a colour an imported annotation names that the palette lacks looks the same (as
CSS reads it, else yellow) wherever it is shown.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from annotations.model import DEFAULT_COLOR, PALETTE


def colour_of(name: str) -> QColor:
    """A palette colour by name; a colour the palette lacks (an import) as CSS reads it."""
    colour = QColor(PALETTE.get(name, name))
    return colour if colour.isValid() else QColor(PALETTE[DEFAULT_COLOR])


def swatch_icon(name: str, size: int = 12) -> QIcon:
    """A small square of the colour, for colour menus and drop-downs."""
    pixmap = QPixmap(size, size)
    pixmap.fill(colour_of(name))
    painter = QPainter(pixmap)
    painter.setPen(colour_of(name).darker(150))
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.end()
    return QIcon(pixmap)
