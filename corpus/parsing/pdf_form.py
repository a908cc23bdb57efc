"""Reader for text extracted from the PDF of an official document.

Such text is the document's lines with the page furniture in between: running headers and
footers (the symbol, "17-23111 2/13", the barcode "*1723111*"), the undocs.org addresses of the
links on each page, the letterhead of the first page, and, in some extractions, a blank line
after every line. This module removes the furniture and hands over one raw block per remaining
line; where paragraphs begin is decided by the structure pass, because blank lines and indents
cannot be trusted across page breaks.
"""

from __future__ import annotations

import re
from collections import Counter

from corpus.parsing.rawblock import RawBlock
from corpus.parsing.styled import Styled

_SYMBOL = r"(?:[ASE]|ST|UNEP)/[A-Z0-9][\w./()\- ]*"
_FURNITURE = [
    re.compile(r"^https?://\S+$"),  # link targets at the foot of a page: hints, never text
    re.compile(r"^\d{2}-\d{5}\s+\d+/\d+$"),  # "17-23111 2/13"
    re.compile(r"^\d+/\d+\s+\d{2}-\d{5}$"),  # "3/13 17-23111"
    re.compile(r"^\d{2}-\d{5}\s*\(\w\)(\s+\d{6})?$"),  # "17-23111 (E)    221217"
    re.compile(r"^\*\d{6,}\*$"),  # barcode
]
_LETTERHEAD = [
    re.compile(rf"^United Nations\s+{_SYMBOL}$"),
    re.compile(r"^(Security Council|General Assembly|Economic and Social Council)\s+Distr\.:.*$"),
    re.compile(r"^Distr\.:\s*\w+.*$"),
    re.compile(r"^Original:\s*\w+$"),
    re.compile(r"^\d{1,2} [A-Z][a-z]+ \d{4}$"),
    re.compile(r"^(Security Council|General Assembly)$"),
    re.compile(r"^United Nations$"),
]
_STANDALONE_SYMBOL = re.compile(rf"^{_SYMBOL}$")
_INTRO = re.compile(r"^The [A-Z][A-Za-z ]{3,60},$")


def read_pdf_text(source: str) -> list[RawBlock]:
    lines = [_clean_line(line) for line in source.splitlines()]
    headers = _running_headers(lines)
    intro = next((i for i, line in enumerate(lines) if _INTRO.match(line)), len(lines))
    blocks = []
    gap = False
    for number, line in enumerate(lines, start=1):
        if not line:
            gap = True
            continue
        if line in headers or any(p.match(line) for p in _FURNITURE):
            continue
        if number - 1 < intro and any(p.match(line) for p in _LETTERHEAD):
            continue
        blocks.append(RawBlock(Styled.plain(line), number, gap=gap))
        gap = False
    return blocks


def _clean_line(line: str) -> str:
    return re.sub(r"\s+", " ", line.replace("\u00a0", " ").replace("\f", " ")).strip()


def _running_headers(lines: list[str]) -> set[str]:
    """Lines that are nothing but a document symbol and recur: the page header."""
    counts = Counter(line for line in lines if _STANDALONE_SYMBOL.match(line))
    return {line for line, count in counts.items() if count >= 2}
