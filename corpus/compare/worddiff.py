"""Word-level differences between two paragraphs, each classed by what kind of change it is.

A delegation reading a redline wants to know at a glance whether a change is wording (it may
change the meaning) or only case, spelling or punctuation (GASeP / GAsEP, travellers /
travelers, a comma dropped from a list): the latter are shown but marked minor.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from itertools import pairwise
from typing import Literal

from corpus.compare.tokens import Token, spelling_key, tokenize
from corpus.model import Block
from corpus.typesetting import italic_spans


class Change(StrEnum):
    """What a difference is, from least to most significant."""

    CASE = "case"
    SPELLING = "spelling"
    PUNCTUATION = "punctuation"
    WORDING = "wording"


MINOR_CHANGES = frozenset({Change.CASE, Change.SPELLING, Change.PUNCTUATION})

#: How a stretch of one side's text is marked when the two sides are drawn: the comparison
#: view and both exports draw from the same runs.
Mark = Literal["insert", "delete", "minor-insert", "minor-delete"] | None
Run = tuple[str, Mark]
#: A run as drawn: its text, its mark, and whether the document prints it in italics.
StyledRun = tuple[str, Mark, bool]


@dataclass(frozen=True, slots=True)
class Op:
    """One stretch of the two paragraphs: ``equal``, ``delete`` (only in the left text),
    ``insert`` (only in the right) or ``replace``. ``left`` and ``right`` are the stretch as
    printed on each side, spaces included, so a side's ops put together give its text."""

    tag: str
    left: str
    right: str
    change: Change | None = None  # None for equal stretches

    @property
    def minor(self) -> bool:
        return self.change in MINOR_CHANGES

    def to_dict(self) -> dict:
        data = {"op": self.tag, "left": self.left, "right": self.right}
        if self.change is not None:
            data["change"] = self.change.value
        return data


def word_diff(left: str, right: str) -> list[Op]:
    """The word-level edit from ``left`` to ``right``, typography already folded: stretches
    differing only by quotes or spacing come out ``equal``."""
    a, b = tokenize(left), tokenize(right)
    matcher = SequenceMatcher(None, [t.key for t in a], [t.key for t in b], autojunk=False)
    ops = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        change = None if tag == "equal" else classify(a[i1:i2], b[j1:j2])
        ops.append(Op(tag, _join(a[i1:i2]), _join(b[j1:j2]), change))
    return ops


def classify(removed: list[Token], added: list[Token]) -> Change:
    """The least significant kind of change that explains turning ``removed`` into ``added``."""
    removed_words = [t.key for t in removed if t.is_word]
    added_words = [t.key for t in added if t.is_word]
    if removed_words == added_words:
        return Change.PUNCTUATION
    if len(removed_words) != len(added_words):
        return Change.WORDING
    if [w.casefold() for w in removed_words] == [w.casefold() for w in added_words]:
        return Change.CASE
    if [spelling_key(w) for w in removed_words] == [spelling_key(w) for w in added_words]:
        return Change.SPELLING
    return Change.WORDING


def is_minor(ops: list[Op]) -> bool:
    """Whether every difference in ``ops`` is case, spelling or punctuation."""
    return all(op.minor for op in ops if op.tag != "equal")


def _join(tokens: list[Token]) -> str:
    return "".join(t.text for t in tokens)


def side_runs(ops: list[Op], side: str) -> list[Run]:
    """One side's text from the word diff, each stretch with its mark. Leading spaces stay
    unmarked (a struck-through space reads as a stray dash) and neighbouring runs with the
    same mark are merged, so a Word file gets one run per change, not one per word."""
    runs: list[Run] = []
    for op in ops:
        text = op.left if side == "left" else op.right
        _append(runs, text, _mark(op, side))
    return runs


def _mark(op: Op, side: str) -> Mark:
    if op.tag == "equal":
        return None
    if side == "left":
        return "minor-delete" if op.minor else "delete"
    return "minor-insert" if op.minor else "insert"


def _append(runs: list[Run], text: str, mark: Mark) -> None:
    if not text:
        return
    if mark is not None:
        stripped = text.lstrip()
        _append(runs, text[: len(text) - len(stripped)], None)
        text = stripped
        if not text:
            return
    if runs and runs[-1][1] == mark:
        runs[-1] = (runs[-1][0] + text, mark)
    else:
        runs.append((text, mark))


def styled_runs(ops: list[Op], side: str, block: Block) -> list[StyledRun]:
    """``block``'s text as one side of a row draws it: marked by ``ops`` (the whole text
    unmarked when there are none) and cut where its italics begin and end, so the opening
    verb (*Decides*, *Recalling*) stays italic in a redline as it is in the document."""
    runs = side_runs(ops, side) if ops else [(block.text, None)]
    if "".join(text for text, _ in runs) != block.text:  # not this block's text: no offsets
        return [(text, mark, False) for text, mark in runs]
    return _cut_at_italics(runs, italic_spans(block))


def _cut_at_italics(runs: list[Run], italic: list[tuple[int, int]]) -> list[StyledRun]:
    edges = sorted({edge for span in italic for edge in span})
    styled: list[StyledRun] = []
    offset = 0
    for text, mark in runs:
        end = offset + len(text)
        cuts = [offset, *(e for e in edges if offset < e < end), end]
        for a, b in pairwise(cuts):
            slanted = any(start <= a < stop for start, stop in italic)
            styled.append((text[a - offset:b - offset], mark, slanted))
        offset = end
    return styled
