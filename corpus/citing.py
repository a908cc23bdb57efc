"""How a reader cites a paragraph: "S/RES/2396 (2017), para. 12", in every copy and export."""

from __future__ import annotations

import re
from datetime import date

from corpus.model import Block, BlockKind, Document


def paragraph_label(block: Block) -> str:
    """"para. 12", "para. 9 (a)", "preambular paragraph 3", "footnote 5"."""
    if block.kind == BlockKind.OPERATIVE:
        return f"para. {block.number}"
    if block.kind == BlockKind.SUBPARAGRAPH and block.parent:
        return f"para. {block.parent.removeprefix('op')} ({block.number})"
    if block.kind == BlockKind.PREAMBULAR:
        return f"preambular paragraph {block.id.removeprefix('pp')}"
    if block.kind == BlockKind.FOOTNOTE:
        return f"footnote {block.number}"
    if block.kind == BlockKind.HEADING:
        return f"heading “{block.text}”"
    return block.id


def citation(doc: Document, block: Block) -> str:
    return f"{doc.symbol}, {paragraph_label(block)}"


def excerpt(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, "…" marking the cut:
    how lists, previews and listings quote a paragraph too long to show whole."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def quote_with_citation(doc: Document, block: Block) -> str:
    """What "Copy with citation" puts on the clipboard."""
    return f"{citation(doc, block)}: “{block.text}”"


_BLOCK_ID = re.compile(r"(op|pp|fn)(\d+)(?:\.([a-z]))?")


def short_label(block_id: str) -> str:
    """The compact name lists use where space is short: "OP 12", "OP 9 (a)", "PP 3",
    "Footnote 4"; any other id as it is."""
    match = _BLOCK_ID.fullmatch(block_id)
    if not match:
        return block_id
    kind, number, letter = match.groups()
    if kind == "fn":
        return f"Footnote {number}"
    return f"{kind.upper()} {number}" + (f" ({letter})" if letter else "")


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def format_date(iso: str) -> str:
    """ "2017-12-21" -> "21 December 2017", as UN documents write it. Month names are spelled
    out here rather than taken from the locale, which a Qt application changes."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
