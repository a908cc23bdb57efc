"""Side-by-side comparison of two documents: aligned rows, word-level differences, a summary.

``compare_documents(left, right)`` is what the comparison view, its exports and
``main.py compare`` all call. Rows come in reading order for both documents at once: walking
the rows gives each document's paragraphs in their own order, so two panes built from the rows
scroll together with matching paragraphs level.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol, TypeVar

from corpus.citing import short_label
from corpus.compare.align import Unit, align
from corpus.compare.tokens import TYPOGRAPHY_FOLDED
from corpus.compare.worddiff import Op, is_minor, word_diff
from corpus.model import Block, BlockKind, Document

#: Blocks that are the document's furniture, not its text: each pane shows them in its header.
NOT_COMPARED = frozenset({BlockKind.TITLE, BlockKind.NOTE})
_PARAGRAPHS = frozenset({BlockKind.PREAMBULAR, BlockKind.OPERATIVE, BlockKind.SUBPARAGRAPH})


class Status(StrEnum):
    SAME = "same"
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"


@dataclass
class Row:
    """One line of the comparison. ``left``/``right`` are block ids; either may be None (the
    paragraph faces a gap). A moved paragraph has two rows, one at each place, each naming the
    other in ``partner``; a split (merged) paragraph repeats its left (right) block id on the
    row of each further piece, with ``relation`` saying so."""

    left: str | None
    right: str | None
    status: Status
    similarity: float
    ops: list[Op] = field(default_factory=list)
    minor: bool = False
    relation: str | None = None  # "split", "merged", "moved-to", "moved-from"
    partner: str | None = None

    @property
    def is_change(self) -> bool:
        return self.status != Status.SAME

    def to_dict(self) -> dict:
        data = {"left": self.left, "right": self.right, "status": self.status.value,
                "similarity": round(self.similarity, 3),
                "ops": [op.to_dict() for op in self.ops]}
        if self.minor:
            data["minor"] = True
        if self.relation:
            data["relation"] = self.relation
        if self.partner:
            data["partner"] = self.partner
        return data


@dataclass
class Comparison:
    left: Document
    right: Document
    rows: list[Row]
    #: Rows whose raw texts differ only in what typography folding ignores.
    typography_only: int = 0

    def counts(self) -> Counter:
        counts = Counter(row.status.value for row in self.rows)
        counts[Status.MOVED.value] //= 2  # one move, two rows
        counts["minor"] = sum(1 for row in self.rows if row.minor)
        counts["split"] = sum(1 for row in self.rows if row.relation == "split")
        counts["merged"] = sum(1 for row in self.rows if row.relation == "merged")
        return counts

    def summary(self) -> dict:
        counts = self.counts()
        return {
            "left": self.left.symbol, "right": self.right.symbol,
            **{status.value: counts[status.value] for status in Status},
            "minor": counts["minor"], "split": counts["split"], "merged": counts["merged"],
            "ignored": list(TYPOGRAPHY_FOLDED),
            "typography_only": self.typography_only,
        }

    def summary_line(self) -> str:
        """The summary in a sentence, as the view and the terminal listing show it."""
        counts = self.counts()
        parts = [f"{counts['same']} identical",
                 f"{counts['changed']} changed" + (f" ({counts['minor']} minor)"
                                                   if counts["minor"] else ""),
                 f"{counts['added']} added", f"{counts['removed']} removed",
                 f"{counts['moved']} moved"]
        return ", ".join(parts)

    def to_dict(self) -> dict:
        return {"rows": [row.to_dict() for row in self.rows], "summary": self.summary()}


def compared_blocks(doc: Document) -> list[Block]:
    return [b for b in doc.blocks if b.kind not in NOT_COMPARED]


def compare_documents(left: Document, right: Document) -> Comparison:
    """Align ``left`` and ``right`` paragraph by paragraph and diff each aligned pair."""
    a, b = compared_blocks(left), compared_blocks(right)
    units_a = [Unit.of(i, _group(block), block.text) for i, block in enumerate(a)]
    units_b = [Unit.of(j, _group(block), block.text) for j, block in enumerate(b)]
    found = align(units_a, units_b)

    typography_only = 0
    paired: dict[int, Row] = {}  # by left index
    for i, j, score in found.pairs:
        ops = word_diff(a[i].text, b[j].text)
        changed = any(op.tag != "equal" for op in ops)
        typography_only += not changed and a[i].text != b[j].text
        paired[i] = Row(a[i].id, b[j].id, Status.CHANGED if changed else Status.SAME, score,
                        ops if changed else [], minor=changed and is_minor(ops))
    moved_from = {i: (j, s) for i, j, s in found.moved}
    moved_to = {j: (i, s) for i, j, s in found.moved}

    def left_only(i: int) -> Row:
        if i in moved_from:
            j, s = moved_from[i]
            return Row(a[i].id, None, Status.MOVED, s, relation="moved-to", partner=b[j].id)
        if i in found.merged:
            j, s = found.merged[i]
            return Row(a[i].id, b[j].id, Status.CHANGED, s, relation="merged")
        return Row(a[i].id, None, Status.REMOVED, 0.0)

    def right_only(j: int) -> Row:
        if j in moved_to:
            i, s = moved_to[j]
            return Row(None, b[j].id, Status.MOVED, s, word_diff(a[i].text, b[j].text),
                       relation="moved-from", partner=a[i].id)
        if j in found.split:
            i, s = found.split[j]
            return Row(a[i].id, b[j].id, Status.CHANGED, s, relation="split")
        return Row(None, b[j].id, Status.ADDED, 0.0)

    rows: list[Row] = []
    i = j = 0
    for pi, pj, _ in [*found.pairs, (len(a), len(b), 0.0)]:
        rows.extend(left_only(k) for k in range(i, pi))
        rows.extend(right_only(k) for k in range(j, pj))
        if pi < len(a):
            rows.append(paired[pi])
        i, j = pi + 1, pj + 1
    return Comparison(left, right, rows, typography_only)


class Dated(Protocol):
    """What deciding which text came first reads: a Document or a DocumentSummary."""

    @property
    def symbol(self) -> str: ...
    @property
    def date(self) -> str: ...
    @property
    def body(self) -> str: ...
    @property
    def meeting(self) -> str | None: ...
    @property
    def relations(self) -> dict[str, str]: ...


D = TypeVar("D", bound=Dated)


def original_first(a: D, b: D) -> tuple[D, D]:
    """``a`` and ``b`` as a redline reads them: the original (left), then the text it became
    (right). A draft comes before the resolution it became; otherwise the older by date, then
    by meeting of the same body on the same day; ``a`` first when nothing tells them apart.
    Never by the symbols' spelling: a draft's symbol looks like any other document's."""
    if _draft_of(b, a):
        return b, a
    if _draft_of(a, b):
        return a, b
    return (b, a) if _earlier(b, a) else (a, b)


