"""What a reader adds to a document: highlights, notes, tags and bookmarks.

An annotation points at a paragraph by block id and at a stretch of it by character offsets
into ``Block.text``, like every other pointer in Plenary. Offsets alone would not survive a
corpus change (a parser fix, a re-imported text), so each annotation also keeps the words it
covers and a little text on either side: enough to find the place again when the offsets no
longer fit (annotations/anchors.py).

A bookmark is an annotation on a whole paragraph: no range, and the paragraph's text as its
quote, so it can follow the paragraph if the numbering changes.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from corpus.citing import paragraph_label
from corpus.model import Block, Document

#: Highlight colours by name: light enough that dark text stays legible on them in both themes.
PALETTE: dict[str, str] = {
    "yellow": "#ffe680",
    "green": "#bfe8a8",
    "blue": "#b5d8ff",
    "pink": "#ffc2dc",
    "orange": "#ffcc99",
}
DEFAULT_COLOR = "yellow"
#: Characters of context kept on each side of a quote: enough to tell two occurrences of
#: the same words apart, short enough not to break on a nearby edit.
CONTEXT_CHARS = 40


def now() -> str:
    """An ISO 8601 UTC timestamp with microseconds: annotations made in the same second still
    order, and the strings compare in time order."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True)
class Annotation:
    """One highlight, note or bookmark.

    ``start``/``end`` are offsets into the paragraph's text, both None for a bookmark.
    ``detached`` is set when a corpus change left no place for it: it is kept, listed, and
    re-anchored again on the next change, never deleted.
    """

    symbol: str
    block: str
    start: int | None = None
    end: int | None = None
    quote: str = ""
    prefix: str = ""
    suffix: str = ""
    color: str = DEFAULT_COLOR
    note: str = ""
    tags: tuple[str, ...] = ()
    id: str = field(default_factory=new_id)
    created: str = field(default_factory=now)
    updated: str = ""
    detached: bool = False

    def __post_init__(self) -> None:
        if not self.updated:
            object.__setattr__(self, "updated", self.created)
        object.__setattr__(self, "tags", normalise_tags(self.tags))

    @property
    def is_bookmark(self) -> bool:
        return self.start is None

    @property
    def key(self) -> str:
        """``SYMBOL#block``, the form the command line and links use for a paragraph."""
        return f"{self.symbol}#{self.block}"

    def edited(self, **changes: object) -> Annotation:
        """A copy with ``changes`` and a fresh ``updated`` time."""
        return replace(self, **changes, updated=now())  # type: ignore[arg-type]

    def same_content(self, other: Annotation) -> bool:
        """Whether two versions of an annotation say the same thing (times aside)."""
        mine = replace(self, created="", updated="")
        return mine == replace(other, created="", updated="")


def normalise_tags(tags: object) -> tuple[str, ...]:
    """Tags as the store keeps them: trimmed, without a leading "#", no empties, no repeats
    (case-insensitively, the first spelling wins), sorted."""
    seen: dict[str, str] = {}
    for tag in tags or ():  # type: ignore[union-attr]
        clean = " ".join(str(tag).strip().lstrip("#").split())
        if clean and clean.casefold() not in seen:
            seen[clean.casefold()] = clean
    return tuple(sorted(seen.values(), key=str.casefold))


def highlight(doc: Document, block: Block, start: int, end: int, **fields: object) -> Annotation:
    """An annotation on ``block.text[start:end]``, with its quote and context taken from the
    text. Raises ValueError for an empty or out-of-range stretch."""
    if not 0 <= start < end <= len(block.text):
        raise ValueError(f"no text at {start}–{end} in {doc.symbol} {block.id}")
    prefix, suffix = context(block.text, start, end)
    return Annotation(symbol=doc.symbol, block=block.id, start=start, end=end,
                      quote=block.text[start:end], prefix=prefix, suffix=suffix,
                      **fields)  # type: ignore[arg-type]


def context(text: str, start: int, end: int) -> tuple[str, str]:
    """The text just before and just after ``text[start:end]``: what tells one occurrence of
    the same words from another."""
    return text[max(0, start - CONTEXT_CHARS):start], text[end:end + CONTEXT_CHARS]


def bookmark(doc: Document, block: Block, **fields: object) -> Annotation:
    """A bookmark of a whole paragraph; its quote is the paragraph, to find it again."""
    return Annotation(symbol=doc.symbol, block=block.id, quote=block.text,
                      **fields)  # type: ignore[arg-type]


def citation_of(annotation: Annotation, doc: Document | None) -> str:
    """"S/RES/2396 (2017), para. 12": the citation every list and export shows. Without the
    document or the paragraph (removed, detached) the stored block id stands in."""
    block = doc.block(annotation.block) if doc is not None and not annotation.detached else None
    label = paragraph_label(block) if block is not None else annotation.block
    return f"{annotation.symbol}, {label}"


@dataclass
class Group:
    """The annotations of one document, in reading order; ``document`` is None when the
    library no longer has it (removed), and then the annotations keep their stored order."""

    symbol: str
    document: Document | None
    annotations: list[Annotation]


def by_document(annotations: Iterable[Annotation],
                documents: Iterable[Document]) -> list[Group]:
    """Annotations grouped by document, documents in the library's order (those the library
    lacks last, by symbol), each group in paragraph order then by position in the paragraph;
    detached annotations close their group, since they no longer have a place."""
    known = {doc.symbol: doc for doc in documents}
    rank = {symbol: i for i, symbol in enumerate(known)}
    groups: dict[str, list[Annotation]] = {}
    for annotation in annotations:
        groups.setdefault(annotation.symbol, []).append(annotation)
    ordered = sorted(groups, key=lambda s: (rank.get(s, len(rank)), s))
    return [Group(symbol, known.get(symbol),
                  sorted(groups[symbol], key=_reading_key(known.get(symbol))))
            for symbol in ordered]


def _reading_key(doc: Document | None):
    position = {block.id: i for i, block in enumerate(doc.blocks)} if doc is not None else {}

    def key(annotation: Annotation) -> tuple:
        place = position.get(annotation.block)
        return (annotation.detached or place is None, place if place is not None else 0,
                annotation.start if annotation.start is not None else -1, annotation.created)

    return key
