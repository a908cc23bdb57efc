"""From raw blocks to the paragraphs of a resolution: the pass every raw form shares.

A raw block may start a paragraph or continue one cut by a page break (in whatever case, after
whatever punctuation), so the decision is made from what a new unit looks like in this part of
the document, never from case or punctuation alone. The parts of a resolution, in order:

* the title block (symbol, date, meeting; a draft's sponsors), up to the intro line "The
  Security Council," — which may lack its comma, or be missing (a resolution of 1946 opens
  with its first paragraph);
* preambular paragraphs, each closed by a comma (or an OCR'd full stop) and opened by a phrase
  of UN drafting ("Recalling", "Deeply concerned", "Dismayed by …");
* operative paragraphs, numbered "12." (OCR: "12,", a number alone on its line) or, in the
  oldest resolutions and in one that adopts a declaration, unnumbered and opened by a verb
  ("Resolves", "Adopts"); sub-paragraphs "(a)", nested "(i)", dash items; section headings;
* parts "A", "B", each with a preamble of its own and operative paragraphs;
* closing lines ("Adopted at the 1382nd meeting.", "101st plenary meeting" / "26 June 2018");
* annexes ("Annex B" and a title), whose paragraphs are their own, never the resolution's;
* footnotes, wherever a page ended.

Where a text separates its paragraphs by blank lines (a scan's OCR, a PDF's text layer), a blank
line is evidence of a new paragraph, weighed with the rest; in wrapped PDF text without them a
paragraph begins only where the one before visibly closed. Everything else continues the unit
before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from corpus.errors import SourceError
from corpus.model import Block, BlockKind, NoteMark
from corpus.parsing import labels
from corpus.parsing.footnotes import FOOTNOTE_TEXT, marker_rich, take_plain_marks
from corpus.parsing.phrases import (
    INTRO,
    RESOLUTION_HEADING,
    common_operative_verb,
    operative_verb,
    preambular_phrase,
    unnumbered_operative,
)
from corpus.parsing.rawblock import RawBlock
from corpus.parsing.repair import LINE_END_HYPHEN
from corpus.parsing.sponsors import parse_sponsors
from corpus.parsing.styled import Styled, join

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_TO_DIGIT = str.maketrans(_SUPERSCRIPTS, "0123456789")
_FOOTNOTE = re.compile(rf"^([{_SUPERSCRIPTS}]+)\s*")
_NOTE = re.compile(r"^\*\s+")
_MARKS = re.compile(rf"[{_SUPERSCRIPTS}]+")
#: "0.05 m³", "25 km²": a power of a unit, not a footnote marker.
_UNIT_POWER = re.compile(r"\d\s?(?:[kcm]?m|ft|in)$")
_TRAILING_MARK = rf"(?:[{_SUPERSCRIPTS}]+|(?:\s\d{{1,3}}/?)+|\d{{1,2}}/)?"
_CLOSED = re.compile(
    rf"(?:[,;:.][”’\"')]*(?:{_TRAILING_MARK}|\d{{1,2}}(?:\s\d{{1,3}})*)|[,;] and)$")
_PLENARY = re.compile(r"^(\d+(?:st|nd|rd|th) (?:plenary )?meeting)\s+(.+)$")
_WHEREAS = re.compile(r"^Whereas\b")
_ADOPTED = re.compile(r"^Adopted (?:at|by|unanimously|without)\b")
#: An unnumbered lead-in to numbered paragraphs: "Resolves:", "Decides:", "Therefore".
_LEAD_IN = re.compile(r"^(?:\w+ ){0,3}\w+:$|^Therefore,?$")
_PART = re.compile(r"^([A-Za-z])\.?$")
_ANNEX = re.compile(r"^(?:ANNEX|Annex)(?:\s+([A-Z]|[IVX]{1,5}|\d{1,2}))?\.?$")
#: Lines of a title block, for a resolution that has no intro line to end it.
_TITLE_LINES = [RESOLUTION_HEADING, *(re.compile(p) for p in (
    r"^(?:of|on) \d{1,2}\s*\S+\s+\d{4}\.?$",
    r"^Adopted by the .*(?:meeting|session)",
    r"^\[.*\]$",
    r"^[A-Z][A-Z0-9 ,.'’()&/:-]{2,}$",
    r"^United Nations\b",
    r"^Distr\.",
    r"^\d{1,2} [A-Z][a-z]+ \d{4}$",
))]


@dataclass
class _Unit:
    kind: BlockKind
    line: int
    parts: list[Styled] = field(default_factory=list)
    number: str | None = None
    label: labels.Label | None = None  # a sub-paragraph's or annex item's label
    level: int = 0  # 1 under an operative paragraph, 2 nested under a sub-paragraph
    part: str | None = None
    annex: str | None = None

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
    raw = _merge_lone_labels([RawBlock(b.text.strip(), b.line, b.gap, b.footnote) for b in raw
                              if b.text.strip()])
    if not raw:
        raise SourceError(path, "the text is empty")
    intro_at = next((i for i, b in enumerate(raw[:400]) if b.footnote is None
                     and INTRO.match(_flat(b.text).text)), None)
    if intro_at is not None:
        # "Whereas …" paragraphs may come before the intro (S/RES/70 (1949)).
        start = next((i for i, b in enumerate(raw[1:intro_at], start=1)
                      if _WHEREAS.match(_flat(b.text).text) and (b.gap or not wrapped)), intro_at)
    else:
        start = _end_of_title_block(raw)
        if start is None:
            raise SourceError(path, "no preamble intro such as “The Security Council,” was found "
                              "before the paragraphs", line=raw[0].line)
    front, body = raw[:start], raw[start:]
    front_units = _front_units(front, wrapped)
    units = front_units + _Body(body, wrapped, front_units[-1].part if front_units else None
                                ).units()
    blocks = _blocks(units, wrapped, repair)
    if not any(b.kind == BlockKind.OPERATIVE for b in blocks) and not stops_short(blocks):
        last = body[-1].line if body else raw[-1].line
        raise SourceError(path, "no operative paragraph (“1. Decides …”) follows the preamble",
                          line=last)
    sponsors = next((s for b in blocks if b.kind == BlockKind.TITLE
                     for s in [parse_sponsors(b.text)] if s), [])
    return Structure(blocks, sponsors)


def stops_short(blocks: list[Block]) -> bool:
    """A resolution whose text ends after its preamble (a scan missing its last page): it
    names itself ("Resolution 565 (1985)") and its preamble opens as UN drafting does, but no
    operative paragraph follows. Kept, so the reader has what there is; a text with none of
    this is not a resolution at all."""
    named = any(b.kind == BlockKind.TITLE and RESOLUTION_HEADING.match(b.text) for b in blocks)
    drafted = [b for b in blocks if b.kind == BlockKind.PREAMBULAR and b.verb]
    return named and len(drafted) >= 2


def _flat(text: Styled) -> Styled:
    return text.sub(r"\s*\n\s*", " ")


def _merge_lone_labels(raw: list[RawBlock]) -> list[RawBlock]:
    """"1." alone on its line with the text on the next (a PDF's text layer): one line. A
    label stands where a paragraph begins: after a blank line or a line that closed, never in
    mid-sentence ("… by 30 October" / "1976." is a year that wrapped)."""
    merged: list[RawBlock] = []
    for block in raw:
        previous = merged[-1] if merged else None
        before = merged[-2] if len(merged) > 1 else None
        if (previous is not None and previous.footnote is None and block.footnote is None
                and labels.ALONE.match(previous.text.text)
                and (previous.gap or before is None or _closes(before.text.text))):
            merged[-1] = RawBlock(previous.text + Styled.plain(" ") + block.text, previous.line,
                                  previous.gap)
        else:
            merged.append(block)
    return merged


def _end_of_title_block(raw: list[RawBlock]) -> int | None:
    """Where the paragraphs begin in a resolution without an intro line: after the title
    lines ("Resolution 462 (1980)", "RESOLUTION 781 (1992)" / "Adopted by …")."""
    for i, block in enumerate(raw[:20]):
        text = _flat(block.text).text
        if not any(p.match(text) for p in _TITLE_LINES):
            return i if i else None
    return None


def _front_units(front: list[RawBlock], wrapped: bool) -> list[_Unit]:
    units: list[_Unit] = []
    for block in front:
        text = _flat(block.text)
        if _NOTE.match(text.text):
            units.append(_Unit(BlockKind.NOTE, block.line, [text.sub(_NOTE, "")]))
        elif (part := _PART.match(text.text)) and block is front[-1]:
            # "A" just before the intro: the first part of a resolution in parts.
            units.append(_Unit(BlockKind.PART, block.line, [text], part.group(1),
                               part=part.group(1)))
        elif wrapped and units and units[-1].kind == BlockKind.TITLE:
            units[-1].parts.append(text)  # the letterhead is gone: the rest is one title line
        else:
            units.append(_Unit(BlockKind.TITLE, block.line, [text]))
    return units


class _Body:
    """The state of reading the body, one raw block at a time."""

    def __init__(self, body: list[RawBlock], wrapped: bool, part: str | None = None) -> None:
        self.body = body
        self.wrapped = wrapped
        #: Blank lines separate paragraphs here, not wrapped lines as in some extractions
        #: (S/RES/2322 (2016) puts one after every line): most of them follow a line that
        #: closed a paragraph.
        self.gapped = wrapped and _blank_lines_separate_paragraphs(body)
        #: The operative paragraphs are numbered (the first number may be lost to OCR).
        resolution = body[:next((i for i, b in enumerate(body)
                                 if _ANNEX.match(_flat(b.text).text)), len(body))]
        self.numbered = any((match := labels.OPERATIVE.match(_flat(b.text).text))
                            and match.group(1) in ("1", "2") for b in resolution)
        self.flow: list[_Unit] = []
        self.aside: list[_Unit] = []  # footnotes and notes, which stand where a page ended
        self.last_op = 0
        self.op_seen = False
        self.in_preamble = True  # before the first operative paragraph (of the part)
        self.part = part
        self.annex: str | None = None
        self.closed_at_end = False  # the closing lines have begun

    # --- what has been read so far ---------------------------------------------------------

    @property
    def current(self) -> _Unit | None:
        return self.flow[-1] if self.flow else None

    def previous_closed(self) -> bool:
        current = self.current
        return current is None or current.kind in (BlockKind.INTRO, BlockKind.PART,
                                                   BlockKind.ANNEX, BlockKind.HEADING) or bool(
            _closes(current.text()))

    def fresh(self, block: RawBlock) -> bool:
        """The layout says a paragraph may begin here: a blank line before it where blank
        lines separate paragraphs, or the intro line, a part's letter or an annex's heading."""
        current = self.current
        return not self.wrapped or (self.gapped and block.gap) or current is None or (
            current.kind in (BlockKind.INTRO, BlockKind.PART, BlockKind.ANNEX))

    # --- the pass --------------------------------------------------------------------------

    def units(self) -> list[_Unit]:
        footnote_unit: _Unit | None = None
        for index, block in enumerate(self.body):
            text = _flat(block.text)
            flat = text.text
            if block.footnote is not None:  # the raw form knows it whole: nothing follows on
                self._footnote(block.line, block.footnote, text)
                footnote_unit = None
                continue
            if footnote_unit is not None and self.wrapped and not block.gap and (
                    self.closed_at_end or not footnote_unit.text().endswith(".")) and not (
                    FOOTNOTE_TEXT.match(flat)):
                footnote_unit.parts.append(text)  # a note's text wrapped onto the next line
                continue
            footnote_unit = None
            if self._read_footnote_text(block, flat, text):
                footnote_unit = self.aside[-1]
                continue
            self._read(index, block, text, flat)
        return self.flow + self.aside

    def _footnote(self, line: int, number: str, text: Styled) -> _Unit:
        unit = _Unit(BlockKind.FOOTNOTE, line, [text], number)
        self.aside.append(unit)
        return unit

    def _read_footnote_text(self, block: RawBlock, flat: str, text: Styled) -> bool:
        """A footnote's text in a scan or PDF text: "1/ S/24476, annex." anywhere, "27 One
        member …" once the closing lines have begun."""
        match = FOOTNOTE_TEXT.match(flat)
        current = self.current
        at_end = self.closed_at_end or (
            self.op_seen and current is not None and current.text().rstrip().endswith(".")
            and current.kind in (BlockKind.OPERATIVE, BlockKind.SUBPARAGRAPH))
        if not match or not (match.group(2) or at_end):
            return False
        if not match.group(2) and int(match.group(1)) == self.last_op + 1 and (
                unnumbered_operative(flat[match.end():])):
            return False  # "2 Requests …": the next paragraph, its full stop lost
        if not match.group(2) and self.current is not None and (
                self.current.kind == BlockKind.ANNEX_PARAGRAPH):
            return False
        self._footnote(block.line, match.group(1), text[match.end():])
        return True

    def _read(self, index: int, block: RawBlock, text: Styled, flat: str) -> None:
        current = self.current
        closed = self.previous_closed()
        fresh = self.fresh(block)
        footnote = _FOOTNOTE.match(flat)
        operative = labels.OPERATIVE.match(flat)
        sub = labels.sub_label(flat)

        if footnote and not self.wrapped:
            number = footnote.group(1).translate(_SUPER_TO_DIGIT)
            self._footnote(block.line, number, text[footnote.end():])
        elif _NOTE.match(flat) and not self.op_seen:
            self.aside.append(_Unit(BlockKind.NOTE, block.line, [text.sub(_NOTE, "")]))
        elif self.in_preamble and INTRO.match(flat) and closed:
            # The intro; after "Whereas …" paragraphs (S/RES/70), or again in each part of a
            # resolution in parts (S/RES/161).
            self.flow.append(_Unit(BlockKind.INTRO, block.line, [text], part=self.part))
        elif (annex := _ANNEX.match(flat)) and (self.op_seen or self.closed_at_end) and (
                closed or fresh):
            self.annex = annex.group(1) or ""
            self.flow.append(_Unit(BlockKind.ANNEX, block.line, [text], annex=self.annex))
        elif self.annex is not None:
            self._read_annex(index, block, text, flat, closed, fresh)
        elif (part := _PART.match(flat)) and closed and (fresh or not self.wrapped) and (
                self.op_seen or any(u.kind == BlockKind.PREAMBULAR for u in self.flow)) and (
                part.group(1) in "ABCDEFGH" or self._next_part() == part.group(1).upper()):
            self.part = part.group(1).upper()
            self.closed_at_end = False
            self.in_preamble = True
            self.flow.append(_Unit(BlockKind.PART, block.line, [Styled.plain(self.part)],
                                   self.part, part=self.part))
        elif operative and (number := self._operative_number(
                index, int(operative.group(1)), closed, fresh, flat[operative.end():])):
            self._start_operative(block, text[operative.end():], str(number))
        elif (damaged := self._damaged_label(index, flat, closed, fresh)) is not None:
            self._start_operative(block, text[damaged:], str(self.last_op + 1))
        elif self.op_seen and not self.closed_at_end and sub and (
                unit := self._subparagraph(block, text, sub, closed, fresh)):
            self.flow.append(unit)
        elif self.in_preamble and self.numbered and closed and _LEAD_IN.match(flat) and (
                flat == "Therefore" or unnumbered_operative(flat)):
            self._start_operative(block, text, None)  # "Resolves:" before "1. That …"
        elif self.in_preamble and self._starts_preambular(flat, closed, fresh):
            self.flow.append(_Unit(BlockKind.PREAMBULAR, block.line, [text], part=self.part))
        elif not self.numbered and not self.closed_at_end and (
                (closed and fresh and (unnumbered_operative(flat) or (
                    sub and not self.op_seen and unnumbered_operative(flat[sub[1]:]))))
                or ((closed or block.gap) and common_operative_verb(flat))):
            self._start_operative(block, text, None)
        elif (self.op_seen and not self.closed_at_end
              and _is_heading(flat, closed, self.body[index + 1:], self.last_op)):
            self.flow.append(_Unit(BlockKind.HEADING, block.line, [text], part=self.part))
        elif self._starts_closing(current, flat, closed or fresh or block.gap):
            self.closed_at_end = True
            for line in re.split(r"\s*\n\s*", block.text.text):
                self.flow.extend(_closing_units(line, block.line))
        elif current is None or current.kind in (BlockKind.INTRO, BlockKind.PART):
            self.flow.append(_Unit(BlockKind.PREAMBULAR, block.line, [text], part=self.part))
        else:
            current.parts.append(text)

    def _starts_preambular(self, flat: str, closed: bool, fresh: bool) -> bool:
        if preambular_phrase(flat) and (closed or not self.wrapped):
            return True
        # By the shape of drafting: a capitalised paragraph after one that closed, where the
        # layout says a paragraph begins ("Dismayed by …", "Gravely concerned.").
        return self.gapped and fresh and closed and flat[:1].isupper() and not (
            unnumbered_operative(flat) and not self.numbered)

    def _starts_closing(self, current: _Unit | None, flat: str, apart: bool) -> bool:
        if current is None:
            return False
        if current.kind == BlockKind.CLOSING:
            return True
        if self.op_seen and apart and (_ADOPTED.match(flat) or _PLENARY.match(flat + " x")):
            return True  # "Adopted at the 1551st meeting" after a paragraph the OCR left open
        return (current.kind in (BlockKind.OPERATIVE, BlockKind.SUBPARAGRAPH)
                and current.text().rstrip().endswith(".") and not flat[:1].islower()
                and self.op_seen)

    def _operative_number(self, index: int, number: int, closed: bool, fresh: bool,
                          rest: str) -> int | None:
        """The number of the operative paragraph a label starts, or None if the label is not
        one ("… resolution\\n1373 (2001)" in wrapped text is just a number)."""
        if self.annex is not None or (self.closed_at_end and number != 1 and
                                      number != self.last_op + 1):
            return None
        expected = self.last_op + 1
        if number == expected:
            return number
        if number == 1 and self.part is not None and self.flow[-1].kind != BlockKind.OPERATIVE:
            return number  # a part that numbers its paragraphs afresh
        if closed and (fresh or not self.wrapped) and self._next_number(index) == expected + 1:
            return expected  # OCR misread it ("8." between "4." and "6.")
        if number > self.last_op and closed and (fresh or not self.wrapped):
            return number
        # OCR misread the number ("17." for "11."): a paragraph visibly begins here, opened
        # by a verb; it is the next one, and the numbering goes on from it.
        if self.op_seen and closed and fresh and rest[:1].isupper() and operative_verb(rest):
            return self.last_op + 1
        return None

    def _damaged_label(self, index: int, flat: str, closed: bool, fresh: bool) -> int | None:
        """Where the text of the next operative paragraph begins when OCR damaged or lost its
        number: "ll." or "S." for "11." and "5.", "2 Requests" without its full stop, or no
        number at all before a paragraph that opens with a verb when the one after is numbered
        as if it were there. None if this is not such a paragraph."""
        if not (self.numbered and closed) or self.annex is not None or self.closed_at_end:
            return None
        expected = self.last_op + 1
        label = labels.DAMAGED_OPERATIVE.match(flat)
        if label and labels.ocr_number(label.group(1)) == expected and (
                (fresh and label.group(2)) or unnumbered_operative(flat[label.end():])):
            return label.end()
        if fresh and unnumbered_operative(flat) and self._next_number(index) == expected + 1:
            return 0
        return None

    def _next_number(self, index: int) -> int | None:
        for block in self.body[index + 1:index + 80]:
            match = labels.OPERATIVE.match(_flat(block.text).text)
            if match and (block.gap or not self.gapped):
                return int(match.group(1))
        return None

    def _start_operative(self, block: RawBlock, text: Styled, number: str | None) -> None:
        if number is not None:
            self.last_op = int(number)
        self.op_seen = True
        self.in_preamble = False
        self.closed_at_end = False
        self.flow.append(_Unit(BlockKind.OPERATIVE, block.line, [text], number, part=self.part))

    def _subparagraph(self, block: RawBlock, text: Styled, sub: tuple[str, int], closed: bool,
                      fresh: bool) -> _Unit | None:
        """A sub-paragraph when its label comes next at some level under the paragraph being
        read: "(a)" opening a list, the letter after the last, "(i)" under a lettered one."""
        raw, end = sub
        current = self.current
        if current is None:
            return None
        siblings = self._open_lists()
        lead_in = current.text().rstrip()
        opens = lead_in.endswith(":") or fresh or (not self.wrapped and closed) or (
            lead_in.endswith((";", ",")) and current.kind == BlockKind.SUBPARAGRAPH)
        candidates: list[tuple[int, labels.Label]] = []
        for level, last in siblings:  # continue a list, innermost first
            expected = labels.next_in_style(last)
            if labels.reads_as(raw, expected) and (closed or fresh):
                candidates.append((level, labels.Label(last.style, expected)))
            elif last == labels.Label("roman", "i") and raw == "2" and (closed or fresh):
                # "(1)" opened a list of numbers, not a Roman one misread: "(2)" says so.
                self._relabel(level, labels.Label("number", "1"))
                candidates.append((level, labels.Label("number", "2")))
        if not candidates and opens:
            start = _first_label(raw)
            if start is not None:
                level = 1 if current.kind == BlockKind.OPERATIVE else current.level + 1
                if current.kind == BlockKind.SUBPARAGRAPH and current.label and (
                        current.label.style == start.style):
                    level = current.level  # a second list at the same depth restarts
                if level <= 3:
                    candidates.append((level, start))
        if not candidates:
            return None
        level, label = candidates[0]
        return _Unit(BlockKind.SUBPARAGRAPH, block.line, [text[end:]], label.value, label,
                     level, part=self.part)

    def _next_part(self) -> str | None:
        return chr(ord(self.part) + 1) if self.part else None

    def _paragraph_lines(self, index: int) -> list[RawBlock]:
        """The lines from ``index`` to the next blank line, in a text whose blank lines
        separate paragraphs; else the one line."""
        if not self.gapped:
            return [self.body[index]]
        end = index + 1
        while end < len(self.body) and not self.body[end].gap and end - index < 40:
            end += 1
        return self.body[index:end]

    def _relabel(self, level: int, label: labels.Label) -> None:
        unit = next(u for u in reversed(self.flow) if u.kind == BlockKind.SUBPARAGRAPH
                    and u.level == level)
        unit.label, unit.number = label, label.value

    def _open_lists(self) -> list[tuple[int, labels.Label]]:
        """The last label at each open level, innermost first."""
        found: dict[int, labels.Label] = {}
        for unit in reversed(self.flow):
            if unit.kind == BlockKind.OPERATIVE:
                break
            if unit.kind == BlockKind.SUBPARAGRAPH and unit.label and unit.level not in found:
                if any(level < unit.level for level in found):
                    continue  # a deeper list closed by a shallower item
                found[unit.level] = unit.label
        return sorted(found.items(), key=lambda item: -item[0])

    def _read_annex(self, index: int, block: RawBlock, text: Styled, flat: str, closed: bool,
                    fresh: bool) -> None:
        current = self.current
        numbered = re.match(r"^(?:(\d{1,3})\.|\((\d{1,3})\))\s+(?=\S)", flat)
        sub = labels.sub_label(flat)
        group = self._paragraph_lines(index)
        whole = " ".join(_flat(b.text).text for b in group)
        heading_like = (len(whole.split()) <= 20 and ". " not in whole
                        and flat[:1].isupper() and (closed or fresh)
                        and not re.search(r"[,;.]$", _flat(group[-1].text).text))
        if _ADOPTED.match(flat) and (closed or fresh):  # the closing lines after an annex
            self.annex = None
            self.closed_at_end = True
            self.flow.extend(_closing_units(flat, block.line))
            return
        if numbered and (closed or fresh):
            number = numbered.group(1) or numbered.group(2)
            self.flow.append(_Unit(BlockKind.ANNEX_PARAGRAPH, block.line,
                                   [text[numbered.end():]], number, annex=self.annex))
        elif sub and (closed or fresh) and not sub[0].isdigit():
            label = labels.Label("roman" if labels.is_roman(sub[0]) and sub[0] != "i" else
                                 "letter", sub[0])
            self.flow.append(_Unit(BlockKind.ANNEX_PARAGRAPH, block.line, [text[sub[1]:]],
                                   label=label, level=1, annex=self.annex))
        elif heading_like and (current is None or current.kind == BlockKind.ANNEX or
                               fresh or not self.wrapped):
            self.flow.append(_Unit(BlockKind.HEADING, block.line, [text], annex=self.annex))
        elif (current is not None and current.kind == BlockKind.HEADING and self.wrapped
              and not fresh and current.annex is not None and (
                  flat[:1].islower() or heading_like)):
            current.parts.append(text)  # a title wrapped over two lines
        elif current is not None and current.kind == BlockKind.ANNEX_PARAGRAPH and not (
                (fresh and closed) or (not self.wrapped and closed)):
            current.parts.append(text)
        else:
            self.flow.append(_Unit(BlockKind.ANNEX_PARAGRAPH, block.line, [text],
                                   annex=self.annex))


def _closes(text: str) -> bool:
    """Whether a paragraph's text ends as a finished paragraph does ("…,", "…; 28", "…, and").
    Only its end is looked at: a paragraph may be a whole page long."""
    return bool(_CLOSED.search(text[-60:].rstrip()))


def _blank_lines_separate_paragraphs(body: list[RawBlock]) -> bool:
    after = [body[i - 1].text.text.rstrip() for i, block in enumerate(body) if i and block.gap]
    if len(after) < max(1, 0.03 * len(body)):
        return False
    closed = sum(1 for text in after if _closes(text) or text.endswith(")")
                 or len(text.split()) <= 6)  # a heading, a label, a part's letter
    return closed >= 0.6 * len(after)


def _first_label(raw: str) -> labels.Label | None:
    """The label a new list may open with."""
    if raw == "a" or raw in ("–",):
        return labels.Label("letter" if raw == "a" else "dash", raw)
    if labels.reads_as(raw, "i"):
        return labels.Label("roman", "i")
    if raw == "1":
        return labels.Label("number", "1")
    return None


def _is_heading(text: str, previous_closed: bool, following: list[RawBlock], last_op: int) -> bool:
    if not previous_closed or _closes(text) or not text[:1].isupper():
        return False
    if len(text.split()) > 20:
        return False
    upcoming = next((_flat(b.text).text for b in following), "")
    match = labels.OPERATIVE.match(upcoming)
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
    """A unit's lines as one text: a space between, or, after a wrapped line's end hyphen, the
    mark the repair resolves against the vocabulary."""
    pieces: list[Styled] = []
    for i, part in enumerate(parts):
        if i:
            previous = pieces[-1]
            if wrapped and previous.text.endswith("-"):
                pieces[-1] = previous[:-1]
                pieces.append(Styled.plain(LINE_END_HYPHEN))
            else:
                pieces.append(Styled.plain(" "))
        pieces.append(part)
    return join(pieces)


class _Ids:
    """Block ids: stable, unique, and readable as citations ("op9.b.ii", "annexB.6")."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.counters: dict[str, int] = {}

    def count(self, key: str) -> int:
        self.counters[key] = self.counters.get(key, 0) + 1
        return self.counters[key]

    def unique(self, wanted: str) -> str:
        candidate, n = wanted, 1
        while candidate in self.used:
            n += 1
            candidate = f"{wanted}-{n}"
        self.used.add(candidate)
        return candidate


def _blocks(units: list[_Unit], wrapped: bool, repair: Callable[[Styled], Styled]) -> list[Block]:
    blocks: list[Block] = []
    ids = _Ids()
    heading: str | None = None
    parents: dict[int, str] = {}  # level → id of the latest block at that level
    restarted: set[str] = set()  # parts that number their operative paragraphs afresh
    known = frozenset(u.number for u in units if u.kind == BlockKind.FOOTNOTE and u.number)
    numbered = any(u.kind == BlockKind.OPERATIVE and u.number for u in units)
    loose = marker_rich([p.text for u in units for p in u.parts])
    for unit in units:
        styled = repair(_joined(unit.parts, wrapped))
        if unit.kind == BlockKind.FOOTNOTE:
            text, marks = styled, ()
        else:
            text, marks = _take_marks(styled)
            if not marks:  # a text that has superscript markers has no others
                text, marks = take_plain_marks(text, known, loose=loose)
        block = Block(id="", kind=unit.kind, text=text.text, number=unit.number, line=unit.line,
                      emphasis=text.spans(), notes=marks, part=unit.part, annex=unit.annex)
        if unit.kind == BlockKind.OPERATIVE:
            prefix = f"{unit.part}." if unit.part in restarted else ""
            if unit.number == "1" and unit.part and any(
                    b.kind == BlockKind.OPERATIVE for b in blocks):
                restarted.add(unit.part)
                prefix = f"{unit.part}."
            if unit.number:
                block.id = ids.unique(f"{prefix}op{unit.number}")
            elif numbered:  # the lead-in of numbered paragraphs: "Resolves:"
                block.id = ids.unique(f"{prefix}lead{ids.count('lead')}")
            else:
                block.id = ids.unique(f"{prefix}op{ids.count('op-unnumbered')}")
            parents = {0: block.id}
            leading = _leading_italic(text)
            block.verb = operative_verb(text.text, leading)
            if leading:
                block.emphasis = tuple(s for s in block.emphasis if s.start != 0)
        elif unit.kind == BlockKind.SUBPARAGRAPH:
            parent = parents.get(unit.level - 1) or parents.get(0) or "op"
            label = unit.number if unit.label is None or unit.label.style != "dash" else (
                f"d{ids.count(parent + '-dash')}")
            block.id, block.parent = ids.unique(f"{parent}.{label}"), parent
            parents = {lvl: i for lvl, i in parents.items() if lvl < unit.level}
            parents[unit.level] = block.id
        elif unit.kind == BlockKind.PREAMBULAR:
            block.id = ids.unique(f"pp{ids.count('pp')}")
            block.verb = preambular_phrase(text.text)
        elif unit.kind == BlockKind.HEADING:
            if unit.annex is not None:
                block.id = ids.unique(f"annex{unit.annex}.h{ids.count('h' + unit.annex)}")
            else:
                block.id = heading = ids.unique(f"h{ids.count('h')}")
        elif unit.kind == BlockKind.PART:
            block.id = ids.unique(f"part{unit.number}")
        elif unit.kind == BlockKind.ANNEX:
            block.id = ids.unique(f"annex{unit.annex}")
            parents = {}
        elif unit.kind == BlockKind.ANNEX_PARAGRAPH:
            block.id = _annex_id(unit, ids, parents)
            block.parent = parents.get(0) if unit.level else None
            if unit.number:
                parents = {0: block.id}
        elif unit.kind == BlockKind.FOOTNOTE:
            block.id = ids.unique(f"fn{unit.number}")
        elif unit.kind == BlockKind.INTRO:
            block.id = ids.unique("intro")
        else:
            prefix = {BlockKind.TITLE: "t", BlockKind.NOTE: "n", BlockKind.CLOSING: "c"}[unit.kind]
            block.id = ids.unique(f"{prefix}{ids.count(prefix)}")
        if unit.kind in (BlockKind.OPERATIVE, BlockKind.SUBPARAGRAPH):
            block.heading = heading
        blocks.append(block)
    return blocks


def _annex_id(unit: _Unit, ids: _Ids, parents: dict[int, str]) -> str:
    base = f"annex{unit.annex}"
    if unit.number:
        return ids.unique(f"{base}.{unit.number}")
    if unit.level and unit.label and parents.get(0):
        return ids.unique(f"{parents[0]}.{unit.label.value}")
    return ids.unique(f"{base}.p{ids.count(base + '-p')}")


def _leading_italic(text: Styled) -> str | None:
    if not text.italic or not text.italic[0]:
        return None
    end = text.italic.index(False) if False in text.italic else len(text)
    return text.text[:end]


def _take_marks(text: Styled) -> tuple[Styled, tuple[NoteMark, ...]]:
    """Lift footnote markers (``¹⁰``) out of the prose, remembering where they stood; a power
    of a unit ("0.05 m³") stays."""
    marks: list[NoteMark] = []
    pieces: list[Styled] = []
    last = removed = 0
    for match in _MARKS.finditer(text.text):
        if match.start() == 0 or _UNIT_POWER.search(text.text, 0, match.start()):
            continue
        marks.append(NoteMark(match.group().translate(_SUPER_TO_DIGIT), match.start() - removed))
        pieces.append(text[last:match.start()])
        removed += len(match.group())
        last = match.end()
    if not marks:
        return text, ()
    pieces.append(text[last:])
    return join(pieces), tuple(marks)
