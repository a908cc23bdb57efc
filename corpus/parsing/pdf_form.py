"""Reader for text extracted from the PDF of an official document.

Such text is the document's lines with the page furniture in between, wherever a page ended,
even in the middle of a paragraph: running headers (the symbol, and in General Assembly
resolutions the resolution's title under or above it), footers and their job and page numbers
("17-23111 2/13", "25-15106" and "2/2" on lines of their own), the barcode "*1723111*", the
undocs.org addresses of the links on each page, the letterhead of the first page, and, in some
extractions, a blank line after every line. Footnotes stand at the foot of a page, under a line
of underscores. This module removes the furniture, hands each footnote over as one raw block
that says which footnote it is, and every other line as a raw block of its own; where
paragraphs begin is decided by the structure pass, because blank lines and indents cannot be
trusted across page breaks.
"""

from __future__ import annotations

import re
from collections import Counter

from corpus.parsing.rawblock import RawBlock
from corpus.parsing.styled import Styled

_SYMBOL = r"(?:[ASE]|ST|UNEP)/[A-Z0-9][\w./()\- ]*"
_JOB = r"\d{2}-\d{5}"
#: Page furniture wherever it stands.
_FURNITURE = [
    re.compile(r"^https?://\S+$"),  # link targets at the foot of a page: hints, never text
    re.compile(rf"^{_JOB}\s+\d+/\d+$"),  # "17-23111 2/13"
    re.compile(rf"^\d+/\d+\s+{_JOB}$"),  # "3/13 17-23111"
    re.compile(rf"^{_JOB}(?:\s*\(\w\))?(?:\s+\d{{6}})?$"),  # "17-23111 (E) 221217", "25-15106"
    re.compile(r"^\*\d{6,}\*$"),  # barcode
    re.compile(r"^Distr\.:\s*\w+.*$"),  # "Distr.: General"
]
_PAGE_NUMBER = re.compile(r"^(\d{1,3})/(\d{1,3})$")  # "2/2", "3/13": a page of so many
_SEPARATOR = re.compile(r"^_{5,}$")  # the rule over a page's footnotes
#: The letterhead: lines above the preamble only.
_LETTERHEAD = [
    re.compile(rf"^United Nations\s+{_SYMBOL}$"),
    re.compile(r"^(Security Council|General Assembly|Economic and Social Council)\s+Distr\.:.*$"),
    re.compile(r"^Original:\s*\w+$"),
    re.compile(r"^\d{1,2} [A-Z][a-z]+ \d{4}$"),
    re.compile(r"^(Security Council|General Assembly|Economic and Social Council)$"),
    re.compile(r"^United Nations$"),
    re.compile(rf"^{_SYMBOL}$"),  # the symbol on a line of its own, beside "United Nations"
    re.compile(r"^[A-Z][a-z]+(?:-[a-z]+)? (?:special |emergency special )?session$"),
    re.compile(r"^Agenda items? \d+(?:\s*\(\w\))?(?:(?:,| and) \d+(?:\s*\(\w\))?)*$"),
]
_AGENDA = re.compile(r"^Agenda items? \d")
_ADOPTED = re.compile(r"^(?:Resolution adopted by|Adopted by) ")
_STANDALONE_SYMBOL = re.compile(rf"^{_SYMBOL}$")
_INTRO = re.compile(r"^The (?:[A-Z][A-Za-z ]{3,60},|General Assembly|Security Council|"
                    r"Economic and Social Council)$")
_TITLE = re.compile(r"^\d{1,3}/\d{1,4}\.\s+(.+)$")  # "80/4. Necessity of ending …"
_FOOTNOTE_START = re.compile(r"^(\d{1,3})(?:\s+(\S.*))?$")  # "9 See resolution 70/1."
_PARAGRAPH_START = re.compile(r"^(?:\d{1,3}\.\s|\([a-z]{1,4}\)\s)")  # "12. ", "(b) "
_WORD = re.compile(r"[^\W\d_]+")

#: How many lines on either side of a running header's symbol its title may take.
_HEADER_REACH = 4


def read_pdf_text(source: str) -> list[RawBlock]:
    lines = [_clean_line(line) for line in source.splitlines()]
    furniture = _furniture(lines)
    blocks: list[RawBlock] = []
    gap = page_break = False  # blank lines around a page's furniture say nothing of paragraphs
    number = 0
    while number < len(lines):
        line = lines[number]
        if not line:
            gap = not page_break
        elif number in furniture:
            gap, page_break = False, True
        elif _SEPARATOR.match(line):
            number = _footnotes(lines, number + 1, furniture, blocks)
            gap, page_break = False, True
            continue
        else:
            blocks.append(RawBlock(Styled.plain(line), number + 1, gap=gap))
            gap = page_break = False
        number += 1
    return blocks


def _clean_line(line: str) -> str:
    line = line.replace("\u00a0", " ").replace("\f", " ").replace("\u2011", "-")
    return re.sub(r"\s+", " ", line).strip()


# --- Furniture -------------------------------------------------------------------------------


