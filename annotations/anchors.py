"""Finding an annotation's place again after the document it points into has changed.

A parser fix can renumber paragraphs or mend a word; a re-imported text can gain a paragraph.
Offsets that fitted the old text may then point at the wrong words. Each annotation carries its
quote and a little context on either side (annotations/model.py), so its place is looked for in
this order:

1. the stored offsets still cover the quote: nothing to do;
2. the quote, exactly, elsewhere: every occurrence in its paragraph, and every one in another
   paragraph that has most of the stored context around it, is scored by how much context
   agrees, with a preference for the same paragraph and nearby offsets;
3. the quote nearly (a mended word, changed punctuation): in the same paragraph, then in any
   paragraph, a stretch matching at least ``FUZZY_RATIO`` of its characters in order;

and an annotation none of these places is marked detached, never dropped: the reader sees it
listed, and a later change (the paragraph coming back) can re-attach it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from annotations.model import CONTEXT_CHARS, Annotation, context
from corpus.model import PARAGRAPH_KINDS, Block, BlockKind, Document

#: Share of a quote's characters that must be found, in order, for a near match to count.
FUZZY_RATIO = 0.85
#: A bookmark follows its paragraph's text to another id when the texts are this similar.
BOOKMARK_RATIO = 0.8
#: Share of the stored context that must surround an exact occurrence in another paragraph.
CONTEXT_AGREEMENT = 0.8
#: A bookmark stays on its own paragraph, however revised, while this much of its text remains.
BOOKMARK_KEPT_RATIO = 0.5
#: Quotes shorter than this are only looked for near match in their own paragraph: a short
#: phrase nearly matches too many places elsewhere.
FUZZY_MIN_ELSEWHERE = 20
#: Kinds a highlight can sit in: paragraphs, and the headings and closing lines a reader can
#: select too.
ANCHOR_KINDS = PARAGRAPH_KINDS | {BlockKind.HEADING, BlockKind.INTRO, BlockKind.CLOSING}


@dataclass
class Reanchoring:
    """What re-anchoring did: annotations whose place changed, newly detached ones, and ones
    that were detached and found their place again (both kinds are in ``changed`` too)."""

    changed: list[Annotation] = field(default_factory=list)
    detached: list[Annotation] = field(default_factory=list)
    reattached: list[Annotation] = field(default_factory=list)

    def line(self) -> str:
        moved = len(self.changed) - len(self.detached) - len(self.reattached)
        parts = [f"{moved} moved"] if moved else []
        if self.reattached:
            parts.append(f"{len(self.reattached)} found again")
        if self.detached:
            parts.append(f"{len(self.detached)} detached (their text is no longer there)")
        return ", ".join(parts) or "every annotation is in place"


def fits(annotation: Annotation, doc: Document) -> bool:
    """Whether the annotation's stored place still holds what it quotes."""
    block = doc.block(annotation.block)
    if block is None:
        return False
    if annotation.is_bookmark:
        return block.text == annotation.quote or not annotation.quote
    return block.text[annotation.start:annotation.end] == annotation.quote


def reanchor(annotation: Annotation, doc: Document) -> Annotation:
    """The annotation at its place in ``doc``: unchanged if it fits, moved, or detached."""
    if fits(annotation, doc):
        return replace(annotation, detached=False) if annotation.detached else annotation
    place = (_bookmark_place(annotation, doc) if annotation.is_bookmark
             else _highlight_place(annotation, doc))
    if place is None:
        return annotation if annotation.detached else replace(annotation, detached=True)
    block, start, end = place
    if annotation.is_bookmark:
        return replace(annotation, block=block.id, quote=block.text, detached=False)
    prefix, suffix = context(block.text, start, end)
    return replace(annotation, block=block.id, start=start, end=end,
                   quote=block.text[start:end], prefix=prefix, suffix=suffix, detached=False)


def reanchor_document(annotations: Iterable[Annotation], doc: Document) -> Reanchoring:
    """Re-anchor a document's annotations; only those whose stored form changes are reported,
    so the caller writes nothing when the document did not change."""
    result = Reanchoring()
    for annotation in annotations:
        placed = reanchor(annotation, doc)
        if placed == annotation:
            continue
        result.changed.append(placed)
        if placed.detached:
            result.detached.append(placed)
        elif annotation.detached:
            result.reattached.append(placed)
    return result


# --- highlights ------------------------------------------------------------------------------

def _candidates(annotation: Annotation, doc: Document) -> list[Block]:
    """Blocks to look in: the annotation's own first (if it still exists), then the rest."""
    blocks = [b for b in doc.blocks if b.kind in ANCHOR_KINDS]
    return sorted(blocks, key=lambda b: b.id != annotation.block)


def _highlight_place(annotation: Annotation, doc: Document) -> tuple[Block, int, int] | None:
    quote = annotation.quote
    if not quote:
        return None
    blocks = _candidates(annotation, doc)
    best: tuple[float, Block, int] | None = None
    for block in blocks:
        start = block.text.find(quote)
        while start != -1:
            end = start + len(quote)
            if block.id == annotation.block or _context_agrees(annotation, block, start, end):
                score = _context_score(annotation, block, start, end)
                if best is None or score > best[0]:
                    best = (score, block, start)
            start = block.text.find(quote, start + 1)
    if best is not None:
        return best[1], best[2], best[2] + len(quote)
    for block in blocks:
        if block.id != annotation.block and len(quote) < FUZZY_MIN_ELSEWHERE:
            break
        span = _near_match(quote, block.text)
        if span is not None:
            return block, *span
    return None


