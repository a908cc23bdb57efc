"""From raw blocks to the paragraphs of a resolution: the pass every raw form shares.

A raw block may start a paragraph or continue one cut by a page break (in whatever case, after
whatever punctuation), so the decision is made from what a new unit looks like in this part of
the document, never from case or punctuation alone:

* an operative paragraph starts with the *next* paragraph number ("12. ");
* a sub-paragraph with the next letter ("(b) ") inside the operative part;
* a preambular paragraph with an opening phrase ("Recalling", "Deeply concerned") — in wrapped
  PDF lines also only after a line that closed the previous paragraph;
* a heading is a short unpunctuated line between a finished operative paragraph and the next one;
* after the operative paragraph that ends with a full stop come the closing lines.

Everything else continues the unit before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from corpus.errors import SourceError
from corpus.model import Block, BlockKind, NoteMark
from corpus.parsing.phrases import INTRO, operative_verb, preambular_phrase
from corpus.parsing.rawblock import RawBlock
from corpus.parsing.repair import LINE_END_HYPHEN
from corpus.parsing.sponsors import parse_sponsors
from corpus.parsing.styled import Styled, join

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_TO_DIGIT = str.maketrans(_SUPERSCRIPTS, "0123456789")
_OPERATIVE = re.compile(r"^(\d{1,3})\.\s+")
_SUBPARAGRAPH = re.compile(r"^\(([a-z])\)\s+")
_FOOTNOTE = re.compile(rf"^([{_SUPERSCRIPTS}]+)\s*")
_NOTE = re.compile(r"^\*\s+")
_MARKS = re.compile(rf"[{_SUPERSCRIPTS}]+")
_CLOSED = re.compile(rf"[,;:.][”’\"')]*[{_SUPERSCRIPTS}]*$")
_PLENARY = re.compile(r"^(\d+(?:st|nd|rd|th) (?:plenary )?meeting)\s+(.+)$")


@dataclass
class _Unit:
    kind: BlockKind
    line: int
    parts: list[Styled] = field(default_factory=list)
    number: str | None = None

    def text(self) -> str:
        return self.parts[-1].text if self.parts else ""


@dataclass(frozen=True)
class Structure:
    blocks: list[Block]
    sponsors: list[str]


def build_structure(
    raw: list[RawBlock], *, path: Path, wrapped: bool, repair: Callable[[Styled], Styled]
) -> Structure:
    """Turn one source's raw blocks into blocks.

    ``wrapped`` says the raw blocks are wrapped lines (PDF text) rather than paragraphs; ``repair``
    cleans a joined paragraph (spacing, and for PDF text the in-word damage).
    """
    raw = [RawBlock(block.text.strip(), block.line) for block in raw if block.text.strip()]
    intro_at = next((i for i, b in enumerate(raw) if INTRO.match(_flat(b.text).text)), None)
    if intro_at is None:
        raise SourceError(path, "no preamble intro such as “The Security Council,” was found "
                          "before the paragraphs", line=raw[0].line if raw else None)
    front, body = raw[:intro_at], raw[intro_at + 1:]
    units = _front_units(front, wrapped) + [_Unit(BlockKind.INTRO, raw[intro_at].line,
                                                  [_flat(raw[intro_at].text)])]
    units += _body_units(body, wrapped)
    if not any(unit.kind == BlockKind.OPERATIVE for unit in units):
        last = body[-1].line if body else raw[intro_at].line
        raise SourceError(path, "no operative paragraph (“1. Decides …”) follows the preamble",
                          line=last)
    blocks = _blocks(units, wrapped, repair)
    sponsors = next((s for b in blocks if b.kind == BlockKind.TITLE
                     for s in [parse_sponsors(b.text)] if s), [])
    return Structure(blocks, sponsors)


def _flat(text: Styled) -> Styled:
    return text.sub(r"\s*\n\s*", " ")


def _front_units(front: list[RawBlock], wrapped: bool) -> list[_Unit]:
    units: list[_Unit] = []
    for block in front:
        text = _flat(block.text)
        if _NOTE.match(text.text):
            units.append(_Unit(BlockKind.NOTE, block.line, [text.sub(_NOTE, "")]))
        elif wrapped and units and units[-1].kind == BlockKind.TITLE:
            units[-1].parts.append(text)  # the letterhead is gone: the rest is one title line
        else:
            units.append(_Unit(BlockKind.TITLE, block.line, [text]))
    return units


def _body_units(body: list[RawBlock], wrapped: bool) -> list[_Unit]:
    flow: list[_Unit] = []
    aside: list[_Unit] = []  # footnotes and notes, which stand where a page ended
    last_op = 0
    for index, block in enumerate(body):
        text = block.text
        flat = _flat(text).text
        current = flow[-1] if flow else None
        previous_closed = current is None or current.kind == BlockKind.INTRO or bool(
            _CLOSED.search(current.text().rstrip()))
        in_operative = last_op > 0
        footnote = _FOOTNOTE.match(flat)
        operative = _OPERATIVE.match(flat)
        subparagraph = _SUBPARAGRAPH.match(flat)

        if footnote and not wrapped:
            number = footnote.group(1).translate(_SUPER_TO_DIGIT)
            aside.append(_Unit(BlockKind.FOOTNOTE, block.line, [_flat(text)[footnote.end():]],
                               number))
        elif _NOTE.match(flat) and not in_operative:
            aside.append(_Unit(BlockKind.NOTE, block.line, [_flat(text).sub(_NOTE, "")]))
        elif operative and _next_operative(int(operative.group(1)), last_op, previous_closed,
                                           wrapped):
            last_op = int(operative.group(1))
            flow.append(_Unit(BlockKind.OPERATIVE, block.line, [_flat(text)[operative.end():]],
                              operative.group(1)))
        elif in_operative and subparagraph and _next_letter(subparagraph.group(1), current):
            flow.append(_Unit(BlockKind.SUBPARAGRAPH, block.line,
                              [_flat(text)[subparagraph.end():]], subparagraph.group(1)))
        elif not in_operative and preambular_phrase(flat) and (previous_closed or not wrapped):
            flow.append(_Unit(BlockKind.PREAMBULAR, block.line, [_flat(text)]))
        elif in_operative and _is_heading(flat, previous_closed, body[index + 1:], last_op):
            flow.append(_Unit(BlockKind.HEADING, block.line, [_flat(text)]))
        elif (current is not None and current.kind in (BlockKind.OPERATIVE, BlockKind.SUBPARAGRAPH,
              BlockKind.CLOSING) and current.text().rstrip().endswith(".")
              and not flat[:1].islower()) or (current and current.kind == BlockKind.CLOSING):
            for line in re.split(r"\s*\n\s*", text.text):
                flow.extend(_closing_units(line, block.line))
        elif current is None or current.kind == BlockKind.INTRO:
            flow.append(_Unit(BlockKind.PREAMBULAR, block.line, [_flat(text)]))
        else:
            current.parts.append(_flat(text))
    return flow + aside


def _next_operative(number: int, last: int, previous_closed: bool, wrapped: bool) -> bool:
    if number == last + 1:
        return True
    # A gap in the numbering only where a paragraph visibly ended: a number at the start of a
    # wrapped line is otherwise just a number ("… resolution\n1373 (2001)").
    return number > last and previous_closed and not wrapped


def _next_letter(letter: str, current: _Unit | None) -> bool:
    if current is None:
        return False
    if current.kind == BlockKind.OPERATIVE:
        return letter == "a" and current.text().rstrip().endswith(":")
    if current.kind == BlockKind.SUBPARAGRAPH and current.number:
        return ord(letter) == ord(current.number) + 1
    return False


def _is_heading(text: str, previous_closed: bool, following: list[RawBlock], last_op: int) -> bool:
    if not previous_closed or _CLOSED.search(text) or not text[:1].isupper():
        return False
    if len(text.split()) > 20:
        return False
    upcoming = next((_flat(b.text).text for b in following), "")
    match = _OPERATIVE.match(upcoming)
    return bool(match) and int(match.group(1)) == last_op + 1


def _closing_units(line: str, number: int) -> list[_Unit]:
    """"101st plenary meeting 26 June 2018" may arrive as one line: it is two."""
    line = line.strip()
    if not line:
        return []
    plenary = _PLENARY.match(line)
    pieces = [plenary.group(1), plenary.group(2)] if plenary else [line]
    return [_Unit(BlockKind.CLOSING, number, [Styled.plain(piece)]) for piece in pieces]


def _joined(parts: list[Styled], wrapped: bool) -> Styled:
    result = parts[0]
    for part in parts[1:]:
        if wrapped and result.text.endswith("-"):
            result = result[:-1] + Styled.plain(LINE_END_HYPHEN) + part
        else:
            result = join([result, part], " ")
    return result


def _blocks(units: list[_Unit], wrapped: bool, repair: Callable[[Styled], Styled]) -> list[Block]:
    blocks: list[Block] = []
    counters: dict[BlockKind, int] = {}
    heading: str | None = None
    parent: str | None = None
    for unit in units:
        styled = repair(_joined(unit.parts, wrapped))
        text, marks = _take_marks(styled) if unit.kind != BlockKind.FOOTNOTE else (styled, ())
        counters[unit.kind] = counters.get(unit.kind, 0) + 1
        block = Block(id="", kind=unit.kind, text=text.text, number=unit.number, line=unit.line,
                      emphasis=text.spans(), notes=marks)
        if unit.kind == BlockKind.OPERATIVE:
            block.id = f"op{unit.number}"
            parent = block.id
            leading = _leading_italic(text)
            block.verb = operative_verb(text.text, leading)
            if leading:
                block.emphasis = tuple(s for s in block.emphasis if s.start != 0)
        elif unit.kind == BlockKind.SUBPARAGRAPH:
            block.id, block.parent = f"{parent}.{unit.number}", parent
        elif unit.kind == BlockKind.PREAMBULAR:
            block.id = f"pp{counters[unit.kind]}"
            block.verb = preambular_phrase(text.text)
        elif unit.kind == BlockKind.HEADING:
            block.id = heading = f"h{counters[unit.kind]}"
        elif unit.kind == BlockKind.FOOTNOTE:
            block.id = f"fn{unit.number}"
        elif unit.kind == BlockKind.INTRO:
            block.id = "intro"
        else:
            prefix = {BlockKind.TITLE: "t", BlockKind.NOTE: "n", BlockKind.CLOSING: "c"}[unit.kind]
            block.id = f"{prefix}{counters[unit.kind]}"
        if unit.kind in (BlockKind.OPERATIVE, BlockKind.SUBPARAGRAPH):
            block.heading = heading
        blocks.append(block)
    return blocks


def _leading_italic(text: Styled) -> str | None:
    if not text.italic or not text.italic[0]:
        return None
    end = text.italic.index(False) if False in text.italic else len(text)
    return text.text[:end]


def _take_marks(text: Styled) -> tuple[Styled, tuple[NoteMark, ...]]:
    """Lift footnote markers (``¹⁰``) out of the prose, remembering where they stood."""
    marks = []
    removed = 0
    for match in _MARKS.finditer(text.text):
        if match.start() == 0:
            continue
        number = match.group().translate(_SUPER_TO_DIGIT)
        marks.append(NoteMark(number, match.start() - removed))
        removed += len(match.group())
    if not marks:
        return text, ()
    return text.sub(rf"(?<=.)[{_SUPERSCRIPTS}]+", ""), tuple(marks)
