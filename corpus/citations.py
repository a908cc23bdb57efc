"""Citations in the clean text of a paragraph, and their resolution to canonical symbols.

Two steps, because they depend on different things. ``find_citations`` looks at one paragraph's
text only: what it finds is cached with the parsed document. ``resolve`` needs the whole library
(is the target bundled? which year has a bare "resolution 2388"?), so it is redone whenever the
library changes, cheaply, from the cached citations.

What the official texts write, and what it becomes:

* Security Council: "resolution 2178 (2014)" -> ``S/RES/2178 (2014)``. The year is part of the
  symbol, and texts often leave it out ("Resolution 2178", "resolutions 1267 and 1989"); such a
  bare number keeps ``partial`` ``S/RES/2178`` and ``number`` ``2178`` until the library or the
  citing document supplies the year. A wrong year would be a wrong link, so none is guessed.
* General Assembly: "resolution 60/288" -> ``A/RES/60/288``; "resolutions 53/243 A and B" -> two
  citations; special and emergency special sessions "S-10/2", "ES-10/19" -> ``A/RES/S-10/2``,
  ``A/RES/ES-10/19``. The numbering before 1976 puts the session in Roman numerals: "resolution
  2286 (XXII)" -> ``A/RES/2286(XXII)``, "3362 (S-VII)" -> ``A/RES/3362(S-VII)``. That is the
  UN's own symbol for these resolutions (the Official Document System and undocs.org write it
  so, without a space); a lettered one, "2200 A (XXI)", is ``A/RES/2200(XXI)[A]`` as the UN
  Digital Library writes it, so the letter is kept. A four-digit year in brackets is the Security
  Council's, a Roman numeral a General Assembly session. The form of the number tells the body
  apart, unless the text names another body ("Human Rights Council resolution 7/36"), in which
  case the body decides or, when unknown, the citation is dropped.
* Symbols written out ("S/PRST/2015/11", "A/HRC/37/52", "A/72/L.62") are kept as written, minus
  a sentence's full stop.
* Paragraphs. Only what the text says is this document's is an ``internal`` citation: "paragraph
  47", "paragraph 84 above", "paragraphs 12 to 30 below", "paragraph 6 of the present
  resolution", "paragraph 6 of annex B" (an annex paragraph is named by its block id,
  ``annexB.6``; the only annex of a document is ``annex.6``). A paragraph of another document
  takes that document's symbol: "paragraph 6 of resolution 2178 (2014)", "resolution 748
  (1992), especially its paragraph 5 (a)", "paragraphs 2 to 4 thereof" after a resolution,
  "paragraph 3 of that resolution", "(A/80/534, para. 7)", "paragraph 28 of the report of the
  Secretary-General (S/25479)". A paragraph of something no symbol names ("article 12,
  paragraph 3, of the Rome Statute", "paragraph 51 of the report of the Secretary-General",
  "Ibid., para. 20", "in particular paragraph 1" of a declaration) is no citation: when in
  doubt, no link, since a wrong link is worse than none.

The sources are the truth: a text that says "2195 (2015)" where others say "2195 (2014)" is
kept as it says. Spans follow the official documents' own links, which cover the number and year
("1267 (1999)") rather than the word "resolution", so every member of a list is its own link.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from corpus.model import Ref

__all__ = [
    "Citation",
    "LibrarySymbols",
    "document_years",
    "find_citations",
    "plausible_sc_year",
    "record_correction",
    "resolve",
]

#: Part of the parse cache's key: bump whenever ``find_citations`` finds something else.
CITATIONS_VERSION = 2


@dataclass(frozen=True)
class Citation:
    """What the text says, before the library resolves it.

    Exactly one of ``symbol`` (complete canonical symbol), ``partial`` (a Security Council number
    whose year the text does not give) or ``internal`` (a paragraph of the citing document) says
    what is cited. Plain strings and booleans only, because the library caches citations as dicts.
    """

    start: int  # [start, end) character offsets into the text given
    end: int
    text: str  # text[start:end]
    symbol: str | None = None  # canonical symbol when the text gives it completely
    partial: str | None = None  # "S/RES/2388" for a bare Security Council number
    number: str | None = None  # "2388" for such a bare number, so the library can find its year
    #: The cited paragraph as the text numbers it ("47", "1(d)", "9(b)(ii)"), or the block id
    #: of an annex paragraph ("annexB.6", "annex.3"), which no number alone can name.
    paragraph: str | None = None
    internal: bool = False  # "paragraph 47" / "paragraph 84 above" of the same document
    #: An internal paragraph the text numbers without saying whose ("paragraph 6 above", not
    #: "of the present resolution"): inside an annex that numbers its own, the annex's.
    relative: bool = False


# --- Security Council numbering --------------------------------------------------------------

#: (resolution number, year it was adopted in) at about the start of a year. Security Council
#: resolutions are numbered in order since 1946, so a number fixes its year to within a year or
#: two; that is what tells "those listed under 2253 (2015)" from "Annex 9 (2015)".
_SC_ANCHORS: tuple[tuple[int, int], ...] = (
    (1, 1946), (79, 1950), (133, 1960), (277, 1970), (462, 1980), (646, 1990), (727, 1992),
    (975, 1995), (1284, 2000), (1334, 2001), (1581, 2005), (1903, 2010), (1963, 2011),
    (2133, 2014), (2196, 2015), (2336, 2017), (2506, 2020), (2672, 2023), (2722, 2024),
)
_SC_NUMBERS = [n for n, _ in _SC_ANCHORS]
#: Years of slack either way: the anchors are approximate and the texts carry their own slips.
_SC_SLACK = 3
#: Resolutions a year, past the last anchor.
_SC_RATE = 50


def plausible_sc_year(number: int, year: int) -> bool:
    """Whether a Security Council resolution numbered ``number`` can date from ``year``.

    Used only where the text does not say "resolution": a number and a year in brackets are a
    citation only if they fit the Council's numbering, so "Annex 9 (2015)" is not one.
    """
    if number < 1 or year < 1946:
        return False
    i = bisect.bisect_right(_SC_NUMBERS, number) - 1
    if i >= len(_SC_ANCHORS) - 1:
        last_n, last_y = _SC_ANCHORS[-1]
        expected = last_y + (number - last_n) / _SC_RATE
    else:
        (n0, y0), (n1, y1) = _SC_ANCHORS[i], _SC_ANCHORS[i + 1]
        expected = y0 + (number - n0) * (y1 - y0) / (n1 - n0)
    # ``expected`` is where in its year the number falls (2014.9 for 2195), hence the + 1.
    return expected - _SC_SLACK <= year <= expected + _SC_SLACK + 1


# --- Patterns --------------------------------------------------------------------------------

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
#: "of 28 September 2001" between the members of a list: part of neither member's link.
_DATE = rf"\s+of\s+\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}"

_BODY = (
    r"General\s+Assembly|Security\s+Council|Economic\s+and\s+Social\s+Council"
    r"|Human\s+Rights\s+Council|Assembly|Council"
)
#: The body named right before "resolution(s)": "General Assembly resolution 71/291".
_BODY_BEFORE = re.compile(rf"(?P<body>{_BODY})(?:'s|’s)?\s+$")

# A written-out symbol: "S/PRST/2015/11", "A/HRC/37/52", "A/72/L.62", "A/C.3/72/L.5/Rev.1".
# Not after a "/" or "." so that the link targets of a PDF page ("https://undocs.org/S/RES/...")
# are not read as text; each part may end in ".<digits>" but never in a bare full stop.
_SYMBOL = (
    r"(?<![\w/.\-])(?:A|S|E|ST)(?:/(?:[A-Z][A-Za-z]*(?:-\d+)?(?:\.\d+)?|\d+(?:\.\d+)?))+"
    r"(?![\w/])"
)
_SYMBOL_RE = re.compile(_SYMBOL)
#: A General Assembly session in Roman numerals, regular ("XXI"), special ("S-VII") or
#: emergency special ("ES-I"): the numbering before 1976.
_ROMAN = r"(?:E?S-)?[IVXLC]+"
_SYMBOL_TAIL = re.compile(
    r"(?P<year>\s?\((?P<y>\d{4})\))"  # S/RES/2178 (2014)
    # A/RES/2200 A (XXI), A/RES/2200(XXI), A/RES/217(III)[A]
    rf"|(?P<old>\s?(?:(?P<ol>[A-Z])\s?)?\((?P<rom>{_ROMAN})\)(?:\[(?P<bl>[A-Z])\])?)"
)

#: What may follow a General Assembly resolution's letter ("53/243 A and B", "60/288 A,",
#: "54/237 C entitled"), so that "resolution 60/288 A comprehensive review" does not read "A"
#: as a letter.
_LETTER_FOLLOWS = (
    r"(?=\s*(?:[,;:.)\]]|$)|\s+(?:and|or|of|to|on|in|by|at|as|so|that|for|from|with|under"
    r"|entitled|adopted|concerning|regarding|which|whereby|is|was|were|are|has|had|shall"
    r"|should|will|would|the|its|their)\b)"
)

_ITEM = re.compile(
    # old General Assembly numbering: 217 A (III), 2200 A (XXI), 1514 (XV), 3362 (S-VII), and
    # letters sharing a session: 3411 A and B (XXX), 3419 A to D (XXX)
    r"(?P<roman>(?P<rn>\d{1,4})\s?(?P<rls>(?:[A-Z](?:\s*,\s*|\s+(?:and|to)\s+))*)"
    rf"(?P<rl>[A-Z])?\s?\((?P<rom>{_ROMAN})\))"
    # session/number: 60/288, 53/243 A, ES-10/19, and for other bodies 2004/28, 7/36
    rf"|(?P<slash>(?P<ses>(?:ES-|S-)?\d{{1,4}})/(?P<num>\d{{1,4}})"
    rf"(?:\s(?P<sl>[A-Z]){_LETTER_FOLLOWS})?)(?![\w/])"
    # Security Council with its year ("161 A (1961)": a part of one resolution); number and
    # year may be split by a line break
    r"|(?P<dated>(?P<dn>\d{1,4})(?:\s(?P<dl>[A-Z]))?\s*\((?P<year>\d{4})\))"
    # Security Council without its year
    r"|(?P<bare>\d{1,4})(?![\w/]|\.\d)"
)
#: A lone letter continuing a lettered General Assembly resolution: the "B" of "53/243 A and B".
_LETTER = re.compile(rf"(?P<letter>[A-Z]){_LETTER_FOLLOWS}(?![\w/])")
_LETTER_SEPARATOR = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or|to)\s+")
#: The letters of "3411 A and B (XXX)", each with its offset.
_ROMAN_LETTER = re.compile(r"[A-Z]")

_SEPARATOR = re.compile(rf"(?:{_DATE})?(?P<sep>\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+|\s+)")
#: A bare number in a list must not be the start of something else: "and 2005 World Summit".
_NOT_A_BARE_MEMBER = re.compile(r"\s*(?:[A-Z0-9%]|per\b)|[-–]")

# Paragraph numbers: "47", "9 (b)", "9 (b) (ii)", "9 (b) (i-iii)"; "(6)" is how OCR reads "(b)".
_SUB = r"\((?:[a-z]{1,5}(?:\s?[-–]\s?[a-z]{1,5})?|\d)\)"
_PARAGRAPH_NUMBER = re.compile(rf"(?P<n>\d{{1,3}}(?:\s?{_SUB})*)(?![\w/])")
#: A sub-paragraph continuing the number before it: the "(b)" of "paragraph 1 (a), (b) and (c)".
_SUB_NUMBER = re.compile(rf"(?P<n>{_SUB}(?:\s?{_SUB})*)(?![\w/])")
_SUB_PARTS = re.compile(r"\(([^)]*)\)")
_PARAGRAPH_SEPARATOR = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or|to)\s+|\s*[-–—]\s*")

# What follows the numbers. "of" the present resolution, a resolution or a symbol may come after
# a comma ("paragraphs 2 and 3, of resolution 678 (1990)"); "of" anything else may not, since
# "pursuant to paragraph 5, of a quantity of petroleum" is the citing document's paragraph 5.
_OF = r"(?:\s*,)?\s+of\s+"
_ABOVE = re.compile(r"\s+(?:above|below)\b")
#: What "of" or "to" may name: this resolution, a resolution, a document by its symbol.
_SELF = r"(?:the\s+present|this)\s+resolution\b"
_A_RESOLUTION = (rf"(?:(?:its|the)\s+)?(?:(?P<body>{_BODY})(?:'s|’s)?\s+)?"
                 r"(?P<lead>resolutions?)\s+")
_A_DOCUMENT = rf"(?:(?:the\s+)?document\s+)?(?={_SYMBOL})"
_OF_OR_TO = r"\s+(?:of|to)\s+"
_OF_SELF = re.compile(rf"{_OF}{_SELF}")
_OF_ANNEX = re.compile(
    r"\s+of\s+(?:the\s+)?[Aa]nnex(?:\s+(?P<label>[A-Z]|[IVXLC]+|\d{1,2})(?!\w))?(?![\w-])"
)
_TO_SELF = re.compile(rf"{_OF_OR_TO}{_SELF}")
_TO_RESOLUTION = re.compile(rf"{_OF_OR_TO}{_A_RESOLUTION}")
_TO_SYMBOL = re.compile(rf"{_OF_OR_TO}{_A_DOCUMENT}")
_TO_OTHER = re.compile(r"\s+(?:of|to)\b")
_OF_RESOLUTION = re.compile(rf"{_OF}{_A_RESOLUTION}")
#: "paragraph 3 of that resolution": the resolution the paragraph last cited.
_OF_THAT_RESOLUTION = re.compile(
    r"(?:\s*,)?\s+(?:of\s+)?(?:that|the\s+said|the\s+same|the\s+above-mentioned"
    r"|the\s+aforementioned|the\s+aforesaid)\s+resolution\b"
)
_OF_SYMBOL = re.compile(rf"{_OF}{_A_DOCUMENT}")
#: "of the report of the Secretary-General of 26 March 1993 (S/25479)": a report named by the
#: symbol in brackets at the end of its description (no comma, no other citation between).
_OF_DESCRIBED = re.compile(rf"\s+of\s+(?P<what>[^;:()\[\],]{{1,150}})\(\s*(?={_SYMBOL})")
_REPORT_NOUN = re.compile(
    r"\b(?:reports?|letter|note|addendum|memorandum|statement|communication|document)\b",
    re.IGNORECASE,
)
_NOT_DESCRIBED = re.compile(r"\b(?:paragraphs?|resolutions?|annex|article)\b", re.IGNORECASE)
_THEREOF = re.compile(r"(?:\s*,)?\s+(?:thereof|of\s+which)\b")
_OF_OTHER = re.compile(r"\s+of\b")

# What comes before "paragraph".
_PREAMBULAR_BEFORE = re.compile(r"preambular\s+$", re.IGNORECASE)
#: "Article 2, paragraph 4", "article X, paragraph 4", "chap. III, para. 292": a paragraph of a
#: part of some instrument, never of the citing resolution.
_PART_BEFORE = re.compile(
    r"\b(?:articles?|art\.|sections?|sect\.|chapters?|chap\.|rules?|principles?|regulations?"
    r"|annex(?:es)?|appendix|part)\s+[\w.\-]{1,10}(?:\s?\([a-z0-9]{1,4}\))?\s*(?:[,.]\s*)?$",
    re.IGNORECASE,
)
#: "chap. I, resolution 1": the resolution of a conference, in the chapter of its report.
_CHAPTER_BEFORE = re.compile(r"\b(?:chap\.|chapter|sect\.|section|part)\s+[\w.\-]{1,10}\s*,\s*$",
                             re.IGNORECASE)
_PARTICULAR = (
    r"(?:in\s+particular|particularly|especially|notably|inter\s+alia|including|specifically)"
)
_PREPOSITION = r"(?:in|of|to|with|by|under)\s+"
#: Between a citation and the "paragraph" that belongs to it: "resolution 804 (1993), in
#: particular paragraph 15", "resolution 748 (1992), especially its paragraph 5 (a)",
#: "(A/80/401, para. 6)". A bare "and" is not enough: "resolution 1540 (2004) and paragraph 3"
#: may well be the citing document's.
_CONNECTOR = re.compile(
    rf"\s*,\s*"
    rf"|(?:{_DATE})?\s*(?:,\s*)?(?:(?:and|as\s+well\s+as)\s+)?"
    rf"(?:{_PARTICULAR}\s*(?:,\s*)?(?:{_PREPOSITION})?(?:its\s+)?|(?:{_PREPOSITION})?its\s+)"
)
#: "in particular paragraph 1", "its paragraph 5" with no citation right before: of something
#: the text names otherwise (a declaration, a report), unless it is this resolution.
_PARTICULAR_BEFORE = re.compile(
    rf"(?:\b{_PARTICULAR}\s*(?:,\s*)?(?:{_PREPOSITION})?(?:its\s+)?"
    r"(?:the\s+(?:provisions|terms)\s+of\s+(?:its\s+)?)?|\bits\s+)$",
    re.IGNORECASE,
)
_SELF_BEFORE = re.compile(r"(?:the\s+present|this)\s+resolution\s*(?:,\s*)?(?:and\s+)?$")
_SELF = re.compile(r"\b(?:the\s+present|this)\s+resolution\b")
#: A gap that names another document between a citation and "thereof" ("resolution 1373 (2001)
#: and the report of the Secretary-General, in particular paragraph 5 thereof").
_OTHER_NOUN = re.compile(
    r"\b(?:reports?|letter|note|declaration|agreement|statement|convention|charter|plan"
    r"|protocol|programme|communiqu|memorandum|accords?|conclusions|proposals?|document|annex"
    r"|decision|treaty|statute|covenant)",
    re.IGNORECASE,
)
#: How far back "thereof" and "its paragraph" look for what they refer to.
_ANTECEDENT_REACH = 120

_TRIGGER = re.compile(
    r"(?P<para>\b(?:[Pp]aragraphs?|[Pp]aras?\.)(?=\s+\d))"
    r"|(?P<lead>\b[Rr]esolutions?\b)"
    rf"|(?P<symbol>{_SYMBOL})"
    r"|(?P<loose>(?<![\w/.\-(])\d{1,4}\s*\(\d{4}\)(?!\w))"
)

_SC_DATED = re.compile(r"S/RES/(?P<n>\d+) \((?P<y>\d{4})\)")
_SPACE = re.compile(r"\s+")
_AND = re.compile(r"\b(?:and|or)\b")
_DIGIT = re.compile(r"\d")


# --- Finding ---------------------------------------------------------------------------------


@dataclass
class _Item:
    """One member of a list after "resolution(s)", with what it canonically is (if anything)."""

    start: int
    end: int
    kind: str  # "roman", "slash", "letter", "dated", "bare"
    symbol: str | None = None
    partial: str | None = None
    number: str | None = None
    base: str | None = None  # "A/RES/53/243" for a lettered GA item, for a following "and B"
    year: int | None = None  # the year of a dated Security Council item


def _body(text: str, start: int) -> str | None:
    """The body named right before ``start`` ("Security Council" -> "SC"), or None."""
    match = _BODY_BEFORE.search(text, max(0, start - 80), start)
    return _normal_body(match.group("body")) if match else None


def _normal_body(body: str | None) -> str | None:
    if body is None:
        return None
    body = " ".join(body.split())
    return {
        "General Assembly": "GA",
        "Assembly": "GA",
        "Security Council": "SC",
        "Economic and Social Council": "ECOSOC",
        "Human Rights Council": "HRC",
    }.get(body, "Council")  # a bare "Council": the Security Council in a GA text, or not


def _old_symbol(prefix: str, number: str, session: str, letter: str | None) -> str:
    """``A/RES/2286(XXII)``, ``A/RES/2200(XXI)[A]``: the UN's symbols of the old numbering."""
    return f"{prefix}/{number}({session})" + (f"[{letter}]" if letter else "")


