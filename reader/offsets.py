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

from dataclasses import dataclass

from corpus.model import Block

_NBSP = "\u00a0"


@dataclass(frozen=True)
class TextMap:
    """Offsets of one paragraph's characters in its rendered text.

    ``positions[i]`` is where ``block.text[i]`` is in the rendering; a range ``[start, end)``
    of the text is ``[positions[start], positions[end - 1] + 1)`` on screen.
    """

    positions: tuple[int, ...]

    def to_rendered(self, start: int, end: int) -> tuple[int, int] | None:
        """The rendered range of text range ``[start, end)``; None if it is not inside."""
        if not 0 <= start < end <= len(self.positions):
            return None
        return self.positions[start], self.positions[end - 1] + 1

    def to_text(self, start: int, end: int) -> tuple[int, int] | None:
        """The text range a rendered selection ``[start, end)`` covers: the paragraph's own
        characters inside it (a selection that starts on the number starts at the text).
        None if it covers none of them."""
        first = next((i for i, p in enumerate(self.positions) if p >= start), None)
        if first is None or self.positions[first] >= end:
            return None
        last = first
        while last + 1 < len(self.positions) and self.positions[last + 1] < end:
            last += 1
        return first, last + 1


def map_block(rendered: str, block: Block) -> TextMap | None:
    """How ``block.text`` sits in ``rendered`` (the plain text of its rendered paragraph).

    Tried with the footnote markers (a document view, an unchanged comparison row) and without
    (a marked comparison row draws the bare text). None if the rendering is neither: the
    caller then draws nothing rather than something in the wrong place.
    """
    rendered = rendered.replace(_NBSP, " ")
    for with_markers in (True, False):
        expected, positions = _expected(block, with_markers)
        if rendered.endswith(expected):
            offset = len(rendered) - len(expected)
            return TextMap(tuple(offset + p for p in positions))
        if not block.notes:
            break
    return None


def _expected(block: Block, with_markers: bool) -> tuple[str, list[int]]:
    """The text as rendered after its prefix, and where each of its characters is in it."""
    markers: dict[int, str] = {}
    if with_markers:
        for note in block.notes:
            offset = min(max(note.offset, 0), len(block.text))
            markers[offset] = markers.get(offset, "") + note.number
    out: list[str] = []
    positions: list[int] = []
    length = 0
    for i, char in enumerate(block.text.replace(_NBSP, " ")):
        marker = markers.get(i, "")
        out.append(marker)
        length += len(marker)
        positions.append(length)
        out.append(char)
        length += 1
    out.append(markers.get(len(block.text), ""))
    return "".join(out), positions
