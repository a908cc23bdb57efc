"""Back and forward across documents and positions in them, as a browser keeps them.

Qt-free: the window decides when a move is worth remembering (following a link, opening a
document, jumping from the outline) and asks this list where Back and Forward lead.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Enough for a day of reading; the oldest places are forgotten first.
DEFAULT_LIMIT = 200


@dataclass(frozen=True)
class Location:
    """A document (or a "not in your library" card) and the paragraph the reader was at."""

    symbol: str
    block: str | None = None


class History:
    """The places visited, with a cursor: Back moves it towards the oldest, Forward back again.

    Visiting a new place after going back forgets the places ahead, as every browser does;
    visiting the place already current records nothing, so repeated clicks on the same link
    do not make Back step in place.
    """

    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        if limit < 1:
            raise ValueError("a history holds at least one place")
        self._limit = limit
        self._places: list[Location] = []
        self._index = -1

    def visit(self, location: Location) -> None:
        """Record ``location`` as the current place."""
        if self.current == location:
            return
        del self._places[self._index + 1:]
        self._places.append(location)
        if len(self._places) > self._limit:
            del self._places[: len(self._places) - self._limit]
        self._index = len(self._places) - 1

    def note_position(self, location: Location) -> None:
        """Where the reader is now, before leaving: Back should return there, not to the
        paragraph the document was first opened at.

        Within the current document this updates the current place instead of adding one (and
        keeps the places ahead); in another document it is a visit.
        """
        current = self.current
        if current is not None and current.symbol == location.symbol:
            self._places[self._index] = location
        else:
            self.visit(location)

    def back(self) -> Location | None:
        """Step back; the place to show, or None when there is nothing before."""
        if not self.can_go_back:
            return None
        self._index -= 1
        return self._places[self._index]

    def forward(self) -> Location | None:
        """Step forward again; None when there is nothing ahead."""
        if not self.can_go_forward:
            return None
        self._index += 1
        return self._places[self._index]

    @property
    def can_go_back(self) -> bool:
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        return self._index < len(self._places) - 1

    @property
    def current(self) -> Location | None:
        return self._places[self._index] if self._index >= 0 else None

    def __len__(self) -> int:
        return len(self._places)