def _roman_items(match: re.Match[str], body: str | None) -> list[_Item]:
    """"2286 (XXII)" is one item; "3411 A and B (XXX)" one per letter, the last one's span
    running to the session."""
    prefix = {"ECOSOC": "E/RES", None: "A/RES", "GA": "A/RES"}.get(body)
    number, session = match.group("rn"), match.group("rom")
    if not match.group("rls"):
        symbol = _old_symbol(prefix, number, session, match.group("rl")) if prefix else None
        return [_Item(match.start(), match.end(), "roman", symbol=symbol)]
    letters = [(m.start(), m.end(), m.group()) for m in
               _ROMAN_LETTER.finditer(match.group("rls"))]
    base = match.start("rls")
    spans = [(match.start() if i == 0 else base + s, base + e, letter)
             for i, (s, e, letter) in enumerate(letters)]
    if match.group("rl"):
        spans.append((match.start("rl"), match.end(), match.group("rl")))
    else:  # "3411 A and (XXX)" cannot be: the last letter carries the session
        return []
    return [_Item(s, e, "roman",
                  symbol=_old_symbol(prefix, number, session, letter) if prefix else None)
            for s, e, letter in spans]


def _make_items(match: re.Match[str], body: str | None, *, loose: bool) -> list[_Item]:
    """Canonicalise one list member (a lettered old one may be several), or [] when it is not
    a member at all.

    A member whose body cannot be told (a session/number after "Council") still returns an item
    without a symbol: it is text of the list, so the list goes on after it, but it is no link.
    """
    start, end = match.start(), match.end()
    if match.group("roman"):
        return [] if loose else _roman_items(match, body)
    if match.group("slash"):
        if loose:
            return []
        session, number, letter = match.group("ses"), match.group("num"), match.group("sl")
        is_session = session.startswith(("ES-", "S-")) or int(session) < 1946
        if body == "HRC":
            base = f"A/HRC/RES/{session}/{number}"
        elif body == "ECOSOC" and not is_session:
            base = f"E/RES/{session}/{number}"
        elif body in (None, "GA") and is_session:
            base = f"A/RES/{session}/{number}"
        else:
            return [_Item(start, end, "slash")]
        if letter:
            return [_Item(start, end, "slash", symbol=f"{base} {letter}", base=base)]
        return [_Item(start, end, "slash", symbol=base)]
    if body not in (None, "SC", "Council"):
        # "General Assembly resolution 2178 (2014)" is no Security Council resolution, and no
        # General Assembly symbol can be made from it either.
        return [_Item(start, end, "dated" if match.group("dated") else "bare")]
    if match.group("dated"):
        number, year = int(match.group("dn")), int(match.group("year"))
        if loose and (match.group("dl") or not plausible_sc_year(number, year)):
            return []
        if not 1946 <= year <= 2199 or number < 1:
            return []
        return [_Item(start, end, "dated", symbol=f"S/RES/{number} ({year})",
                      number=str(number), year=year)]
    if loose:
        return []
    number = int(match.group("bare"))
    if number < 1:
        return []
    return [_Item(start, end, "bare", partial=f"S/RES/{number}", number=str(number))]


