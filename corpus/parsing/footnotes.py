"""Footnote markers that are plain digits: how scans and PDF text layers print them.

The Markdown export sets a marker in superscript ("¹⁰"), which nothing else is; text taken from a
scan or a PDF's text layer has lost the superscript, so a marker is a number among words:
"… by 14 votes to none 27", "… of the Security Council 41 and of his letters", "the Joint
Declaration 1/ signed at Geneva" (the 1992–1994 style), glued to a word or a year
("… of the United Nations1 are", "in 20139" for 2013 and note 9). Most numbers in a resolution
are not markers ("resolution 242", "paragraph 4", "by 9 votes", "on 12 September"), so a number
is taken for a marker only

* in the "1/" style, which is nothing else; or
* when the document holds the note of that number and the number stands where a marker stands
  (after a word or closing punctuation that does not take a number: not "resolution", "of",
  "paragraph"; not before a unit: "votes", "June"); or
* without its note (the scans often lack it) only where nothing else can stand: after closing
  punctuation or a noun, before punctuation or "and"/"of".

When in doubt the number stays text: a lost marker shows as a digit, a wrong one removes a number
from the text.
"""

from __future__ import annotations

import re

from corpus.model import NoteMark
from corpus.parsing.phrases import words
from corpus.parsing.styled import Styled, join

#: The start of a footnote's text in a scan or a PDF's text layer: "27 One member …", "1/ S/24476".
FOOTNOTE_TEXT = re.compile(
    r"^(\d{1,3})(/)?\s+(?!(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\b)(?=[A-Z“\"‘(\[]|S/|A/|E/|[a-z]{2,}\.)")

_TAKES_NUMBER = words("""
resolution resolutions paragraph paragraphs para paras article articles chapter chapters annex
annexes appendix page pages p pp no nos number numbers section sections item items supplement
session sessions rule rules volume vol document documents part parts table
figure by of to and or than from until till at on in with under about some over only least all
the a an its their his her per cent hours hour days day year years months month weeks week plus
minus approximately nearly exceeding total first up point points principle principles protocol
line lines stage phase group groups zone zones sector sectors category class list level levels
amendment amendments op pp subparagraph subparagraphs clause clauses regulation regulations
series edition letter letters note notes footnote footnotes sub decision
decisions mile miles km kilometres metres battalion brigade unit units vote votes
between among into onto upon within january february march april may june july august
september october november december recommendation recommendations goal goals target targets
option options phase step steps round rounds grade
""")
_UNITS = words("""
votes vote members member abstentions abstention days day hours hour months month weeks week
years year per percent cent miles mile kilometres km metres persons people states troops
nations countries january february march april may june july august september october
november december hrs m kg tons tonnes dollars million billion thousand
""")
_FUNCTION = words("and or of to in which that the on by at for with as from who whose")

_SLASH = re.compile(r"(?<=[\w).,;:”’\"\]])( ?)(\d{1,2})/(?=[\s,.;:)]|$)")
_SPACED = re.compile(r"(?<=[A-Za-z).,;:”’\"\]]) (\d{1,3})(?=([\s,.;:)]|$))")
_AFTER_YEAR = re.compile(r"(?<=\b1[89]\d\d|\b20\d\d) (\d{1,3})(?=[\s,.;:)]|$)")
_GLUED = re.compile(r"(?<=[a-z).,;:”’\"])(\d{1,2})(?=[\s,.;:)]|$)")
_MONTH = ("January|February|March|April|May|June|July|August|September|October|November|"
          "December")
#: "3 March 56": a day and month, then a number that cannot be the year.
_AFTER_DAY_MONTH = re.compile(rf"\b\d{{1,2}} (?:{_MONTH})( (\d{{1,3}}))(?=[\s,.;:)]|$)")
_GLUED_YEAR = re.compile(r"(?<= )((?:19|20)\d\d)(\d{1,2})(?=[\s,.;:)]|$)")
#: "in documents S/10182 17 and": a marker after a symbol (only a note's number).
_AFTER_SYMBOL = re.compile(r"\b[A-Z]{1,3}(?:/[\w.]+)+( (\d{1,3}))(?=[\s,;:)]|\.?$)")
_AFTER_FULL_STOP = re.compile(r"(?<=[a-z)]\.) (\d{1,3})$")
_NEXT_MARK = re.compile(r" (\d{1,3})(?=[\s,.;:)]|$)")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W*$")
_WORD_AFTER = re.compile(r"^\W*([A-Za-z]+)")


def take_plain_marks(text: Styled, known: frozenset[str], *, loose: bool = False
                     ) -> tuple[Styled, tuple[NoteMark, ...]]:
    """``text`` without its digit footnote markers, and where they stood. ``known`` are the
    numbers of the notes the document holds; ``loose`` (a document whose markers are plainly
    numbers among words: see ``marker_rich``) also takes "the Security Council 41 and"."""
    found = _markers(text.text, known, loose)
    if not found:
        return text, ()
    marks = []
    removed = 0
    pieces = []
    last = 0
    for start, end, number in found:
        pieces.append(text[last:start])
        marks.append(NoteMark(number, start - removed))
        removed += end - start
        last = end
    pieces.append(text[last:])
    return join(pieces), tuple(marks)


