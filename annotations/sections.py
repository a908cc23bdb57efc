"""What every annotations export shows: documents in library order, each headed by its symbol,
title and subject, with its annotations in reading order, each annotation with its citation,
its words in their sentence (``annotations.context``), its note, tags, date and colour; or the
same items grouped under each tag (``by_tag``).

Apart from the writers so that the Markdown, the page, the table, the Word file and the JSON
draw one description and never disagree on what an annotation says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from annotations.context import Context, context_of
from annotations.model import Annotation, by_document, citation_of
from corpus.citing import excerpt, format_date
from corpus.model import Block, Document

#: How long a bookmarked paragraph is quoted where a reader reads (not in CSV or JSON).
BOOKMARK_QUOTE_CHARS = 300
DETACHED = "detached: no longer found in the text"
UNTAGGED = "Untagged"


@dataclass(frozen=True)
class Item:
    annotation: Annotation
    citation: str
    quote: str  # the highlighted words, or the whole bookmarked paragraph
    date: str  # "24 November 2026", when the annotation was last changed
    #: The highlighted words in their sentence; None for a bookmark (its paragraph is all)
    context: Context | None = None

    @property
    def short_quote(self) -> str:
        """The quote as a reader sees it: a bookmarked paragraph cut at a word boundary."""
        if self.annotation.is_bookmark:
            return excerpt(self.quote.strip(), BOOKMARK_QUOTE_CHARS)
        return self.quote.strip()

    @property
    def passage(self) -> Context:
        """What a reader reads: a highlight's words marked in their sentence, a bookmarked
        paragraph (cut) with nothing marked."""
        if self.annotation.is_bookmark:
            return Context.plain(self.short_quote)
        return self.context or Context.alone(self.quote)

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
    """One heading's items: a document's annotations (``document`` None when the library
    lacks it), or with ``tag`` set those of one tag ("" for the untagged), from every
    document."""

    symbol: str
    document: Document | None
    items: list[Item]
    tag: str | None = None

    @property
    def heading(self) -> str:
        """"S/RES/2396 (2017) — Threats to international peace and security caused by
        terrorist acts: returning and relocating foreign terrorist fighters", or the tag."""
        if self.tag is not None:
            return self.tag or UNTAGGED
        described = describe(self.document) if self.document is not None else ""
        return f"{self.symbol} — {described}" if described else self.symbol

    @property
    def meta(self) -> str:
        """"Security Council, 8148th meeting, 21 December 2017", or what a tag gathers."""
        if self.tag is not None:
            symbols = {item.annotation.symbol for item in self.items}
            return (f"{_plural(len(self.items), 'annotation')} in "
                    f"{_plural(len(symbols), 'document')}")
        if self.document is None:
            return "Not in the library"
        doc = self.document
        return ", ".join(part for part in (doc.body, doc.meeting, format_date(doc.date)) if part)


def describe(doc: Document) -> str:
    """A document's title and subject as one line, as UN lists write them: "Threats to
    international peace and security caused by terrorist acts: returning and relocating
    foreign terrorist fighters". The subject's first word loses its capital only when the
    document itself writes that word in lower case (so "Iraq" or "Somalia" keeps it)."""
    title, subject = one_line(doc.title or ""), one_line(doc.subject or "")
    if not subject or subject.casefold() in title.casefold():
        return title
    if not title or subject.casefold().startswith(title.casefold()):
        return subject
    first = subject.split(" ", 1)[0]
    if first[:1].isupper() and first[1:].islower() and first.isalpha() and re.search(
            rf"\b{re.escape(first.lower())}\b", " ".join(b.text for b in doc.blocks)):
        subject = first.lower() + subject[len(first):]
    return f"{title.rstrip(' .:')}: {subject}"


def sections(annotations: Iterable[Annotation], documents: Iterable[Document]) -> list[Section]:
    """The annotations as every export lists them, by document."""
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
            block = None if annotation.detached else blocks.get(annotation.block)
            quote, context = annotation.quote, None
            if annotation.is_bookmark and block is not None:
                quote = block.text  # the paragraph as it reads now
            elif not annotation.is_bookmark:
                context = in_sentence(annotation, block)
            items.append(Item(annotation, citations[key], quote, local_date(annotation.updated),
                              context))
        result.append(Section(group.symbol, doc, items))
    return result


def in_sentence(annotation: Annotation, block: Block | None) -> Context:
    """A highlight's words in their sentence; the words alone when its paragraph is not at
    hand (not in the library, detached) or no longer holds them."""
    if block is None or annotation.start is None or annotation.end is None:
        return Context.alone(annotation.quote)
    start, end = annotation.start, annotation.end
    if block.text[start:end] != annotation.quote:  # not re-anchored yet: look for the words
        start = block.text.find(annotation.quote) if annotation.quote.strip() else -1
        if start < 0:
            return Context.alone(annotation.quote)
        end = start + len(annotation.quote)
    return context_of(block.text, start, end)


def by_tag(listed: list[Section]) -> list[Section]:
    """The same items under each of their tags instead of by document: tags in alphabetical
    order (an item with two tags under both), the untagged last; within a tag, documents in
    library order and each in reading order, as ``listed`` has them."""
    tagged: dict[str, list[Item]] = {}
    untagged: list[Item] = []
    for section in listed:
        for item in section.items:
            for tag in item.annotation.tags:
                tagged.setdefault(tag, []).append(item)
            if not item.annotation.tags:
                untagged.append(item)
    result = [Section("", None, tagged[tag], tag=tag) for tag in sorted(tagged, key=str.casefold)]
    if untagged:
        result.append(Section("", None, untagged, tag=""))
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
    """"12 annotations in 3 documents, exported on 24 November 2026" (", under 4 tags" when
    grouped by tag: an annotation under two tags is still one)."""
    annotations = {item.annotation.id: item.annotation
                   for section in sections for item in section.items}
    symbols = {annotation.symbol for annotation in annotations.values()}
    today = format_date(date.today().isoformat())
    tags = [section for section in sections if section.tag]
    under = f", under {_plural(len(tags), 'tag')}" if tags else ""
    return (f"{_plural(len(annotations), 'annotation')} in {_plural(len(symbols), 'document')}"
            f"{under}, exported on {today}")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def one_line(text: str) -> str:
    """A title or heading on one line, its runs of whitespace (line breaks) one space each."""
    return " ".join(text.split())