def _parse_list(text: str, pos: int, body: str | None, *, loose: bool = False) -> list[_Item]:
    """The members of a list of resolutions starting at ``pos`` (just past "resolutions ").

    Lists run "1267 (1999), 1325 (2000) ... and 2379 (2017)", sometimes with commas missing
    ("1566 (2004) 1624 (2005)") or dates between members ("1373 (2001) of 28 September 2001,").
    A member after a bare space must carry its year, and a bare number after dated members only
    ends a list ("and 2178"), so that "resolution 2178 (2014) 2015 Madrid" stops at 2178.
    ``loose`` is for a list that no "resolution" introduces: every member then needs a year
    plausible for its number.
    """
    match = _ITEM.match(text, pos)
    items = _make_items(match, body, loose=loose) if match else []
    if not items:
        return []
    item = items[-1]
    while True:
        nxt: list[_Item] = []
        if item.base and (gap := _LETTER_SEPARATOR.match(text, item.end)):
            letter = _LETTER.match(text, gap.end())
            if letter:
                nxt = [_Item(letter.start(), letter.end(), "letter",
                             symbol=f"{item.base} {letter.group('letter')}", base=item.base)]
        if not nxt:
            sep = _SEPARATOR.match(text, item.end)
            if not sep:
                break
            match = _ITEM.match(text, sep.end())
            nxt = _make_items(match, body, loose=loose) if match else []
            if not nxt or not _continues(text, item, nxt[0], sep.group("sep")):
                break
        items += nxt
        item = nxt[-1]
    return items


