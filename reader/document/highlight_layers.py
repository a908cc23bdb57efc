"""Highlights from several owners on one text view, and the flash of a paragraph jumped to.

A QTextEdit has one list of extra selections, so whoever sets it erases everyone else's: the
reader's own highlights, the words of the search that opened the document, the flash, the
find-in-page matches. ``HighlightLayers`` keeps one list per owner and draws them all, in a
fixed order, whenever one changes. The flash is one such owner that changes by itself over
time (bright, then fading, then gone), so it lives here too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import QElapsedTimer, QObject, QTimer
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QTextEdit

#: Kinds of highlight drawn bottom to top; kinds not listed are drawn above these. The reader's
#: own highlights lie lowest: a search hit or find match inside one must still show.
SELECTION_ORDER = ("annotations", "search", "flash", "find", "find-current")
#: Behind the words of the search that opened the document.
SEARCH_HIT_COLOUR = "#fff0a8"
#: Text on a light mark (search hit, find match) in either theme: the dark theme's pale text
#: would vanish on yellow.
MARK_TEXT = QColor("#1a1a1a")
_WORDS = re.compile(r"\w+")

#: How long a paragraph jumped to stays highlighted, fading out, in milliseconds.
FLASH_MS = 1200
#: Part of the flash spent at full strength before fading, and the time between fade steps.
FLASH_HOLD = 0.4
FLASH_FRAME_MS = 60
FLASH_COLOUR = QColor(255, 205, 80)
FLASH_ALPHA = 150


class HighlightLayers:
    """The extra selections of ``view``, kept per owner (``"flash"``, ``"find"``, …) and drawn
    in ``SELECTION_ORDER``, so one owner replacing its highlights leaves the others shown."""

    def __init__(self, view: QTextEdit) -> None:
        self._view = view
        self._layers: dict[str, list[QTextEdit.ExtraSelection]] = {}

    def set(self, kind: str, selections: Sequence[QTextEdit.ExtraSelection]) -> None:
        """Replace the highlights of one owner, keeping the rest; none removes the layer."""
        if selections:
            self._layers[kind] = list(selections)
        else:
            self._layers.pop(kind, None)
        rank = {name: i for i, name in enumerate(SELECTION_ORDER)}
        ordered = sorted(self._layers, key=lambda k: rank.get(k, len(rank)))
        self._view.setExtraSelections([s for k in ordered for s in self._layers[k]])

    def get(self, kind: str) -> list[QTextEdit.ExtraSelection]:
        return list(self._layers.get(kind, ()))

    def clear(self) -> None:
        """Forget every owner's highlights: the page they were on is gone."""
        self._layers.clear()
        self._view.setExtraSelections([])


def word_selections(document: QTextDocument,
                    wanted: Callable[[str], bool]) -> list[QTextEdit.ExtraSelection]:
    """A search-hit mark on every word of ``document`` for which ``wanted(word)`` is true."""
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(SEARCH_HIT_COLOUR))
    fmt.setForeground(MARK_TEXT)
    selections = []
    for match in _WORDS.finditer(document.toPlainText()):
        if wanted(match.group()):
            cursor = QTextCursor(document)
            cursor.setPosition(match.start())
            cursor.setPosition(match.end(), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor, selection.format = cursor, fmt
            selections.append(selection)
    return selections


def flash_strength(done: float) -> float | None:
    """How strong the flash is ``done`` of the way through (0 to 1): full for a while, then
    fading evenly, so the eye finds the paragraph before it goes; None once it is over."""
    if done >= 1:
        return None
    if done < FLASH_HOLD:
        return 1.0
    return 1.0 - (done - FLASH_HOLD) / (1.0 - FLASH_HOLD)


class Flash(QObject):
    """The ``"flash"`` layer: a stretch of text lit for ``duration_ms``, fading out.

    ``parent`` owns the timer (the view), so the flash stops with it.
    """

    def __init__(self, layers: HighlightLayers, parent: QObject | None = None,
                 duration_ms: int = FLASH_MS) -> None:
        super().__init__(parent)
        self._layers = layers
        #: How long a flash lasts, in milliseconds.
        self.duration_ms = duration_ms
        self._cursor: QTextCursor | None = None
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(FLASH_FRAME_MS)
        self._timer.timeout.connect(self._fade)

    def start(self, cursor: QTextCursor) -> None:
        """Light the text ``cursor`` selects (every line its full width), replacing any flash."""
        self._cursor = cursor
        self._clock.start()
        self._paint(1.0)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._cursor = None
        self._layers.set("flash", [])

    def is_active(self) -> bool:
        return self._timer.isActive()

    def _fade(self) -> None:
        strength = flash_strength(self._clock.elapsed() / max(1, self.duration_ms))
        if strength is None:
            self.stop()
        else:
            self._paint(strength)

    def _paint(self, strength: float) -> None:
        if self._cursor is None:
            return
        colour = QColor(FLASH_COLOUR)
        colour.setAlpha(int(FLASH_ALPHA * strength))
        fmt = QTextCharFormat()
        fmt.setBackground(colour)
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = self._cursor
        selection.format = fmt
        self._layers.set("flash", [selection])
