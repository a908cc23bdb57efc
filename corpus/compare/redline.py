"""A comparison as one text with its changes marked, as Word's Compare shows it: a redline.

The side-by-side table reads two texts; a delegation that knows Word's Compare reads one: the
later text's paragraphs in order, insertions underlined, deletions struck through, a moved
paragraph struck where it was and marked where it went, a paragraph added or removed marked
whole. ``build_redline`` turns a Comparison into that text as plain data, so the screen
(reader/compare/redline_render.py), the HTML page and the Word file with real tracked changes
(redline_docx.py) draw the very same runs.

One paragraph per comparison row, in the rows' order: walking them gives each document's
paragraphs in its own order, so keeping what is not deleted gives the later text and keeping
what is not inserted gives the original (``Redline.accepted`` / ``rejected``), exactly as
Accept All and Reject All do in Word. Unchanged stretches are the later text's: typography the
comparison ignores (quotes, spacing) reads as the later text has it on both counts.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import pairwise
from pathlib import Path
from typing import Literal

from corpus.citing import format_date, short_label
from corpus.compare import Comparison, Row, Status
from corpus.compare.tokens import TYPOGRAPHY_FOLDED
from corpus.compare.worddiff import Op
from corpus.files import write_atomically
from corpus.model import Block, BlockKind, Document
from corpus.typesetting import depths, italic_spans, number_label


class RunKind(StrEnum):
    EQUAL = "equal"
    INSERTED = "inserted"  # only in the later text
    DELETED = "deleted"  # only in the original


@dataclass(frozen=True, slots=True)
class RedlineRun:
    """A stretch of a paragraph. ``minor``: a change of case, spelling or punctuation, or a
    paragraph renumbered, which a reader skims past."""

    text: str
    kind: RunKind = RunKind.EQUAL
    italic: bool = False
    minor: bool = False


@dataclass(frozen=True, slots=True)
class Move:
    """A paragraph that changed place. ``direction`` "to": this is where it stood in the
    original (struck through, "moved to OP 12"); "from": where it stands in the later text
    ("moved from OP 7"). ``partner`` is the block id at the other place; ``name`` pairs the
    two places (Word's move name)."""

    direction: Literal["to", "from"]
    partner: str
    name: str

    @property
    def label(self) -> str:
        return f"moved {self.direction} {short_label(self.partner)}"


@dataclass(frozen=True)
class RedlineParagraph:
    """One paragraph of the redline, for comparison row ``row``. ``left``/``right`` are the
    block ids it shows of each text (either may be None); ``number`` its printed number
    ("12.", "(a)") as runs, a renumbering being a change too; ``whole`` INSERTED or DELETED
    when the paragraph itself is new or gone (added, removed, a place a move left or
    reached), which Word marks on the paragraph's mark as well; ``label`` what the margin says
    ("changed", "moved from OP 7", "" when unchanged)."""

    row: int
    status: Status
    kind: BlockKind
    left: str | None
    right: str | None
    number: list[RedlineRun]
    runs: list[RedlineRun]
    label: str = ""
    depth: int = 0
    whole: RunKind | None = None
    move: Move | None = None

    @property
    def is_change(self) -> bool:
        return self.status != Status.SAME

    @property
    def block_id(self) -> str:
        """The paragraph's id in the text it shows: the later one's, else the original's."""
        return self.right or self.left or ""

    def text(self, keep: RunKind | None = None) -> str:
        """The paragraph as plain text, number and tab first: with ``keep`` INSERTED, its
        changes accepted; DELETED, rejected; None, everything it shows."""
        drop = {RunKind.INSERTED: RunKind.DELETED, RunKind.DELETED: RunKind.INSERTED}.get(keep)
        number = "".join(r.text for r in self.number if r.kind != drop)
        body = "".join(r.text for r in self.runs if r.kind != drop)
        return f"{number}\t{body}" if number else body


@dataclass
class Redline:
    original: Document
    revised: Document
    paragraphs: list[RedlineParagraph] = field(default_factory=list)
    summary: str = ""

    @property
    def title(self) -> str:
        return f"Changes from {self.original.symbol} to {self.revised.symbol}"

    def accepted(self) -> list[str]:
        """The paragraphs with every change accepted: the later text."""
        return [p.text(RunKind.INSERTED) for p in self.paragraphs
                if p.whole != RunKind.DELETED]

    def rejected(self) -> list[str]:
        """The paragraphs with every change rejected: the original."""
        return [p.text(RunKind.DELETED) for p in self.paragraphs
                if p.whole != RunKind.INSERTED]


def build_redline(comparison: Comparison) -> Redline:
    """The comparison as one marked text, a paragraph per row."""
    left = {b.id: b for b in comparison.left.blocks}
    right = {b.id: b for b in comparison.right.blocks}
    levels = {**depths(comparison.left), **depths(comparison.right)}
    moves: dict[tuple[str, str], str] = {}  # (original id, later id) -> move name
    paragraphs = []
    for n, row in enumerate(comparison.rows):
        paragraphs.append(_paragraph(n, row, left, right, levels, moves))
    return Redline(comparison.left, comparison.right, paragraphs, comparison.summary_line())


def _paragraph(n: int, row: Row, left: dict[str, Block], right: dict[str, Block],
               depths: dict[str, int], moves: dict[tuple[str, str], str]) -> RedlineParagraph:
    original = left.get(row.left) if row.left else None
    later = right.get(row.right) if row.right else None

    def make(block: Block, number: list[RedlineRun], runs: list[RedlineRun], label: str = "",
             whole: RunKind | None = None, move: Move | None = None,
             ids: tuple[str | None, str | None] = (row.left, row.right)) -> RedlineParagraph:
        return RedlineParagraph(n, row.status, block.kind, *ids, number, _merged(runs), label,
                                depths.get(block.id, 0), whole, move)

    if row.relation == "split" and later is not None:  # a further piece of a paragraph cut
        return make(later, _whole_number(later, RunKind.INSERTED),
                    _whole(later, RunKind.INSERTED), f"split from {short_label(row.left)}",
                    RunKind.INSERTED, ids=(None, row.right))
    if row.relation == "merged" and original is not None:  # joined to the paragraph before
        return make(original, _whole_number(original, RunKind.DELETED),
                    _whole(original, RunKind.DELETED), f"merged into {short_label(row.right)}",
                    RunKind.DELETED, ids=(row.left, None))
    if row.status == Status.MOVED and row.partner:
        pair = (row.left, row.partner) if original is not None else (row.partner, row.right)
        name = moves.setdefault(pair, f"move{len(moves) + 1}")
        if original is not None:  # the place it left
            move = Move("to", row.partner, name)
            return make(original, _whole_number(original, RunKind.DELETED),
                        _whole(original, RunKind.DELETED), move.label, RunKind.DELETED, move)
        if later is not None:  # the place it reached, with whatever changed on the way
            move = Move("from", row.partner, name)
            before = left.get(row.partner)
            return make(later, _number_runs(before, later), _diff_runs(row.ops, before, later),
                        move.label, RunKind.INSERTED, move)
    if later is not None and original is None:
        return make(later, _whole_number(later, RunKind.INSERTED),
                    _whole(later, RunKind.INSERTED), "added", RunKind.INSERTED)
    if original is not None and later is None:
        return make(original, _whole_number(original, RunKind.DELETED),
                    _whole(original, RunKind.DELETED), "removed", RunKind.DELETED)
    if original is None or later is None:  # a row naming blocks neither document has
        raise ValueError(f"comparison row {n} names no paragraph of either document")
    label = "" if row.status == Status.SAME else ("minor change" if row.minor else "changed")
    runs = _diff_runs(row.ops, original, later) if row.ops else _whole(later, RunKind.EQUAL)
    return make(later, _number_runs(original, later), runs, label)


# --- Runs ------------------------------------------------------------------------------------

def _whole(block: Block, kind: RunKind) -> list[RedlineRun]:
    return _styled(block, 0, block.text, kind)


def _diff_runs(ops: list[Op], original: Block | None, later: Block) -> list[RedlineRun]:
    """The word diff as runs, each in the italics of the text it comes from (a deletion in
    the original's, the rest in the later text's). A replacement whose two sides open with
    the same space keeps that space unmarked, so neither Accept nor Reject doubles it."""
    runs: list[RedlineRun] = []
    at_left = at_right = 0
    source = original or later
    for op in ops:
        if op.tag == "equal":
            # Words equal, the space before them not always: "(ISIL" against "( ISIL" next
            # to a deletion. A space only one side has is marked, so Reject All keeps words
            # apart (or together) as the original had them.
            before, after = _leading_space(op.left), _leading_space(op.right)
            if bool(before) != bool(after):
                runs.append(RedlineRun(before, RunKind.DELETED, minor=True) if before
                            else RedlineRun(after, RunKind.INSERTED, minor=True))
                runs += _styled(later, at_right + len(after), op.right[len(after):],
                                RunKind.EQUAL)
            else:
                runs += _styled(later, at_right, op.right, RunKind.EQUAL)
        else:
            removed, added = op.left, op.right
            space = _leading_space(removed)
            if op.tag == "replace" and space and space == _leading_space(added):
                runs += _styled(later, at_right, space, RunKind.EQUAL)
                removed, added = removed[len(space):], added[len(space):]
            runs += _styled(source, at_left + len(op.left) - len(removed), removed,
                            RunKind.DELETED, op.minor)
            runs += _styled(later, at_right + len(op.right) - len(added), added,
                            RunKind.INSERTED, op.minor)
        at_left += len(op.left)
        at_right += len(op.right)
    return runs


def _styled(block: Block, offset: int, text: str, kind: RunKind,
            minor: bool = False) -> list[RedlineRun]:
    """``text``, found at ``offset`` of ``block.text``, cut where the block's italics begin
    and end; all upright if it is not there (the diff's pieces always are)."""
    if not text:
        return []
    end = offset + len(text)
    if block.text[offset:end] != text:
        return [RedlineRun(text, kind, False, minor)]
    spans = italic_spans(block)
    cuts = [offset, *sorted({e for span in spans for e in span if offset < e < end}), end]
    return [RedlineRun(text[a - offset:b - offset], kind,
                       any(start <= a < stop for start, stop in spans), minor)
            for a, b in pairwise(cuts)]


def _merged(runs: Iterable[RedlineRun]) -> list[RedlineRun]:
    """Neighbouring runs that look alike as one: a Word file gets a revision per change,
    not per word."""
    out: list[RedlineRun] = []
    for run in runs:
        if out and (out[-1].kind, out[-1].italic, out[-1].minor) == (run.kind, run.italic,
                                                                    run.minor):
            out[-1] = RedlineRun(out[-1].text + run.text, run.kind, run.italic, run.minor)
        elif run.text:
            out.append(run)
    return out


def _leading_space(text: str) -> str:
    return text[: len(text) - len(text.lstrip())]


def _whole_number(block: Block, kind: RunKind) -> list[RedlineRun]:
    label = number_label(block)
    return [RedlineRun(label, kind)] if label else []


def _number_runs(original: Block | None, later: Block) -> list[RedlineRun]:
    """The later number; a renumbered paragraph shows the old number struck before it."""
    old = number_label(original) if original is not None else ""
    new = number_label(later)
    if old == new:
        return [RedlineRun(new)] if new else []
    return [run for run in (RedlineRun(old, RunKind.DELETED, minor=True),
                            RedlineRun(new, RunKind.INSERTED, minor=True)) if run.text]


# --- Plain text (the terminal) and an HTML page ----------------------------------------------

def document_line(role: str, doc: Document) -> str:
    """"Original: S/2017/1051, 21 December 2017 — Draft resolution …"."""
    return f"{role}: {doc.symbol}, {format_date(doc.date)} — {doc.title}"


def ignored_line() -> str:
    return "Not counted as differences: " + "; ".join(TYPOGRAPHY_FOLDED) + "."


def redline_text(redline: Redline, *, changes_only: bool = False) -> str:
    """The redline for a terminal: ``[-deleted-]`` and ``{+inserted+}`` as wdiff writes them,
    the margin's note in brackets before a changed paragraph."""
    lines = [redline.title, document_line("Original", redline.original),
             document_line("Revised", redline.revised), ""]
    for paragraph in redline.paragraphs:
        if changes_only and not paragraph.is_change:
            continue
        note = f"[{short_label(paragraph.block_id)}: {paragraph.label}] " if paragraph.label \
            else ""
        number = "".join(_marked_text(r) for r in paragraph.number)
        lines.append(note + (f"{number} " if number else "")
                     + "".join(_marked_text(r) for r in paragraph.runs))
    lines += ["", f"{redline.summary}.", ignored_line()]
    return "\n".join(lines)


def _marked_text(run: RedlineRun) -> str:
    if run.kind == RunKind.DELETED:
        return f"[-{run.text}-]"
    if run.kind == RunKind.INSERTED:
        return f"{{+{run.text}+}}"
    return run.text


_CSS = """
:root { color-scheme: light dark; --ins: #1f5fad; --del: #b3261e; --move: #1e7b34;
  --muted: #555; }
body { font-family: "Times New Roman", Times, serif; font-size: 12pt; line-height: 1.45;
  margin: 2em auto; max-width: 52em; padding: 0 1em; color: #000; background: #fff; }
h1 { font-size: 1.4em; margin: 0 0 .4em; }
p.meta { margin: .15em 0; }
div.para { display: grid; grid-template-columns: 9em 1fr; column-gap: 1em; margin: 0 0 .6em; }
div.para > p { margin: 0; }
div.depth1 > p { padding-left: 2.5em; } div.depth2 > p { padding-left: 5em; }
div.depth3 > p { padding-left: 7.5em; }
div.heading > p { font-weight: bold; }
span.margin { font-family: sans-serif; font-size: .78em; color: var(--muted);
  border-right: 3px solid transparent; padding-right: .5em; text-align: right; }
div.change > span.margin { border-right-color: var(--muted); }
ins { color: var(--ins); text-decoration: underline; text-decoration-thickness: 1px; }
del { color: var(--del); text-decoration: line-through; }
ins.minor, del.minor { opacity: .75; }
div.moved ins.moved { color: var(--move); text-decoration-style: double; }
div.moved del.moved { color: var(--move); text-decoration-style: double; }
@media (prefers-color-scheme: dark) {
  :root { --ins: #8ab4f8; --del: #f28b82; --move: #81c995; --muted: #aaa; }
  body { color: #e6e6e6; background: #161616; }
}
@media print {
  :root { --ins: #1f5fad; --del: #b3261e; --move: #1e7b34; --muted: #444; }
  body { margin: 0; max-width: none; color: #000; background: #fff; font-size: 11pt; }
  div.para { break-inside: avoid; }
}
"""


def redline_html(redline: Redline) -> str:
    """The redline as one self-contained page (no scripts, nothing fetched)."""
    esc = html.escape
    body = [f"<h1>{esc(redline.title)}</h1>",
            f'<p class="meta">{esc(document_line("Original", redline.original))}</p>',
            f'<p class="meta">{esc(document_line("Revised", redline.revised))}</p>',
            f'<p class="meta">{esc(redline.summary)}. {esc(ignored_line())}</p>',
            '<p class="meta">Legend: <ins>inserted</ins>, <del>deleted</del>; a moved paragraph '
            'is marked where it was and where it went.</p>', "<hr>"]
    for paragraph in redline.paragraphs:
        classes = ["para", f"depth{min(paragraph.depth, 3)}", paragraph.kind.value]
        if paragraph.is_change:
            classes.append("change")
        if paragraph.move:
            classes.append("moved")
        number = "".join(_html_run(r, paragraph) for r in paragraph.number)
        text = "".join(_html_run(r, paragraph) for r in paragraph.runs)
        body.append(f'<div class="{" ".join(classes)}"><span class="margin">'
                    f"{esc(paragraph.label)}</span><p>{number}{'&ensp;' if number else ''}"
                    f"{text}</p></div>")
    return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(redline.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")


def _html_run(run: RedlineRun, paragraph: RedlineParagraph) -> str:
    text = html.escape(run.text)
    if run.italic:
        text = f"<i>{text}</i>"
    if run.kind == RunKind.EQUAL and not (paragraph.move and paragraph.move.direction == "from"):
        return text
    moved = paragraph.move is not None and (
        run.kind == RunKind.EQUAL or paragraph.move.direction == "to")
    tag = "del" if run.kind == RunKind.DELETED else "ins"
    classes = " ".join(c for c in ("moved" if moved else "", "minor" if run.minor else "") if c)
    return f'<{tag} class="{classes}">{text}</{tag}>' if classes else f"<{tag}>{text}</{tag}>"


def export_redline(comparison: Comparison, path: Path) -> Path:
    """Write the redline in the format ``path``'s suffix names: a Word file with tracked
    changes for .docx, else an HTML page (given .html if it had no such suffix)."""
    path = Path(path)
    redline = build_redline(comparison)
    if path.suffix.lower() == ".docx":
        from corpus.compare.redline_docx import export_redline_docx

        export_redline_docx(redline, path)
        return path
    if path.suffix.lower() not in (".html", ".htm"):
        path = path.with_suffix(".html")
    page = redline_html(redline)
    write_atomically(path, lambda tmp: tmp.write_text(page, encoding="utf-8"))
    return path