def _continues(text: str, previous: _Item, candidate: _Item, gap: str) -> bool:
    """Whether ``candidate``, after ``gap`` ("," / " and " / a bare space), carries a list on.

    Only a member of the same form may follow a bare space (commas go missing in lists of dated
    resolutions, and a dated one must then fit the Council's numbering). A bare number must not
    start something else ("and 2005 World Summit"), and after dated members it is accepted only
    as the last one ("... (2001) and 2178"), never as one more number after a comma.
    """
    spaced_only = not gap.strip()
    if spaced_only and candidate.kind != previous.kind:
        return False
    if candidate.kind == "dated":
        if previous.kind not in ("dated", "bare"):
            return False
        if spaced_only and candidate.year is not None and candidate.number is not None:
            return plausible_sc_year(int(candidate.number), candidate.year)
        return True
    if candidate.kind == "bare":
        if spaced_only or _NOT_A_BARE_MEMBER.match(text, candidate.end):
            return False
        if previous.kind == "bare":
            return True
        with_and = _AND.search(gap) is not None
        return previous.kind == "dated" and with_and and len(candidate.number or "") >= 3
    return True


def _to_citations(text: str, items: Iterable[_Item]) -> list[Citation]:
    return [
        Citation(i.start, i.end, text[i.start:i.end], symbol=i.symbol, partial=i.partial,
                 number=i.number if i.partial else None)
        for i in items
        if i.symbol or i.partial
    ]