def _context_score(annotation: Annotation, block: Block, start: int, end: int) -> float:
    """How well an occurrence's surroundings match the stored context: characters of context
    that agree on each side, plus a bonus for staying in the same paragraph near the old place."""
    score: float = _agreement(annotation, block, start, end)
    if block.id == annotation.block:
        score += CONTEXT_CHARS / 2
        if annotation.start is not None:
            score -= min(abs(start - annotation.start), 1000) / 1000
    return score


def _context_agrees(annotation: Annotation, block: Block, start: int, end: int) -> bool:
    """Whether an occurrence in *another* paragraph has the annotation's surroundings: most of
    the stored context on either side. Common words ("Decides that") occur in many paragraphs;
    only their context says the paragraph moved rather than that its words are gone."""
    stored = len(annotation.prefix) + len(annotation.suffix)
    if not stored:  # the quote was the whole paragraph: finding it whole is enough
        return True
    return _agreement(annotation, block, start, end) >= CONTEXT_AGREEMENT * stored


def _agreement(annotation: Annotation, block: Block, start: int, end: int) -> int:
    """Characters of the stored context found next to an occurrence, on both sides."""
    before, after = context(block.text, start, end)
    return _common_suffix(before, annotation.prefix) + _common_prefix(after, annotation.suffix)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def _near_match(quote: str, text: str) -> tuple[int, int] | None:
    """The stretch of ``text`` that holds most of ``quote`` in order, if it holds enough.

    SequenceMatcher's matching blocks give the quote's characters found in order; the stretch
    runs from the first found character to the last, and is accepted only if it is about the
    quote's length (so scattered letters across a paragraph do not count)."""
    if not text:
        return None
    matcher = SequenceMatcher(None, quote, text, autojunk=False)
    if matcher.quick_ratio() * (len(quote) + len(text)) / 2 < FUZZY_RATIO * len(quote):
        return None
    blocks = [m for m in matcher.get_matching_blocks() if m.size]
    if not blocks:
        return None
    found = sum(m.size for m in blocks)
    start, end = blocks[0].b, blocks[-1].b + blocks[-1].size
    if found < FUZZY_RATIO * len(quote) or not (
            FUZZY_RATIO * len(quote) <= end - start <= len(quote) / FUZZY_RATIO):
        return None
    return start, end


# --- bookmarks -------------------------------------------------------------------------------

def _bookmark_place(annotation: Annotation, doc: Document) -> tuple[Block, int, int] | None:
    """A bookmark's paragraph: the one with the same text, else the most similar one, else
    its own number if what stands there now still shares half its wording."""
    blocks = _candidates(annotation, doc)
    for block in blocks:
        if block.text == annotation.quote:
            return block, 0, 0
    best: tuple[float, Block] | None = None
    for block in blocks:
        matcher = SequenceMatcher(None, annotation.quote, block.text, autojunk=False)
        if matcher.real_quick_ratio() < BOOKMARK_RATIO or matcher.quick_ratio() < BOOKMARK_RATIO:
            continue
        ratio = matcher.ratio()
        if ratio >= BOOKMARK_RATIO and (best is None or ratio > best[0]):
            best = (ratio, block)
    if best is not None:
        return best[1], 0, 0
    own = next((b for b in blocks if b.id == annotation.block), None)
    if own is not None and SequenceMatcher(None, annotation.quote, own.text,
                                           autojunk=False).ratio() >= BOOKMARK_KEPT_RATIO:
        return own, 0, 0  # much revised, but still the paragraph under that number
    return None


# --- a place named by the reader ---------------------------------------------------------------

class PlaceError(ValueError):
    """A paragraph or quote that is not where the reader said; the message says what is."""


def find_place(documents: Iterable[Document], key: str,
               quote: str | None = None) -> tuple[Document, Block, int | None, int | None]:
    """The document, paragraph and (with ``quote``) the quote's range named by
    ``"SYMBOL#block"``, as the command line takes them. The first occurrence of a quote that
    occurs twice is taken: the reader can quote more words to choose another."""
    symbol, _, block_id = key.rpartition("#")
    docs = {doc.symbol: doc for doc in documents}
    if not symbol or not block_id:
        raise PlaceError(f"{key!r} does not name a paragraph: write it as "
                         "\"S/RES/2396 (2017)#op12\"")
    doc = docs.get(symbol)
    if doc is None:
        raise PlaceError(f"{symbol!r} is not in the library; it has {', '.join(docs)}")
    block = doc.block(block_id)
    if block is None or block.kind not in ANCHOR_KINDS:
        ids = [b.id for b in doc.blocks if b.kind in PARAGRAPH_KINDS]
        raise PlaceError(f"{symbol} has no paragraph {block_id!r}; its paragraphs run "
                         f"{ids[0]} … {ids[-1]}" if ids else f"{symbol} has no paragraphs")
    if quote is None:
        return doc, block, None, None
    start = block.text.find(quote) if quote.strip() else -1
    if start == -1:
        raise PlaceError(f"the words {quote!r} are not in {symbol} {block_id}, which reads: "
                         f"“{block.text[:200]}{'…' if len(block.text) > 200 else ''}”")
    return doc, block, start, start + len(quote)
