"""What every annotations export shows: documents in library order, each with its annotations
in reading order, each annotation with its citation, the words it quotes, its note, tags, date
and colour.

Apart from the writers so that the Markdown, the page, the table, the Word file and the JSON
draw one description and never disagree on what an annotation says.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from annotations.model import Annotation, by_document, citation_of
from corpus.citing import excerpt, format_date
from corpus.model import Block, Document

#: How long a bookmarked paragraph is quoted where a reader reads (not in CSV or JSON).
BOOKMARK_QUOTE_CHARS = 300
DETACHED = "detached: no longer found in the text"


@dataclass(frozen=True)
class Item:
    annotation: Annotation
    citation: str
    quote: str  # the highlighted words, or the whole bookmarked paragraph
    date: str  # "24 November 2026", when the annotation was last changed

    @property
    def short_quote(self) -> str:
        """The quote as a reader sees it: a bookmarked paragraph cut at a word boundary."""
        if self.annotation.is_bookmark:
            return excerpt(self.quote.strip(), BOOKMARK_QUOTE_CHARS)
        return self.quote.strip()

    @property
    def kind(self) -> str:
        """"Bookmark", or "Yellow highlight"."""
        if self.annotation.is_bookmark:
            return "Bookmark"
        return f"{self.annotation.color.capitalize()} highlight"

    @property
    def details(self) -> str:
        """"Tags: drafting, PNR · Yellow highlight · 24 November 2026"."""
        tags = "Tags: " + ", ".join(self.annotation.tags) if self.annotation.tags else ""
        return " · ".join(part for part in (tags, self.kind, self.date) if part)


@dataclass(frozen=True)
class Section:
    """One document's annotations; ``document`` is None when the library lacks it."""

    symbol: str
    document: Document | None
    items: list[Item]

    @property
    def heading(self) -> str:
        """"S/RES/2396 (2017) — Threats to international peace …"."""
        if self.document is None or not self.document.title:
            return self.symbol
        return f"{self.symbol} — {one_line(self.document.title)}"

    @property
    def meta(self) -> str:
        if self.document is None:
            return "Not in the library"
        return format_date(self.document.date)


def sections(annotations: Iterable[Annotation], documents: Iterable[Document]) -> list[Section]:
    """The annotations as every export lists them."""
    result = []
    for group in by_document(annotations, documents):
        doc = group.document
        blocks: dict[str, Block] = {b.id: b for b in doc.blocks} if doc is not None else {}
        citations: dict[tuple[str, bool], str] = {}  # Document.block is a linear search
        items = []
        for annotation in group.annotations:
            key = (annotation.block, annotation.detached)
            if key not in citations:
                citations[key] = citation_of(annotation, doc)
            block = blocks.get(annotation.block)
            quote = annotation.quote
            if annotation.is_bookmark and block is not None and not annotation.detached:
                quote = block.text  # the paragraph as it reads now
            items.append(Item(annotation, citations[key], quote, local_date(annotation.updated)))
        result.append(Section(group.symbol, doc, items))
    return result


def local_date(stamp: str) -> str:
    """The day a UTC timestamp falls on where the reader is, as the Notes list shows it."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return format_date(stamp[:10])
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return format_date(moment.date().isoformat())


def summary_line(sections: list[Section]) -> str:
    """"12 annotations in 3 documents, exported on 24 November 2026"."""
    items = sum(len(section.items) for section in sections)
    today = format_date(date.today().isoformat())
    return (f"{_plural(items, 'annotation')} in {_plural(len(sections), 'document')}, "
            f"exported on {today}")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def one_line(text: str) -> str:
    """A title or heading on one line, its runs of whitespace (line breaks) one space each."""
    return " ".join(text.split())