def _symbol_citation(text: str, match: re.Match[str]) -> Citation | None:
    """A written-out symbol, with the year or session a Security Council or old General Assembly
    symbol carries after it ("S/RES/2178 (2014)", "A/RES/217 A (III)", "A/RES/2286(XXII)")."""
    symbol, end = match.group(), match.end()
    if not _DIGIT.search(symbol):
        return None
    tail = _SYMBOL_TAIL.match(text, end)
    if re.fullmatch(r"S/RES/\d+", symbol):
        if tail and tail.group("year"):
            return Citation(match.start(), tail.end(), text[match.start():tail.end()],
                            symbol=f"{symbol} ({tail.group('y')})")
        number = symbol.rsplit("/", 1)[1]
        return Citation(match.start(), end, symbol, partial=symbol, number=number)
    if re.fullmatch(r"[AE]/RES/\d+", symbol) and tail and tail.group("old"):
        prefix, number = symbol.rsplit("/", 1)
        letter = tail.group("ol") or tail.group("bl")
        return Citation(match.start(), tail.end(), text[match.start():tail.end()],
                        symbol=_old_symbol(prefix, number, tail.group("rom"), letter))
    return Citation(match.start(), end, symbol, symbol=symbol)


@dataclass
class _Cited:
    """What a paragraph belongs to: another document (``symbol`` or ``partial`` with its
    ``number``) or, ``internal``, the citing one."""

    symbol: str | None = None
    partial: str | None = None
    number: str | None = None
    internal: bool = False
    relative: bool = False  # see Citation.relative

    @classmethod
    def of(cls, citation: Citation) -> _Cited:
        if citation.internal:
            return cls(internal=True, relative=citation.relative)
        return cls(citation.symbol, citation.partial, citation.number)