def marker_rich(texts: list[str]) -> bool:
    """Whether a document prints its markers as plain numbers: at least two that can be
    nothing else (", 58 thereby", "3 March 56")."""
    count = 0
    for text in texts:
        count += sum(1 for _ in _AFTER_DAY_MONTH.finditer(text))
        count += sum(1 for m in _SPACED.finditer(text) if _after_comma_marker(text, m))
        if count >= 2:
            return True
    return False


def _after_comma_marker(text: str, match: re.Match[str]) -> bool:
    before = text[:match.start()]
    after = text[match.end():]
    return (before.endswith(",") and not re.search(r"(?:^|\s)\d{1,3},$", before)
            and bool(re.match(r"^ (?!(?:and|or|to)\b)[a-z]", after)))


def _markers(text: str, known: frozenset[str], loose: bool) -> list[tuple[int, int, str]]:
    """(start, end, number) of each marker, the span being what leaves the text."""
    spans: dict[int, tuple[int, int, str]] = {}

    def add(start: int, end: int, number: str) -> None:
        if not any(s < end and start < e for s, e, _ in spans.values()):
            spans[start] = (start, end, number)

    for match in _SLASH.finditer(text):
        add(match.start(), match.end() + 1, match.group(2))
    for match in _GLUED_YEAR.finditer(text):
        if match.group(2) in known and match.group(2) != "0":
            add(match.start(2), match.end(2), match.group(2))
    for match in _GLUED.finditer(text):
        if match.group(1) in known and not _inside_symbol(text, match.start()):
            add(match.start(1), match.end(1), match.group(1))
    for match in _AFTER_FULL_STOP.finditer(text):  # "… (Yugoslavia). 13": nothing else
        add(match.start(), match.end(), match.group(1))
    for match in _AFTER_SYMBOL.finditer(text):
        if match.group(2) in known and not re.match(r"^\s*(?:\(|-|\d)", text[match.end():]):
            add(match.start(1), match.end(1), match.group(2))
    for match in _AFTER_DAY_MONTH.finditer(text):
        add(match.start(1), match.end(1), match.group(2))
    for pattern in (_SPACED, _AFTER_YEAR):
        for match in pattern.finditer(text):
            number = match.group(1)
            if number in known:  # where a marker can stand
                marker = _stands_as_marker(text, match.start(), match.end(), number, True)
            else:  # only where nothing else can
                marker = _after_comma_marker(text, match) or (loose and _stands_as_marker(
                    text, match.start(), match.end(), number, False))
            if marker:
                add(match.start(), match.end(), number)
    # "the Congo, 21 22": a marker after a marker.
    for start in sorted(spans):
        end = spans[start][1]
        while (match := _NEXT_MARK.match(text, end)) and match.group(1) in known:
            add(match.start(), match.end(), match.group(1))
            end = match.end()
    return [spans[key] for key in sorted(spans)]


def _inside_symbol(text: str, at: int) -> bool:
    """"A/RES/70/1", "A/73/L.8", "S-10/2", "1,273": digits that go on a symbol or number."""
    if at > 0 and (text[at - 1] in "/-" or text[at - 1].isdigit() or (
            text[at - 1] in ",." and at > 1 and text[at - 2].isdigit())):
        return True
    token = text[:at].rsplit(None, 1)[-1] if text[:at].strip() else ""
    return "/" in token and text[at - 1] not in ",;:)"  # "(S/8466),45" is a marker


def _stands_as_marker(text: str, start: int, end: int, number: str, known: bool) -> bool:
    if number.startswith("0") or int(number) > 300:
        return False
    before = text[:start]
    after = text[end:]
    word_before = _WORD_BEFORE.search(before)
    previous = word_before.group(1).lower() if word_before else ""
    closing_before = bool(re.search(r"[,;.)”’\"\]]$", before))
    if not closing_before and (previous in _TAKES_NUMBER or len(previous) == 1):
        return False
    word_after = _WORD_AFTER.match(after)
    following = word_after.group(1).lower() if word_after else ""
    at_end = not after.strip() or bool(re.match(r"^\s*[,.;:)]", after))
    if following in _UNITS and not at_end:
        return False
    if re.match(r"^\s*(?:\(|-|–|\d)", after):  # "2178 (2014)", "12-15", "16 17"
        return False
    if known:
        return True
    # No note to match: only where a number cannot stand in a sentence.
    if at_end:
        return closing_before or bool(previous) and previous not in _TAKES_NUMBER
    return following in _FUNCTION and previous not in _TAKES_NUMBER and (
        closing_before or text[start - 1:start].isalpha() and _capitalised(before))


def _capitalised(before: str) -> bool:
    """The word before the number is a name ("Council", "Israel"), which takes no number."""
    word = _WORD_BEFORE.search(before)
    return bool(word) and word.group(1)[:1].isupper() and len(word.group(1)) > 2
