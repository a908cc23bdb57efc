"""How a paragraph is set on the page: the number printed before it, how deep it is indented
and where its text is italic. The document view, the comparison's table and redline, the
exports and the printed page all set paragraphs this way, so they share these rules."""

from __future__ import annotations

from corpus.model import Block, BlockKind, Document


def number_label(block: Block) -> str:
    """A paragraph's number as printed before its text: "12.", "(a)", "(ii)", a dash for a
    dash item, "" for a paragraph without one."""
    if block.kind == BlockKind.SUBPARAGRAPH or (
            block.kind == BlockKind.ANNEX_PARAGRAPH and block.parent):
        return "–" if block.number in ("–", None) else f"({block.number})"
    if block.kind in (BlockKind.OPERATIVE, BlockKind.ANNEX_PARAGRAPH) and block.number:
        return f"{block.number}."
    return ""


def depths(doc: Document) -> dict[str, int]:
    """How deep each sub-paragraph or lettered annex item sits: 1 under its paragraph, 2 for
    "(i)" under "(a)" (op9.b.ii), so each level is indented as the official text is."""
    by_id = {block.id: block for block in doc.blocks}
    levels: dict[str, int] = {}
    for block in doc.blocks:
        if block.parent and block.parent in by_id:
            levels[block.id] = levels.get(block.parent, 0) + 1
    return levels


def italic_spans(block: Block) -> list[tuple[int, int]]:
    """Where ``block``'s text is italic, as ``[start, end)`` offsets in order: its emphasis,
    and its opening verb or phrase, which a PDF text has no italics to show but the printed
    resolution sets in italics."""
    size = len(block.text)
    spans = [(max(0, s.start), min(size, s.end)) for s in block.emphasis]
    if block.verb and block.text.startswith(block.verb):
        spans.append((0, len(block.verb)))
    return merged_spans(spans)


def merged_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``[start, end)`` spans in order, overlapping or touching ones joined, empty ones
    dropped."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[0] < s[1]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