def _is_resolution(citation: Citation) -> bool:
    return not citation.internal and (citation.partial is not None
                                      or "/RES/" in (citation.symbol or ""))


def _annex_id(label: str, number: str) -> str:
    """"B", "6(a)" -> "annexB.6.a"; "" for a document's only annex -> "annex.6.a"."""
    head, _, _ = number.partition("(")
    subs = "".join(f".{part}" for part in _SUB_PARTS.findall(number))
    return f"annex{label}.{head}{subs}"


def _paragraph_labels(text: str, trigger: re.Match[str]) -> list[re.Match[str]] | None:
    """The numbers after "paragraph(s)" ("5, 6 and 7 (a)", "16-19", "1 (a), (b) and (c)"), or
    None. A sub-paragraph alone ("(b)") continues the number before it, even after a singular
    "paragraph": "paragraph 129 (a) to (s)"."""
    plural = trigger.group().lower().startswith(("paragraphs", "paras"))
    gap = _SPACE.match(text, trigger.end())
    match = _PARAGRAPH_NUMBER.match(text, gap.end()) if gap else None
    numbers: list[re.Match[str]] = []
    while match:
        numbers.append(match)
        sep = _PARAGRAPH_SEPARATOR.match(text, match.end())
        if not sep:
            break
        match = _SUB_NUMBER.match(text, sep.end())
        if match is None and plural:
            match = _PARAGRAPH_NUMBER.match(text, sep.end())
    return numbers or None


def _label(match: re.Match[str], previous: str | None) -> str:
    """"7 (a)" -> "7(a)"; a sub-paragraph alone replaces the last level of the number before
    it: "(b)" after "1(a)" -> "1(b)", "(ii)" after "59(c)(i)" -> "59(c)(ii)"."""
    label = _SPACE.sub("", match.group("n"))
    if label.startswith("(") and previous:
        depth = label.count("(")
        parts = previous.split("(")
        return "(".join(parts[:max(1, len(parts) - depth)]) + label
    return label


def _paragraphs(text: str, trigger: re.Match[str], found: Sequence[Citation],
                last_resolution: Citation | None) -> tuple[list[Citation], int]:
    """Citations of paragraphs from a "paragraph(s)" at ``trigger``, and where reading goes on.

    ``found`` are the citations before it in the text, ``last_resolution`` the last single
    resolution cited ("that resolution"). What the paragraph belongs to is read after the
    numbers first ("above", "of the present resolution", "of annex B", "of resolution …",
    "thereof", "of the report … (S/25479)", "of" anything else), then before them ("Article 2,",
    "resolution 804 (1993), in particular", "its"); only a plain "paragraph 47" is the citing
    document's without saying so. "para." is how footnotes cite other documents: it is never
    taken as the citing document's without "above", "below" or "of the present resolution".
    """
    numbers = _paragraph_labels(text, trigger)
    if numbers is None:
        return [], trigger.end()
    pos = numbers[-1].end()
    labels: list[str] = []
    for m in numbers:
        labels.append(_label(m, labels[-1] if labels else None))
    starts = [trigger.start()] + [m.start() for m in numbers[1:]]
    ends = [m.end() for m in numbers]

    def cite(end: int, cited: _Cited, annex: str | None = None) -> list[Citation]:
        """One citation per paragraph number; the last one's span runs to ``end``."""
        spans = zip(starts, [*ends[:-1], end], strict=True)
        return [Citation(s, e, text[s:e], symbol=cited.symbol, partial=cited.partial,
                         number=cited.number if cited.partial else None,
                         paragraph=label if annex is None else _annex_id(annex, label),
                         internal=cited.internal, relative=cited.relative and annex is None)
                for (s, e), label in zip(spans, labels, strict=True)]

    own = _Cited(internal=True)
    here = _Cited(internal=True, relative=True)  # "paragraph 6 above", "paragraph 47"
    if _PREAMBULAR_BEFORE.search(text, max(0, trigger.start() - 20), trigger.start()):
        return [], pos

    # --- what follows the numbers
    if m := _ABOVE.match(text, pos):
        return cite(m.end(), here), m.end()
    if m := _OF_SELF.match(text, pos):
        return cite(m.end(), own), m.end()
    if m := _OF_ANNEX.match(text, pos):
        return _annex_paragraphs(text, m, cite)
    if m := _OF_RESOLUTION.match(text, pos):
        items = _parse_list(text, m.end(), _normal_body(m.group("body")))
        if not items:
            return [], m.start("lead")
        first, rest = items[0], items[1:]
        if not (first.symbol or first.partial):
            return _to_citations(text, rest), items[-1].end
        cited = _Cited(first.symbol, first.partial, first.number)
        return cite(first.end, cited) + _to_citations(text, rest), items[-1].end
    if m := _OF_THAT_RESOLUTION.match(text, pos):
        if last_resolution is None:
            return [], m.end()
        return cite(m.end(), _Cited.of(last_resolution)), m.end()
    if (m := _OF_SYMBOL.match(text, pos)) and (written := _SYMBOL_RE.match(text, m.end())):
        symbol = _symbol_citation(text, written)
        if symbol is None:
            return [], m.end()
        return cite(symbol.end, _Cited.of(symbol)), symbol.end
    if m := _OF_DESCRIBED.match(text, pos):
        what = m.group("what")
        written = _SYMBOL_RE.match(text, m.end())
        if (written and _REPORT_NOUN.search(what) and not _NOT_DESCRIBED.search(what)
                and (symbol := _symbol_citation(text, written))):
            end = symbol.end + 1 if text.startswith(")", symbol.end) else symbol.end
            return cite(end, _Cited.of(symbol)), end
        return [], pos
    if m := _THEREOF.match(text, pos):
        cited = _antecedent(text, trigger.start(), found)
        return (cite(m.end(), cited) if cited else []), m.end()
    if _OF_OTHER.match(text, pos):
        return [], pos

    # --- what comes before "paragraph"
    before = text[max(0, trigger.start() - 60):trigger.start()]
    if _PART_BEFORE.search(before):
        return [], pos
    previous = found[-1] if found else None
    if (previous is not None and (previous.paragraph is None or previous.internal)
            and trigger.start() - previous.end <= _ANTECEDENT_REACH
            and _CONNECTOR.fullmatch(text, previous.end, trigger.start())
            # "paragraph 3 of the present resolution, paragraph 9": the comma of a list
            and not (previous.internal and text[previous.end:trigger.start()].strip() == ",")):
        return cite(pos, _Cited.of(previous)), pos
    if particular := _PARTICULAR_BEFORE.search(before):
        if _SELF_BEFORE.search(before, 0, particular.start()):
            return cite(pos, own), pos
        return [], pos
    if "." in trigger.group():  # "para. 20" alone: "Ibid., para. 20", "1779th meeting, para. 29"
        return [], pos
    return cite(pos, here), pos