def _furniture(lines: list[str]) -> set[int]:
    """Indexes of the lines that are page furniture, not text."""
    intro = next((i for i, line in enumerate(lines) if _INTRO.match(line) or _ADOPTED.match(line)),
                 len(lines))
    headers = _running_headers(lines)
    found = {i for i, line in enumerate(lines)
             if line in headers or any(p.match(line) for p in _FURNITURE) or _is_page(line)}
    found |= {i for i, line in enumerate(lines[:intro]) if any(p.match(line) for p in _LETTERHEAD)}
    found |= _agenda_title(lines, intro)
    title = _title_words(lines[:next((i for i, line in enumerate(lines) if _INTRO.match(line)),
                                     len(lines))])
    symbols = [i for i, line in enumerate(lines) if line in headers]
    # What stands at the same place beside the symbol on two pages is header, whatever it says.
    beside = Counter(key for i in symbols for key in _beside(lines, i, found))
    for i in symbols:
        near = _beside(lines, i, found)
        for step in (1, -1):  # outwards from the symbol, as long as the lines are the title's
            for at, key in sorted(near.items(), key=lambda item: abs(item[1][0])):
                if (key[0] > 0) != (step > 0):
                    continue
                if not (_within(lines[at], title) or beside[key] >= 2):
                    break
                found.add(at)
    return found


def _is_page(line: str) -> bool:
    match = _PAGE_NUMBER.match(line)
    return bool(match) and 0 < int(match.group(1)) <= int(match.group(2))


def _running_headers(lines: list[str]) -> set[str]:
    """Lines that are nothing but a document symbol and recur: the page header."""
    counts = Counter(line for line in lines if _STANDALONE_SYMBOL.match(line))
    return {line for line, count in counts.items() if count >= 2}


def _agenda_title(lines: list[str], intro: int) -> set[int]:
    """The agenda item's title, between "Agenda item 38" and "Resolution adopted by …" of the
    letterhead (the metadata is read off the raw text, not off these blocks)."""
    start = next((i for i, line in enumerate(lines[:intro]) if _AGENDA.match(line)), None)
    if start is None:
        return set()
    end = intro if intro < len(lines) and _ADOPTED.match(lines[intro]) else None
    return set(range(start + 1, end)) if end is not None and end - start <= 8 else set()


def _title_words(front: list[str]) -> list[str]:
    """The words of the resolution's title ("80/4. Necessity of ending …", perhaps wrapped),
    which the running header of later pages repeats."""
    for i, line in enumerate(front):
        match = _TITLE.match(line)
        if match:
            text = " ".join([match.group(1), *front[i + 1:i + 4]])
            return _WORD.findall(text.lower())
    return []


def _beside(lines: list[str], at: int, found: set[int]) -> dict[int, tuple[int, str]]:
    """The lines next to a running header's symbol where the resolution's title stands (under
    it on even pages, above it on odd ones), each with its place: direction and distance."""
    near: dict[int, tuple[int, str]] = {}
    for step in (1, -1):
        i, reach = at + step, 0
        while 0 <= i < len(lines) and reach < _HEADER_REACH:
            if lines[i] and i not in found:
                reach += 1
                near[i] = (step * reach, lines[i])
            i += step
    return near


def _within(line: str, title: list[str]) -> bool:
    """Whether the line's words run, in order, somewhere in the title's words."""
    words = _WORD.findall(line.lower())
    if not words or not title or len(words) > len(title):
        return False
    return any(title[i:i + len(words)] == words for i in range(len(title) - len(words) + 1))


# --- Footnotes -------------------------------------------------------------------------------


def _footnotes(lines: list[str], start: int, furniture: set[int],
               blocks: list[RawBlock]) -> int:
    """The footnotes under a separator, each one raw block with its number; returns the index
    of the first line after them. They end where the page does (its furniture, the next
    page's header), at the end of the text or, in a text without page furniture, at a blank
    line followed by a line that does not open with a number."""
    current: tuple[str, int, list[str]] | None = None  # number, line, texts

    def emit() -> None:
        if current is not None:
            number, line, texts = current
            text = _joined(texts)
            if text:
                blocks.append(RawBlock(Styled.plain(text), line + 1, footnote=number))

    i = start
    while i < len(lines):
        line = lines[i]
        if i in furniture:
            break
        if not line:
            following = next((lines[j] for j in range(i + 1, len(lines)) if lines[j]), "")
            if not _FOOTNOTE_START.match(following.split(" ", 1)[0]):
                break
            i += 1
            continue
        match = _FOOTNOTE_START.match(line)
        if match and _next_number(match.group(1), current):
            emit()
            current = (match.group(1), i, [match.group(2) or ""])
        elif current is None or _PARAGRAPH_START.match(line):
            break  # no (more) footnotes: the text goes on
        else:
            current[2].append(line)
        i += 1
    emit()
    return i


def _next_number(number: str, current: tuple[str, int, list[str]] | None) -> bool:
    """A footnote's number comes after the one before it (a footnote's line may open with
    a number too: "1 August 2012–31 July")."""
    if current is None:
        return True
    return int(current[0]) < int(number) <= int(current[0]) + 3


def _joined(texts: list[str]) -> str:
    out = ""
    for text in texts:
        if not text:
            continue
        out = f"{out}{text}" if out.endswith(("-", "–", "/")) or not out else f"{out} {text}"
    return out
