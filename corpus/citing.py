"""How a reader cites a paragraph: "S/RES/2396 (2017), para. 12", in every copy and export."""

from __future__ import annotations

import re
from datetime import date

from corpus.model import Block, BlockKind, Document


def paragraph_label(block: Block) -> str:
    """"para. 12", "para. 9 (b) (ii)", "preambular paragraph 3", "footnote 5", "annex B, para.
    6 (a)", "part B, para. 1" (a part numbering its paragraphs afresh)."""
    kind = block.kind
    if kind in (BlockKind.OPERATIVE, BlockKind.SUBPARAGRAPH):
        part, _, path = block.id.rpartition(".op") if ".op" in block.id else ("", "", block.id)
        number, *labels = path.removeprefix("op").split(".")
        where = f"part {part}, " if part else ""
        if not number.isdigit():  # a lead-in such as "Resolves:" carries no number
            return f"{where}operative part, “{excerpt(block.text, 30)}”"
        if not (block.number or labels):  # unnumbered: counted, not cited by number
            return f"{where}operative paragraph {number}"
        return f"{where}para. {number}" + "".join(f" ({_printed(label)})" for label in labels)
    if kind == BlockKind.ANNEX_PARAGRAPH:
        annex = f"annex {block.annex}".rstrip()
        path = block.id.split(".", 1)[1] if "." in block.id else ""
        if path.startswith("p") and path[1:].isdigit():
            return f"{annex}, paragraph {path[1:]} (unnumbered)"
        number, *labels = path.split(".")
        return f"{annex}, para. {number}" + "".join(f" ({label})" for label in labels)
    if kind == BlockKind.ANNEX:
        return block.text
    if kind == BlockKind.PART:
        return f"part {block.text}"
    if kind == BlockKind.PREAMBULAR:
        return f"preambular paragraph {block.id.removeprefix('pp')}"
    if kind == BlockKind.FOOTNOTE:
        return f"footnote {block.number}"
    if kind == BlockKind.HEADING:
        return f"heading “{block.text}”"
    return block.id


def _printed(label: str) -> str:
    """A sub-paragraph id's label as printed: "b", "ii"; a dash item ("d2") as its dash."""
    return "–" if label.startswith("d") and label[1:].isdigit() else label


def citation(doc: Document, block: Block) -> str:
    return f"{doc.symbol}, {paragraph_label(block)}"


def excerpt(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, "…" marking the cut:
    how lists, previews and listings quote a paragraph too long to show whole."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def quote_with_citation(doc: Document, block: Block) -> str:
    """What "Copy with citation" puts on the clipboard for a whole paragraph."""
    return f"{citation(doc, block)}: “{block.text}”"


def quote_passage(doc: Document, parts: list[tuple[Block, int, int]]) -> str:
    """What "Copy with citation" puts on the clipboard for selected words: each paragraph's
    words in quotes after its citation, "…" where the paragraph goes on beyond them; one
    line per paragraph the selection touches."""
    lines = []
    for block, start, end in parts:
        start, end = snap_to_words(block.text, start, end)
        words = block.text[start:end]
        lead = "… " if block.text[:start].strip() else ""
        tail = " …" if block.text[end:].strip(" .;,:") else ""
        lines.append(f"{citation(doc, block)}: “{lead}{words}{tail}”")
    return "\n".join(lines)


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` widened to whole words and stripped of the spaces at its ends: a
    selection dragged from inside "Member" to inside "intelligence" takes both words whole,
    so no highlight, quote or export shows "ber States … intelligence t"."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    while start > 0 and text[start - 1].isalnum() and start < len(text) and \
            text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_BLOCK_ID = re.compile(r"(?:([A-Z])\.)?(op|pp|fn)(\d+)((?:\.[a-z]+\d*)*)")
_ANNEX_ID = re.compile(r"annex([A-Z]*|[IVX]+|\d*)\.(\d+)((?:\.[a-z]+)*)")


def short_label(block_id: str) -> str:
    """The compact name lists use where space is short: "OP 12", "OP 9 (b) (ii)", "PP 3",
    "Footnote 4", "B: OP 1", "Annex B 6 (a)"; any other id as it is."""
    if match := _ANNEX_ID.fullmatch(block_id):
        annex, number, labels = match.groups()
        return f"Annex {annex} {number}".replace("  ", " ") + _labels(labels)
    match = _BLOCK_ID.fullmatch(block_id)
    if not match:
        return block_id
    part, kind, number, labels = match.groups()
    if kind == "fn":
        return f"Footnote {number}"
    return (f"{part}: " if part else "") + f"{kind.upper()} {number}" + _labels(labels)


def _labels(dotted: str) -> str:
    return "".join(f" ({_printed(label)})" for label in dotted.split(".") if label)


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