def _annex_paragraphs(text: str, annex: re.Match[str], cite) -> tuple[list[Citation], int]:
    """"paragraph 6 of annex B" (of this resolution, or of the resolution or document named
    next: "of the annex to resolution 2118 (2013)"); an annex of anything else is no citation."""
    label = annex.group("label") or ""
    end = annex.end()
    if m := _TO_SELF.match(text, end):
        return cite(m.end(), _Cited(internal=True), label), m.end()
    if m := _TO_RESOLUTION.match(text, end):
        items = _parse_list(text, m.end(), _normal_body(m.group("body")))
        if not items:
            return [], m.start("lead")
        first, rest = items[0], items[1:]
        if not (first.symbol or first.partial):
            return _to_citations(text, rest), items[-1].end
        cited = _Cited(first.symbol, first.partial, first.number)
        return cite(first.end, cited, label) + _to_citations(text, rest), items[-1].end
    if (m := _TO_SYMBOL.match(text, end)) and (written := _SYMBOL_RE.match(text, m.end())):
        symbol = _symbol_citation(text, written)
        if symbol is None:
            return [], m.end()
        return cite(symbol.end, _Cited.of(symbol), label), symbol.end
    if _TO_OTHER.match(text, end):
        return [], end
    return cite(end, _Cited(internal=True), label), end


def _antecedent(text: str, start: int, found: Sequence[Citation]) -> _Cited | None:
    """What "thereof" / "of which" after paragraph numbers at ``start`` refers to: "the present
    resolution" if the text names it since the last citation, else that citation if it is near
    and nothing else is named between; else unknown."""
    previous = next((c for c in reversed(found) if not c.internal), None)
    since = previous.end if previous else max(0, start - _ANTECEDENT_REACH)
    if _SELF.search(text, since, start):
        return _Cited(internal=True)
    if previous is None or start - previous.end > _ANTECEDENT_REACH:
        return None
    gap = text[previous.end:start]
    if ";" in gap or _OTHER_NOUN.search(gap):
        return None
    return _Cited.of(previous)


def find_citations(text: str) -> list[Citation]:
    """Every citation in one paragraph's clean text, in order, non-overlapping spans.

    One left-to-right pass: at each point the earliest of "paragraph", "resolution", a written
    symbol or a lone "NNNN (YYYY)" decides what is read next, and reading resumes after it, so a
    number is never cited twice (once in "paragraph 6 of resolution 2178", again as "2178").
    """
    found: list[Citation] = []
    last_resolution: Citation | None = None  # what "that resolution" means
    pos = 0
    while trigger := _TRIGGER.search(text, pos):
        kind = trigger.lastgroup
        if kind == "para":
            new, pos = _paragraphs(text, trigger, found, last_resolution)
        elif kind == "lead":
            gap = _SPACE.match(text, trigger.end())
            items = (_parse_list(text, gap.end(), _body(text, trigger.start())) if gap else [])
            if items and items[0].kind == "bare" and _CHAPTER_BEFORE.search(
                    text, max(0, trigger.start() - 30), trigger.start()):
                items = []  # "(… Sales No. E.96.IV.8), chap. I, resolution 1": a conference's
            new = _to_citations(text, items)
            pos = items[-1].end if items else trigger.end()
        elif kind == "symbol":
            citation = _symbol_citation(text, trigger)
            new = [citation] if citation else []
            pos = citation.end if citation else trigger.end()
        else:
            items = _parse_list(text, trigger.start(), None, loose=True)
            new = _to_citations(text, items)
            pos = items[-1].end if items else trigger.end()
        resolutions = {(c.symbol, c.partial) for c in new if _is_resolution(c)}
        if len(resolutions) == 1:
            last_resolution = next(c for c in new if _is_resolution(c))
        elif resolutions:
            last_resolution = None  # "resolutions 1267 and 1989 ... that resolution": which?
        found += new
        pos = max(pos, trigger.start() + 1)
    return found


