"""A comparison as plain text for the terminal: one line per row, the changes spelt out."""

from __future__ import annotations

from corpus.citing import excerpt, short_label
from corpus.compare import Comparison, Row, Status, row_label

MARKS = {Status.SAME: "=", Status.CHANGED: "~", Status.ADDED: "+", Status.REMOVED: "-",
         Status.MOVED: ">"}
COLUMN = 14
#: Longest stretch of changed text quoted in a listing line.
QUOTE_CHARS = 60


def compare_listing(comparison: Comparison, *, changes_only: bool = False) -> str:
    """The aligned rows, one a line: ``~ OP 44   OP 44   wording: -"principle" +"principal"``."""
    lines = [f"  {comparison.left.symbol:<{COLUMN}} {comparison.right.symbol}"]
    for row in comparison.rows:
        if changes_only and row.status == Status.SAME:
            continue
        left = short_label(row.left) if row.left else ""
        right = short_label(row.right) if row.right else ""
        lines.append(f"{MARKS[row.status]} {left:<{COLUMN}} {right:<{COLUMN}}"
                     f"{_detail(row)}".rstrip())
    lines.append("")
    lines.append(f"{comparison.summary_line()}.")
    lines.append(f"Ignored: {'; '.join(comparison.summary()['ignored'])}.")
    return "\n".join(lines)


def _detail(row: Row) -> str:
    label = row_label(row, "left") or row_label(row, "right")
    changes = [op for op in row.ops if op.tag != "equal"]
    if not changes:
        return label
    kind = "minor" if row.minor else "wording"
    quoted = " ".join(_quote(op.left, "-") + _quote(op.right, "+") for op in changes)
    return " ".join(part for part in (label, f"{kind}:", quoted) if part)


def _quote(text: str, sign: str) -> str:
    text = " ".join(text.split())
    if not text:
        return ""
    return f'{sign}"{excerpt(text, QUOTE_CHARS)}" '
