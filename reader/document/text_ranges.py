"""Where an annotation's words are on one page, and which words a selection covers.

Annotations point into ``Block.text``; the page shows a rendering of each paragraph with a
number, footnote markers and other characters added (offsets.py maps one paragraph's offsets
both ways). This module applies those maps to a laid-out page: a range of a paragraph's text
becomes a cursor to highlight, and the reader's selection becomes text ranges to save. A map
is made the first time its paragraph is asked for and kept for the page's life.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtGui import QTextCursor, QTextDocument

from corpus.model import Block
from reader.document.offsets import TextMap, map_block


class TextRanges:
    """Block-text ranges ↔ cursors on one page: ``document`` as laid out, ``anchors`` the
    position of the text block each anchor (a paragraph's id) is on."""

    def __init__(self, document: QTextDocument, anchors: Mapping[str, int]) -> None:
        self._document = document
        self._anchors = anchors
        self._maps: dict[str, TextMap | None] = {}  # anchor -> its paragraph's offsets

    def cursor(self, anchor: str, block: Block, start: int | None = None,
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
        base = self._document.findBlock(self._anchors[anchor]).position()
        cursor = QTextCursor(self._document)
        cursor.setPosition(base + span[0])
        cursor.setPosition(base + span[1], QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def of_selection(self, cursor: QTextCursor, resolve: Callable[[str], Block | None]
                     ) -> list[tuple[str, int, int]]:
        """What ``cursor`` selects as ``(anchor, start, end)`` text ranges, one per paragraph
        it touches; ``resolve`` names the paragraph an anchor stands for (None: not a
        paragraph). Numbers, markers and anything outside paragraphs are left out."""
        if not cursor.hasSelection():
            return []
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        by_position: dict[int, list[str]] = {}
        for name, position in self._anchors.items():
            by_position.setdefault(position, []).append(name)
        ranges = []
        text_block = self._document.findBlock(start)
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

    def _text_map(self, anchor: str, block: Block) -> TextMap | None:
        if anchor not in self._maps:
            position = self._anchors.get(anchor)
            self._maps[anchor] = (None if position is None else
                                  map_block(self._document.findBlock(position).text(), block))
        return self._maps[anchor]