# --- Resolving -------------------------------------------------------------------------------


def document_years(texts: Iterable[str]) -> dict[str, str]:
    """Number -> year for every Security Council resolution cited with its year in ``texts``.

    The texts are one document's paragraphs: a document that writes "resolution 2178 (2014)" in
    one place means the same resolution by "Resolution 2178" in another. A number the document
    gives two different years is left out, since either could be meant.
    """
    years: dict[str, str] = {}
    conflicting: set[str] = set()
    for text in texts:
        for citation in find_citations(text):
            match = _SC_DATED.fullmatch(citation.symbol or "")
            if not match:
                continue
            number, year = match.group("n", "y")
            if years.setdefault(number, year) != year:
                conflicting.add(number)
    return {n: y for n, y in years.items() if n not in conflicting}


def _library_years(library_symbols: Collection[str]) -> dict[str, set[str]]:
    years: dict[str, set[str]] = {}
    for symbol in library_symbols:
        if match := _SC_DATED.fullmatch(symbol):
            years.setdefault(match.group("n"), set()).add(match.group("y"))
    return years


class RecordYears(Protocol):
    """What resolving asks of the Security Council's record (corpus.record.Record)."""

    def resolution_year(self, number: int) -> int | None: ...


def record_correction(target: str | None, record: RecordYears | None) -> str | None:
    """The record's symbol for a Security Council resolution cited with another year than the
    record's ("2195 (2015)" where the record has 2195 (2014)), else None."""
    match = _SC_DATED.fullmatch(target or "") if record is not None else None
    if not match:
        return None
    year = record.resolution_year(int(match.group("n")))
    if year is None or str(year) == match.group("y"):
        return None
    return f"S/RES/{match.group('n')} ({year})"


class LibrarySymbols(frozenset):
    """The library's symbols, with Security Council numbers indexed by year once.

    ``resolve`` runs for every paragraph of the library; building the index per call made a
    warm start of a 200-document library take 1.6 s instead of a few milliseconds.
    """

    def __init__(self, symbols: Iterable[str] = ()) -> None:
        super().__init__()
        self.years_by_number = _library_years(self)


def resolve(
    citations: Sequence[Citation],
    *,
    own_symbol: str,
    library_symbols: Collection[str],
    document_years: Mapping[str, str],
    annex: str | None = None,
    record: RecordYears | None = None,
) -> list[Ref]:
    """Turn citations into :class:`corpus.model.Ref` objects, one per citation, in order.

    A paragraph of the citing document points at ``own_symbol``; inside an annex (``annex`` is
    the citing block's ``Block.annex``: "B", or "" for a document's only annex) a paragraph
    numbered without saying whose ("paragraph 6 above") is the annex's own, ``annexB.6``, since
    an annex numbers its paragraphs afresh. A complete symbol points at itself. A
    bare Security Council number takes its year from the library when exactly one bundled
    resolution has that number, else from the citing document (``document_years``); when the
    library holds several, the document's year picks among them if it is one of theirs; failing
    that, from the Security Council's ``record`` (every resolution's year, whether the library
    holds it or not). Failing all of them the reference stays unresolved, with ``partial`` kept:
    never a guessed year.

    A year the text gives is kept even where the record has another ("2195 (2015)" for 2195
    (2014)): the link is what the text says, and ``Ref.record_symbol`` names the record's.
    """
    by_number = (library_symbols.years_by_number if isinstance(library_symbols, LibrarySymbols)
                 else _library_years(library_symbols))
    refs: list[Ref] = []
    for c in citations:
        target: str | None = None
        partial: str | None = None
        paragraph = c.paragraph
        if c.internal:
            target = own_symbol
            if annex is not None and c.relative and paragraph:
                paragraph = _annex_id(annex, paragraph)
        elif c.symbol:
            target = c.symbol
        elif c.number:
            in_library = by_number.get(c.number, set())
            cited = document_years.get(c.number)
            if len(in_library) == 1:
                year: str | None = next(iter(in_library))
            elif in_library:
                year = cited if cited in in_library else None
            else:
                year = cited
            if not year and record is not None:
                found = record.resolution_year(int(c.number))
                year = str(found) if found else None
            if year:
                target = f"S/RES/{c.number} ({year})"
            else:
                partial = c.partial or f"S/RES/{c.number}"
        else:
            partial = c.partial
        refs.append(Ref(start=c.start, end=c.end, text=c.text, target=target,
                        paragraph=paragraph, partial=partial,
                        in_library=target is not None and target in library_symbols,
                        record_symbol=None if c.internal else record_correction(target, record)))
    return refs
