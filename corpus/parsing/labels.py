"""The labels that number a resolution's paragraphs, as they are printed and as OCR damages them.

An operative paragraph is numbered "12." (OCR: "12,"); a sub-paragraph is lettered "(b)" (OCR:
"(6)"), numbered in Roman "(ii)" (OCR: "(1)" for "(i)") or in Arabic "(2)", or set off by a dash;
an annex numbers its paragraphs "6." or "(6)". A label may stand alone on its line, the text on
the next: the most common layout of a PDF's text layer. Which label may come next, and under
which paragraph, is the structure pass's decision; this module only reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: "12. Decides", "12, Decides" (OCR), "12.Decides"; never "12 (2001)" or "1373 (2001)".
OPERATIVE = re.compile(r"^(\d{1,5})[.,](?:\s+|(?=[A-Z]))(?=\S)")
#: A number OCR damaged: letters for digits ("ll.", "S."), or its full stop lost ("2 Requests");
#: group 2 is the full stop, when there is one.
DAMAGED_OPERATIVE = re.compile(r"^([0-9lILSZiOo]{1,5})([.,])?\s+(?=[A-Z])")
_OCR_DIGITS = str.maketrans("lILSZiOo", "11152100")
#: A number alone on its line, its paragraph's text on the next.
ALONE = re.compile(r"^(?:\d{1,5}\.|\([a-z]{1,4}\)|\(\d{1,2}\)|[a-z]\))$")
#: "(a) ", "(ii) ", "(2) ", "a) "; the label is group 1 (or 2 for the unbracketed form).
SUBPARAGRAPH = re.compile(r"^(?:\(([a-z]{1,4}|\d{1,2})\)|([a-z])\))(?:\s+|$)")
DASH = re.compile(r"^[-–—•]\s+(?=\S)")

_ROMAN = re.compile(r"^(?=[ivxl])(?:x{0,3})(?:ix|iv|v?i{0,3})$")
#: What OCR makes of a letter in parentheses, by the letter it should be.
_OCR_LETTERS = {"b": "6", "i": "1l", "l": "1i", "o": "0", "g": "9", "s": "5", "c": "e", "e": "c"}


@dataclass(frozen=True)
class Label:
    """A sub-paragraph label: ``style`` is "letter", "roman", "number" or "dash"."""

    style: str
    value: str  # "b", "ii", "2", "–"


def ocr_number(written: str) -> int | None:
    """The number OCR meant by ``written`` ("ll" → 11), or None if it is not one."""
    digits = written.translate(_OCR_DIGITS)
    return int(digits) if digits.isdigit() else None


def sub_label(text: str) -> tuple[str, int] | None:
    """The raw label of a sub-paragraph at the start of ``text`` and where its text begins."""
    match = SUBPARAGRAPH.match(text)
    if match:
        return match.group(1) or match.group(2), match.end()
    dash = DASH.match(text)
    if dash:
        return "–", dash.end()
    return None


def is_roman(value: str) -> bool:
    return bool(_ROMAN.match(value))


def roman_value(value: str) -> int:
    numerals = {"i": 1, "v": 5, "x": 10, "l": 50}
    total = 0
    for i, ch in enumerate(value):
        number = numerals[ch]
        total += -number if i + 1 < len(value) and numerals[value[i + 1]] > number else number
    return total


def to_roman(number: int) -> str:
    out = ""
    for value, numeral in ((50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"),
                           (1, "i")):
        while number >= value:
            out += numeral
            number -= value
    return out


def next_in_style(label: Label) -> str:
    """The label that follows ``label`` in its own series."""
    if label.style == "letter":
        return chr(ord(label.value) + 1) if label.value < "z" else "aa"
    if label.style == "roman":
        return to_roman(roman_value(label.value) + 1)
    if label.style == "number":
        return str(int(label.value) + 1)
    return "–"


def reads_as(raw: str, expected: str) -> bool:
    """Whether OCR could have printed ``expected`` as ``raw`` ("(6)" for "(b)")."""
    if raw == expected:
        return True
    if len(expected) == 1 and raw in _OCR_LETTERS.get(expected, ""):
        return True
    # Roman numerals with one letter misread: "(1i)" for "(ii)", "(1)" for "(i)".
    return len(raw) == len(expected) and all(
        r == e or (e == "i" and r in "1l") for r, e in zip(raw, expected, strict=True))
