"""Where a paragraph's characters landed on screen: model offsets ↔ rendered text offsets.

Annotations point into ``Block.text``; the view shows a rendering of it that adds characters:
the paragraph number ("12.  "), the binding marker, footnote markers (digits set as superscript
before the character they stood at), and in a comparison the paragraph's number in its cell.
Non-breaking spaces replace some spaces ("2178&nbsp;(2014)"). None of these removes or reorders
the paragraph's own characters, so the rendering is always *something* + the text with marker
digits interleaved. This module finds that shape and maps offsets both ways.

Qt-free: it works on the rendered paragraph's plain text, which tests build without a display.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from corpus.model import Block

_NBSP = "\u00a0"


@dataclass(frozen=True)
class TextMap:
    """Offsets of one paragraph's characters in its rendered text.

    The text starts ``offset`` characters into the rendering; before text offset
    ``inserts[k]`` the markers have added ``added[k]`` characters in all. Character ``i`` of the
    text is at ``offset + i + (characters inserted at or before i)``.
    """

    length: int
    offset: int
    inserts: tuple[int, ...] = ()
    added: tuple[int, ...] = ()

    def position(self, i: int) -> int:
        """Where text character ``i`` is in the rendering."""
        k = bisect_right(self.inserts, i)
        return self.offset + i + (self.added[k - 1] if k else 0)

    def to_rendered(self, start: int, end: int) -> tuple[int, int] | None:
        """The rendered range of text range ``[start, end)``; None if it is not inside."""
        if not 0 <= start < end <= self.length:
            return None
        return self.position(start), self.position(end - 1) + 1

    def to_text(self, start: int, end: int) -> tuple[int, int] | None:
        """The text range a rendered selection ``[start, end)`` covers: the paragraph's own
        characters inside it (a selection that starts on the number starts at the text).
        None if it covers none of them."""
        first = self._first_at_or_after(start)
        last = self._first_at_or_after(end) - 1
        if first >= self.length or last < first:
            return None
        return first, last + 1

    def _first_at_or_after(self, rendered: int) -> int:
        """The first text character at rendered position ``rendered`` or later."""
        lo, hi = 0, self.length
        while lo < hi:  # positions grow with i: bisect on them
            mid = (lo + hi) // 2
            if self.position(mid) < rendered:
                lo = mid + 1
            else:
                hi = mid
        return lo


def map_block(rendered: str, block: Block) -> TextMap | None:
    """How ``block.text`` sits in ``rendered`` (the plain text of its rendered paragraph).

    Tried with the footnote markers (a document view, an unchanged comparison row) and without
    (a marked comparison row draws the bare text). None if the rendering is neither: the
    caller then draws nothing rather than something in the wrong place.
    """
    rendered = rendered.replace(_NBSP, " ")
    text = block.text.replace(_NBSP, " ")
    markers = _markers(block)
    for inserts in ((markers, ()) if markers else ((),)):
        expected = _interleave(text, inserts)
        if rendered.endswith(expected):
            added, total = [], 0
            for _offset, number in inserts:
                total += len(number)
                added.append(total)
            return TextMap(len(text), len(rendered) - len(expected),
                           tuple(offset for offset, _ in inserts), tuple(added))
    return None


def _markers(block: Block) -> list[tuple[int, str]]:
    """(text offset, digits) of each footnote marker, in order; markers at one offset joined."""
    joined: dict[int, str] = {}
    for note in block.notes:
        offset = min(max(note.offset, 0), len(block.text))
        joined[offset] = joined.get(offset, "") + note.number
    return sorted(joined.items())


def _interleave(text: str, inserts) -> str:
    """The text with each marker's digits put before the character at its offset."""
    pieces, last = [], 0
    for offset, number in inserts:
        pieces += [text[last:offset], number]
        last = offset
    pieces.append(text[last:])
    return "".join(pieces)