def _draft_of(draft: Dated, adopted: Dated) -> bool:
    return (draft.relations.get("draft_of") == adopted.symbol
            or adopted.relations.get("draft") == draft.symbol)


def _earlier(a: Dated, b: Dated) -> bool:
    """Whether ``a`` is known to come before ``b``. A date may be the year alone ("2015"):
    it is compared by as much as both dates say."""
    known = min(len(a.date), len(b.date))
    if a.date[:known] != b.date[:known]:
        return a.date[:known] < b.date[:known]
    if len(a.date) != len(b.date) or a.body != b.body:
        return False
    first, second = _meeting_number(a.meeting), _meeting_number(b.meeting)
    return first is not None and second is not None and first < second


def _meeting_number(meeting: str | None) -> int | None:
    number = re.match(r"\s*(\d+)", meeting or "")
    return int(number.group(1)) if number else None


def row_label(row: Row, side: str) -> str:
    """What a pane shows beside a row's paragraph when it is not a plain pair: "moved to OP
    12", "split from OP 5"…, for the ``side`` ("left" or "right") being drawn."""
    if row.relation == "moved-to" and side == "left":
        return f"moved to {short_label(row.partner)}"
    if row.relation == "moved-from" and side == "right":
        return f"moved from {short_label(row.partner)}"
    if row.relation == "split" and side == "right":
        return f"split from {short_label(row.left)}"
    if row.relation == "merged" and side == "left":
        return f"merged into {short_label(row.right)}"
    return ""


def _group(block: Block) -> str:
    return "paragraph" if block.kind in _PARAGRAPHS else block.kind.value
